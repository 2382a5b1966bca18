#pragma once

#include "core/csv/csvmoderegistry.h"
#include "core/csv/csvstage.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"
#include "core/model/scriptrun.h"
#include "core/strategies/strategyoptions.h"
#include "core/strategies/strategyregistry.h"

#include <QStringList>

#include <vector>

namespace calcprof {

inline constexpr int kMaxRepeat = 1000;
inline constexpr int kMaxWarmup = 100;
inline constexpr int kDefaultRepeat = 5;
inline constexpr int kDefaultWarmup = 1;
inline constexpr int kMaxRetryDisturbed = 10;
inline constexpr int kDefaultRetryDisturbed = 2;
/// --repeat auto: never fewer rounds than this (the interval of a median of fewer runs is its range).
inline constexpr int kMinAutoRepeat = 5;
inline constexpr double kDefaultPrecision = 0.03; ///< --precision: ±3 % of the median
inline constexpr double kDefaultMaxSecondsPerSet = 60.0; ///< --max-time
inline constexpr double kMinPrecision = 0.001;
inline constexpr double kMaxPrecision = 0.5;
inline constexpr double kMaxSecondsPerSet = 86400.0;

/// --repeat auto (pyperf's calibration, hyperfine's open #594): after plan.repeat rounds of a set, more
/// rounds run until every group's median interval is within ±`precision` of the median, or the set's
/// rounds have taken `maxSecondsPerSet` (another round would pass it), or kMaxRepeat rounds ran.
struct AutoRepeat
{
    bool enabled = false;
    double precision = kDefaultPrecision; ///< relative half-width of each group's median interval
    double maxSecondsPerSet = kDefaultMaxSecondsPerSet; ///< of measured rounds, warm-ups not counted

    bool operator==(const AutoRepeat&) const = default;
};

/// What to run: sets x strategies x pool sizes x repetitions, then optionally the CSV stage's rounds.
/// The CLI and the GUI both fill one in and both check it with validatePlan().
struct ExperimentPlan
{
    std::vector<NumberSet> sets = defaultNumberSets();
    /// Every strategy that can run here (all but mpi on a machine without Open MPI).
    QStringList strategies = availableStrategyIds(builtinStrategies());
    /// The sweep: strategies that use a pool size run once per value (each resolved worker count once
    /// per set), the others once. kAutoPoolSize: one worker per task, as Pool(len(set)).
    std::vector<int> poolSizes {kAutoPoolSize};
    int repeat = kDefaultRepeat; ///< measured runs of every set x strategy x pool size (auto: the least)
    AutoRepeat autoRepeat; ///< --repeat auto: more rounds until precise, past `repeat`
    int warmup = kDefaultWarmup; ///< runs before the measured ones, not recorded
    /// How often a disturbed run (isDisturbed()) is measured again at the end of its round; 0: never.
    int retryDisturbed = kDefaultRetryDisturbed;
    CsvOptions csv;
    StrategyOptions strategyOptions; ///< the mpi strategy's hostfile and launcher
    /// --script: the user's own program, run last with strategyOptions.python's interpreter. A plan
    /// with a script may have no strategies: it then runs the script alone.
    ScriptPlan script;
};

/// What is wrong with each part of a plan, one message per field (empty when the field is fine):
/// the window shows each under its own control, the CLI the first (validatePlan()).
struct PlanIssues
{
    QString sets;
    QString strategies; ///< also their MPI options and whether they can run here
    QString poolSizes;
    QString repetitions; ///< repeat, warm-up and retries of disturbed runs
    /// The CSV options, checked even when the stage is off. The checks that need the sets (the CSV
    /// set exists, its files fit) wait until the sets are fine.
    QString csv;
    QString script; ///< the script, its folder and the interpreter it needs

    /// The first issue in the order above; empty when the plan can run.
    [[nodiscard]] QString first() const;
};

/// Every field's issue, each message exactly as validatePlan() gives it. Nothing is written.
PlanIssues planIssues(const ExperimentPlan& plan, const StrategyRegistry& strategies = builtinStrategies(),
    const CsvModeRegistry& csvModes = builtinCsvModes());

/// Empty if `plan` can run; otherwise a message naming the offending value and what is allowed:
/// planIssues(plan).first(). Nothing is written by a check, so a refused plan leaves no trace.
QString validatePlan(const ExperimentPlan& plan, const StrategyRegistry& strategies = builtinStrategies(),
    const CsvModeRegistry& csvModes = builtinCsvModes());

/// The values the CSV stage writes: the chosen set's lists, flattened in result order.
std::vector<FiboValue> csvStageValues(const ExperimentPlan& plan);

/// The pool sizes `strategy` runs `set` with under `plan`: for a strategy that uses the pool size,
/// each requested value whose worker count differs from the earlier ones (on a 3-task set "3,auto"
/// runs once); for the others, one run recorded as auto.
std::vector<int> poolSizesToRun(const ExperimentPlan& plan, const Strategy& strategy, const NumberSet& set);

} // namespace calcprof
