#include "core/exec/experimentrunner.h"

#include "core/analysis/autorepeat.h"
#include "core/io/folderlock.h"
#include "core/model/environment.h"
#include "core/python/planestimate.h"
#include "core/python/pythoninterpreter.h"
#include "core/python/scriptrunner.h"

#include <QDir>

#include <chrono>
#include <optional>

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

void ExperimentRunner::setMachineCpuReader(MachineCpuReader reader)
{
    m_machineCpu = std::move(reader);
}

int ExperimentRunner::stepsPerRound(const ExperimentPlan& plan, const NumberSet& set) const
{
    int steps = 0;
    for (const QString& id : plan.strategies) {
        if (const Strategy* strategy = m_strategies.find(id)) {
            const auto runs = static_cast<int>(poolSizesToRun(plan, *strategy, set).size());
            steps += static_cast<int>(set.size()) * runs;
        }
    }
    return steps;
}

int ExperimentRunner::totalSteps(const ExperimentPlan& plan) const
{
    int steps = 0;
    for (const NumberSet& set : plan.sets)
        steps += stepsPerRound(plan, set) * (plan.warmup + plan.repeat);
    if (plan.csv.enabled() && plan.csv.setIndex >= 1 && plan.csv.setIndex <= static_cast<int>(plan.sets.size()))
        steps += static_cast<int>(csvStageValues(plan).size()) * static_cast<int>(plan.csv.modes().size())
            * plan.csv.rounds();
    if (plan.script.enabled())
        ++steps;
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
    const MachineCpuTimes machineBefore = m_machineCpu();
    const std::int64_t switchesBefore = involuntaryContextSwitches();
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
    // The py-* strategies: the interpreter's own timed span. The home thread only started the interpreter,
    // waited and cleaned up, outside that span: the run's CPU is what its tasks report.
    const bool interpreterTimed = execution.measuredWallSeconds() >= 0.0;
    if (interpreterTimed)
        run.wallSeconds = execution.measuredWallSeconds();
    run.cpuSeconds = interpreterTimed ? 0.0 : threadCpuSeconds() - homeCpuBefore;
    run.processCpuSeconds = processCpuSeconds() - cpuBefore;
    const MachineCpuTimes machineAfter = m_machineCpu();
    run.involuntaryContextSwitches = std::max<std::int64_t>(0, involuntaryContextSwitches() - switchesBefore);
    // The run's own worker processes (processes) are not competition: their CPU is the run's.
    const double children = reapedChildrenCpuSeconds() - childrenBefore;
    if (machineBefore.busySeconds >= 0.0 && machineAfter.busySeconds >= 0.0)
        run.otherProcessesCpuSeconds
            = std::max(0.0, machineAfter.busySeconds - machineBefore.busySeconds - run.processCpuSeconds - children);
    if (machineBefore.stealSeconds >= 0.0 && machineAfter.stealSeconds >= 0.0)
        run.stealSeconds = std::max(0.0, machineAfter.stealSeconds - machineBefore.stealSeconds);
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
    std::atomic<int> totalSteps {0}; // grows when --repeat auto adds a round
    int cores = 1; ///< of the machine: what a run's disturbance is a share of
    std::atomic<int> done {0}; // tasks and files finished, counted from any thread

    void step() { report.progress(++done, totalSteps); }
};

Experiment ExperimentRunner::run(const ExperimentPlan& plan, const std::atomic<bool>& stop, RunObserver* observer) const
{
    RunObserver silent;
    Experiment experiment = Experiment {}.stamped();
    experiment.plan = plan;
    // The interpreter the py-* strategies and the script run in (validated, so usable).
    if (planRunsPython(plan, m_strategies) || plan.script.enabled())
        experiment.environment.python = probePythonInterpreter(plan.strategyOptions.python.interpreter).environment();
    RunState state {
        plan, stop, observer ? *observer : silent, totalSteps(plan), std::max(1, experiment.environment.cores)};

    state.report.runStarted(plan, state.totalSteps);

    for (std::size_t setPosition = 0; setPosition < plan.sets.size() && !stop; ++setPosition)
        runSetRounds(state, static_cast<int>(setPosition) + 1, experiment);
    runCsvStages(state, experiment);
    if (plan.script.enabled() && !stop.load())
        runScriptStage(state, experiment);

    experiment.cancelled = stop.load();
    state.report.runFinished(experiment);
    return experiment;
}

void ExperimentRunner::runSetRounds(RunState& state, int setIndex, Experiment& experiment) const
{
    const ExperimentPlan& plan = state.plan;
    // Warm-up repetitions are negative: they run exactly like the measured ones (same order, same
    // strategies and pool sizes) but are neither reported nor recorded.
    for (int repetition = -plan.warmup; repetition < 0 && !state.stop; ++repetition)
        runRepetition(state, setIndex, repetition, experiment.runs, experiment.failedWarmups);
    const auto started = std::chrono::steady_clock::now();
    const auto secondsSoFar
        = [started] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    int rounds = 0;
    while (!state.stop) {
        if (rounds >= plan.repeat) {
            if (!plan.autoRepeat.enabled)
                return;
            const bool precise = impreciseGroups(experiment.runs, setIndex, plan.autoRepeat.precision).empty();
            if (const auto stop = roundsStopAfter(plan.autoRepeat, rounds, secondsSoFar(), precise)) {
                experiment.setRounds.push_back({setIndex, rounds, secondsSoFar(), *stop});
                return;
            }
            state.totalSteps += stepsPerRound(plan, plan.sets[static_cast<std::size_t>(setIndex) - 1]);
        }
        runRepetition(state, setIndex, rounds, experiment.runs, experiment.failedWarmups);
        if (!state.stop)
            ++rounds; // a round cut short by the cancel measured nothing whole
    }
    if (plan.autoRepeat.enabled)
        experiment.setRounds.push_back({setIndex, rounds, secondsSoFar(), RoundsStop::Cancelled});
}

void ExperimentRunner::runRepetition(
    RunState& state, int setIndex, int repetition, std::vector<SetRun>& runs, std::vector<SetRun>& failedWarmups) const
{
    const ExperimentPlan& plan = state.plan;
    const NumberSet& numbers = plan.sets[static_cast<std::size_t>(setIndex) - 1];
    const bool measured = repetition >= 0;
    std::vector<DisturbedRun> disturbed; // measured again once the round's other runs are done
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
            if (!measured) {
                // A warm-up measures nothing, but one that failed (a worker killed, a throw) is a
                // failure of the experiment all the same: said, and the exit code, like any other.
                if (!run.ok())
                    failedWarmups.push_back(std::move(run));
                continue;
            }
            if (plan.retryDisturbed > 0 && run.ok() && isDisturbed(run, state.cores)) {
                disturbed.push_back({strategy, poolSize, std::move(run)});
                continue;
            }
            keepRun(state, std::move(run), runs);
        }
    }
    for (DisturbedRun& run : disturbed)
        retryDisturbed(state, std::move(run), runs);
}

void ExperimentRunner::retryDisturbed(RunState& state, DisturbedRun disturbed, std::vector<SetRun>& runs) const
{
    const ExperimentPlan& plan = state.plan;
    SetRun latest = std::move(disturbed.run);
    // Each attempt is kept in `runs` (the JSON shows them all); the last one is the run's result. A
    // retry is not part of the plan's steps: its tasks are neither counted nor reported one by one.
    for (int attempt = 1;
         attempt <= plan.retryDisturbed && !state.stop && latest.ok() && isDisturbed(latest, state.cores); ++attempt) {
        state.report.runRetried(latest, disturbanceText(latest, state.cores), attempt, plan.retryDisturbed);
        SetRun again = runSet(*disturbed.strategy, latest.setIndex, latest.numbers, disturbed.poolSize, state.stop, {},
            plan.strategyOptions);
        again.repetition = latest.repetition;
        if (state.stop && !again.ok())
            break; // cancelled mid-run: the disturbed attempt is all there is
        latest.superseded = true;
        keepRun(state, std::move(latest), runs);
        latest = std::move(again);
    }
    keepRun(state, std::move(latest), runs);
}

void ExperimentRunner::keepRun(RunState& state, SetRun run, std::vector<SetRun>& runs) const
{
    state.report.setFinished(run);
    if (!m_keepTasks)
        std::vector<TaskTiming>().swap(run.tasks); // the observer has them; freed, not just emptied
    runs.push_back(std::move(run));
}

void ExperimentRunner::runScriptStage(RunState& state, Experiment& experiment) const
{
    const ScriptPlan& script = state.plan.script;
    const QString& interpreter = state.plan.strategyOptions.python.interpreter;
    ScriptCallbacks callbacks;
    callbacks.output = [&state](const QString& line) { state.report.scriptOutput(line); };
    callbacks.timing = [&state](const ScriptTiming& timing) { state.report.scriptTiming(timing); };
    state.report.scriptStarted(script);
    experiment.script = runScript(script, interpreter, state.stop, callbacks);
    state.step();
    state.report.scriptFinished(*experiment.script);
}

void ExperimentRunner::runCsvStages(RunState& state, Experiment& experiment) const
{
    const ExperimentPlan& plan = state.plan;
    const QStringList modes = plan.csv.modes();
    if (modes.isEmpty() || state.stop)
        return;
    // The user's folder is ours for every round: another calcprof writing there at the same time
    // would replace our files with its own. (A fresh folder of our own needs no lock.)
    std::optional<FolderLock> folderLock;
    if (!plan.csv.directory.isEmpty()) {
        folderLock.emplace(plan.csv.directory);
        if (!folderLock->locked()) {
            CsvRun refused;
            refused.mode = modes.value(0);
            refused.setIndex = plan.csv.setIndex;
            refused.directory = plan.csv.directory;
            refused.error = folderLock->error();
            state.report.csvStageFinished(refused);
            experiment.csv.push_back(std::move(refused));
            return;
        }
    }
    const std::vector<FiboValue> values = csvStageValues(plan);
    const int entries = static_cast<int>(modes.size()) + 1; // the modes, then the raw write
    const int rounds = plan.csv.rounds();
    for (int round = 0; round < rounds && !state.stop; ++round) {
        QStringList order;
        for (int position = 0; position < entries; ++position) {
            const int entry = rotatedEntry(round, position, entries);
            order << (entry < modes.size() ? modes.at(entry) : kRawWriteEntry);
        }
        state.report.csvRoundStarted(round, rounds, order);
        bool failed = false;
        for (int position = 0; position < entries && !state.stop; ++position) {
            const CsvWriteMode* mode = m_csvModes.find(order.at(position));
            if (mode == nullptr) { // validatePlan() rejects unknown ids: this is the raw write
                measureRawWriteInRound(state, experiment, csvStageBytes(values, plan.csv.row), round, position);
                continue;
            }
            CsvRun csv = runCsvStageInRound(state, *mode, values, round, position);
            failed = failed || !csv.ok();
            experiment.csv.push_back(std::move(csv));
        }
        if (failed)
            break;
    }
}

CsvRun ExperimentRunner::runCsvStageInRound(
    RunState& state, const CsvWriteMode& mode, const std::vector<FiboValue>& values, int round, int order) const
{
    const ExperimentPlan& plan = state.plan;
    // Every round writes the same res*.txt: an earlier round's files must be gone before the next
    // round, or its stages would refuse to overwrite them. The last round's are the ones kept.
    CsvOptions options = plan.csv;
    options.keepFiles = plan.csv.keepFiles && round + 1 == plan.csv.rounds();
    options.python = plan.strategyOptions.python;
    const int writers = mode.writerCount(plan.csv.writerPoolSize(), static_cast<int>(values.size()));
    state.report.csvStageStarted(mode.id(), static_cast<int>(values.size()), csvStageBytes(values, plan.csv.row));
    auto onFile = [&state](const CsvFileResult& file) {
        state.report.csvFileWritten(file);
        state.step();
    };
    CsvRun csv = runCsvStage(mode, options, writers, plan.csv.setIndex, values, state.stop, onFile);
    csv.round = round;
    csv.order = order;
    state.report.csvStageFinished(csv);
    return csv;
}

void ExperimentRunner::measureRawWriteInRound(
    RunState& state, Experiment& experiment, std::uint64_t bytes, int round, int order) const
{
    const CsvOptions& csv = state.plan.csv;
    // A stage without --csv-dir writes in a fresh folder under the temp folder: the same file system.
    const QString directory = csv.directory.isEmpty() ? QDir::tempPath() : csv.directory;
    const SequentialWrite result = measureSequentialWrite(directory, bytes, csv.fsync, state.stop);
    const RawWriteReference raw {result.bytes, result.wallSeconds, result.mbPerSecond, csv.fsync, round, order};
    if (state.stop)
        return; // a cancelled write measures nothing
    if (result.error.isEmpty())
        experiment.rawWrites.push_back(raw);
    state.report.csvRawWriteFinished(raw, result.error);
}

} // namespace calcprof
