#include "core/report/measurements.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace calcprof::report {

const GroupSummary* Measurements::defaultGroup(const SetSummary& set, const QString& strategy) const
{
    const std::vector<const GroupSummary*> groups = groupsOf(set, strategy);
    for (const GroupSummary* group : groups) {
        if (!group->usesPoolSize
            || std::ranges::find(group->requestedPoolSizes, kAutoPoolSize) != group->requestedPoolSizes.end())
            return group;
    }
    // A sweep without "auto" still measured the auto worker count when it asked for it by number.
    const Strategy* known = m_strategies.find(strategy);
    if (known == nullptr)
        return nullptr;
    const int autoWorkers = known->workerCount(kAutoPoolSize, static_cast<int>(set.numbers.size()));
    for (const GroupSummary* group : groups) {
        if (group->workers == autoWorkers)
            return group;
    }
    return nullptr;
}

std::vector<const GroupSummary*> Measurements::groupsOf(const SetSummary& set, const QString& strategy) const
{
    std::vector<const GroupSummary*> groups;
    for (const GroupSummary& group : m_summary.groups) {
        if (group.numbers == set.numbers && group.strategy == strategy && group.measured())
            groups.push_back(&group);
    }
    return groups;
}

const SetSummary* Measurements::heaviestSet() const
{
    const SetSummary* heaviest = nullptr;
    for (const SetSummary& set : m_summary.sets) {
        if (set.hasTaskTimes() && (heaviest == nullptr || set.serialWorkSeconds > heaviest->serialWorkSeconds))
            heaviest = &set;
    }
    return heaviest;
}

const SetSummary* Measurements::lightestSet() const
{
    const SetSummary* lightest = nullptr;
    for (const SetSummary& set : m_summary.sets) {
        if (set.hasTaskTimes() && (lightest == nullptr || set.serialWorkSeconds < lightest->serialWorkSeconds))
            lightest = &set;
    }
    return lightest;
}

int Measurements::typicalRun(const GroupSummary& group) const
{
    int typical = -1;
    double distance = std::numeric_limits<double>::infinity();
    const std::vector<SetRun>& runs = m_experiment.runs;
    for (std::size_t index = 0; index < runs.size(); ++index) {
        const SetRun& run = runs[index];
        if (!run.ok() || run.superseded || run.numbers != group.numbers || run.strategy != group.strategy
            || run.poolSize != group.workers)
            continue;
        const double gap = std::abs(run.wallSeconds - group.wall.median);
        if (gap < distance) {
            distance = gap;
            typical = static_cast<int>(index);
        }
    }
    return typical;
}

int Measurements::positionOf(const SetSummary& set) const
{
    return static_cast<int>(&set - m_summary.sets.data());
}

const GroupSummary* Measurements::baselineOf(const GroupSummary& group) const
{
    const QString id = group.speedupBaseline.isEmpty() ? baselineStrategyId() : group.speedupBaseline;
    const GroupSummary* baseline = m_summary.findGroup(group.numbers, id, 1);
    return baseline != nullptr && baseline->measured() ? baseline : nullptr;
}

QStringList Measurements::parallelStrategies() const
{
    QStringList ids;
    for (const Strategy* strategy : m_strategies.all()) {
        if (strategy->id() == baselineStrategyId() || strategy->id() == pythonBaselineStrategyId())
            continue;
        for (const GroupSummary& group : m_summary.groups) {
            if (group.strategy == strategy->id() && group.measured()) {
                ids << strategy->id();
                break;
            }
        }
    }
    return ids;
}

} // namespace calcprof::report
