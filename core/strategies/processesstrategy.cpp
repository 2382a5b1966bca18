#include "core/strategies/builtinstrategies.h"

#include "core/processes/workerexecutable.h"
#include "core/processes/workerprocesspool.h"

#include <stdexcept>

namespace calcprof {

namespace {

class ProcessesStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("processes"); }
    QString displayName() const override { return QStringLiteral("Worker processes (like multiprocessing.Pool)"); }
    QString description() const override
    {
        return QStringLiteral(
            "The original's Pool for real: a pool of worker processes (the pool size; auto = one per task, as "
            "Pool(len(set))), spawned for each run and killed at its end, exactly like `with Pool(size)` inside "
            "do_parallel. The tasks go out in set order, one at a time, to whichever worker is free, and the "
            "results come back over a socket in a compact binary form. It teaches what a process costs: each "
            "worker must be spawned and loaded before it can take a task (the timeline shades that start-up), so "
            "on a set of microseconds of work the start-up is the whole run, while on a set of seconds it vanishes "
            "and the speedup meets the same whole-task bound as the thread pool.");
    }
    // A task function injected into this process cannot run in another one.
    bool runsTaskFunction() const override { return false; }
    bool usesPoolSize() const override { return true; }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    int workerCount(int requestedPoolSize, int taskCount) const override
    {
        return requestedPoolSize > 0 ? requestedPoolSize : std::max(1, taskCount);
    }

    std::vector<TaskTiming> run(TimedTasks& execution, int workers) const override
    {
        const WorkerExecutable executable = locateWorkerExecutable();
        if (!executable.ok())
            throw std::runtime_error(executable.error.toStdString());
        // All `workers` processes, even for fewer tasks: Python's Pool(size) starts `size` of them
        // whatever map() is given, and their start-up is what this strategy is here to show.
        WorkerProcessPool pool(executable.path, workers, execution);
        return pool.map();
    }
};

} // namespace

std::unique_ptr<Strategy> makeProcessesStrategy()
{
    return std::make_unique<ProcessesStrategy>();
}

} // namespace calcprof
