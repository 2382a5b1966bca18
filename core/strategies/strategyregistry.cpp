#include "core/strategies/strategyregistry.h"

#include "core/strategies/builtinstrategies.h"

namespace calcprof {

void registerBuiltinStrategies(StrategyRegistry& registry)
{
    registry.add(makeSerialStrategy());
    registry.add(makePoolStrategy());
    registry.add(makeThreadsStrategy());
    registry.add(makeAsyncStrategy());
    registry.add(makeProcessesStrategy());
    registry.add(makeMappedStrategy());
    registry.add(makeTbbStrategy());
    registry.add(makeMpiStrategy());
    registry.add(makePySerialStrategy());
    registry.add(makePyPoolStrategy());
    registry.add(makePyThreadsStrategy());
    registry.add(makePyFuturesStrategy());
    registry.add(makePyAsyncioStrategy());
}

QStringList availableStrategyIds(const StrategyRegistry& registry)
{
    QStringList ids;
    for (const Strategy* strategy : registry.all()) {
        if (strategy->runsByDefault() && strategy->unavailableReason(StrategyOptions {}).isEmpty())
            ids << strategy->id();
    }
    return ids;
}

const StrategyRegistry& builtinStrategies()
{
    static const StrategyRegistry registry = [] {
        StrategyRegistry builtin;
        registerBuiltinStrategies(builtin);
        return builtin;
    }();
    return registry;
}

} // namespace calcprof
