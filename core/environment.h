#pragma once

#include "results.h"

#include <cstdint>

namespace calcprof {

/// The machine and build the measurements come from.
EnvironmentInfo currentEnvironment();

/// CPU time the whole process (all threads) has used so far.
double processCpuSeconds();

/// Peak resident set size of this process so far, in bytes.
std::int64_t peakRssBytes();

} // namespace calcprof
