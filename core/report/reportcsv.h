#pragma once

#include "core/report/measurements.h"
#include "core/report/report.h"

/// The report's section on the CSV writer: each mode's throughput and memory.
namespace calcprof::report {

ReportSection csvSection(const Measurements& measurements);

} // namespace calcprof::report
