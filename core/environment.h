#pragma once

#include "results.h"

#include <cstdint>

namespace calcprof {

/// The machine and build the measurements come from.
EnvironmentInfo currentEnvironment();

/// CPU time the whole process (all threads) has used so far.
double processCpuSeconds();

/// CPU time all processes of the machine have used so far (busy time in /proc/stat, all cores), or
/// -1 where it cannot be read. Its difference over a run, minus processCpuSeconds()'s, is what other
/// processes took meanwhile.
double machineBusyCpuSeconds();

/// Peak resident set size of this process so far, in bytes.
std::int64_t peakRssBytes();

} // namespace calcprof
