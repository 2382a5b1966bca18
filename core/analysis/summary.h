#pragma once

#include "core/analysis/bounds.h"
#include "core/analysis/stats.h"
#include "core/model/experiment.h"
#include "core/strategies/strategyregistry.h"

#include <QStringList>

#include <optional>
#include <vector>

/// What an experiment's measurements mean, computed once: the console table, the results model,
/// every chart, the JSON and the report only format an ExperimentSummary (as Google Benchmark's
/// ComputeStats feeds all its reporters).
namespace calcprof {

/// The id of the baseline every speedup is measured against.
QString baselineStrategyId();

/// A group whose runs spread more than this (coefficient of variation) is flagged as noisy; a busy
/// machine is flagged above kCompetingShareThreshold (environment.h).
inline constexpr double kNoisyCv = 0.10;

/// One number set, identified by its numbers (so reruns with another sets text never mix).
struct SetSummary
{
    int setIndex = 0; ///< 1-based position where it first appeared
    NumberSet numbers;
    /// Median serial time of each task, in set order, over the baseline's successful runs; empty
    /// when the baseline did not run this set.
    std::vector<double> serialTaskSeconds;
    double serialWorkSeconds = 0.0; ///< their sum
    int largestTaskN = 0;
    double largestTaskShare = 0.0; ///< of serialWorkSeconds

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
    std::optional<double> speedup; ///< baseline median / this median, same set, same experiment
    std::optional<double> speedupLow; ///< ratioInterval(baseline, this).low: a conservative interval
    std::optional<double> speedupHigh; ///< ratioInterval(baseline, this).high
    std::optional<double> efficiency; ///< efficiency(speedup, workers, cores)
    std::optional<SpeedupBounds> bounds; ///< from the set's serial task times, on the experiment's cores
    QString workUnit = QStringLiteral("task"); ///< what the strategy hands out (workUnitName): what bounds->unit bounds
    double otherProcessesShare = -1.0; ///< median share of the machine other processes took; -1 unknown
    QStringList warnings; ///< "noisy (CV 14 %)", "busy machine (…)": what to know before trusting it

    [[nodiscard]] bool measured() const { return wall.count > 0; }
};

struct ExperimentSummary
{
    int cores = 1; ///< of the machine that ran the experiment
    /// Who measured: the experiment's calcprof version and machine, as recorded (what a comparison
    /// of two summaries shows beside its groups).
    QString version;
    EnvironmentInfo environment;
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

/// A speedup's share of what `workers` workers could reach on `cores` cores: speedup / min(workers,
/// cores) (at least 1). The summary's efficiency, the efficiency views' and their bounds'.
double efficiency(double speedup, int workers, int cores);

/// One run's own speedup: the baseline's median on the same numbers over this run's wall time;
/// nullopt for a failed run or without a baseline.
std::optional<double> runSpeedup(const ExperimentSummary& summary, const SetRun& run);

/// The sentence that explains a set's limit, from its numbers: "set 3: task 42 is 65 % of the work,
/// so no schedule of whole tasks beats 1.53x on 2 cores". Empty without serial task times.
QString boundCaption(const SetSummary& set, int cores);

/// Every failure of `experiment` (Experiment::failures()), one per line; empty when all went well.
QString describeFailures(const Experiment& experiment);

} // namespace calcprof
