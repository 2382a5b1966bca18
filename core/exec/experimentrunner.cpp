#include "core/exec/experimentrunner.h"

#include "core/model/environment.h"
#include "core/python/planestimate.h"
#include "core/python/pythoninterpreter.h"

#include <chrono>

namespace calcprof {

namespace {
// Every strategy's lists are checked against the reference that the serial strategy must also
// equal (tests prove the naive and iterative computations agree), so a run of any single strategy
// is checked too.
QString describeMismatch(const SetRun& run)
{
    return QStringLiteral("strategy '%1' on set %2 returned values that differ from serial's; this is a bug")
        .arg(run.strategy)
        .arg(run.setIndex);
}
} // namespace

bool matchesReference(const SetRun& run)
{
    if (run.tasks.size() != run.numbers.size())
        return false;
    for (std::size_t index = 0; index < run.tasks.size(); ++index) {
        const TaskTiming& task = run.tasks[index];
        if (task.n != run.numbers[index] || task.values != referenceTaskValues(task.n))
            return false;
    }
    return true;
}

ExperimentRunner::ExperimentRunner(const StrategyRegistry& strategies, const CsvModeRegistry& csvModes)
    : m_strategies(strategies)
    , m_csvModes(csvModes)
{ }

void ExperimentRunner::setTaskFunction(TimedTasks::TaskFunction function)
{
    m_taskFunction = std::move(function);
}

int ExperimentRunner::totalSteps(const ExperimentPlan& plan) const
{
    int steps = 0;
    for (const NumberSet& set : plan.sets) {
        for (const QString& id : plan.strategies) {
            if (const Strategy* strategy = m_strategies.find(id)) {
                const auto runs = static_cast<int>(poolSizesToRun(plan, *strategy, set).size());
                steps += static_cast<int>(set.size()) * runs * (plan.warmup + plan.repeat);
            }
        }
    }
    if (plan.csv.enabled() && plan.csv.setIndex >= 1 && plan.csv.setIndex <= static_cast<int>(plan.sets.size()))
        steps += static_cast<int>(csvStageValues(plan).size() * static_cast<std::size_t>(plan.csv.modes().size()));
    return steps;
}

SetRun ExperimentRunner::runSet(const Strategy& strategy, int setIndex, const NumberSet& numbers, int poolSize,
    const std::atomic<bool>& stop, const TimedTasks::TaskFinished& onTaskFinished, const StrategyOptions& options) const
{
    SetRun run;
    run.strategy = strategy.id();
    run.setIndex = setIndex;
    run.numbers = numbers;
    run.requestedPoolSize = strategy.usesPoolSize() ? poolSize : kAutoPoolSize;
    run.poolSize = strategy.workerCount(poolSize, static_cast<int>(numbers.size()));

    TimedTasks execution(numbers, stop, m_taskFunction, onTaskFinished);
    execution.setOptions(options);
    // /proc/stat is read outside the timed span: reading it costs tens of microseconds, as much as
    // the whole of set 1.
    const double machineBefore = machineBusyCpuSeconds();
    const double cpuBefore = processCpuSeconds();
    const double childrenBefore = reapedChildrenCpuSeconds();
    const double homeCpuBefore = threadCpuSeconds();
    const auto started = std::chrono::steady_clock::now();
    execution.start();
    try {
        run.tasks = strategy.run(execution, run.poolSize);
    } catch (const std::exception& error) {
        run.error = QStringLiteral("strategy '%1' failed: %2").arg(run.strategy, QString::fromLocal8Bit(error.what()));
    } catch (...) {
        run.error = QStringLiteral("strategy '%1' failed with an unknown exception").arg(run.strategy);
    }
    run.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (execution.measuredWallSeconds() >= 0.0) // the py-* strategies: the interpreter's own timed span
        run.wallSeconds = execution.measuredWallSeconds();
    run.cpuSeconds = threadCpuSeconds() - homeCpuBefore;
    run.processCpuSeconds = processCpuSeconds() - cpuBefore;
    const double machineAfter = machineBusyCpuSeconds();
    // The run's own worker processes (processes) are not competition: their CPU is the run's.
    const double children = reapedChildrenCpuSeconds() - childrenBefore;
    if (machineBefore >= 0.0 && machineAfter >= 0.0)
        run.otherProcessesCpuSeconds = std::max(0.0, machineAfter - machineBefore - run.processCpuSeconds - children);
    for (const TaskTiming& task : run.tasks)
        run.cpuSeconds += std::max(task.cpuSeconds, 0.0); // the home thread's tasks are counted above
    run.workerStartups = execution.workerStartups();
    run.startupSeconds = startupSpan(run.workerStartups);
    run.bytesReceived = execution.bytesReceived();

    if (run.error.isEmpty())
        run.error = execution.failure();
    run.matchesSerial = run.error.isEmpty() && matchesReference(run);
    if (run.error.isEmpty() && !run.matchesSerial)
        run.error = describeMismatch(run);
    return run;
}

struct ExperimentRunner::RunState
{
    const ExperimentPlan& plan;
    const std::atomic<bool>& stop;
    RunObserver& report;
    int totalSteps = 0;
    std::atomic<int> done {0}; // tasks and files finished, counted from any thread

    void step() { report.progress(++done, totalSteps); }
};

Experiment ExperimentRunner::run(const ExperimentPlan& plan, const std::atomic<bool>& stop, RunObserver* observer) const
{
    RunObserver silent;
    RunState state {plan, stop, observer ? *observer : silent, totalSteps(plan)};

    Experiment experiment = Experiment {}.stamped();
    experiment.plan = plan;
    if (planRunsPython(plan, m_strategies)) // the interpreter the py-* strategies run in (validated, so usable)
        experiment.environment.python = probePythonInterpreter(plan.strategyOptions.python.interpreter).environment();
    state.report.runStarted(plan, state.totalSteps);

    for (std::size_t setPosition = 0; setPosition < plan.sets.size() && !stop; ++setPosition) {
        // Warm-up repetitions are negative: they run exactly like the measured ones (same order,
        // same strategies and pool sizes) but are neither reported nor recorded.
        for (int repetition = -plan.warmup; repetition < plan.repeat && !stop; ++repetition)
            runRepetition(state, static_cast<int>(setPosition) + 1, repetition, experiment.runs);
    }
    runCsvStages(state, experiment.csv);

    experiment.cancelled = stop.load();
    state.report.runFinished(experiment);
    return experiment;
}

void ExperimentRunner::runRepetition(RunState& state, int setIndex, int repetition, std::vector<SetRun>& runs) const
{
    const ExperimentPlan& plan = state.plan;
    const NumberSet& numbers = plan.sets[static_cast<std::size_t>(setIndex) - 1];
    const bool measured = repetition >= 0;
    for (const QString& id : plan.strategies) {
        const Strategy* strategy = m_strategies.find(id);
        if (!strategy)
            continue; // validatePlan() rejects unknown ids; nothing to run here
        for (const int poolSize : poolSizesToRun(plan, *strategy, numbers)) {
            if (state.stop)
                break;
            const int workers = strategy->workerCount(poolSize, static_cast<int>(numbers.size()));
            auto onTask
                = [&state, &id, setIndex, workers, repetition, measured](int /*index*/, const TaskTiming& task) {
                      if (measured)
                          state.report.taskFinished(id, setIndex, workers, repetition, task);
                      state.step();
                  };
            SetRun run = runSet(*strategy, setIndex, numbers, poolSize, state.stop, onTask, plan.strategyOptions);
            run.repetition = repetition;
            if (state.stop && !run.ok())
                break; // cancelled mid-run: a partial set run measures nothing
            if (!measured)
                continue;
            state.report.setFinished(run);
            runs.push_back(std::move(run));
        }
    }
}

void ExperimentRunner::runCsvStages(RunState& state, std::vector<CsvRun>& stages) const
{
    const ExperimentPlan& plan = state.plan;
    for (const QString& id : plan.csv.modes()) {
        const CsvWriteMode* mode = m_csvModes.find(id);
        if (mode == nullptr || state.stop)
            break;
        const std::vector<FiboValue> values = csvStageValues(plan);
        const int writers = mode->writerCount(csvPoolSize(plan), static_cast<int>(values.size()));
        state.report.csvStageStarted(mode->id(), static_cast<int>(values.size()), csvStageBytes(values, plan.csv.row));
        auto onFile = [&state](const CsvFileResult& file) {
            state.report.csvFileWritten(file);
            state.step();
        };
        CsvRun csv = runCsvStage(*mode, plan.csv, writers, plan.csv.setIndex, values, state.stop, onFile);
        state.report.csvStageFinished(csv);
        stages.push_back(std::move(csv));
    }
}

} // namespace calcprof
