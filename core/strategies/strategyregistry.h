#pragma once

#include "core/exec/registry.h"
#include "core/strategies/strategy.h"

namespace calcprof {

using StrategyRegistry = Registry<Strategy>;

/// Adds serial, pool, threads, async, processes, mapped, tbb, mpi, then the Python strategies py-serial,
/// py-pool, py-threads, py-futures and py-asyncio, in that order.
void registerBuiltinStrategies(StrategyRegistry& registry);

/// The ids of the strategies of `registry` that run by default and can run here with default options,
/// in registry order: what a plan runs unless told otherwise (a machine without Open MPI runs all but
/// mpi; the py-* strategies run only when asked for).
QStringList availableStrategyIds(const StrategyRegistry& registry);

/// A registry holding the built-in strategies, built once on first use.
const StrategyRegistry& builtinStrategies();

} // namespace calcprof
