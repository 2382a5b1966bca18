#pragma once

#include "core/model/results.h"
#include "core/strategies/strategyoptions.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace calcprof {

/// Numbers the threads that run tasks 1, 2, 3 … in order of first use, so a timeline can say
/// "worker 2" instead of an opaque thread id.
class WorkerIds
{
public:
    /// The thread that started the run: no CPU clock reads on it (see TimedTasks::runTask).
    void setHomeThread(std::thread::id home);
    /// The calling thread's id; its first call also reads the thread's CPU clock (unless it is the
    /// home thread), the start of what cpuSinceLastCall() counts.
    int idOfCurrentThread();
    /// CPU time the calling thread (worker `id`) has used since its previous call, or since its
    /// first idOfCurrentThread(): one clock read per task instead of two, which matters when the
    /// whole of set 1 takes microseconds and a read costs a few hundred nanoseconds.
    /// -1 on the home thread, which the ExperimentRunner measures around the whole run.
    double cpuSinceLastCall(int id);

private:
    mutable std::mutex m_mutex;
    std::vector<std::thread::id> m_threads;
    std::vector<double> m_lastCpuSeconds; ///< per worker, its CPU clock at its last reading
    std::thread::id m_home;
};

/// One set run's tasks, ready to be scheduled by a Strategy. Strategies decide only *where and
/// when* each task runs; runTask() does the work, the timing and the bookkeeping, so every
/// strategy is measured the same way.
class TimedTasks
{
public:
    /// Computes one task's values; must throw Cancelled promptly once `stop` is raised.
    using TaskFunction = std::function<std::vector<FiboValue>(int n, const std::atomic<bool>& stop)>;
    /// Called on the worker thread right after a task finishes.
    using TaskFinished = std::function<void(int index, const TaskTiming&)>;

    static std::vector<FiboValue> naiveTask(int n, const std::atomic<bool>& stop);

    TimedTasks(NumberSet numbers, const std::atomic<bool>& stop, TaskFunction function = naiveTask,
        TaskFinished onFinished = {});

    [[nodiscard]] int taskCount() const { return static_cast<int>(m_numbers.size()); }

    /// Starts the clock that task offsets are measured from; the calling thread is the run's home.
    void start();

    /// Runs task `index`; safe to call from any thread, once per index. Never throws: a failure or
    /// a cancel is recorded (see failure()) and gives a timing with no values.
    TaskTiming runTask(int index);

    /// For strategies that compute a task somewhere runTask() cannot (items on a pool, a split
    /// recursion, another process): records task `index` from `timing` (values, start, end, worker,
    /// CPU, slices; n and the wall time are filled in here) with the same bookkeeping as runTask():
    /// a non-empty `failure` ("cancelled" for a cancel) is kept if it is the first and clears the
    /// values, a success reaches the finished callback. Safe from any thread, once per index.
    TaskTiming completeTask(int index, TaskTiming timing, const QString& failure = {});

    /// For strategies whose tasks run in other processes: records `failure` against the task it
    /// stopped, `task`, or where none was in flight (-1) the first one not `done`, in `timings`.
    void failTask(std::vector<TaskTiming>& timings, const std::vector<bool>& done, int task, const QString& failure);

    /// The settings of strategies that have some (the mpi strategy's hostfile and launcher).
    void setOptions(StrategyOptions options) { m_options = std::move(options); }
    [[nodiscard]] const StrategyOptions& options() const { return m_options; }

    /// The set's numbers, in set order.
    [[nodiscard]] const NumberSet& numbers() const { return m_numbers; }
    /// The stop flag every computation of this run must poll.
    [[nodiscard]] const std::atomic<bool>& stopFlag() const { return m_stop; }
    /// The 1-based id of the calling thread as a worker of this run (see WorkerIds).
    int currentWorker() { return m_workers.idOfCurrentThread(); }
    /// CPU the calling thread, worker `worker`, used since its previous call (-1 on the home thread).
    double workerCpuSinceLastCall(int worker) { return m_workers.cpuSinceLastCall(worker); }

    [[nodiscard]] double secondsSinceStart() const;
    /// The instant task offsets are measured from (steady_clock: CLOCK_MONOTONIC, the same in every
    /// process of the machine, so another process's clock reads convert to offsets too).
    [[nodiscard]] std::chrono::steady_clock::time_point startTime() const { return m_origin; }

    /// For strategies whose timed span is measured in another process that must start first (the py-*
    /// strategies' interpreter, whose start-up is no part of the original's timed function): task offsets
    /// are measured from `origin` from now on, and the set run's wall time is `wallSeconds`
    /// (measuredWallSeconds()) instead of the time around Strategy::run().
    void moveOrigin(std::chrono::steady_clock::time_point origin) { m_origin = origin; }
    void setMeasuredWallSeconds(double wallSeconds) { m_measuredWallSeconds = wallSeconds; }
    /// What setMeasuredWallSeconds() gave; -1 when the time around Strategy::run() is the run's.
    [[nodiscard]] double measuredWallSeconds() const { return m_measuredWallSeconds; }

    /// For strategies whose workers are processes: how worker `startup.worker` started. Safe from any thread.
    void recordWorkerStartup(const WorkerStartup& startup);
    /// For strategies whose workers are processes: bytes they sent back. Safe from any thread.
    void addBytesReceived(std::uint64_t bytes);
    /// What recordWorkerStartup() recorded, by worker id.
    [[nodiscard]] std::vector<WorkerStartup> workerStartups() const;
    [[nodiscard]] std::uint64_t bytesReceived() const { return m_bytesReceived.load(); }
    [[nodiscard]] bool stopRequested() const { return m_stop.load(std::memory_order_relaxed); }
    /// Empty unless a task threw or was cancelled; the first such message wins.
    [[nodiscard]] QString failure() const;

private:
    NumberSet m_numbers;
    const std::atomic<bool>& m_stop;
    TaskFunction m_function;
    TaskFinished m_onFinished;
    StrategyOptions m_options;
    std::chrono::steady_clock::time_point m_origin;
    WorkerIds m_workers;
    mutable std::mutex m_failureMutex;
    QString m_failure;
    mutable std::mutex m_startupMutex;
    std::vector<WorkerStartup> m_workerStartups;
    std::atomic<std::uint64_t> m_bytesReceived {0};
    double m_measuredWallSeconds = -1.0;
};

} // namespace calcprof
