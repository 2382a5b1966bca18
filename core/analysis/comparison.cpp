#include "core/analysis/comparison.h"

#include "core/format/units.h"
#include "core/model/numbersets.h"

#include <algorithm>
#include <numeric>

namespace calcprof {

namespace {

/// `summary`'s measured groups in the order they were measured (their first successful run).
std::vector<const GroupSummary*> measuredGroups(const ExperimentSummary& summary)
{
    std::vector<const GroupSummary*> groups;
    for (const GroupSummary& group : summary.groups) {
        if (group.measured())
            groups.push_back(&group);
    }
    std::stable_sort(groups.begin(), groups.end(),
        [](const GroupSummary* a, const GroupSummary* b) { return a->firstMeasuredRun < b->firstMeasuredRun; });
    return groups;
}

const GroupSummary* measuredGroup(const ExperimentSummary& summary, const GroupSummary& like)
{
    const GroupSummary* group = summary.findGroup(like.numbers, like.strategy, like.workers);
    return group != nullptr && group->measured() ? group : nullptr;
}

GroupComparison compareGroups(const GroupSummary& before, const GroupSummary& after)
{
    GroupComparison group;
    group.setIndex = after.setIndex;
    group.numbers = after.numbers;
    group.strategy = after.strategy;
    group.workers = after.workers;
    group.before = before.wall;
    group.after = after.wall;
    if (group.before.median > 0.0)
        group.ratio = group.after.median / group.before.median;
    if (group.before.ciHigh > 0.0 && group.before.ciLow > 0.0) {
        const RatioInterval interval = ratioInterval(group.after, group.before);
        group.ratioLow = interval.low;
        group.ratioHigh = interval.high;
    }
    if (group.before.count >= kMinComparisonSamples && group.after.count >= kMinComparisonSamples)
        group.test = mannWhitneyU(after.wallSamples, before.wallSamples);
    return group;
}

/// Every tested group's adjusted p value, adjusted for all of them together.
void adjustPValues(std::vector<GroupComparison>& groups)
{
    std::vector<double> pValues;
    for (const GroupComparison& group : groups) {
        if (group.test)
            pValues.push_back(group.test->pValue);
    }
    const std::vector<double> adjusted = benjaminiHochberg(pValues);
    std::size_t tested = 0;
    for (GroupComparison& group : groups) {
        if (group.test)
            group.adjustedPValue = adjusted[tested++];
    }
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
    const ExperimentSummary& baseline, const ExperimentSummary& current, const QString& baselineName)
{
    ExperimentComparison comparison;
    comparison.baselineName = baselineName;
    comparison.baselineVersion = baseline.version;
    comparison.currentVersion = current.version;
    comparison.baseline = baseline.environment;
    comparison.current = current.environment;
    for (const GroupSummary* after : measuredGroups(current)) {
        if (const GroupSummary* before = measuredGroup(baseline, *after))
            comparison.groups.push_back(compareGroups(*before, *after));
        else
            ++comparison.onlyInCurrent;
    }
    adjustPValues(comparison.groups);
    for (const GroupSummary* before : measuredGroups(baseline)) {
        if (measuredGroup(current, *before) == nullptr)
            ++comparison.onlyInBaseline;
    }
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
