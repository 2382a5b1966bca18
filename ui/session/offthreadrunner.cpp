#include "ui/session/offthreadrunner.h"

#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "core/format/runlog.h"

#include <QMetaMethod>

#include <memory>
#include <mutex>
#include <utility>

namespace calcprof {

/// Lives on the orchestration thread for one run; forwards each report to the GUI thread, where
/// it is emitted only if its run is still the current one.
class OffThreadRunner::Observer final : public RunObserver
{
public:
    Observer(OffThreadRunner* controller, quint64 generation, bool tasksWatched)
        : m_controller(controller)
        , m_generation(generation)
        , m_tasksWatched(tasksWatched)
    { }

    void runStarted(const ExperimentPlan& /*plan*/, int totalSteps) override
    {
        post([totalSteps](OffThreadRunner* c) { Q_EMIT c->runStarted(totalSteps); });
    }
    void taskFinished(
        const QString& strategy, int setIndex, int workers, int repetition, const TaskTiming& task) override
    {
        // The largest experiment finishes a quarter of a million tasks: nobody listening, no copies.
        if (m_tasksWatched)
            post([=](OffThreadRunner* c) { Q_EMIT c->taskFinished(strategy, setIndex, workers, repetition, task); });
    }
    void setFinished(const SetRun& run) override
    {
        post([run](OffThreadRunner* c) { Q_EMIT c->setFinished(run); });
    }
    void runRetried(const SetRun& run, const QString& why, int attempt, int attempts) override
    {
        const QString line = retryLogLine(run, why, attempt, attempts);
        post([line](OffThreadRunner* c) { Q_EMIT c->runRetried(line); });
    }
    void csvFileWritten(const CsvFileResult& file) override
    {
        post([file](OffThreadRunner* c) { Q_EMIT c->csvFileWritten(file); });
    }
    void csvStageFinished(const CsvRun& run) override
    {
        post([run](OffThreadRunner* c) { Q_EMIT c->csvStageFinished(run); });
    }
    void scriptStarted(const ScriptPlan& plan) override
    {
        post([plan](OffThreadRunner* c) { Q_EMIT c->scriptStarted(plan); });
    }
    // A script printing in a loop must not flood the window with one event per line: lines wait
    // here, and at most one event is pending; it takes every line waiting when it is delivered.
    void scriptOutput(const QString& line) override
    {
        {
            const std::lock_guard lock(m_output->mutex);
            m_output->lines << line;
            if (std::exchange(m_output->pending, true))
                return;
        }
        post([state = m_output](OffThreadRunner* c) {
            QStringList lines;
            {
                const std::lock_guard lock(state->mutex);
                lines.swap(state->lines);
                state->pending = false;
            }
            Q_EMIT c->scriptOutput(lines);
        });
    }
    void scriptFinished(const ScriptRun& run) override
    {
        post([run](OffThreadRunner* c) { Q_EMIT c->scriptFinished(run); });
    }
    // Called from every worker once per task. At most one progress event waits in the mailbox; it
    // reports the latest count when delivered, so a burst of tasks is one event, not thousands of
    // progress-bar repaints holding up the window.
    void progress(int done, int total) override
    {
        int latest = m_progress->latest.load();
        while (done > latest && !m_progress->latest.compare_exchange_weak(latest, done)) { }
        if (m_progress->pending.exchange(true))
            return;
        post([state = m_progress, total](OffThreadRunner* c) {
            state->pending = false; // before the read: a later count posts a new event
            Q_EMIT c->progress(state->latest.load(), total);
        });
    }
    void runAborted(const QString& reason)
    {
        post([reason](OffThreadRunner* c) {
            c->m_running = false;
            Q_EMIT c->runFailed(QStringLiteral("the run stopped: %1").arg(reason));
            Q_EMIT c->runFinished(Experiment {});
        });
    }
    // Not runFinished(const Experiment&), which would copy every run: the experiment ExperimentRunner::run()
    // returns is handed over whole, once the runner is done with it.
    void deliverFinished(Experiment experiment)
    {
        post([experiment = std::move(experiment)](OffThreadRunner* c) {
            c->m_running = false;
            if (const QString failures = describeFailures(experiment); !failures.isEmpty())
                Q_EMIT c->runFailed(failures);
            Q_EMIT c->runFinished(experiment);
        });
    }

private:
    // Runs `emit` on the controller's thread. The controller outlives every run (its destructor
    // waits for the pool), so posting to it from here is safe; the generation check drops stale
    // events. `emit` is moved, never copied: it may carry a whole set run or experiment.
    template <typename Emit> void post(Emit emit)
    {
        m_controller->m_mailbox.post([controller = m_controller, generation = m_generation, emit = std::move(emit)] {
            if (controller->m_generation == generation)
                emit(controller);
        });
    }

    struct Output
    {
        std::mutex mutex;
        QStringList lines;
        bool pending = false;
    };
    std::shared_ptr<Output> m_output = std::make_shared<Output>();

    struct Progress
    {
        std::atomic<int> latest {0};
        std::atomic<bool> pending {false};
    };

    OffThreadRunner* m_controller;
    quint64 m_generation;
    bool m_tasksWatched;
    std::shared_ptr<Progress> m_progress = std::make_shared<Progress>();
};

namespace {

QString describeException(const std::exception_ptr& error)
{
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& exception) {
        return QString::fromLocal8Bit(exception.what());
    } catch (...) {
        return QStringLiteral("an unknown exception");
    }
}

} // namespace

OffThreadRunner::OffThreadRunner(QObject* parent)
    : QObject(parent)
{ }

OffThreadRunner::~OffThreadRunner()
{
    cancelAndWait();
}

bool OffThreadRunner::start(const ExperimentPlan& plan)
{
    if (const QString error = validatePlan(plan); !error.isEmpty()) {
        Q_EMIT runFailed(error);
        return false;
    }
    ++m_generation;
    m_running = true;
    const bool tasksWatched = isSignalConnected(QMetaMethod::fromSignal(&OffThreadRunner::taskFinished));
    startExclusive([this, plan, taskFunction = m_taskFunction, keepTasks = m_finishedRunsKeepTasks,
                       generation = m_generation, tasksWatched](const std::atomic<bool>& stop) {
        ExperimentRunner runner;
        runner.setTaskFunction(taskFunction);
        runner.setKeepTasks(keepTasks);
        Observer observer(this, generation, tasksWatched);
        try {
            observer.deliverFinished(runner.run(plan, stop, &observer));
        } catch (...) {
            // The runner reports every failure of a strategy or a stage itself; this is the
            // last resort (out of memory, say), so the window never waits for a finished run.
            observer.runAborted(describeException(std::current_exception()));
        }
    });
    return true;
}

void OffThreadRunner::measureRawWrite(const QString& directory, std::uint64_t bytes, bool fsync)
{
    startExclusive([this, directory, bytes, fsync](const std::atomic<bool>& stop) {
        const SequentialWrite result = measureSequentialWrite(directory, bytes, fsync, stop);
        // Not tied to a run's generation: whoever asked is told, even if a run superseded it.
        m_mailbox.post([this, result] { Q_EMIT rawWriteMeasured(result); });
    });
}

void OffThreadRunner::startExclusive(std::function<void(const std::atomic<bool>& stop)> work)
{
    cancel(); // what runs now is superseded
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_pool.start([stop = m_stop, work = std::move(work)] { work(*stop); });
}

void OffThreadRunner::cancel()
{
    if (m_stop)
        m_stop->store(true);
}

void OffThreadRunner::cancelAndWait()
{
    cancel();
    m_pool.waitForDone();
    ++m_generation; // events still queued from the finished run are stale now
    m_running = false;
}

void OffThreadRunner::setTaskFunction(TimedTasks::TaskFunction function)
{
    m_taskFunction = std::move(function);
}

} // namespace calcprof
