#include "core/strategies/builtinstrategies.h"

#include "core/python/pythonstrategy.h"

#include <algorithm>

namespace calcprof {

namespace {

class PyFuturesStrategy final : public PythonStrategy
{
public:
    QString id() const override { return QStringLiteral("py-futures"); }
    QString displayName() const override { return QStringLiteral("Python processes (ProcessPoolExecutor)"); }
    QString description() const override
    {
        return QStringLiteral(
            "concurrent.futures.ProcessPoolExecutor(size) over the set's tasks in the Python interpreter (auto = one "
            "process per task): the modern spelling of a process pool, with the same costs as Pool - starting "
            "processes, pickling tasks and results - and processes that start on demand.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    bool usesPoolSize() const override { return true; }
    int workerCount(int requestedPoolSize, int taskCount) const override
    {
        return requestedPoolSize > 0 ? requestedPoolSize : std::max(1, taskCount);
    }
};

} // namespace

std::unique_ptr<Strategy> makePyFuturesStrategy()
{
    return std::make_unique<PyFuturesStrategy>();
}

} // namespace calcprof
