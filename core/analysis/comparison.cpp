#include "core/analysis/comparison.h"

#include "core/format/units.h"
#include "core/model/numbersets.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace calcprof {

namespace {

using GroupKey = std::tuple<NumberSet, QString, int>;

struct Samples
{
    int setIndex = 0;
    std::vector<double> wall;
};

/// Successful runs' wall times by (numbers, strategy, workers), and the keys in first-seen order.
std::map<GroupKey, Samples> samplesOf(const Experiment& experiment, std::vector<GroupKey>* order = nullptr)
{
    std::map<GroupKey, Samples> groups;
    for (const SetRun& run : experiment.runs) {
        if (!run.ok())
            continue;
        const GroupKey key {run.numbers, run.strategy, run.poolSize};
        auto [entry, inserted] = groups.try_emplace(key);
        if (inserted) {
            entry->second.setIndex = run.setIndex;
            if (order != nullptr)
                order->push_back(key);
        }
        entry->second.wall.push_back(run.wallSeconds);
    }
    return groups;
}

} // namespace

QString GroupComparison::verdict() const
{
    if (!enoughSamples())
        return QStringLiteral("too few samples");
    if (!significant())
        return QStringLiteral("no significant difference");
    return ratio < 1.0 ? QStringLiteral("faster") : QStringLiteral("slower");
}

bool ExperimentComparison::otherMachine() const
{
    return baseline.cpu != current.cpu || baseline.cores != current.cores || baseline.os != current.os;
}

bool ExperimentComparison::otherBuild() const
{
    return baselineVersion != currentVersion || baseline.compiler != current.compiler
        || baseline.buildType != current.buildType;
}

std::vector<double> benjaminiHochberg(const std::vector<double>& pValues)
{
    const std::size_t count = pValues.size();
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t {0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return pValues[a] < pValues[b]; });
    // From the largest p down: p × m / rank, never above the adjusted value of a larger p.
    std::vector<double> adjusted(count, 1.0);
    double smallestSoFar = 1.0;
    for (std::size_t rank = count; rank >= 1; --rank) {
        const std::size_t index = order[rank - 1];
        smallestSoFar
            = std::min(smallestSoFar, pValues[index] * static_cast<double>(count) / static_cast<double>(rank));
        adjusted[index] = smallestSoFar;
    }
    return adjusted;
}

ExperimentComparison compareExperiments(
    const Experiment& baseline, const Experiment& current, const QString& baselineName)
{
    ExperimentComparison comparison;
    comparison.baselineName = baselineName;
    comparison.baselineVersion = baseline.version;
    comparison.currentVersion = current.version;
    comparison.baseline = baseline.environment;
    comparison.current = current.environment;

    const std::map<GroupKey, Samples> before = samplesOf(baseline);
    std::vector<GroupKey> order;
    const std::map<GroupKey, Samples> after = samplesOf(current, &order);
    for (const GroupKey& key : order) {
        const auto found = before.find(key);
        if (found == before.end()) {
            ++comparison.onlyInCurrent;
            continue;
        }
        const Samples& now = after.at(key);
        GroupComparison group;
        group.setIndex = now.setIndex;
        std::tie(group.numbers, group.strategy, group.workers) = key;
        group.before = summarize(found->second.wall);
        group.after = summarize(now.wall);
        if (group.before.median > 0.0)
            group.ratio = group.after.median / group.before.median;
        if (group.before.ciHigh > 0.0 && group.before.ciLow > 0.0) {
            group.ratioLow = group.after.ciLow / group.before.ciHigh;
            group.ratioHigh = group.after.ciHigh / group.before.ciLow;
        }
        if (group.before.count >= kMinComparisonSamples && group.after.count >= kMinComparisonSamples)
            group.test = mannWhitneyU(now.wall, found->second.wall);
        comparison.groups.push_back(std::move(group));
    }
    std::vector<double> pValues;
    for (const GroupComparison& group : comparison.groups) {
        if (group.test)
            pValues.push_back(group.test->pValue);
    }
    const std::vector<double> adjusted = benjaminiHochberg(pValues);
    std::size_t tested = 0;
    for (GroupComparison& group : comparison.groups) {
        if (group.test)
            group.adjustedPValue = adjusted[tested++];
    }
    comparison.onlyInBaseline = static_cast<int>(std::count_if(
        before.begin(), before.end(), [&after](const auto& entry) { return !after.contains(entry.first); }));
    return comparison;
}

QString describeEnvironment(const QString& version, const EnvironmentInfo& environment)
{
    return QStringLiteral("calcprof %1 · %2, %3 cores · %4 · %5 %6")
        .arg(version, environment.cpu)
        .arg(environment.cores)
        .arg(environment.os, environment.compiler, environment.buildType);
}

QString comparisonContext(const ExperimentComparison& comparison)
{
    if (comparison.otherMachine())
        return QStringLiteral("another machine: the differences may be the machine's, not the code's");
    if (comparison.otherBuild())
        return QStringLiteral("same machine, another build");
    return {};
}

QStringList comparisonColumns()
{
    return {QStringLiteral("set"), QStringLiteral("numbers"), QStringLiteral("strategy"), QStringLiteral("workers"),
        QStringLiteral("before (median)"), QStringLiteral("after (median)"), QStringLiteral("after/before"),
        QStringLiteral("95% CI"), QStringLiteral("p"), QStringLiteral("p adjusted"), QStringLiteral("verdict")};
}

QStringList comparisonCells(const GroupComparison& group)
{
    return {QString::number(group.setIndex), formatNumberSet(group.numbers), group.strategy,
        QString::number(group.workers), formatSeconds(group.before.median), formatSeconds(group.after.median),
        QString::number(group.ratio, 'f', 2) + u'x',
        QString::number(group.ratioLow, 'f', 2) + QStringLiteral("x – ") + QString::number(group.ratioHigh, 'f', 2)
            + u'x',
        group.test ? QString::number(group.test->pValue, 'g', 2) : QStringLiteral("-"),
        group.test ? QString::number(group.adjustedPValue, 'g', 2) : QStringLiteral("-"), group.verdict()};
}

std::vector<int> comparisonNumericColumns()
{
    return {0, 3, 4, 5, 6, 7, 8, 9};
}

QString comparisonNotes(const ExperimentComparison& comparison)
{
    const auto tested = std::count_if(comparison.groups.begin(), comparison.groups.end(),
        [](const GroupComparison& group) { return group.enoughSamples(); });
    QString text = QStringLiteral("after/before below 1 is faster; the verdict is a two-sided Mann–Whitney U test (at "
                                  "least %1 runs on each side) at p < %2 once adjusted for the %3 groups tested "
                                  "(Benjamini–Hochberg: of the differences declared, at most %4 % are expected to be "
                                  "chance)\n")
                       .arg(kMinComparisonSamples)
                       .arg(kSignificanceLevel)
                       .arg(tested)
                       .arg(kSignificanceLevel * 100.0);
    if (comparison.onlyInBaseline > 0 || comparison.onlyInCurrent > 0) {
        text += QStringLiteral("%1 group(s) only in the baseline, %2 only in this run: not compared\n")
                    .arg(comparison.onlyInBaseline)
                    .arg(comparison.onlyInCurrent);
    }
    return text;
}

} // namespace calcprof
