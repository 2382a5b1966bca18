#pragma once

#include "core/registry.h"
#include "core/strategy.h"

namespace calcprof {

using StrategyRegistry = Registry<Strategy>;

/// Adds serial, pool, threads and async, in that order.
void registerBuiltinStrategies(StrategyRegistry& registry);

/// A registry holding the built-in strategies, built once on first use.
const StrategyRegistry& builtinStrategies();

} // namespace calcprof
