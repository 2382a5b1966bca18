#include "builtinstrategies.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace calcprof {

namespace {

class PoolStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("pool"); }
    QString displayName() const override { return QStringLiteral("QtConcurrent pool"); }
    QString description() const override
    {
        return QStringLiteral("Hands the tasks, in set order, to a dedicated QThreadPool whose size is the pool-size "
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
        // creation (and teardown) of its threads is part of what a pool costs, as with the
        // original's Pool(len(set)) inside do_parallel.
        QThreadPool pool;
        pool.setMaxThreadCount(workers);
        // One QtConcurrent::run per task, queued in set order: the pool is FIFO, so this is map()
        // with a chunk size of 1, exactly what Pool.map does for len(set) workers, whereas
        // QtConcurrent::mapped() may hand several items to one thread.
        QList<QFuture<TaskTiming>> futures;
        futures.reserve(execution.taskCount());
        for (int index = 0; index < execution.taskCount(); ++index)
            futures << QtConcurrent::run(&pool, [&execution, index] { return execution.runTask(index); });
        // Wait on the pool, not on a future: QFuture::result() "steals" a task that has not started
        // and runs it on the waiting thread, which would add a worker the pool size does not allow.
        pool.waitForDone();
        std::vector<TaskTiming> timings;
        timings.reserve(static_cast<std::size_t>(futures.size()));
        for (QFuture<TaskTiming>& future : futures)
            timings.push_back(future.result()); // all finished; in set order, whatever finished first
        return timings;
    }
};

} // namespace

std::unique_ptr<Strategy> makePoolStrategy()
{
    return std::make_unique<PoolStrategy>();
}

} // namespace calcprof
