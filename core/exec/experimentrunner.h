#pragma once

#include "core/exec/runobserver.h"
#include "core/exec/timedtasks.h"
#include "core/model/environment.h"
#include "core/model/experiment.h"
#include "core/model/experimentplan.h"

#include <atomic>
#include <functional>
#include <vector>

namespace calcprof {

/// Runs an ExperimentPlan: for each set, each repetition, each strategy in the plan's order, then
/// the CSV stage's rounds (each mode and the raw sequential write once per round, rotated). Synchronous: call it off
/// the GUI thread. Every set run is checked against the reference values (the serial results); a failing or throwing
/// strategy is recorded in its SetRun and the others still run.
class ExperimentRunner
{
public:
    explicit ExperimentRunner(
        const StrategyRegistry& strategies = builtinStrategies(), const CsvModeRegistry& csvModes = builtinCsvModes());

    /// Replaces the task body (default: the naive recursion). Tests use it to inject slow,
    /// instrumented or failing tasks; strategies still schedule it exactly as the real one.
    void setTaskFunction(TimedTasks::TaskFunction function);
    /// Whether the set runs of the experiment run() returns keep their tasks (the default). An
    /// observer that keeps every set run it is handed (RunObserver::setFinished()) turns it off:
    /// the runs returned then say how each went (times, errors, pool sizes) without the tasks, which
    /// are the bulk of an experiment (~65 MB in the largest documented one) and would be held twice.
    void setKeepTasks(bool keep) { m_keepTasks = keep; }

    /// What reads the machine's CPU counters around each run (default machineCpuTimes(), from
    /// /proc/stat). Tests inject a busy or stolen machine with it.
    using MachineCpuReader = std::function<MachineCpuTimes()>;
    void setMachineCpuReader(MachineCpuReader reader);

    /// Steps the plan takes, for progress: tasks of every set run (warm-ups included) plus files of
    /// the CSV stage.
    [[nodiscard]] int totalSteps(const ExperimentPlan& plan) const;

    /// Runs `plan`, which must have passed validatePlan(). Raising `stop` cancels promptly: the
    /// experiment returned then holds what finished and has `cancelled` set.
    Experiment run(const ExperimentPlan& plan, const std::atomic<bool>& stop, RunObserver* observer = nullptr) const;

    /// Runs one strategy on one set once with the pool size `poolSize` as requested (kAutoPoolSize
    /// for auto); exposed for tests and benchmarks.
    SetRun runSet(const Strategy& strategy, int setIndex, const NumberSet& numbers, int poolSize,
        const std::atomic<bool>& stop, const TimedTasks::TaskFinished& onTaskFinished = {},
        const StrategyOptions& options = {}) const;

private:
    struct RunState; // what one run() hands its parts: plan, stop flag, observer, progress count
    /// A measured run found disturbed (isDisturbed()), with what it takes to measure it again.
    struct DisturbedRun
    {
        const Strategy* strategy = nullptr;
        int poolSize = 0; ///< as requested
        SetRun run;
    };

    /// Tasks of one round of `set`: each strategy with each of its pool sizes.
    [[nodiscard]] int stepsPerRound(const ExperimentPlan& plan, const NumberSet& set) const;
    /// The warm-ups and measured rounds of set `setIndex` (1-based): plan.repeat rounds, and with
    /// --repeat auto more until roundsStopAfter() says why not (added to Experiment::setRounds).
    void runSetRounds(RunState& state, int setIndex, Experiment& experiment) const;
    /// One repetition of set `setIndex` (1-based): each strategy of the plan with each of its pool
    /// sizes; the measured runs (repetition >= 0) are reported and added to `runs`, the warm-ups that
    /// failed to `failedWarmups`.
    void runRepetition(RunState& state, int setIndex, int repetition, std::vector<SetRun>& runs,
        std::vector<SetRun>& failedWarmups) const;
    /// Measures `disturbed` again, up to plan.retryDisturbed times while it stays disturbed, and adds
    /// every attempt to `runs`: the earlier ones marked superseded, the last one kept.
    void retryDisturbed(RunState& state, DisturbedRun disturbed, std::vector<SetRun>& runs) const;
    /// Hands a measured `run` to the observer and adds it to `runs`, without its tasks unless kept
    /// (setKeepTasks()).
    void keepRun(RunState& state, SetRun run, std::vector<SetRun>& runs) const;
    /// The plan's CSV rounds: in round r every mode and the raw sequential write once, in the order
    /// rotated by r (rotatedEntry()); their stages and raw writes are added to `experiment`. After a
    /// round with a failed stage no further round runs: it would fail the same way.
    void runCsvStages(RunState& state, Experiment& experiment) const;
    /// --script: the user's program, last; one step of the progress.
    void runScriptStage(RunState& state, Experiment& experiment) const;
    /// One mode's stage in one round; only the last round keeps its files (--keep-files).
    CsvRun runCsvStageInRound(
        RunState& state, const CsvWriteMode& mode, const std::vector<FiboValue>& values, int round, int order) const;
    /// One round's raw sequential write of `bytes`, in the CSV folder (or the system temp folder).
    void measureRawWriteInRound(
        RunState& state, Experiment& experiment, std::uint64_t bytes, int round, int order) const;

    const StrategyRegistry& m_strategies;
    const CsvModeRegistry& m_csvModes;
    TimedTasks::TaskFunction m_taskFunction = TimedTasks::naiveTask;
    MachineCpuReader m_machineCpu = machineCpuTimes;
    bool m_keepTasks = true;
};

/// Whether `run` returned every task in set order with the reference values.
bool matchesReference(const SetRun& run);

} // namespace calcprof
