#include "core/strategies/builtinstrategies.h"

#include "core/python/pythonstrategy.h"

#include <algorithm>

namespace calcprof {

namespace {

class PyPoolStrategy final : public PythonStrategy
{
public:
    QString id() const override { return QStringLiteral("py-pool"); }
    QString displayName() const override
    {
        return QStringLiteral("Python multiprocessing.Pool (the original's do_parallel)");
    }
    QString description() const override
    {
        return QStringLiteral(
            "The original's do_parallel as written: with Pool(size) as p: p.map(calc_for_parallel, set) in the Python "
            "interpreter, the pool created and closed inside the timed span (auto = Pool(len(set))). It pays what "
            "the original pays: starting the worker processes (fork, spawn or forkserver: --py-start-method), "
            "pickling every task and result, and the pool's teardown; the timeline shades each worker's start-up, "
            "and the return trip of each result is recorded.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    bool usesPoolSize() const override { return true; }
    int workerCount(int requestedPoolSize, int taskCount) const override
    {
        return requestedPoolSize > 0 ? requestedPoolSize : std::max(1, taskCount);
    }
};

} // namespace

std::unique_ptr<Strategy> makePyPoolStrategy()
{
    return std::make_unique<PyPoolStrategy>();
}

} // namespace calcprof
