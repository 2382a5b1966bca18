#pragma once

#include "core/analysis/bounds.h"
#include "core/analysis/ratioestimate.h"
#include "core/analysis/stats.h"
#include "core/model/experiment.h"
#include "core/strategies/strategyregistry.h"

#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

/// What an experiment's measurements mean, computed once: the console table, the results model,
/// every chart, the JSON and the report only format an ExperimentSummary (as Google Benchmark's
/// ComputeStats feeds all its reporters).
namespace calcprof {

/// The id of the baseline every C++ strategy's speedup is measured against.
QString baselineStrategyId();

/// The id of the baseline of the py-* strategies (their own language): where it measured the same
/// numbers, a Python strategy's speedup is against it, else against baselineStrategyId().
QString pythonBaselineStrategyId();

/// A group whose runs spread more than this (coefficient of variation) is flagged as noisy; a busy
/// machine is flagged above kCompetingShareThreshold (environment.h).
inline constexpr double kNoisyCv = 0.10;

/// A speedup whose point exceeds min(workers, cores) by more than this share is physically
/// impossible: noise (a slow serial run, a fast outlier), never a result. 5 %: the spread of a
/// quiet machine's medians over a handful of runs.
inline constexpr double kPhysicsTolerance = 0.05;

/// One number set, identified by its numbers (so reruns with another sets text never mix).
struct SetSummary
{
    int setIndex = 0; ///< 1-based position where it first appeared
    NumberSet numbers;
    /// Each task's exact work: the logical calls of its naive recursion (taskCalls()), in set
    /// order. Known before anything runs: shares and "the largest task" come from it, never from
    /// timings.
    std::vector<std::uint64_t> taskCalls;
    /// Each task's serial time as the bounds and models read it: its exact calls at the
    /// experiment's measured serial rate (ExperimentSummary::serialCallsPerSecond); empty when the
    /// baseline did not run this set.
    std::vector<double> serialTaskSeconds;
    double serialWorkSeconds = 0.0; ///< their sum
    /// --repeat auto: the rounds the set ran and why they stopped (Experiment::setRounds).
    std::optional<SetRounds> autoRounds;
    /// The median measured serial time of each task (the baseline's runs), as timed: shown, never
    /// used for a share or a bound. Empty when the baseline did not run this set.
    std::vector<double> measuredTaskSeconds;
    int largestTaskN = 0; ///< the task with the most calls (the first of equal ones)
    double largestTaskShare = 0.0; ///< its share of the set's calls
    /// The language factor: py-serial / serial on this set, both measured in this experiment (the
    /// paired rounds too when enough rounds hold both). Quoted as its ratioOfMedians (py-serial's
    /// median / serial's) with ratioOfMediansLow/High: languageFactorText(). nullopt unless both ran.
    std::optional<RatioEstimate> languageFactor;

    [[nodiscard]] bool hasTaskTimes() const { return !serialTaskSeconds.empty(); }
};

/// All repetitions of one strategy on one set with one number of workers.
struct GroupSummary
{
    int setIndex = 0;
    NumberSet numbers;
    QString strategy;
    int workers = 0;
    std::vector<int> requestedPoolSizes; ///< the pool sizes asked for that gave these workers (0 = auto)
    bool usesPoolSize = false;
    int runs = 0; ///< successful and failed
    int failures = 0;
    bool allMatch = true; ///< every successful run matched serial
    /// The successful runs' wall seconds, in run order: what a comparison with another summary tests.
    std::vector<double> wallSamples;
    /// Index in Experiment::runs of the group's first successful run (-1: none): a comparison lists
    /// groups in the order they were measured.
    int firstMeasuredRun = -1;
    Summary wall; ///< seconds, successful runs only
    Summary cpu; ///< thread CPU seconds, successful runs only
    /// The strategy `speedup` is against: pythonBaselineStrategyId() for a py-* strategy where it
    /// measured the same numbers, else baselineStrategyId(). Empty without a speedup's baseline.
    QString speedupBaseline;
    /// The speedup against speedupBaseline on the same numbers, same experiment, by `estimator`:
    /// the median of the per-round ratios when enough rounds hold both, else the ratio of medians.
    std::optional<double> speedup;
    std::optional<double> speedupLow; ///< the interval of `speedup` by `estimator`
    std::optional<double> speedupHigh;
    double speedupConfidence = 0.0; ///< the interval's coverage (Summary::ciConfidence of what it came from)
    int speedupSamples = 0; ///< the rounds (paired) or the group's runs (ratio of medians) behind it
    SpeedupEstimator estimator = SpeedupEstimator::RatioOfMedians;
    /// Baseline median / this median with ratioInterval(): always available beside `speedup`.
    std::optional<double> ratioOfMedians;
    std::optional<double> ratioOfMediansLow;
    std::optional<double> ratioOfMediansHigh;
    std::optional<double> efficiency; ///< efficiency(speedup, workers, cores)
    /// min(workers, cores): the most any speedup of this group can physically be.
    int coresUsable = 1;
    /// The speedup exceeds coresUsable by more than kPhysicsTolerance: noise, never quoted as a result.
    bool aboveCores = false;
    /// aboveCoresNote() when aboveCores, else empty: what a view shows beside the flagged speedup.
    QString aboveCoresText;
    std::optional<SpeedupBounds> bounds; ///< from the set's serial task times, on the experiment's cores
    QString workUnit = QStringLiteral("task"); ///< what the strategy hands out (workUnitName): what bounds->unit bounds
    double otherProcessesShare = -1.0; ///< median share of the machine other processes took; -1 unknown
    double stealShare = -1.0; ///< median share of the machine the hypervisor stole (stealShare()); -1 unknown
    /// Successful runs still disturbed (isDisturbed()) after their retries: superseded attempts are
    /// not counted, nor anywhere else in the summary.
    int disturbedRuns = 0;
    /// More than half of its successful runs, or of its baseline's, were disturbed: nothing it measured
    /// is a verdict (quotable() is false).
    bool notMeasurable = false;
    /// notMeasurableNote() when notMeasurable, else empty: what a view says instead of a verdict.
    QString notMeasurableText;
    QStringList warnings; ///< "noisy (CV 14 %)", "busy machine (…)": what to know before trusting it

    [[nodiscard]] bool measured() const { return wall.count > 0; }
};

struct ExperimentSummary
{
    int cores = 1; ///< of the machine that ran the experiment
    /// Serial's logical calls per second (serialRate()): what scales each set's exact work into
    /// seconds for the bounds and models. 0 when the baseline measured nothing.
    double serialCallsPerSecond = 0.0;
    /// Who measured: the experiment's calcprof version and machine, as recorded (what a comparison
    /// of two summaries shows beside its groups).
    QString version;
    EnvironmentInfo environment;
    AutoRepeat autoRepeat; ///< the plan's: whether sets ran rounds until precise, and the precision
    /// The plan's measured runs of every group (ExperimentPlan::repeat; with --repeat auto, the
    /// least): a group of fewer runs is still being measured, or was stopped short.
    int plannedRuns = 0;
    std::vector<SetSummary> sets; ///< in order of first appearance
    /// By set, then strategy (registry order), then workers.
    std::vector<GroupSummary> groups;

    [[nodiscard]] const SetSummary* findSet(const NumberSet& numbers) const;
    [[nodiscard]] const GroupSummary* findGroup(const NumberSet& numbers, const QString& strategy, int workers) const;
};

ExperimentSummary summarizeExperiment(
    const Experiment& experiment, const StrategyRegistry& strategies = builtinStrategies());

/// The bounds of `strategy` with `workers` workers on `cores` cores for `set` (another core count
/// than the experiment's is a simulation). nullopt without serial task times.
std::optional<SpeedupBounds> boundsFor(const SetSummary& set, const Strategy& strategy, int workers, int cores);

/// Whether `group` may be quoted as a result: measured, every run matched serial, its speedup (if
/// any) within what its cores allow (not aboveCores), and not mostly disturbed (not notMeasurable).
bool quotable(const GroupSummary& group);

/// The fastest of `groups` (lowest median wall time) among the quotable ones; nullptr when none is.
/// The one rule for "the fastest" of every report section, the console and the window.
const GroupSummary* fastestGroup(const std::vector<const GroupSummary*>& groups);

/// Why `groups` give no verdict because of disturbed runs: the first notMeasurableText among them;
/// empty when none is notMeasurable. What the report and the console say where fastestGroup() finds
/// nothing.
QString disturbedReason(const std::vector<const GroupSummary*>& groups);

/// "above what 2 cores allow: noise" (or "… 1 worker allows …" with fewer workers than `cores`):
/// the physics flag's words, wherever a view shows it.
QString aboveCoresNote(const GroupSummary& group, int cores);

/// Whether more than half of `group`'s successful runs were disturbed.
bool mostlyDisturbed(const GroupSummary& group);

/// "not measurable now: 3 of 5 runs disturbed (other processes 23 %, steal 0 %); rerun on a quieter
/// machine" for `disturbed` (the group itself, or the baseline its speedup rests on: then "serial's 3
/// of 5 runs"): the words a view and the report give instead of a verdict.
QString notMeasurableNote(const GroupSummary& disturbed, bool isBaseline);

/// A group's speedup interval with its estimator, as every view words it: "paired rounds; 94 %
/// interval 1.35x–1.42x, range of 5 runs" (intervalText() of the per-round ratios) or "ratio of
/// medians; 88 % interval 1.30x–1.50x" (the conservative interval, at least the product of the
/// medians' coverages). Empty without an interval (one run).
QString speedupIntervalText(const GroupSummary& group);

/// A speedup's share of what `workers` workers could reach on `cores` cores: speedup / min(workers,
/// cores) (at least 1). The summary's efficiency, the efficiency views' and their bounds'.
double efficiency(double speedup, int workers, int cores);

/// One run's own speedup: its group's baseline's (GroupSummary::speedupBaseline) median on the same
/// numbers over this run's wall time; nullopt for a failed run or without a baseline.
std::optional<double> runSpeedup(const ExperimentSummary& summary, const SetRun& run);

/// The sentence that explains a set's limit, from its numbers: "set 3: task 42 is 65 % of the work,
/// so no schedule of whole tasks beats 1.53x on 2 cores". Empty without serial task times.
QString boundCaption(const SetSummary& set, int cores);

/// Which baseline the py-* strategies' speedups are against, for the note under a table: "py-*
/// speedups are against py-serial (their own language) on set 1, set 2; against serial on set 3
/// (py-serial not measured there)". Empty when no py-* strategy has a speedup.
QString speedupBaselineNote(const ExperimentSummary& summary);

/// "94.2x [90.1x, 97.5x]": a set's language factor (SetSummary::languageFactor), the ratio of the
/// medians py-serial / serial with its interval, as every view words it; empty when not measured.
QString languageFactorText(const SetSummary& set);

/// "language factor (py-serial / serial, ratio of medians): set 1 (10,12,5) 94.2x [90.1x, 97.5x]; …":
/// the console's line, empty when no set measured both.
QString languageFactorLine(const ExperimentSummary& summary);

/// Every failure of `experiment` (Experiment::failures()), one per line; empty when all went well.
QString describeFailures(const Experiment& experiment);

} // namespace calcprof
