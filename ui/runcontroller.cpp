#include "runcontroller.h"

#include "runner.h"

namespace calcprof {

/// Lives on the orchestration thread for one run; forwards each report to the GUI thread, where
/// it is emitted only if its run is still the current one.
class RunController::Observer final : public RunObserver
{
public:
    Observer(RunController* controller, quint64 generation)
        : m_controller(controller)
        , m_generation(generation)
    { }

    void runStarted(const ExperimentPlan& /*plan*/, int totalSteps) override
    {
        post([totalSteps](RunController* c) { Q_EMIT c->runStarted(totalSteps); });
    }
    void taskFinished(const QString& strategy, int setIndex, int repetition, const TaskTiming& task) override
    {
        post([=](RunController* c) { Q_EMIT c->taskFinished(strategy, setIndex, repetition, task); });
    }
    void setFinished(const SetRun& run) override
    {
        post([run](RunController* c) { Q_EMIT c->setFinished(run); });
    }
    void csvFileWritten(const CsvFileResult& file) override
    {
        post([file](RunController* c) { Q_EMIT c->csvFileWritten(file); });
    }
    void csvStageFinished(const CsvRun& run) override
    {
        post([run](RunController* c) { Q_EMIT c->csvStageFinished(run); });
    }
    void progress(int done, int total) override
    {
        post([done, total](RunController* c) { Q_EMIT c->progress(done, total); });
    }
    void runFinished(const Experiment& experiment) override
    {
        post([experiment](RunController* c) {
            c->m_running = false;
            if (const QString failures = describeFailures(experiment); !failures.isEmpty())
                Q_EMIT c->runFailed(failures);
            Q_EMIT c->runFinished(experiment);
        });
    }

private:
    // Queued onto the controller's thread. The controller outlives every run (its destructor waits
    // for the pool), so posting to it from here is safe; the generation check drops stale events.
    template <typename Emit> void post(Emit emit)
    {
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            m_controller,
            [controller = m_controller, generation, emit] {
                if (controller->m_generation == generation)
                    emit(controller);
            },
            Qt::QueuedConnection);
    }

    RunController* m_controller;
    quint64 m_generation;
};

RunController::RunController(QObject* parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1); // one experiment at a time; the strategies bring their own threads
    m_pool.setObjectName(QStringLiteral("calcprof orchestration"));
}

RunController::~RunController()
{
    cancelAndWait();
}

bool RunController::start(const ExperimentPlan& plan)
{
    if (const QString error = validatePlan(plan); !error.isEmpty()) {
        Q_EMIT runFailed(error);
        return false;
    }
    cancel(); // a rerun supersedes the current run
    ++m_generation;
    m_running = true;
    m_stop = std::make_shared<std::atomic<bool>>(false);

    auto runner = std::make_shared<Runner>();
    runner->setTaskFunction(m_taskFunction);
    m_pool.start([this, plan, runner, stop = m_stop, generation = m_generation] {
        Observer observer(this, generation);
        runner->run(plan, *stop, &observer);
    });
    return true;
}

void RunController::cancel()
{
    if (m_stop)
        m_stop->store(true);
}

void RunController::cancelAndWait()
{
    cancel();
    m_pool.waitForDone();
    ++m_generation; // events still queued from the finished run are stale now
    m_running = false;
}

void RunController::setTaskFunction(TaskExecution::TaskFunction function)
{
    m_taskFunction = std::move(function);
}

QString describeFailures(const Experiment& experiment)
{
    QStringList failures;
    for (const SetRun& run : experiment.runs) {
        if (!run.ok())
            failures << QStringLiteral("'%1' on set %2: %3").arg(run.strategy).arg(run.setIndex).arg(run.error);
    }
    for (const CsvRun& run : experiment.csv) {
        if (!run.ok() && !experiment.cancelled)
            failures << QStringLiteral("CSV stage '%1': %2").arg(run.mode, run.error);
    }
    return failures.join(u'\n');
}

} // namespace calcprof
