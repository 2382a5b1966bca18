#include "core/analysis/summary.h"

#include "core/format/units.h"
#include "core/model/environment.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace calcprof {

namespace {

struct Samples
{
    std::vector<double> cpu;
    std::vector<double> otherShare;
    std::vector<double> stealShare;
};

SetSummary& setFor(std::vector<SetSummary>& sets, const SetRun& run)
{
    auto found
        = std::find_if(sets.begin(), sets.end(), [&run](const SetSummary& set) { return set.numbers == run.numbers; });
    if (found == sets.end()) {
        SetSummary set;
        set.setIndex = run.setIndex;
        set.numbers = run.numbers;
        for (const int n : run.numbers)
            set.taskCalls.push_back(taskCalls(n));
        found = sets.insert(sets.end(), std::move(set));
    }
    return *found;
}

// Median measured serial time of every task of each set, from the baseline's successful runs.
void addMeasuredTaskTimes(std::vector<SetSummary>& sets, const Experiment& experiment)
{
    for (SetSummary& set : sets) {
        std::vector<std::vector<double>> perTask(set.numbers.size());
        for (const SetRun& run : experiment.runs) {
            if (run.strategy != baselineStrategyId() || !run.ok() || run.superseded || run.numbers != set.numbers
                || run.tasks.size() != set.numbers.size())
                continue;
            for (std::size_t index = 0; index < run.tasks.size(); ++index)
                perTask[index].push_back(run.tasks[index].wallSeconds);
        }
        if (perTask.empty() || perTask.front().empty())
            continue;
        for (const std::vector<double>& taskSamples : perTask)
            set.measuredTaskSeconds.push_back(summarize(taskSamples).median);
    }
}

double sum(const std::vector<double>& values)
{
    return std::accumulate(values.begin(), values.end(), 0.0);
}

/// Serial's logical calls per second over the sets it measured with enough work to time well (at
/// least kMinRateSeconds of tasks), or over all when none has: the calls of those sets over their
/// measured task medians.
double serialRate(const std::vector<SetSummary>& sets)
{
    constexpr double kMinRateSeconds = 0.01;
    for (const bool onlyLongSets : {true, false}) {
        double calls = 0.0;
        double seconds = 0.0;
        for (const SetSummary& set : sets) {
            const double measured = sum(set.measuredTaskSeconds);
            if (set.measuredTaskSeconds.empty() || (onlyLongSets && measured < kMinRateSeconds))
                continue;
            for (const std::uint64_t taskCalls : set.taskCalls)
                calls += static_cast<double>(taskCalls);
            seconds += measured;
        }
        if (seconds > 0.0)
            return calls / seconds;
    }
    return 0.0;
}

// Each set the baseline measured: its exact work in seconds at the measured rate, and its largest
// task by calls (the first of equal ones), which no timing noise can move.
void addSerialWork(std::vector<SetSummary>& sets, double callsPerSecond)
{
    for (SetSummary& set : sets) {
        if (set.measuredTaskSeconds.empty())
            continue;
        for (const std::uint64_t calls : set.taskCalls)
            set.serialTaskSeconds.push_back(callsPerSecond > 0.0 ? static_cast<double>(calls) / callsPerSecond : 0.0);
        set.serialWorkSeconds = sum(set.serialTaskSeconds);
        const auto largest = std::max_element(set.taskCalls.begin(), set.taskCalls.end());
        if (largest == set.taskCalls.end())
            continue;
        const double totalCalls = std::accumulate(set.taskCalls.begin(), set.taskCalls.end(), 0.0,
            [](double total, std::uint64_t calls) { return total + static_cast<double>(calls); });
        set.largestTaskN = set.numbers[static_cast<std::size_t>(largest - set.taskCalls.begin())];
        set.largestTaskShare = totalCalls > 0.0 ? static_cast<double>(*largest) / totalCalls : 0.0;
    }
}

QStringList warningsFor(const GroupSummary& group)
{
    QStringList warnings;
    if (group.notMeasurable)
        warnings << group.notMeasurableText;
    if (group.aboveCores)
        warnings << group.aboveCoresText;
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
        if (run.superseded)
            continue; // a disturbed attempt measured again: its last attempt stands for it
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
        if (const double share = stealShare(run, summary.cores); share >= 0.0)
            groupSamples.stealShare.push_back(share);
        if (isDisturbed(run, summary.cores))
            ++group.disturbedRuns;
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

/// The round of every run: a new one starts wherever the numbers or the repetition change from the
/// run before, so a round is one repetition of every strategy on one set, and a rerun's rounds never
/// join an earlier run's.
std::vector<int> roundsOf(const std::vector<SetRun>& runs)
{
    std::vector<int> rounds;
    rounds.reserve(runs.size());
    int round = -1;
    for (std::size_t index = 0; index < runs.size(); ++index) {
        if (index == 0 || runs[index].numbers != runs[index - 1].numbers
            || runs[index].repetition != runs[index - 1].repetition)
            ++round;
        rounds.push_back(round);
    }
    return rounds;
}

/// baseline / this for every successful run of `group` whose round holds exactly one successful run
/// of `baseline` (a round with several has no one partner): the ratios a paired speedup takes its
/// median of.
std::vector<double> pairedRatios(const GroupSummary& group, const GroupSummary& baseline, const Experiment& experiment,
    const std::vector<int>& rounds)
{
    std::map<int, std::vector<double>> serialWalls; // by round
    for (std::size_t index = 0; index < experiment.runs.size(); ++index) {
        const SetRun& run = experiment.runs[index];
        if (run.ok() && !run.superseded && run.strategy == baseline.strategy && run.poolSize == baseline.workers
            && run.numbers == group.numbers && run.wallSeconds > 0.0)
            serialWalls[rounds[index]].push_back(run.wallSeconds);
    }
    std::vector<double> ratios;
    for (std::size_t index = 0; index < experiment.runs.size(); ++index) {
        const SetRun& run = experiment.runs[index];
        if (!run.ok() || run.superseded || run.numbers != group.numbers || run.strategy != group.strategy
            || run.poolSize != group.workers || run.wallSeconds <= 0.0)
            continue;
        if (const auto serial = serialWalls.find(rounds[index]);
            serial != serialWalls.end() && serial->second.size() == 1)
            ratios.push_back(serial->second.front() / run.wallSeconds);
    }
    return ratios;
}

/// The group's speedup against `baseline` (serial on the same numbers): the ratio of medians
/// always, and the paired estimate from `ratios` when enough rounds hold both; then efficiency and
/// the physics check on `cores` cores.
void addSpeedup(GroupSummary& group, const GroupSummary& baseline, const std::vector<double>& ratios, int cores)
{
    const RatioEstimate estimate = estimateRatio(ratios, baseline.wall, group.wall);
    if (estimate.ratioOfMedians > 0.0) {
        group.ratioOfMedians = estimate.ratioOfMedians;
        group.ratioOfMediansLow = estimate.ratioOfMediansLow;
        group.ratioOfMediansHigh = estimate.ratioOfMediansHigh;
    }
    if (estimate.valid()) {
        group.estimator = estimate.estimator;
        group.speedup = estimate.value;
        group.speedupLow = estimate.low;
        group.speedupHigh = estimate.high;
        group.speedupConfidence = estimate.confidence;
        group.speedupSamples = estimate.samples;
    }
    if (!group.speedup)
        return;
    group.efficiency = efficiency(*group.speedup, group.workers, cores);
    group.aboveCores = *group.speedup > group.coresUsable * (1.0 + kPhysicsTolerance);
    if (group.aboveCores)
        group.aboveCoresText = aboveCoresNote(group, cores);
}

/// The measured group `group`'s speedup is against: py-serial on the same numbers for a py-* strategy
/// where it ran, else serial; nullptr when that did not measure the numbers.
const GroupSummary* speedupBaselineOf(
    const GroupSummary& group, const ExperimentSummary& summary, const StrategyRegistry& strategies)
{
    const Strategy* strategy = strategies.find(group.strategy);
    if (strategy != nullptr && strategy->language() == TaskLanguage::Python) {
        const GroupSummary* python = summary.findGroup(group.numbers, pythonBaselineStrategyId(), 1);
        if (python != nullptr && python->measured())
            return python;
    }
    const GroupSummary* serial = summary.findGroup(group.numbers, baselineStrategyId(), 1);
    return serial != nullptr && serial->measured() ? serial : nullptr;
}

/// Each set's language factor: py-serial against serial, paired by round where both ran in rounds.
void addLanguageFactors(ExperimentSummary& summary, const Experiment& experiment, const std::vector<int>& rounds)
{
    for (SetSummary& set : summary.sets) {
        const GroupSummary* serial = summary.findGroup(set.numbers, baselineStrategyId(), 1);
        const GroupSummary* python = summary.findGroup(set.numbers, pythonBaselineStrategyId(), 1);
        if (serial == nullptr || python == nullptr || !serial->measured() || !python->measured())
            continue;
        // python / serial per round: serial's ratios against python's, the way round.
        const RatioEstimate estimate
            = estimateRatio(pairedRatios(*serial, *python, experiment, rounds), python->wall, serial->wall);
        if (estimate.ratioOfMedians > 0.0)
            set.languageFactor = estimate;
    }
}

/// A group mostly disturbed, or whose speedup rests on a baseline mostly disturbed, gives no verdict.
void markNotMeasurable(GroupSummary& group, const GroupSummary* baseline)
{
    if (mostlyDisturbed(group)) {
        group.notMeasurable = true;
        group.notMeasurableText = notMeasurableNote(group, false);
    } else if (baseline != nullptr && baseline != &group && group.speedup && mostlyDisturbed(*baseline)) {
        group.notMeasurable = true;
        group.notMeasurableText = notMeasurableNote(*baseline, true);
    }
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

QString pythonBaselineStrategyId()
{
    return QStringLiteral("py-serial");
}

bool quotable(const GroupSummary& group)
{
    return group.measured() && group.allMatch && !group.aboveCores && !group.notMeasurable;
}

bool mostlyDisturbed(const GroupSummary& group)
{
    return group.disturbedRuns * 2 > group.wall.count;
}

QString notMeasurableNote(const GroupSummary& disturbed, bool isBaseline)
{
    const auto share = [](double value) { return value < 0.0 ? QStringLiteral("unknown") : percent(value); };
    return QStringLiteral("not measurable now: %1%2 of %3 runs disturbed (other processes %4, steal %5); rerun on a "
                          "quieter machine")
        .arg(isBaseline ? disturbed.strategy + QStringLiteral("'s ") : QString())
        .arg(disturbed.disturbedRuns)
        .arg(disturbed.wall.count)
        .arg(share(disturbed.otherProcessesShare), share(disturbed.stealShare));
}

const GroupSummary* fastestGroup(const std::vector<const GroupSummary*>& groups)
{
    const GroupSummary* fastest = nullptr;
    for (const GroupSummary* group : groups) {
        if (group != nullptr && quotable(*group) && (fastest == nullptr || group->wall.median < fastest->wall.median))
            fastest = group;
    }
    return fastest;
}

QString disturbedReason(const std::vector<const GroupSummary*>& groups)
{
    for (const GroupSummary* group : groups) {
        if (group != nullptr && group->notMeasurable)
            return group->notMeasurableText;
    }
    return {};
}

QString speedupIntervalText(const GroupSummary& group)
{
    if (!group.speedupLow || !group.speedupHigh || group.speedupSamples <= 1)
        return {};
    const QString low = formatSpeedup(*group.speedupLow);
    const QString high = formatSpeedup(*group.speedupHigh);
    if (group.estimator == SpeedupEstimator::PairedRounds)
        return estimatorName(group.estimator) + QStringLiteral("; ")
            + intervalText(group.speedupConfidence, group.speedupSamples, low, high);
    return QStringLiteral("%1; %2 interval %3–%4")
        .arg(estimatorName(group.estimator), percent(group.speedupConfidence), low, high);
}

QString aboveCoresNote(const GroupSummary& group, int cores)
{
    const bool coresLimit = group.workers >= cores;
    return QStringLiteral("above what %1 %2 allow%3: noise")
        .arg(group.coresUsable)
        .arg(coresLimit ? (group.coresUsable == 1 ? QStringLiteral("core") : QStringLiteral("cores"))
                        : (group.coresUsable == 1 ? QStringLiteral("worker") : QStringLiteral("workers")))
        .arg(group.coresUsable == 1 ? QStringLiteral("s") : QString());
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
    summary.autoRepeat = experiment.plan.autoRepeat;
    summary.plannedRuns = experiment.plan.repeat;
    const std::vector<Samples> samples = groupRuns(summary, experiment, strategies);
    addEquivalentPoolSizes(summary, experiment.plan, strategies);
    addMeasuredTaskTimes(summary.sets, experiment);
    for (const SetRounds& rounds : experiment.setRounds) {
        for (SetSummary& set : summary.sets) {
            if (set.setIndex == rounds.setIndex)
                set.autoRounds = rounds;
        }
    }
    summary.serialCallsPerSecond = serialRate(summary.sets);
    addSerialWork(summary.sets, summary.serialCallsPerSecond);
    for (std::size_t index = 0; index < summary.groups.size(); ++index) {
        GroupSummary& group = summary.groups[index];
        group.wall = summarize(group.wallSamples);
        group.cpu = summarize(samples[index].cpu);
        group.coresUsable = std::max(1, std::min(group.workers, summary.cores));
        if (!samples[index].otherShare.empty())
            group.otherProcessesShare = summarize(samples[index].otherShare).median;
        if (!samples[index].stealShare.empty())
            group.stealShare = summarize(samples[index].stealShare).median;
    }
    const std::vector<int> rounds = roundsOf(experiment.runs);
    for (GroupSummary& group : summary.groups) {
        const SetSummary* set = summary.findSet(group.numbers);
        if (const Strategy* strategy = strategies.find(group.strategy); strategy != nullptr && set != nullptr)
            group.bounds = boundsFor(*set, *strategy, group.workers, summary.cores);
        const GroupSummary* baseline = speedupBaselineOf(group, summary, strategies);
        if (baseline != nullptr) {
            group.speedupBaseline = baseline->strategy;
            addSpeedup(group, *baseline, pairedRatios(group, *baseline, experiment, rounds), summary.cores);
        }
        markNotMeasurable(group, baseline);
        group.warnings = warningsFor(group);
    }
    addLanguageFactors(summary, experiment, rounds);
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
    const GroupSummary* group = summary.findGroup(run.numbers, run.strategy, run.poolSize);
    if (group == nullptr || group->speedupBaseline.isEmpty())
        return std::nullopt;
    const GroupSummary* baseline = summary.findGroup(run.numbers, group->speedupBaseline, 1);
    if (baseline == nullptr || !baseline->measured())
        return std::nullopt;
    return baseline->wall.median / run.wallSeconds;
}

QString speedupBaselineNote(const ExperimentSummary& summary)
{
    QStringList ownLanguage;
    QStringList againstSerial;
    for (const SetSummary& set : summary.sets) {
        for (const GroupSummary& group : summary.groups) {
            if (group.numbers != set.numbers || !group.strategy.startsWith(QStringLiteral("py-")) || !group.speedup
                || group.strategy == pythonBaselineStrategyId())
                continue;
            QStringList& list = group.speedupBaseline == pythonBaselineStrategyId() ? ownLanguage : againstSerial;
            if (const QString label = QStringLiteral("set %1").arg(set.setIndex); !list.contains(label))
                list << label;
        }
    }
    QStringList parts;
    if (!ownLanguage.isEmpty())
        parts << QStringLiteral("against py-serial (their own language) on %1")
                     .arg(ownLanguage.join(QStringLiteral(", ")));
    if (!againstSerial.isEmpty())
        parts << QStringLiteral("against serial on %1 (py-serial not measured there)")
                     .arg(againstSerial.join(QStringLiteral(", ")));
    return parts.isEmpty() ? QString() : QStringLiteral("py-* speedups are ") + parts.join(QStringLiteral("; "));
}

QString languageFactorText(const SetSummary& set)
{
    if (!set.languageFactor)
        return {};
    const RatioEstimate& factor = *set.languageFactor;
    if (!(factor.ratioOfMediansHigh > factor.ratioOfMediansLow))
        return formatSpeedup(factor.ratioOfMedians);
    return QStringLiteral("%1 [%2, %3]")
        .arg(formatSpeedup(factor.ratioOfMedians), formatSpeedup(factor.ratioOfMediansLow),
            formatSpeedup(factor.ratioOfMediansHigh));
}

QString languageFactorLine(const ExperimentSummary& summary)
{
    QStringList parts;
    for (const SetSummary& set : summary.sets) {
        if (set.languageFactor)
            parts << QStringLiteral("set %1 %2").arg(set.setIndex).arg(languageFactorText(set));
    }
    if (parts.isEmpty())
        return {};
    return QStringLiteral("language factor (py-serial / serial, ratio of medians with its interval): ")
        + parts.join(QStringLiteral("; "));
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
