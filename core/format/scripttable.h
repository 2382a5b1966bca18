#pragma once

#include "core/model/scriptrun.h"

#include <QString>

namespace calcprof {

/// The console's "your program" block: what the script's tree used, how it ended, and one row per
/// time_me line with its share of the wall time.
QString formatScriptTable(const ScriptRun& run);

/// The chart's two-line title: "Your program: student.py · exited with status 0 after 12.34 s" and
/// "CPU 20.13 s = 1.63 of 2 cores busy · 9 processes seen · peak memory 1.40 GB (largest process),
/// 2.10 GB (all at once)".
QString scriptHeadline(const ScriptRun& run, int cores);

/// "9 processes seen (sampled every 20 ms; sampling used 0.05 s of CPU)": the sampled figures' caveat.
QString scriptSamplingNote(const ScriptRun& run);

} // namespace calcprof
