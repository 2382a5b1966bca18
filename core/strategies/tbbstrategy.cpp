#include "core/strategies/builtinstrategies.h"

#include "core/exec/forkjoin.h"
#include "core/exec/splittasks.h"

#include <QThread>

#include <algorithm>
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
            "Runs the tasks, and each task's items fibo(i) from i = %1 up, as oneTBB tasks in a task_arena of the "
            "pool size (auto = one thread per core; oneTBB never runs more threads than cores, and the calling "
            "thread is one of them), and splits the recursion of each of those items into two tasks, fibo(i-1) "
            "and fibo(i-2), again and again down to n = %1, that idle workers steal. "
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

    std::vector<TaskTiming> run(TimedTasks& execution, int workers) const override
    {
        SplitTasks tasks(execution);
        runForkJoin(workers, execution.taskCount(), [&](int task) { runTask(execution, tasks, task); });
        return tasks.takeTimings();
    }

private:
    /// Task `task`'s items, each split above the cutoff; never throws.
    static void runTask(TimedTasks& execution, SplitTasks& tasks, int task)
    {
        const int n = execution.numbers().at(static_cast<std::size_t>(task));
        const std::atomic<bool>& stop = execution.stopFlag();
        const auto leaf = [&tasks, &stop, task](int leafN) {
            const double start = tasks.beginPiece();
            const FiboValue value = fibo(leafN, stop);
            tasks.endPiece(task, start);
            return value;
        };
        std::vector<FiboValue> values(static_cast<std::size_t>(n));
        // The first failure of any part of the task ("cancelled" for a cancel): none may throw
        // through oneTBB's tasks.
        std::mutex failureMutex;
        QString failure;
        const auto guarded = [&](const auto& part) {
            try {
                part();
            } catch (const Cancelled&) {
                const std::lock_guard lock(failureMutex);
                failure = failure.isEmpty() ? QStringLiteral("cancelled") : failure;
            } catch (const std::exception& error) {
                const std::lock_guard lock(failureMutex);
                failure = failure.isEmpty()
                    ? QStringLiteral("task %1 failed: %2").arg(n).arg(QString::fromLocal8Bit(error.what()))
                    : failure;
            }
        };
        // The items below the cutoff are microseconds together: one piece, no split.
        const int small = std::min(n, kForkJoinCutoff);
        guarded([&] {
            if (small == 0)
                return;
            const double start = tasks.beginPiece();
            for (int i = 0; i < small; ++i)
                values[static_cast<std::size_t>(i)] = fibo(i, stop);
            tasks.endPiece(task, start);
        });
        // The larger items all at once, each split: no worker waits at the end of one item while
        // another finishes its last leaf, it steals from the next item instead.
        forkJoinEach(n - small, [&](int index) {
            guarded([&] {
                const int i = small + index;
                values[static_cast<std::size_t>(i)] = forkJoinFibo(i, kForkJoinCutoff, stop, leaf);
            });
        });
        if (!failure.isEmpty()) {
            tasks.complete(task, {}, failure);
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
