#include "builtinstrategies.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <numeric>

namespace calcprof {

namespace {

class PoolStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("pool"); }
    QString displayName() const override { return QStringLiteral("QtConcurrent pool"); }
    QString description() const override
    {
        return QStringLiteral("Maps the tasks, in set order, onto a dedicated QThreadPool whose size is the pool-size "
                              "setting, like the original's Pool(size).map (auto = one worker per task, as "
                              "Pool(len(set))). Threads are cheaper to start than Python's processes, but a pool can "
                              "never finish before its longest task: with whole tasks as the unit, the largest task "
                              "bounds the speedup, and a pool smaller than the number of cores leaves cores idle.");
    }
    bool usesPoolSize() const override { return true; }
    int workerCount(int requestedPoolSize, int taskCount) const override
    {
        return requestedPoolSize > 0 ? requestedPoolSize : std::max(1, taskCount);
    }

    std::vector<TaskTiming> run(TaskExecution& execution, int workers) const override
    {
        // A pool of our own, never the global one: its size is the experiment's variable, and the
        // creation of its threads is part of what a pool costs (as in the original).
        QThreadPool pool;
        pool.setMaxThreadCount(workers);
        std::vector<int> indices(static_cast<std::size_t>(execution.taskCount()));
        std::iota(indices.begin(), indices.end(), 0);
        // mapped() (not blockingMapped) so that the calling thread never joins in as an extra worker.
        QFuture<TaskTiming> future
            = QtConcurrent::mapped(&pool, indices, [&execution](int index) { return execution.runTask(index); });
        future.waitForFinished();
        const QList<TaskTiming> results = future.results(); // in sequence order, whatever finished first
        return {results.begin(), results.end()};
    }
};

} // namespace

std::unique_ptr<Strategy> makePoolStrategy()
{
    return std::make_unique<PoolStrategy>();
}

} // namespace calcprof
