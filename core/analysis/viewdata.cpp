#include "core/analysis/viewdata.h"

#include "core/format/labels.h"
#include "core/format/units.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace calcprof {

namespace {

QString speedupToolTip(const GroupSummary& group, double y, double low, double high, bool efficiency)
{
    // The interval in the speedup's own words (estimator, coverage); an efficiency's ends are the
    // same interval scaled by the usable cores.
    const QString interval = efficiency
        ? QStringLiteral("efficiency %1 [%2, %3]").arg(formatSpeedup(y), formatSpeedup(low), formatSpeedup(high))
        : QStringLiteral("speedup %1").arg(formatSpeedup(y));
    const QString words = speedupIntervalText(group);
    QString text = QStringLiteral("%1 · %2 · %3\n%4%5\nmedian %6 over %7")
                       .arg(group.strategy, countOf(group.workers, QStringLiteral("worker")),
                           QStringLiteral("set %1").arg(group.setIndex), interval,
                           words.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(words),
                           formatSeconds(group.wall.median), countOf(group.wall.count, QStringLiteral("run")));
    if (group.bounds)
        text += QStringLiteral("\nschedule model %1, bound per %2 %3, whole-task bound %4, ideal %5")
                    .arg(formatSpeedup(group.bounds->schedule), group.workUnit, formatSpeedup(group.bounds->unit),
                        formatSpeedup(group.bounds->wholeTask), formatSpeedup(group.bounds->ideal));
    for (const QString& warning : group.warnings)
        text += QStringLiteral("\nwarning: ") + warning;
    return text;
}

QString timeToolTip(const GroupSummary& group, const QString& what)
{
    const QString interval = intervalText(
        group.wall.ciConfidence, group.wall.count, formatSeconds(group.wall.ciLow), formatSeconds(group.wall.ciHigh));
    return QStringLiteral("%1 · set %2 · %3%4\nmedian %5%6, %7")
        .arg(group.strategy, QString::number(group.setIndex), countOf(group.workers, QStringLiteral("worker")), what,
            formatSeconds(group.wall.median), interval.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(interval),
            countOf(group.wall.count, QStringLiteral("run")));
}

/// The figure's y for `speedup` with `workers` workers: the speedup, or its efficiency on the
/// figure's cores.
double figureValue(const SpeedupFigure& figure, double speedup, int workers)
{
    return figure.efficiency ? efficiency(speedup, workers, figure.cores) : speedup;
}

/// The measured groups on `numbers`: a swept series per strategy that uses the pool size, a
/// reference line for each other one.
void addMeasuredSeries(SpeedupFigure& figure, const ExperimentSummary& summary, const NumberSet& numbers)
{
    auto scale = [&figure](double speedup, int workers) { return figureValue(figure, speedup, workers); };
    for (const GroupSummary& group : summary.groups) {
        if (group.numbers != numbers || !group.speedup)
            continue;
        // The x axis spans the sweep: a strategy that ignores the pool size is a horizontal line.
        if (group.usesPoolSize)
            figure.maxWorkers = std::max(figure.maxWorkers, static_cast<double>(group.workers));
        double y = scale(*group.speedup, group.workers);
        const double low = scale(group.speedupLow.value_or(*group.speedup), group.workers);
        const double high = scale(group.speedupHigh.value_or(*group.speedup), group.workers);
        // An efficiency above 100 % is capped only where the physics flag (in the tool tip's
        // warnings) says why: the speedup is noise.
        if (figure.efficiency && group.aboveCores)
            y = std::min(y, 1.0);
        FigurePoint point {
            static_cast<double>(group.workers), y, low, high, speedupToolTip(group, y, low, high, figure.efficiency)};
        if (group.usesPoolSize) {
            auto series = std::find_if(figure.sweeps.begin(), figure.sweeps.end(),
                [&group](const FigureSeries& s) { return s.strategy == group.strategy; });
            if (series == figure.sweeps.end())
                series = figure.sweeps.insert(figure.sweeps.end(), FigureSeries {group.strategy, group.strategy, {}});
            series->points.push_back(point);
        } else {
            figure.references.push_back(FigureSeries {group.workers == 1
                    ? group.strategy
                    : QStringLiteral("%1: %2 workers").arg(group.strategy).arg(group.workers),
                group.strategy, {point}});
        }
    }
    for (FigureSeries& series : figure.sweeps)
        std::sort(series.points.begin(), series.points.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
}

bool samePoints(const FigureSeries& a, const FigureSeries& b)
{
    return std::equal(a.points.begin(), a.points.end(), b.points.begin(), b.points.end(),
        [](const FigurePoint& p, const FigurePoint& q) {
            return p.x == q.x && std::abs(p.y - q.y) <= 1e-9 * std::max(std::abs(p.y), std::abs(q.y));
        });
}

// A line drawn over another of the same values hides it, and its legend entry shows nothing: one
// line with a combined name ("ideal (2 cores) = tbb: schedule model") says both.
void mergeEqualBounds(std::vector<FigureSeries>& bounds)
{
    for (std::size_t first = 0; first < bounds.size(); ++first) {
        for (std::size_t other = first + 1; other < bounds.size();) {
            if (samePoints(bounds[first], bounds[other])) {
                // Models of equal values share their suffix: "pool = processes = mpi: schedule model"
                // fits the legend where three whole names were cut.
                const QString suffix = QStringLiteral(": schedule model");
                QString& name = bounds[first].name;
                const QString& otherName = bounds[other].name;
                if (name.endsWith(suffix) && otherName.endsWith(suffix))
                    name.insert(name.size() - suffix.size(), QStringLiteral(" = ") + otherName.chopped(suffix.size()));
                else
                    name += QStringLiteral(" = ") + otherName;
                bounds.erase(bounds.begin() + static_cast<std::ptrdiff_t>(other));
            } else {
                ++other;
            }
        }
    }
}

/// The ideal, the whole-task bound and each swept strategy's schedule model at every worker count.
void addBoundSeries(SpeedupFigure& figure, const SetSummary& set, const StrategyRegistry& strategies)
{
    auto scale = [&figure](double speedup, int workers) { return figureValue(figure, speedup, workers); };
    if (figure.sweeps.empty())
        figure.maxWorkers = std::max(figure.maxWorkers, static_cast<double>(figure.cores));
    const int maxWorkers = static_cast<int>(figure.maxWorkers);
    const QString coresText = figure.simulatedCores ? QStringLiteral(" (%1 cores, simulated)").arg(figure.cores)
                                                    : QStringLiteral(" (%1 cores)").arg(figure.cores);
    FigureSeries ideal {QStringLiteral("ideal") + coresText, {}, {}};
    FigureSeries wholeTask {QStringLiteral("whole-task bound"), {}, {}};
    for (int workers = 1; workers <= maxWorkers; ++workers) {
        const SpeedupBounds bounds = speedupBounds(
            set.serialTaskSeconds, set.numbers, ScheduleModel::WholeTasksInSetOrder, workers, figure.cores);
        const auto x = static_cast<double>(workers);
        ideal.points.push_back({x, scale(bounds.ideal, workers), 0.0, 0.0, {}});
        wholeTask.points.push_back({x, scale(bounds.wholeTask, workers), 0.0, 0.0, {}});
    }
    figure.bounds.push_back(std::move(ideal));
    figure.bounds.push_back(std::move(wholeTask));
    for (const FigureSeries& sweep : figure.sweeps) {
        const Strategy* strategy = strategies.find(sweep.strategy);
        if (strategy == nullptr)
            continue;
        FigureSeries model {sweep.strategy + QStringLiteral(": schedule model"), sweep.strategy, {}};
        for (int workers = 1; workers <= maxWorkers; ++workers) {
            const std::optional<SpeedupBounds> bounds = boundsFor(set, *strategy, workers, figure.cores);
            model.points.push_back({static_cast<double>(workers), scale(bounds->schedule, workers), 0.0, 0.0, {}});
        }
        figure.bounds.push_back(std::move(model));
    }
    mergeEqualBounds(figure.bounds);
}

// Whether every measured speedup but serial's (sweeps and references; a baseline's too) and its interval's top
// lies in (0, limit): on a linear axis from 0 to the ideal they would all sit on the floor.
bool anyMeasuredBelow(const SpeedupFigure& figure, double limit)
{
    // The medians, not their intervals' ends: a set 1 where tbb is ~1x and every pool ~0.004x puts
    // the pools on a linear axis' floor just as surely as one where all are.
    for (const auto* group : {&figure.sweeps, &figure.references, &figure.baselines}) {
        for (const FigureSeries& series : *group) {
            if (series.strategy == baselineStrategyId() || series.strategy == pythonBaselineStrategyId())
                continue; // 1x against itself by definition: no measurement of the others
            for (const FigurePoint& point : series.points) {
                if (point.y > 0.0 && point.y < limit)
                    return true;
            }
        }
    }
    return false;
}

} // namespace

SpeedupFigure speedupFigure(const ExperimentSummary& summary, const NumberSet& numbers, int cores, bool efficiency,
    const StrategyRegistry& strategies)
{
    SpeedupFigure figure;
    figure.cores = cores > 0 ? cores : summary.cores;
    figure.simulatedCores = figure.cores != summary.cores;
    figure.efficiency = efficiency;
    const SetSummary* set = summary.findSet(numbers);
    if (set == nullptr)
        return figure;
    figure.title = QStringLiteral("%1 against pool size · %2")
                       .arg(efficiency ? QStringLiteral("Efficiency") : QStringLiteral("Speedup"), setLabel(*set));
    figure.caption = boundCaption(*set, figure.cores);
    addMeasuredSeries(figure, summary, numbers);
    if (set->hasTaskTimes())
        addBoundSeries(figure, *set, strategies);
    figure.logAxis = anyMeasuredBelow(figure, kLogSpeedupBelow);
    return figure;
}

void addBaseline(SpeedupFigure& figure, const ExperimentSummary& baseline, const NumberSet& numbers)
{
    for (const GroupSummary& group : baseline.groups) {
        if (group.numbers != numbers || !group.usesPoolSize || !group.speedup)
            continue;
        // Efficiency on the baseline's own machine: its cores are what its workers could use.
        auto scale = [&](double speedup) {
            return figure.efficiency ? efficiency(speedup, group.workers, baseline.cores) : speedup;
        };
        const double y = scale(*group.speedup);
        const double low = scale(group.speedupLow.value_or(*group.speedup));
        const double high = scale(group.speedupHigh.value_or(*group.speedup));
        auto series = std::find_if(figure.baselines.begin(), figure.baselines.end(),
            [&group](const FigureSeries& s) { return s.strategy == group.strategy; });
        if (series == figure.baselines.end()) {
            series = figure.baselines.insert(figure.baselines.end(),
                FigureSeries {group.strategy + QStringLiteral(" (baseline)"), group.strategy, {}});
        }
        series->points.push_back({static_cast<double>(group.workers), y, low, high,
            QStringLiteral("baseline: ") + speedupToolTip(group, y, low, high, figure.efficiency)});
        figure.maxWorkers = std::max(figure.maxWorkers, static_cast<double>(group.workers));
    }
    for (FigureSeries& series : figure.baselines)
        std::sort(series.points.begin(), series.points.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
    figure.logAxis = anyMeasuredBelow(figure, kLogSpeedupBelow);
}

std::vector<int> measuredPoolSizes(const ExperimentSummary& summary)
{
    std::vector<int> sizes;
    for (const GroupSummary& group : summary.groups) {
        if (!group.usesPoolSize)
            continue;
        for (const int size : group.requestedPoolSizes) {
            if (std::find(sizes.begin(), sizes.end(), size) == sizes.end())
                sizes.push_back(size);
        }
    }
    std::sort(sizes.begin(), sizes.end(), [](int a, int b) {
        // auto last, after the numbers
        return (a == kAutoPoolSize ? 1 << 30 : a) < (b == kAutoPoolSize ? 1 << 30 : b);
    });
    return sizes;
}

namespace {

// Counts the pending and provisional bars and says so in the title: a reader must not take an empty
// place for "no time" nor a median of 1 of 5 runs for the final one.
void noteUnfinishedBars(TimeFigure& figure)
{
    for (const TimeFigure::Bars& bars : figure.bars) {
        for (const auto& value : bars.values) {
            if (!value)
                ++figure.pending;
            else if (value->provisional)
                ++figure.provisional;
        }
    }
    if (figure.pending > 0)
        figure.title += QStringLiteral(" · %1 pending (not measured yet)").arg(figure.pending);
    if (figure.provisional > 0)
        figure.title += QStringLiteral(" · %1 provisional (pale: fewer runs than planned)").arg(figure.provisional);
}

} // namespace

namespace {

QString whiskersLabel(const ExperimentSummary& summary, const TimeFigure& figure)
{
    // The confidence of each drawn median's interval: 95 % from 6 runs on, the range's below (94 % of 5).
    std::vector<std::pair<double, int>> levels;
    for (const GroupSummary& group : summary.groups) {
        const bool drawn = std::any_of(figure.bars.begin(), figure.bars.end(), [&group](const TimeFigure::Bars& bars) {
            return bars.strategy == group.strategy
                && std::any_of(
                    bars.values.begin(), bars.values.end(), [&group](const std::optional<FigurePoint>& point) {
                        return point && point->y == group.wall.median && point->low == group.wall.ciLow;
                    });
        });
        if (drawn && group.wall.count > 1)
            levels.emplace_back(group.wall.ciConfidence, group.wall.count);
    }
    if (levels.empty())
        return {};
    const auto [lowest, highest] = std::minmax_element(levels.begin(), levels.end());
    if (lowest->first == highest->first && lowest->second == highest->second)
        return intervalLabel(lowest->first, lowest->second) + QStringLiteral(" of each median");
    return QStringLiteral("each median's interval, %1 to %2 (the range of the runs below 6)")
        .arg(percent(lowest->first), percent(highest->first));
}

} // namespace

TimeFigure timeFigure(const ExperimentSummary& summary, int requestedPoolSize, const ExperimentSummary* baseline)
{
    TimeFigure figure;
    figure.title = QStringLiteral("Median time per number set (pool size %1)").arg(formatPoolSize(requestedPoolSize));
    for (const SetSummary& set : summary.sets)
        figure.categories << QStringLiteral("set %1\n%2").arg(set.setIndex).arg(formatNumberSet(set.numbers));
    for (const GroupSummary& group : summary.groups) {
        if (!group.measured())
            continue;
        if (group.usesPoolSize
            && std::find(group.requestedPoolSizes.begin(), group.requestedPoolSizes.end(), requestedPoolSize)
                == group.requestedPoolSizes.end())
            continue;
        auto bars = std::find_if(figure.bars.begin(), figure.bars.end(),
            [&group](const TimeFigure::Bars& b) { return b.strategy == group.strategy; });
        if (bars == figure.bars.end()) {
            const QString name = group.usesPoolSize
                ? QStringLiteral("%1 (pool size %2)").arg(group.strategy, formatPoolSize(requestedPoolSize))
                : group.strategy;
            bars = figure.bars.insert(figure.bars.end(),
                TimeFigure::Bars {
                    group.strategy, name, std::vector<std::optional<FigurePoint>>(summary.sets.size()), {}});
            if (baseline != nullptr)
                bars->baseline.resize(summary.sets.size());
        }
        const auto category
            = static_cast<std::size_t>(std::find_if(summary.sets.begin(), summary.sets.end(),
                                           [&group](const SetSummary& set) { return set.numbers == group.numbers; })
                - summary.sets.begin());
        QString toolTip = timeToolTip(group, {});
        if (group.speedup)
            toolTip += QStringLiteral("\nspeedup %1 against serial").arg(formatSpeedup(*group.speedup));
        const bool provisional = group.runs < summary.plannedRuns;
        if (provisional)
            toolTip += QStringLiteral("\nprovisional: %1 of %2 runs").arg(group.runs).arg(summary.plannedRuns);
        bars->values[category] = FigurePoint {static_cast<double>(category), group.wall.median, group.wall.ciLow,
            group.wall.ciHigh, toolTip, provisional};
        // The baseline's group that compareExperiments pairs with this one: same numbers, strategy, workers.
        const GroupSummary* before
            = baseline != nullptr ? baseline->findGroup(group.numbers, group.strategy, group.workers) : nullptr;
        if (before != nullptr && before->measured()) {
            bars->baseline[category] = FigurePoint {static_cast<double>(category), before->wall.median,
                before->wall.ciLow, before->wall.ciHigh, timeToolTip(*before, QStringLiteral(" · baseline"))};
        }
    }
    figure.whiskers = whiskersLabel(summary, figure);
    // Registry order comes from the summary's group order: every view lists strategies alike.
    noteUnfinishedBars(figure);
    return figure;
}

PrimaryView defaultView(const ExperimentPlan& latestPlan)
{
    return latestPlan.poolSizes.size() > 1 ? PrimaryView::Speedup : PrimaryView::Time;
}

QString describeFocus(const ViewFocus& focus)
{
    QStringList parts;
    parts << (focus.strategy.isEmpty() ? QStringLiteral("any strategy") : u'\'' + focus.strategy + u'\'');
    if (focus.poolSize)
        parts << (*focus.poolSize == kAutoPoolSize ? QStringLiteral("with the auto pool size")
                                                   : QStringLiteral("with %1 workers").arg(*focus.poolSize));
    if (focus.setIndex > 0)
        parts << QStringLiteral("on set %1").arg(focus.setIndex);
    return parts.join(u' ');
}

int findFocusedRun(const std::vector<SetRun>& runs, const ViewFocus& focus)
{
    const auto matches = [&focus](const SetRun& run) {
        if (focus.setIndex > 0 && run.setIndex != focus.setIndex)
            return false;
        if (!focus.strategy.isEmpty() && run.strategy != focus.strategy)
            return false;
        if (!focus.poolSize)
            return true;
        // A pool of 7 is a pool of 7 whether it was asked for as 7 or as auto on a 7-task set.
        return run.requestedPoolSize == *focus.poolSize
            || (*focus.poolSize != kAutoPoolSize && run.poolSize == *focus.poolSize);
    };
    for (auto i = static_cast<int>(runs.size()) - 1; i >= 0; --i) {
        if (matches(runs[static_cast<std::size_t>(i)]))
            return i;
    }
    return -1;
}

} // namespace calcprof
