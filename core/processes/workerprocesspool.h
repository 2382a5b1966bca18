#pragma once

#include "core/exec/timedtasks.h"
#include "core/model/results.h"
#include "core/processes/workerprotocol.h"

#include <QString>
#include <QtGlobal>

#include <chrono>
#include <cstdint>
#include <sys/types.h>
#include <vector>

namespace calcprof {

/// The processes strategy's pool, like the original's `with Pool(size) as p: p.map(task, set)`: W
/// worker processes of the calcprof-worker executable, fed the set's tasks in set order, one at a
/// time, each to whichever worker is free, then killed. Everything happens on the calling thread: a
/// poll() loop over the workers' sockets that also watches the stop flag.
///
/// Workers are spawned (posix_spawn), never forked: calcprof is multithreaded (Qt, the GUI), and a
/// fork copies one thread with locks others may hold. Every worker dies with the pool: the pool
/// kills (SIGKILL) and reaps every one at the end of map(), on cancel, on a failure and in its
/// destructor; a worker whose calcprof dies first is killed by the kernel (PR_SET_PDEATHSIG).
class WorkerProcessPool
{
public:
    /// A pool of `workers` processes of `executable` for `execution`'s tasks; map() spawns them.
    WorkerProcessPool(QString executable, int workers, TimedTasks& execution);
    ~WorkerProcessPool();
    Q_DISABLE_COPY_MOVE(WorkerProcessPool)

    /// Spawns the workers (timing each spawn on `execution`'s clock) and runs every task; returns the
    /// timings in set order. A cancel, a worker that dies or talks nonsense fail the run through
    /// TimedTasks::completeTask() (on the task it was computing) within one poll interval; the
    /// pool is stopped before map() returns, whatever happened. Throws std::runtime_error, naming the
    /// worker and the executable, when a worker cannot be started (those already started are killed
    /// by the destructor).
    std::vector<TaskTiming> map();

    /// Kills and reaps every worker still there. Idempotent.
    void stop();

    /// The workers' process ids, in worker order (-1 once reaped).
    [[nodiscard]] std::vector<pid_t> pids() const;

private:
    struct Worker
    {
        int id = 0; ///< 1-based, the TaskTiming::worker of its tasks
        pid_t pid = -1; ///< -1 once reaped
        int channel = -1; ///< our end of its socket
        double spawnSeconds = 0.0;
        bool ready = false;
        int task = -1; ///< index of the task it computes, -1 when none
        workerprotocol::MessageDecoder decoder;
    };
    enum class ReadOutcome { Open, Closed };

    void spawn(Worker& worker);
    /// Waits up to `timeoutMilliseconds` for the workers, then handles what they sent: start-ups,
    /// results, hand-outs, deaths; also the stop flag. False once the run has failed (or was cancelled).
    bool serve(int timeoutMilliseconds);
    /// Past the ready timeout: fails the run on the first worker not yet ready; false if none.
    bool failUnready();
    /// Handles what `worker` sent (start-up, results, then hands it the next task) and its death;
    /// false once the run has failed.
    bool serveWorker(Worker& worker);
    /// Records `result` as the task `worker` was computing; false (the run failed) if it was another.
    bool recordResult(Worker& worker, workerprotocol::Result& result);
    /// Fails the run for a worker whose socket closed: cancelled, or how and when it died.
    void failDead(Worker& worker);
    /// Reads what `worker` sent; Closed when its end of the socket is gone (it died or exited).
    ReadOutcome readFrom(Worker& worker);
    /// Hands `worker` the next task, if any; false when the send failed (the worker is gone).
    bool handOutNext(Worker& worker);
    /// Reaps a worker whose socket closed (waiting briefly, then killing) and says how it ended.
    QString reapDead(Worker& worker);
    /// "worker process 2 (pid 1234)".
    [[nodiscard]] static QString nameOf(const Worker& worker);
    /// Records `message` as the run's failure on the task it stopped and stops the pool.
    void fail(const QString& message, int task);
    [[nodiscard]] double secondsSinceStart(std::int64_t steadyNanoseconds) const;

    QString m_executable;
    TimedTasks& m_execution;
    std::vector<Worker> m_workers;
    std::vector<TaskTiming> m_timings;
    std::vector<bool> m_done;
    int m_next = 0; ///< the next task to hand out, in set order
    int m_finished = 0;
    std::uint64_t m_bytesReceived = 0;
    std::chrono::steady_clock::time_point m_started; ///< when map() began: for the ready timeout
};

} // namespace calcprof
