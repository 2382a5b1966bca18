#pragma once

#include "core/exec/timedtasks.h"
#include "core/model/results.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace calcprof {

/// How to start one MPI job.
struct MpiLaunch
{
    QString launcher; ///< mpirun
    QString worker; ///< calcprof-mpi-worker, at the same path on every host
    QString hostfile; ///< empty: this machine only
    int workers = 1; ///< worker ranks; the job has one more, rank 0, the coordinator
    int slots = 1; ///< slots the hosts offer (the hostfile's, else this machine's hardware threads)
};

/// The mpirun arguments for `launch` on `numbers` (without the launcher itself).
QStringList mpirunArguments(const MpiLaunch& launch, const NumberSet& numbers);

/// One run of the mpi strategy: `mpirun -n W+1 calcprof-mpi-worker --numbers …`, rank 0 handing out
/// the tasks to ranks 1..W and printing protocol lines (core/mpi/mpiprotocol.h) that mpirun forwards
/// to calcprof's pipe. Everything happens on the calling thread: a poll() loop over mpirun's stdout and
/// stderr that also watches the stop flag.
///
/// Nothing outlives the job: mpirun runs in its own process group (a terminal's Ctrl-C reaches
/// calcprof, which ends the job itself) behind a shim that gives it a parent-death signal; its ranks
/// have one too (their parent is mpirun, or orted on another host). A cancel or a failure sends
/// mpirun SIGTERM (it ends its ranks and remote daemons), then SIGKILL if it has not gone after a
/// grace, and waits until the ranks on this machine have gone too.
class MpiJob
{
public:
    MpiJob(MpiLaunch launch, TimedTasks& execution);
    ~MpiJob();
    Q_DISABLE_COPY_MOVE(MpiJob)

    /// Starts the job and runs every task; returns the timings in set order. A cancel, a rank that
    /// dies, an mpirun that fails fail the run through TimedTasks::completeTask() (on the task it
    /// stopped, naming the rank); the job has ended before run() returns, whatever happened. Throws
    /// std::runtime_error when mpirun cannot be started.
    std::vector<TaskTiming> run();

    /// mpirun's process id while it runs, else -1.
    [[nodiscard]] pid_t pid() const { return m_pid; }

private:
    enum class Stream { Output, Errors };

    void spawn();
    /// Waits up to `timeoutMilliseconds` for mpirun's output and handles it; false once the run has
    /// failed, was cancelled, or the job ended.
    bool serve(int timeoutMilliseconds);
    /// Reads what is there on `stream`; false at its end.
    bool readFrom(Stream stream);
    /// Handles one line of rank 0's output; false when it failed the run.
    bool handleLine(const std::string& line);
    /// The job ended (its output closed) before every task came back: says why, naming the task and rank.
    void jobEnded();
    /// Reads what mpirun still has to say on stderr (its reason), waiting briefly for more.
    void readRemainingErrors();
    /// Whether rank 0, on this machine, has been gone for longer than mpirun takes to pass on its last
    /// lines, although the run has not ended.
    bool coordinatorDied();
    /// Ends the job: SIGTERM, a grace, SIGKILL; reaps mpirun and waits for the local ranks. Idempotent.
    /// Returns mpirun's wait status (or -1 when it was already reaped).
    int stop();
    void fail(const QString& message, int task);
    [[nodiscard]] double toSeconds(std::int64_t rankZeroNanoseconds) const;
    [[nodiscard]] QString rankName(int rank) const;

    MpiLaunch m_launch;
    TimedTasks& m_execution;
    std::string m_jobMarker; ///< `CALCPROF_MPI_JOB=…` in the environment of every process of the job
    pid_t m_pid = -1;
    pid_t m_coordinator = -1; ///< rank 0's pid when it runs on this machine
    std::chrono::steady_clock::time_point m_coordinatorChecked;
    std::optional<std::chrono::steady_clock::time_point> m_coordinatorGone; ///< when rank 0 was first seen gone
    int m_output = -1; ///< mpirun's stdout: rank 0's protocol lines
    int m_errors = -1; ///< mpirun's stderr: its reasons when something fails
    std::string m_lineBuffer;
    std::string m_errorText; ///< the last few kilobytes of mpirun's stderr
    double m_spawnSeconds = 0.0;
    std::int64_t m_clockOffset = 0; ///< rank 0's steady clock minus ours (0 on this machine)
    bool m_sawClock = false;
    int m_ready = 0;
    std::map<int, QString> m_hosts; ///< worker rank -> its host
    std::map<int, int> m_inFlight; ///< worker rank -> the task it computes
    std::vector<TaskTiming> m_timings;
    std::vector<bool> m_done;
    int m_finished = 0;
    bool m_failed = false;
    std::uint64_t m_bytesReceived = 0;
    std::chrono::steady_clock::time_point m_started;
};

} // namespace calcprof
