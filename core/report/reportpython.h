#pragma once

#include "core/report/measurements.h"
#include "core/report/report.h"

/// The report's "Python and C++" section: what the language, the GIL, asyncio, a Python process pool's
/// fixed cost and pickling did, from the py-* strategies measured beside the C++ ones.
namespace calcprof::report {

/// Whether any py-* strategy measured something: the section is written only then.
bool pythonMeasured(const Measurements& measurements);

ReportSection pythonSection(const Measurements& measurements);

} // namespace calcprof::report
