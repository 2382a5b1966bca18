#include "core/comparison.h"

#include <algorithm>
#include <map>
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
    comparison.onlyInBaseline = static_cast<int>(std::count_if(
        before.begin(), before.end(), [&after](const auto& entry) { return !after.contains(entry.first); }));
    return comparison;
}

} // namespace calcprof
