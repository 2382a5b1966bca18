#include "core/strategies/builtinstrategies.h"

#include "core/python/pythonstrategy.h"

#include <algorithm>

namespace calcprof {

namespace {

class PyThreadsStrategy final : public PythonStrategy
{
public:
    QString id() const override { return QStringLiteral("py-threads"); }
    QString displayName() const override { return QStringLiteral("Python threads (ThreadPoolExecutor, the GIL)"); }
    QString description() const override
    {
        return QStringLiteral(
            "concurrent.futures.ThreadPoolExecutor(size) over the set's tasks in the Python interpreter (auto = one "
            "thread "
            "per task). It makes the GIL visible: the threads take turns running Python bytecode, so fibo gets no "
            "faster than serially however many threads there are; the timeline shows the tasks stretched out side "
            "by side instead of running in parallel.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    bool usesPoolSize() const override { return true; }
    // The GIL lets one thread run Python bytecode at a time: its workers take turns.
    bool computesInParallel() const override { return false; }
    int workerCount(int requestedPoolSize, int taskCount) const override
    {
        return requestedPoolSize > 0 ? requestedPoolSize : std::max(1, taskCount);
    }
};

} // namespace

std::unique_ptr<Strategy> makePyThreadsStrategy()
{
    return std::make_unique<PyThreadsStrategy>();
}

} // namespace calcprof
