#pragma once

#include "core/report/measurements.h"
#include "core/report/report.h"

/// The report's question 3: what the pool size changes, from the sweep and the bounds.
namespace calcprof::report {

ReportSection poolSizeSection(const Measurements& measurements);

} // namespace calcprof::report
