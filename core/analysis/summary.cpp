#include "core/analysis/summary.h"

#include "core/format/units.h"
#include "core/model/environment.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace calcprof {

namespace {

struct Samples
{
    std::vector<double> cpu;
    std::vector<double> otherShare;
};

SetSummary& setFor(std::vector<SetSummary>& sets, const SetRun& run)
{
    auto found
        = std::find_if(sets.begin(), sets.end(), [&run](const SetSummary& set) { return set.numbers == run.numbers; });
    if (found == sets.end())
        found = sets.insert(sets.end(), SetSummary {run.setIndex, run.numbers, {}, 0.0, 0, 0.0});
    return *found;
}

// Median serial time of every task of each set, from the baseline's successful runs.
void addSerialTaskTimes(std::vector<SetSummary>& sets, const Experiment& experiment)
{
    for (SetSummary& set : sets) {
        std::vector<std::vector<double>> perTask(set.numbers.size());
        for (const SetRun& run : experiment.runs) {
            if (run.strategy != baselineStrategyId() || !run.ok() || run.numbers != set.numbers
                || run.tasks.size() != set.numbers.size())
                continue;
            for (std::size_t index = 0; index < run.tasks.size(); ++index)
                perTask[index].push_back(run.tasks[index].wallSeconds);
        }
        if (perTask.empty() || perTask.front().empty())
            continue;
        for (const std::vector<double>& taskSamples : perTask) {
            const double seconds = summarize(taskSamples).median;
            set.serialTaskSeconds.push_back(seconds);
            set.serialWorkSeconds += seconds;
        }
        const auto largest = std::max_element(set.serialTaskSeconds.begin(), set.serialTaskSeconds.end());
        const auto position = static_cast<std::size_t>(largest - set.serialTaskSeconds.begin());
        set.largestTaskN = set.numbers[position];
        set.largestTaskShare = set.serialWorkSeconds > 0.0 ? *largest / set.serialWorkSeconds : 0.0;
    }
}

QStringList warningsFor(const GroupSummary& group)
{
    QStringList warnings;
    if (group.wall.count > 1 && group.wall.cv > kNoisyCv)
        warnings << QStringLiteral("noisy (CV %1)").arg(percent(group.wall.cv));
    if (group.bounds && group.speedupLow && *group.speedupLow > group.bounds->unit)
        warnings << QStringLiteral("faster than its bound per %1 (%2) by more than its interval")
                        .arg(group.workUnit, formatSpeedup(group.bounds->unit));
    if (group.otherProcessesShare > kCompetingShareThreshold)
        warnings << QStringLiteral("busy machine (other processes took %1 of the CPU)")
                        .arg(percent(group.otherProcessesShare));
    if (group.wall.outliers > 0)
        warnings << QStringLiteral("%1 of %2 runs outliers (modified Z-score above 3.5)")
                        .arg(group.wall.outliers)
                        .arg(group.wall.count);
    return warnings;
}

GroupSummary newGroup(const SetSummary& set, const SetRun& run, const StrategyRegistry& strategies)
{
    GroupSummary group;
    group.setIndex = set.setIndex;
    group.numbers = run.numbers;
    group.strategy = run.strategy;
    group.workers = run.poolSize;
    const Strategy* strategy = strategies.find(run.strategy);
    group.usesPoolSize = strategy != nullptr && strategy->usesPoolSize();
    if (strategy != nullptr)
        group.workUnit = QString::fromLatin1(workUnitName(strategy->scheduleModel()));
    return group;
}

/// Sorts every run into its set and its group (in order of first appearance), counting runs and
/// failures and keeping the successful runs' samples: the wall times in the group, the rest returned
/// (one Samples per group).
std::vector<Samples> groupRuns(
    ExperimentSummary& summary, const Experiment& experiment, const StrategyRegistry& strategies)
{
    std::vector<Samples> samples;
    for (std::size_t runIndex = 0; runIndex < experiment.runs.size(); ++runIndex) {
        const SetRun& run = experiment.runs[runIndex];
        const SetSummary& set = setFor(summary.sets, run);
        auto found = std::find_if(summary.groups.begin(), summary.groups.end(), [&run](const GroupSummary& group) {
            return group.numbers == run.numbers && group.strategy == run.strategy && group.workers == run.poolSize;
        });
        if (found == summary.groups.end()) {
            found = summary.groups.insert(summary.groups.end(), newGroup(set, run, strategies));
            samples.emplace_back();
        }
        GroupSummary& group = *found;
        Samples& groupSamples = samples[static_cast<std::size_t>(found - summary.groups.begin())];
        if (std::find(group.requestedPoolSizes.begin(), group.requestedPoolSizes.end(), run.requestedPoolSize)
            == group.requestedPoolSizes.end())
            group.requestedPoolSizes.push_back(run.requestedPoolSize);
        ++group.runs;
        if (!run.ok()) {
            ++group.failures;
            continue;
        }
        group.allMatch = group.allMatch && run.matchesSerial;
        if (group.firstMeasuredRun < 0)
            group.firstMeasuredRun = static_cast<int>(runIndex);
        group.wallSamples.push_back(run.wallSeconds);
        groupSamples.cpu.push_back(run.cpuSeconds);
        if (const double share = otherProcessesShare(run, summary.cores); share >= 0.0)
            groupSamples.otherShare.push_back(share);
    }
    return samples;
}

/// The runner runs each number of workers once per set: a pool size that would give the workers
/// another size of the sweep already gave (auto = 4 on a 4-task set when 4 ran too; mapped's auto =
/// the cores) is skipped. Its group answers to that size as well, so "auto" finds the runs auto means.
void addEquivalentPoolSizes(ExperimentSummary& summary, const ExperimentPlan& plan, const StrategyRegistry& strategies)
{
    for (GroupSummary& group : summary.groups) {
        const Strategy* strategy = strategies.find(group.strategy);
        if (!group.usesPoolSize || strategy == nullptr)
            continue;
        for (const int poolSize : plan.poolSizes) {
            const bool same = strategy->workerCount(poolSize, static_cast<int>(group.numbers.size())) == group.workers;
            if (same && std::ranges::find(group.requestedPoolSizes, poolSize) == group.requestedPoolSizes.end())
                group.requestedPoolSizes.push_back(poolSize);
        }
    }
}

/// The group's bounds, its speedup against the baseline on the same numbers (with its interval and
/// efficiency) and its warnings.
void addSpeedupAndWarnings(GroupSummary& group, const ExperimentSummary& summary, const StrategyRegistry& strategies)
{
    const SetSummary* set = summary.findSet(group.numbers);
    if (const Strategy* strategy = strategies.find(group.strategy); strategy != nullptr && set != nullptr)
        group.bounds = boundsFor(*set, *strategy, group.workers, summary.cores);
    const auto baseline = std::find_if(summary.groups.begin(), summary.groups.end(), [&group](const auto& other) {
        return other.numbers == group.numbers && other.strategy == baselineStrategyId() && other.measured();
    });
    if (baseline != summary.groups.end() && group.measured() && group.wall.median > 0.0 && group.wall.ciLow > 0.0) {
        group.speedup = baseline->wall.median / group.wall.median;
        const RatioInterval interval = ratioInterval(baseline->wall, group.wall);
        group.speedupLow = interval.low;
        group.speedupHigh = interval.high;
        group.efficiency = efficiency(*group.speedup, group.workers, summary.cores);
    }
    group.warnings = warningsFor(group);
}

/// By set (first appearance), strategy (registry order, unknown ids last) and workers.
void sortGroups(std::vector<GroupSummary>& groups, const StrategyRegistry& strategies)
{
    const QStringList order = strategies.ids();
    auto rank = [&order](const QString& id) {
        const qsizetype position = order.indexOf(id);
        return position >= 0 ? position : order.size();
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const GroupSummary& a, const GroupSummary& b) {
        if (a.setIndex != b.setIndex)
            return a.setIndex < b.setIndex;
        if (rank(a.strategy) != rank(b.strategy))
            return rank(a.strategy) < rank(b.strategy);
        return a.workers < b.workers;
    });
}

} // namespace

QString baselineStrategyId()
{
    return QStringLiteral("serial");
}

const SetSummary* ExperimentSummary::findSet(const NumberSet& numbers) const
{
    const auto found
        = std::find_if(sets.begin(), sets.end(), [&numbers](const SetSummary& set) { return set.numbers == numbers; });
    return found != sets.end() ? &*found : nullptr;
}

const GroupSummary* ExperimentSummary::findGroup(const NumberSet& numbers, const QString& strategy, int workers) const
{
    const auto found = std::find_if(groups.begin(), groups.end(), [&](const GroupSummary& group) {
        return group.numbers == numbers && group.strategy == strategy && group.workers == workers;
    });
    return found != groups.end() ? &*found : nullptr;
}

std::optional<SpeedupBounds> boundsFor(const SetSummary& set, const Strategy& strategy, int workers, int cores)
{
    if (!set.hasTaskTimes())
        return std::nullopt;
    return speedupBounds(set.serialTaskSeconds, set.numbers, strategy.scheduleModel(), workers, cores);
}

ExperimentSummary summarizeExperiment(const Experiment& experiment, const StrategyRegistry& strategies)
{
    ExperimentSummary summary;
    summary.cores = std::max(1, experiment.environment.cores);
    summary.version = experiment.version;
    summary.environment = experiment.environment;
    const std::vector<Samples> samples = groupRuns(summary, experiment, strategies);
    addEquivalentPoolSizes(summary, experiment.plan, strategies);
    addSerialTaskTimes(summary.sets, experiment);
    for (std::size_t index = 0; index < summary.groups.size(); ++index) {
        GroupSummary& group = summary.groups[index];
        group.wall = summarize(group.wallSamples);
        group.cpu = summarize(samples[index].cpu);
        if (!samples[index].otherShare.empty())
            group.otherProcessesShare = summarize(samples[index].otherShare).median;
    }
    for (GroupSummary& group : summary.groups)
        addSpeedupAndWarnings(group, summary, strategies);
    sortGroups(summary.groups, strategies);
    return summary;
}

double efficiency(double speedup, int workers, int cores)
{
    return speedup / std::max(1, std::min(workers, cores));
}

std::optional<double> runSpeedup(const ExperimentSummary& summary, const SetRun& run)
{
    if (!run.ok() || run.wallSeconds <= 0.0)
        return std::nullopt;
    const GroupSummary* baseline = summary.findGroup(run.numbers, baselineStrategyId(), 1);
    if (baseline == nullptr || !baseline->measured())
        return std::nullopt;
    return baseline->wall.median / run.wallSeconds;
}

QString boundCaption(const SetSummary& set, int cores)
{
    if (!set.hasTaskTimes())
        return {};
    const SpeedupBounds bounds
        = speedupBounds(set.serialTaskSeconds, set.numbers, ScheduleModel::WholeTasksInSetOrder, cores, cores);
    return QStringLiteral("set %1: task %2 is %3 of the work, so no schedule of whole tasks beats %4 on %5 cores")
        .arg(set.setIndex)
        .arg(set.largestTaskN)
        .arg(percent(set.largestTaskShare), formatSpeedup(bounds.wholeTask))
        .arg(cores);
}

QString describeFailures(const Experiment& experiment)
{
    return experiment.failures().join(u'\n');
}

} // namespace calcprof
