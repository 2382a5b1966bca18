#pragma once

#include "core/model/scriptrun.h"

#include <QString>

namespace calcprof {

/// The console's "your program" block: what the script's tree used, how it ended, and one row per
/// time_me line with its share of the wall time.
QString formatScriptTable(const ScriptRun& run);

/// "9 processes seen (sampled every 20 ms; sampling used 0.05 s of CPU)": the sampled figures' caveat.
QString scriptSamplingNote(const ScriptRun& run);

} // namespace calcprof
