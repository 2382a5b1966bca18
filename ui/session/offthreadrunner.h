#pragma once

#include "core/csv/csvstage.h"
#include "core/exec/annotatedthreadpool.h"
#include "core/exec/timedtasks.h"
#include "core/model/experiment.h"
#include "core/model/experimentplan.h"
#include "ui/session/queuedcalls.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace calcprof {

/// Runs experiments off the GUI thread and reports them as signals on the GUI thread.
///
/// The ExperimentRunner works on a dedicated one-thread orchestration pool (never the global pool, which
/// strategies could otherwise compete with); its observer calls arrive from worker threads and
/// are re-emitted on this object's thread through a QueuedCalls. Every run has a generation number:
/// events of a run that has been superseded (cancelled for a rerun) are dropped, as in Hotspot's
/// job tracker, so a chart never mixes two runs.
class OffThreadRunner : public QObject
{
    Q_OBJECT

public:
    explicit OffThreadRunner(QObject* parent = nullptr);
    /// Cancels a running experiment and waits for it: nothing outlives the controller.
    ~OffThreadRunner() override;
    OffThreadRunner(const OffThreadRunner&) = delete;
    OffThreadRunner& operator=(const OffThreadRunner&) = delete;
    OffThreadRunner(OffThreadRunner&&) = delete;
    OffThreadRunner& operator=(OffThreadRunner&&) = delete;

    /// Starts `plan`; a run still going is cancelled first and its remaining events are dropped.
    /// An invalid plan is refused with runFailed() (and false), before anything runs.
    bool start(const ExperimentPlan& plan);
    /// Cancels the current run; runFinished() still follows, with Experiment::cancelled set.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }
    /// Cancels, blocks until the run has returned and drops its remaining events (no runFinished):
    /// for shutdown, when nobody is left to show them. Returns within a few milliseconds in the
    /// compute stage; the CSV stage first removes its files.
    void cancelAndWait();

    /// Measures the raw sequential write a CSV stage is compared with (measureSequentialWrite())
    /// off this thread; rawWriteMeasured() follows. Like start(), it supersedes what is running
    /// (the window refuses it during a run), and a run started meanwhile cancels it.
    void measureRawWrite(const QString& directory, std::uint64_t bytes, bool fsync);

    /// Replaces the task body of the next runs (tests use slow or failing tasks).
    void setTaskFunction(TimedTasks::TaskFunction function);
    /// Whether the set runs of the experiment runFinished() carries keep their tasks (the default).
    /// Whoever keeps every run setFinished() hands it (the session) turns it off for the next
    /// runs, so a run's tasks are held once, not twice (ExperimentRunner::setKeepTasks()).
    void setFinishedRunsKeepTasks(bool keep) { m_finishedRunsKeepTasks = keep; }

Q_SIGNALS:
    void runStarted(int totalSteps);
    /// Only for runs started while something was connected to it (a quarter of a million tasks in
    /// the largest experiment are otherwise not copied to this thread at all).
    void taskFinished(
        const QString& strategy, int setIndex, int workers, int repetition, const calcprof::TaskTiming& task);
    void setFinished(const calcprof::SetRun& run);
    /// A disturbed run is measured again: retryLogLine()'s words, for the log.
    void runRetried(const QString& line);
    void csvFileWritten(const calcprof::CsvFileResult& file);
    void csvStageFinished(const calcprof::CsvRun& run);
    /// The user's script starts; lines it printed (several at once when it prints fast); it ended.
    void scriptStarted(const calcprof::ScriptPlan& plan);
    void scriptOutput(const QStringList& lines);
    void scriptFinished(const calcprof::ScriptRun& run);
    /// Coalesced: at most one is waiting to be delivered, with the latest count; the last says done.
    void progress(int done, int total);
    /// Something failed (a bad plan, a strategy, the CSV stage); for a run, runFinished() follows.
    void runFailed(const QString& message);
    /// The run is over, complete, cancelled or with failures; `experiment` holds what finished
    /// (its set runs without their tasks after setFinishedRunsKeepTasks(false)).
    void runFinished(const calcprof::Experiment& experiment);
    /// The result of measureRawWrite(); `result.error` says why when it failed or was cancelled.
    void rawWriteMeasured(const calcprof::SequentialWrite& result);

private:
    class Observer;
    friend class Observer;

    /// Starts `work` on the orchestration thread with a fresh stop flag, cancelling what runs.
    void startExclusive(std::function<void(const std::atomic<bool>& stop)> work);

    QueuedCalls m_mailbox; // declared before the pool, so it outlives every job that posts to it
    AnnotatedThreadPool m_pool {1, QStringLiteral("calcprof orchestration")}; // one experiment at a time
    quint64 m_generation = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_stop;
    TimedTasks::TaskFunction m_taskFunction = TimedTasks::naiveTask;
    bool m_finishedRunsKeepTasks = true;
};

} // namespace calcprof
