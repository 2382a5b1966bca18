#pragma once

#include "core/report/measurements.h"
#include "core/report/report.h"

/// The report's "Your program" section: what the user's own script (--script) did, from its run:
/// its time_me calls, the whole process tree's wall time, CPU, busy cores and memory, how it ended.
namespace calcprof::report {

/// Whether the experiment ran a script: the section is written only then.
bool scriptMeasured(const Measurements& measurements);

ReportSection scriptSection(const Measurements& measurements);

} // namespace calcprof::report
