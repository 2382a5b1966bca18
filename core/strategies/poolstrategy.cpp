#include "core/strategies/builtinstrategies.h"

#include "core/exec/annotatedthreadpool.h"

namespace calcprof {

namespace {

class PoolStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("pool"); }
    QString displayName() const override { return QStringLiteral("Qt thread pool"); }
    QString description() const override
    {
        return QStringLiteral("Hands the tasks, in set order, to a dedicated QThreadPool (the pool QtConcurrent runs "
                              "on) whose size is the pool-size setting, like the original's Pool(size).map (auto = "
                              "one worker per task, as Pool(len(set))). Threads are cheaper to start than Python's "
                              "processes, but a pool can never finish before its longest task: with whole tasks as "
                              "the unit, the largest task bounds the speedup, and a pool smaller than the number of "
                              "cores leaves cores idle.");
    }
    bool usesPoolSize() const override { return true; }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    int workerCount(int requestedPoolSize, int taskCount) const override
    {
        return requestedPoolSize > 0 ? requestedPoolSize : std::max(1, taskCount);
    }

    std::vector<TaskTiming> run(TimedTasks& execution, int workers) const override
    {
        // Declared before the pool: should start() throw midway, the pool's destructor waits for
        // the jobs already queued, and they write into it.
        std::vector<TaskTiming> timings(static_cast<std::size_t>(execution.taskCount()));
        // A pool of our own, never the global one: its size is the experiment's variable, and the
        // creation (and teardown) of its threads is part of what a pool costs, as with the
        // original's Pool(len(set)) inside do_parallel.
        AnnotatedThreadPool pool(workers, QStringLiteral("calcprof pool strategy"));
        // One job per task, queued in set order: the pool is FIFO, so this is map() with a chunk
        // size of 1, exactly what Pool.map does for len(set) workers, whereas QtConcurrent::mapped()
        // may hand several items to one thread. The calling thread only waits: unlike
        // QFuture::result(), waitForDone() never runs a queued task itself, which would add a
        // worker the pool size does not allow.
        for (int index = 0; index < execution.taskCount(); ++index) {
            pool.start(
                [&execution, &timings, index] { timings[static_cast<std::size_t>(index)] = execution.runTask(index); });
        }
        pool.waitForDone();
        return timings; // in set order, whatever finished first
    }
};

} // namespace

std::unique_ptr<Strategy> makePoolStrategy()
{
    return std::make_unique<PoolStrategy>();
}

} // namespace calcprof
