#include "core/model/experimentplan.h"

#include "core/mpi/mpisetup.h"
#include "core/python/pythoninterpreter.h"
#include "core/python/scriptrunner.h"

#include <QDir>

#include <algorithm>

namespace calcprof {

std::vector<FiboValue> csvStageValues(const ExperimentPlan& plan)
{
    std::vector<std::vector<FiboValue>> lists;
    for (const int n : plan.sets.at(static_cast<std::size_t>(plan.csv.setIndex - 1)))
        lists.push_back(referenceTaskValues(n));
    return csvValues(lists);
}

std::vector<int> poolSizesToRun(const ExperimentPlan& plan, const Strategy& strategy, const NumberSet& set)
{
    if (!strategy.usesPoolSize())
        return {kAutoPoolSize};
    std::vector<int> requested;
    std::vector<int> workers;
    for (const int poolSize : plan.poolSizes) {
        const int count = strategy.workerCount(poolSize, static_cast<int>(set.size()));
        if (std::find(workers.begin(), workers.end(), count) != workers.end())
            continue;
        workers.push_back(count);
        requested.push_back(poolSize);
    }
    return requested;
}

namespace {

QString setsIssue(const std::vector<NumberSet>& sets)
{
    if (sets.empty())
        return QStringLiteral("no number sets given");
    if (static_cast<int>(sets.size()) > kMaxSets)
        return QStringLiteral("too many sets: %1 given, at most %2 allowed").arg(sets.size()).arg(kMaxSets);
    for (std::size_t index = 0; index < sets.size(); ++index) {
        const NumberSet& set = sets[index];
        if (set.empty() || static_cast<int>(set.size()) > kMaxNumbersPerSet)
            return QStringLiteral("set %1 must have 1 to %2 numbers").arg(index + 1).arg(kMaxNumbersPerSet);
        for (const int n : set) {
            if (n < 0 || n > kMaxTaskNumber)
                return QStringLiteral("number %1 in set %2 is outside 0..%3").arg(n).arg(index + 1).arg(kMaxTaskNumber);
        }
    }
    return {};
}

QString strategiesIssue(const ExperimentPlan& plan, const StrategyRegistry& strategies)
{
    if (plan.strategies.isEmpty() && plan.script.enabled())
        return {};
    if (plan.strategies.isEmpty())
        return QStringLiteral("no strategies selected; choose from %1").arg(strategies.ids().join(u','));
    for (qsizetype index = 0; index < plan.strategies.size(); ++index) {
        const QString& id = plan.strategies.at(index);
        if (!strategies.find(id))
            return QStringLiteral("unknown strategy '%1'; choose from %2").arg(id, strategies.ids().join(u','));
        if (plan.strategies.indexOf(id) != index)
            return QStringLiteral("strategy '%1' is listed twice").arg(id);
    }
    // Before availability: a launcher named by the user is the one whose absence to report.
    if (QString error = checkMpiOptions(plan.strategyOptions.mpi); !error.isEmpty())
        return error;
    for (const QString& id : plan.strategies) {
        if (QString reason = strategies.find(id)->unavailableReason(plan.strategyOptions); !reason.isEmpty())
            return QStringLiteral("strategy '%1' is unavailable: %2").arg(id, reason);
    }
    return {};
}

QString poolSizesIssue(const std::vector<int>& poolSizes)
{
    if (poolSizes.empty())
        return QStringLiteral("no pool size given; use auto or 1 to %1").arg(maxPoolSize());
    for (const int poolSize : poolSizes) {
        if (poolSize < 0 || poolSize > maxPoolSize())
            return QStringLiteral("pool size %1 is out of range; use auto or 1 to %2").arg(poolSize).arg(maxPoolSize());
        if (std::count(poolSizes.begin(), poolSizes.end(), poolSize) > 1)
            return QStringLiteral("pool size %1 is listed twice").arg(formatPoolSize(poolSize));
    }
    return {};
}

QString repetitionsIssue(const ExperimentPlan& plan)
{
    if (plan.repeat < 1 || plan.repeat > kMaxRepeat)
        return QStringLiteral("repeat %1 is out of range; use 1 to %2").arg(plan.repeat).arg(kMaxRepeat);
    if (plan.warmup < 0 || plan.warmup > kMaxWarmup)
        return QStringLiteral("warm-up %1 is out of range; use 0 to %2").arg(plan.warmup).arg(kMaxWarmup);
    if (plan.retryDisturbed < 0 || plan.retryDisturbed > kMaxRetryDisturbed)
        return QStringLiteral("retries of a disturbed run %1 is out of range; use 0 to %2")
            .arg(plan.retryDisturbed)
            .arg(kMaxRetryDisturbed);
    if (!plan.autoRepeat.enabled)
        return {};
    if (plan.repeat < kMinAutoRepeat)
        return QStringLiteral("repeat auto runs at least %1 rounds, not %2").arg(kMinAutoRepeat).arg(plan.repeat);
    const double precision = plan.autoRepeat.precision;
    if (!(precision >= kMinPrecision && precision <= kMaxPrecision))
        return QStringLiteral("precision %1 % is out of range; use %2 to %3 %")
            .arg(precision * 100.0)
            .arg(kMinPrecision * 100.0)
            .arg(kMaxPrecision * 100.0);
    const double seconds = plan.autoRepeat.maxSecondsPerSet;
    if (!(seconds >= 1.0 && seconds <= kMaxSecondsPerSet))
        return QStringLiteral("max time %1 s is out of range; use 1 to %2 s").arg(seconds).arg(kMaxSecondsPerSet);
    return {};
}

/// The CSV options that stand on their own: the modes and whether files can be kept.
QString csvModesIssue(const CsvOptions& csv, const CsvModeRegistry& csvModes)
{
    const QStringList modes = csv.modes();
    for (const QString& mode : modes) {
        if (!csvModes.find(mode))
            return QStringLiteral("unknown CSV mode '%1'; choose from none,%2 (several separated by commas)")
                .arg(mode, csvModes.ids().join(u','));
        if (modes.count(mode) > 1)
            return QStringLiteral("CSV mode '%1' is listed twice").arg(mode);
    }
    if (csv.repeat < 0 || csv.repeat > kMaxRepeat)
        return QStringLiteral("CSV repeat %1 is out of range; use 1 to %2 rounds").arg(csv.repeat).arg(kMaxRepeat);
    if (csv.poolSize < 0 || csv.poolSize > maxPoolSize())
        return QStringLiteral("CSV writer pool size %1 is out of range; use 1 to %2 writers")
            .arg(csv.poolSize)
            .arg(maxPoolSize());
    // Each stage checks that no result file is in its way: kept files would stop the next mode.
    if (modes.size() > 1 && csv.keepFiles)
        return QStringLiteral("keeping the files works with one CSV mode: the next mode's stage would find them "
                              "in its way; choose one mode, or do not keep the files");
    return {};
}

/// The CSV options that need valid sets: the set written, the sizes, the folder and its room.
QString csvStageIssue(const ExperimentPlan& plan)
{
    const CsvOptions& csv = plan.csv;
    if (csv.setIndex < 1 || csv.setIndex > static_cast<int>(plan.sets.size()))
        return QStringLiteral("CSV set %1 does not exist; choose a set from 1 to %2")
            .arg(csv.setIndex)
            .arg(plan.sets.size());
    if (!csv.enabled())
        return csv.directory.isEmpty() ? QString() : checkCsvDirectory(csv.directory);
    if (csv.row.headerBytes > kMaxPaddingBytes || csv.row.footerBytes > kMaxPaddingBytes)
        return QStringLiteral("header and footer sizes must be 0 to %1 bytes").arg(kMaxPaddingBytes);
    if (!csv.directory.isEmpty())
        return checkCsvStage(csv.directory, csvStageValues(plan), csv.row);
    // A default run writes into a fresh folder created at stage time: what matters now is that the
    // temp directory can hold it (its own res*.txt files, if any, are none of our business).
    if (QString error = checkCsvDirectory(QDir::tempPath()); !error.isEmpty())
        return error;
    return checkCsvFreeSpace(QDir::tempPath(), csvStageValues(plan), csv.row);
}

QString scriptIssue(const ExperimentPlan& plan)
{
    if (!plan.script.enabled())
        return {};
    if (QString error = checkScriptPlan(plan.script); !error.isEmpty())
        return error;
    const PythonInfo python = probePythonInterpreter(plan.strategyOptions.python.interpreter);
    return python.ok() ? QString() : QStringLiteral("the script cannot run: %1").arg(python.error);
}

} // namespace

QString PlanIssues::first() const
{
    for (const QString* issue : {&sets, &strategies, &poolSizes, &repetitions, &csv, &script}) {
        if (!issue->isEmpty())
            return *issue;
    }
    return {};
}

PlanIssues planIssues(const ExperimentPlan& plan, const StrategyRegistry& strategies, const CsvModeRegistry& csvModes)
{
    PlanIssues issues;
    issues.sets = setsIssue(plan.sets);
    issues.strategies = strategiesIssue(plan, strategies);
    issues.poolSizes = poolSizesIssue(plan.poolSizes);
    issues.repetitions = repetitionsIssue(plan);
    // The CSV options are checked even when the stage is off: a mistyped --csv-set or --csv-dir
    // deserves an answer, not silence.
    issues.csv = csvModesIssue(plan.csv, csvModes);
    if (issues.csv.isEmpty() && issues.sets.isEmpty())
        issues.csv = csvStageIssue(plan);
    issues.script = scriptIssue(plan);
    return issues;
}

QString validatePlan(const ExperimentPlan& plan, const StrategyRegistry& strategies, const CsvModeRegistry& csvModes)
{
    return planIssues(plan, strategies, csvModes).first();
}

} // namespace calcprof
