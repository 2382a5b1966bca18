#include "core/strategies/builtinstrategies.h"

#include "core/forkjoin.h"
#include "core/splittasks.h"

#include <QThread>

#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

namespace calcprof {

namespace {

class TbbStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("tbb"); }
    QString displayName() const override { return QStringLiteral("oneTBB fork-join"); }
    QString description() const override
    {
        return QStringLiteral(
            "Runs the tasks as oneTBB tasks in a task_arena of the pool size (auto = one thread per core; oneTBB "
            "never runs more threads than cores, and the calling thread is one of them) and splits the recursion "
            "of every fibo(i) from n = %1 up into two tasks, fibo(i-1) and fibo(i-2), that idle workers steal. "
            "Even a single huge task is then shared by every worker, so the largest task no longer bounds the "
            "speedup: the limit is the cores, as in fork-join frameworks (Cilk, Java's ForkJoinPool). oneTBB keeps "
            "its threads for the whole process, so a run starts none.")
            .arg(kForkJoinCutoff);
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::SplitRecursion; }
    bool runsTaskFunction() const override { return false; }
    bool usesPoolSize() const override { return true; }
    int workerCount(int requestedPoolSize, int /*taskCount*/) const override
    {
        const int cores = std::max(1, QThread::idealThreadCount());
        return requestedPoolSize > 0 ? std::min(requestedPoolSize, cores) : cores;
    }

    std::vector<TaskTiming> run(TaskExecution& execution, int workers) const override
    {
        SplitTasks tasks(execution);
        const char handOut = 0;
        char finished = 0;
        announceHandOff(&handOut);
        arenaOf(workers).execute([&] {
            oneapi::tbb::task_group group;
            for (int task = 0; task < execution.taskCount(); ++task) {
                group.run([&, task] {
                    acceptHandOff(&handOut);
                    runTask(execution, tasks, task);
                    announceHandOff(&finished);
                });
            }
            group.wait();
        });
        acceptHandOff(&finished);
        return tasks.takeTimings();
    }

private:
    /// The arena of `workers` threads, made on first use and kept for the process, as oneTBB keeps
    /// its threads. One slot is the calling thread's: it computes too while it waits, so `workers`
    /// counts it and oneTBB adds workers - 1 of its own. Kept rather than made per run: with oneTBB
    /// 2021.8, a worker that served one short-lived arena did not join the next one (measured: every
    /// run after the first on one thread), whereas a kept arena gets its workers every run.
    static oneapi::tbb::task_arena& arenaOf(int workers)
    {
        static std::mutex mutex;
        static std::map<int, std::unique_ptr<oneapi::tbb::task_arena>> arenas;
        const std::lock_guard lock(mutex);
        auto& arena = arenas[workers];
        if (!arena)
            arena = std::make_unique<oneapi::tbb::task_arena>(workers);
        return *arena;
    }

    /// Task `task`'s items in order, each split above the cutoff; never throws.
    static void runTask(TaskExecution& execution, SplitTasks& tasks, int task)
    {
        const int n = execution.numbers().at(static_cast<std::size_t>(task));
        const std::atomic<bool>& stop = execution.stopFlag();
        const auto beginLeaf = [&tasks] { return tasks.beginPiece(); };
        const auto endLeaf = [&tasks, task](double start) { tasks.endPiece(task, start); };
        std::vector<FiboValue> values(static_cast<std::size_t>(n));
        try {
            // The items below the cutoff are microseconds together: one piece, no split.
            const int small = std::min(n, kForkJoinCutoff);
            if (small > 0) {
                const double start = beginLeaf();
                for (int i = 0; i < small; ++i)
                    values[static_cast<std::size_t>(i)] = fibo(i, stop);
                endLeaf(start);
            }
            for (int i = small; i < n; ++i)
                values[static_cast<std::size_t>(i)] = forkJoinFibo(i, kForkJoinCutoff, stop, beginLeaf, endLeaf);
        } catch (const Cancelled&) {
            tasks.complete(task, {}, QStringLiteral("cancelled"));
            return;
        } catch (const std::exception& error) {
            tasks.complete(
                task, {}, QStringLiteral("task %1 failed: %2").arg(n).arg(QString::fromLocal8Bit(error.what())));
            return;
        }
        tasks.complete(task, std::move(values));
    }
};

} // namespace

std::unique_ptr<Strategy> makeTbbStrategy()
{
    return std::make_unique<TbbStrategy>();
}

} // namespace calcprof
