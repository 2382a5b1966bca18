#pragma once

#include "core/exec/timedtasks.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace calcprof {

/// A piece of a task that ran on one worker, numbered in the order that worker ran its pieces.
struct WorkPiece
{
    WorkSlice slice;
    std::uint64_t sequence = 0; ///< consecutive on one worker: nothing else ran there in between
};

/// One slice per run of consecutive pieces on one worker (a worker's pieces of one task with no
/// other piece between them), ordered by start: the bars a timeline draws.
std::vector<WorkSlice> mergePieces(std::vector<WorkPiece> pieces);

/// The bookkeeping of strategies that split each task into pieces run by several workers (items on
/// a pool, the leaves of a split recursion): every piece reports where and when it ran, and the
/// task is completed through TimedTasks::completeTask() once its values are known, with its
/// start, end, CPU and slices taken from its pieces. addPiece() and complete() are safe from any
/// thread; complete() once per task, after its last addPiece().
class SplitTasks
{
public:
    explicit SplitTasks(TimedTasks& execution);

    /// A piece is about to run on the calling thread: registers it as a worker (so the CPU its
    /// first piece uses is counted) and returns the time, in seconds since the run's start.
    double beginPiece();
    /// A piece of task `task` that began at `start` (beginPiece()) has just ended on the calling
    /// thread.
    void endPiece(int task, double start);

    /// Completes task `task` with `values` (or `failure`); the calling thread counts as the worker
    /// that finished it, and as its only worker if it had no pieces (an empty task).
    void complete(int task, std::vector<FiboValue> values, const QString& failure = {});

    /// The timings in set order; call after every task was completed.
    std::vector<TaskTiming> takeTimings();

private:
    struct Task
    {
        std::mutex mutex;
        std::vector<WorkPiece> pieces;
        double cpuSeconds = 0.0;
    };

    TimedTasks& m_execution;
    std::vector<std::unique_ptr<Task>> m_tasks;
    std::vector<TaskTiming> m_timings;
};

} // namespace calcprof
