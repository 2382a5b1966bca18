#pragma once

#include "core/report/measurements.h"
#include "core/report/report.h"

/// The report's sections on compute time: before and after, questions 1 and 2, the alternatives.
namespace calcprof::report {

ReportSection beforeAfterSection(const Measurements& measurements);
ReportSection timeSpentSection(const Measurements& measurements); ///< question 1
ReportSection setSizeSection(const Measurements& measurements); ///< question 2
ReportSection alternativesSection(const Measurements& measurements);

} // namespace calcprof::report
