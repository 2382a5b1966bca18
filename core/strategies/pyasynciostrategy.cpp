#include "core/strategies/builtinstrategies.h"

#include "core/python/pythonstrategy.h"

namespace calcprof {

namespace {

class PyAsyncioStrategy final : public PythonStrategy
{
public:
    QString id() const override { return QStringLiteral("py-asyncio"); }
    QString displayName() const override { return QStringLiteral("Python asyncio.gather (serial in disguise)"); }
    QString description() const override
    {
        return QStringLiteral(
            "The common student attempt: asyncio.gather over one coroutine per task in the Python interpreter. "
            "Coroutines share one thread and only take turns where they await; fibo never awaits, so gather runs "
            "the tasks one after another - serial in disguise, plus the event loop's cost.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    // Coroutines that never await run one after another on the event loop's thread.
    bool computesInParallel() const override { return false; }
    int workerCount(int /*requestedPoolSize*/, int /*taskCount*/) const override { return 1; }
};

} // namespace

std::unique_ptr<Strategy> makePyAsyncioStrategy()
{
    return std::make_unique<PyAsyncioStrategy>();
}

} // namespace calcprof
