#include "core/analysis/viewdata.h"
#include "core/exec/experimentrunner.h"
#include "ui/charts/axisrange.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/speedupview.h"
#include "ui/charts/timeview.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSpinBox>
#include <QValueAxis>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

using namespace calcprof;

namespace {

// A real sweep, small enough for a test: pool at 1..4 workers, the others once.
const ExperimentSummary& sweepSummary()
{
    static const ExperimentSummary summary = [] {
        ExperimentPlan plan;
        plan.sets = {{10, 12, 5}, {20, 18, 22}};
        // One strategy sweeping (pool) and three that ignore the pool size: what these tests draw.
        plan.strategies
            = {QStringLiteral("serial"), QStringLiteral("pool"), QStringLiteral("threads"), QStringLiteral("async")};
        plan.poolSizes = {1, 2, 3, 4};
        // The whole-task strategies: the views' arithmetic below counts on one sweeping strategy.
        plan.strategies
            = {QStringLiteral("serial"), QStringLiteral("pool"), QStringLiteral("threads"), QStringLiteral("async")};
        plan.repeat = 3;
        plan.warmup = 0;
        return summarizeExperiment(ExperimentRunner().run(plan, std::atomic<bool> {false}));
    }();
    return summary;
}

const NumberSet kBigSet {20, 18, 22};

} // namespace

TEST(SpeedupFigure, OnePointPerPoolSizeAndReferenceLinesForTheOthers)
{
    const SpeedupFigure figure = speedupFigure(sweepSummary(), kBigSet);
    ASSERT_EQ(figure.sweeps.size(), 1U);
    EXPECT_EQ(figure.sweeps[0].strategy, QStringLiteral("pool"));
    ASSERT_EQ(figure.sweeps[0].points.size(), 4U);
    for (std::size_t index = 0; index < 4; ++index) {
        const FigurePoint& point = figure.sweeps[0].points[index];
        EXPECT_DOUBLE_EQ(point.x, static_cast<double>(index + 1));
        EXPECT_LE(point.low, point.y);
        EXPECT_GE(point.high, point.y);
        const GroupSummary* group
            = sweepSummary().findGroup(kBigSet, QStringLiteral("pool"), static_cast<int>(index + 1));
        EXPECT_DOUBLE_EQ(point.y, *group->speedup); // the figure only formats the summary
    }
    // serial, threads and async ignore the pool size: horizontal references, not points.
    ASSERT_EQ(figure.references.size(), 3U);
    EXPECT_EQ(figure.references[0].name, QStringLiteral("serial"));
    EXPECT_EQ(figure.references[1].name, QStringLiteral("threads: 3 workers"));
    EXPECT_DOUBLE_EQ(figure.maxWorkers, 4.0);
}

TEST(SpeedupFigure, BoundsAreDrawnAtEveryWorkerCount)
{
    const ExperimentSummary& summary = sweepSummary();
    const SpeedupFigure figure = speedupFigure(summary, kBigSet);
    ASSERT_EQ(figure.bounds.size(), 3U); // ideal, whole-task, pool's schedule model
    for (const FigureSeries& bound : figure.bounds)
        EXPECT_EQ(bound.points.size(), 4U) << bound.name.toStdString();
    const SetSummary* set = summary.findSet(kBigSet);
    const SpeedupBounds atThree
        = speedupBounds(set->serialTaskSeconds, set->numbers, ScheduleModel::WholeTasksInSetOrder, 3, summary.cores);
    EXPECT_DOUBLE_EQ(figure.bounds[0].points[2].y, atThree.ideal);
    EXPECT_DOUBLE_EQ(figure.bounds[1].points[2].y, atThree.wholeTask);
    EXPECT_DOUBLE_EQ(figure.bounds[2].points[2].y, atThree.schedule);
    EXPECT_EQ(figure.caption, boundCaption(*set, summary.cores));
    EXPECT_FALSE(figure.simulatedCores);
}

TEST(SpeedupFigure, AnotherCoreCountIsASimulationAndEfficiencyDividesByUsableCores)
{
    const SpeedupFigure sixteen = speedupFigure(sweepSummary(), kBigSet, 16);
    EXPECT_TRUE(sixteen.simulatedCores || sweepSummary().cores == 16);
    EXPECT_DOUBLE_EQ(sixteen.bounds[0].points[3].y, 4.0); // ideal at 4 workers on 16 cores
    EXPECT_TRUE(sixteen.bounds[0].name.contains(QStringLiteral("16 cores")));

    const SpeedupFigure plain = speedupFigure(sweepSummary(), kBigSet, 2);
    const SpeedupFigure efficiency = speedupFigure(sweepSummary(), kBigSet, 2, true);
    EXPECT_DOUBLE_EQ(efficiency.sweeps[0].points[3].y, plain.sweeps[0].points[3].y / 2.0);
    EXPECT_DOUBLE_EQ(efficiency.bounds[0].points[3].y, 1.0);
}

TEST(TimeFigure, OneBarPerStrategyPerSetAtTheChosenPoolSize)
{
    const TimeFigure figure = timeFigure(sweepSummary(), 2);
    ASSERT_EQ(figure.categories.size(), 2);
    ASSERT_EQ(figure.bars.size(), 4U);
    EXPECT_EQ(figure.bars[1].name, QStringLiteral("pool (pool size 2)"));
    for (const TimeFigure::Bars& bars : figure.bars) {
        ASSERT_EQ(bars.values.size(), 2U);
        EXPECT_TRUE(bars.values[0].has_value()) << bars.name.toStdString();
    }
    EXPECT_DOUBLE_EQ(
        figure.bars[1].values[1]->y, sweepSummary().findGroup(kBigSet, QStringLiteral("pool"), 2)->wall.median);
    // auto was not measured: the pool strategy has no bars then, the others still do.
    const TimeFigure automatic = timeFigure(sweepSummary(), kAutoPoolSize);
    EXPECT_EQ(automatic.bars.size(), 3U);
    EXPECT_EQ(measuredPoolSizes(sweepSummary()), (std::vector<int> {1, 2, 3, 4}));
}

namespace {

// A run caught halfway (what the window shows while it goes on): of 3 planned runs, the pool
// measured set 1 once and set 2 not at all; serial measured both sets whole.
ExperimentSummary halfwaySummary()
{
    static const Experiment measured = [] {
        ExperimentPlan plan;
        plan.sets = {{10, 12, 5}, {20, 18, 22}};
        plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
        plan.poolSizes = {2};
        plan.repeat = 3;
        plan.warmup = 0;
        return ExperimentRunner().run(plan, std::atomic<bool> {false});
    }();
    Experiment experiment = measured;
    std::erase_if(experiment.runs, [](const SetRun& run) {
        return run.strategy == QStringLiteral("pool") && (run.numbers == kBigSet || run.repetition > 0);
    });
    return summarizeExperiment(experiment);
}

} // namespace

TEST(TimeFigure, TheWhiskersSayTheConfidenceTheirRunsGive)
{
    // 3 runs give the range, at 75 %; 6 runs or more reach 95 %: the label is the runs', never a fixed 95 %.
    EXPECT_EQ(timeFigure(sweepSummary()).whiskers, QStringLiteral("75 % interval (range of 3 runs) of each median"));
    ExperimentPlan plan;
    plan.sets = {{10, 12}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("threads")};
    plan.repeat = 6;
    plan.warmup = 0;
    plan.retryDisturbed = 0;
    const ExperimentSummary six = summarizeExperiment(ExperimentRunner().run(plan, std::atomic<bool> {false}));
    EXPECT_EQ(timeFigure(six).whiskers, QStringLiteral("97 % interval of each median"));
    plan.repeat = 1;
    const ExperimentSummary one = summarizeExperiment(ExperimentRunner().run(plan, std::atomic<bool> {false}));
    EXPECT_EQ(timeFigure(one).whiskers, QString()) << "one run has no interval";
}

TEST(TimeFigure, AGroupNotMeasuredYetIsPendingAndAMedianOfFewerRunsThanPlannedIsProvisional)
{
    const TimeFigure figure = timeFigure(halfwaySummary(), 2);
    ASSERT_EQ(figure.bars.size(), 2U);
    const TimeFigure::Bars& pool = figure.bars[1];
    ASSERT_EQ(pool.strategy, QStringLiteral("pool"));
    EXPECT_FALSE(pool.values[1].has_value()); // pending: no value, not a floor
    ASSERT_TRUE(pool.values[0].has_value());
    EXPECT_TRUE(pool.values[0]->provisional);
    EXPECT_TRUE(pool.values[0]->toolTip.contains(QStringLiteral("1 of 3 runs")))
        << pool.values[0]->toolTip.toStdString();
    EXPECT_FALSE(figure.bars[0].values[0]->provisional); // serial ran all 3
    EXPECT_EQ(figure.pending, 1);
    EXPECT_EQ(figure.provisional, 1);
    EXPECT_TRUE(figure.title.contains(QStringLiteral("1 pending"))) << figure.title.toStdString();
    EXPECT_TRUE(figure.title.contains(QStringLiteral("1 provisional"))) << figure.title.toStdString();
    // A whole run has neither.
    const TimeFigure whole = timeFigure(sweepSummary(), 2);
    EXPECT_EQ(whole.pending, 0);
    EXPECT_EQ(whole.provisional, 0);
}

TEST(TimeView, APendingBarIsDrawnBelowTheAxisAndAProvisionalOnePale)
{
    TimeView view;
    view.resize(900, 600);
    view.setSummary(halfwaySummary());
    ASSERT_NE(view.barSeries(), nullptr);
    QBarSet* pool = view.barSeries()->barSets().at(1);
    const auto* axis = qobject_cast<QLogValueAxis*>(view.chartView()->chart()->axes(Qt::Vertical).first());
    ASSERT_NE(axis, nullptr);
    // Below the axis' floor the plot clips it: at the floor it was a sliver that read as "no time".
    EXPECT_LT(pool->at(1), axis->min());
    EXPECT_GE(pool->at(0), axis->min());
    EXPECT_TRUE(pool->isBarSelected(0));
    EXPECT_FALSE(pool->isBarSelected(1));
    EXPECT_NE(pool->selectedColor(), pool->color());
    EXPECT_FALSE(view.barSeries()->barSets().at(0)->isBarSelected(0));
}

TEST(DefaultView, TheSpeedupAfterASweepTheTimeOtherwise)
{
    ExperimentPlan plan;
    EXPECT_EQ(defaultView(plan), PrimaryView::Time); // auto
    plan.poolSizes = {4};
    EXPECT_EQ(defaultView(plan), PrimaryView::Time);
    plan.poolSizes = {1, 2, 4};
    EXPECT_EQ(defaultView(plan), PrimaryView::Speedup);
}

TEST(SpeedupView, DrawsTheSweepItsIntervalsTheReferencesAndTheBounds)
{
    SpeedupView view;
    view.resize(900, 600);
    view.setSummary(sweepSummary());
    EXPECT_EQ(view.setChooser()->count(), 2);
    EXPECT_EQ(view.setChooser()->currentIndex(), 1); // the set with the most work
    QLineSeries* pool = view.seriesNamed(QStringLiteral("pool"));
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(pool->count(), 4);
    EXPECT_GE(view.errorBarCount(), 1);
    EXPECT_LE(view.errorBarCount(), 4);
    for (const FigureSeries& bound : view.figure().bounds)
        EXPECT_NE(view.seriesNamed(bound.name), nullptr) << bound.name.toStdString();
    QLineSeries* threads = view.seriesNamed(view.figure().references[1].name);
    ASSERT_NE(threads, nullptr);
    ASSERT_EQ(threads->count(), 2);
    EXPECT_DOUBLE_EQ(threads->at(0).y(), threads->at(1).y()); // horizontal
    EXPECT_TRUE(view.chartView()->chart()->title().contains(QStringLiteral("no schedule of whole tasks beats")));

    view.coresBox()->setValue(16);
    EXPECT_TRUE(view.figure().bounds[0].name.contains(QStringLiteral("16 cores")));
    view.efficiencyBox()->setChecked(true);
    EXPECT_TRUE(view.figure().efficiency);
    EXPECT_FALSE(renderChart(view.chartView(), 1.0, QString()).isNull());
}

TEST(SpeedupView, KeepsTheChosenSetAcrossUpdates)
{
    SpeedupView view;
    view.setSummary(sweepSummary());
    view.selectSet(0);
    view.setSummary(sweepSummary());
    EXPECT_EQ(view.setChooser()->currentIndex(), 0);
}

TEST(TimeView, GroupedBarsOnALogAxisByDefault)
{
    TimeView view;
    view.resize(900, 600);
    view.setSummary(sweepSummary());
    EXPECT_EQ(view.poolSizeChooser()->count(), 4);
    // Without auto in the sweep, the largest size measured: the closest to how the original runs.
    EXPECT_EQ(view.poolSizeChooser()->currentData().toInt(), 4);
    ASSERT_NE(view.barSeries(), nullptr);
    EXPECT_EQ(view.barSeries()->barSets().size(), 4);
    const QList<QAbstractAxis*> vertical = view.chartView()->chart()->axes(Qt::Vertical);
    ASSERT_EQ(vertical.size(), 1);
    EXPECT_NE(qobject_cast<QLogValueAxis*>(vertical.first()), nullptr);
    view.logScaleBox()->setChecked(false);
    EXPECT_NE(qobject_cast<QValueAxis*>(view.chartView()->chart()->axes(Qt::Vertical).first()), nullptr);
}

TEST(TimeView, EveryMedianCarriesItsIntervalAsAWhisker)
{
    TimeView view;
    view.resize(900, 600);
    view.setSummary(sweepSummary());
    int withInterval = 0;
    std::vector<std::pair<double, double>> intervals; // in seconds, as the figure has them
    for (const TimeFigure::Bars& bars : view.figure().bars) {
        for (const auto& value : bars.values) {
            if (value && value->high > value->low) {
                ++withInterval;
                intervals.emplace_back(value->low, value->high);
            }
        }
    }
    ASSERT_GT(withInterval, 0);
    EXPECT_EQ(view.whiskerCount(), withInterval);
    // The title says the confidence those runs give, not a 95 % they do not reach.
    EXPECT_FALSE(view.figure().whiskers.isEmpty());
    EXPECT_TRUE(view.chartView()->chart()->title().contains(QStringLiteral("whiskers: ") + view.figure().whiskers))
        << view.chartView()->chart()->title().toStdString();
    // Each whisker's stem spans exactly one bar's interval (in the axis' unit: a whole-decade ratio).
    int stems = 0;
    for (QAbstractSeries* series : view.chartView()->chart()->series()) {
        const auto* line = qobject_cast<QLineSeries*>(series);
        if (line == nullptr || line->count() != 6)
            continue;
        const double ratio = line->at(3).y() / line->at(2).y();
        const bool matches = std::any_of(intervals.begin(), intervals.end(), [ratio](const auto& interval) {
            return std::abs(ratio - interval.second / interval.first) < 1e-9 * ratio;
        });
        EXPECT_TRUE(matches) << ratio;
        ++stems;
    }
    EXPECT_EQ(stems, withInterval);
}

namespace {

/// A small real run whose set runs all took `seconds` (what a crafted saved run can say; the
/// reader refuses it, the views must survive it all the same).
ExperimentSummary summaryWithTimes(double poolSeconds)
{
    static const Experiment measured = [] {
        ExperimentPlan plan;
        plan.sets = {{10, 12, 5}};
        plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
        plan.poolSizes = {1, 2};
        plan.repeat = 1;
        plan.warmup = 0;
        return ExperimentRunner().run(plan, std::atomic<bool> {false});
    }();
    Experiment experiment = measured;
    for (SetRun& run : experiment.runs) {
        if (run.strategy == QStringLiteral("pool"))
            run.wallSeconds = poolSeconds;
    }
    return summarizeExperiment(experiment);
}

/// Every axis of `view` with a value range has a finite, ordered one within the axis limit.
void expectSaneAxes(const QChartView* view, const std::string& what)
{
    for (QAbstractAxis* axis : view->chart()->axes()) {
        double low = 0.0;
        double high = 1.0;
        if (const auto* log = qobject_cast<QLogValueAxis*>(axis)) {
            low = log->min();
            high = log->max();
            EXPECT_GT(low, 0.0) << what;
        } else if (const auto* linear = qobject_cast<QValueAxis*>(axis)) {
            low = linear->min();
            high = linear->max();
        }
        EXPECT_TRUE(std::isfinite(low) && std::isfinite(high)) << what << ": " << low << " to " << high;
        EXPECT_LT(low, high) << what;
        EXPECT_LE(high, kMaxAxisMagnitude * 1.01) << what;
        EXPECT_GE(low, -kMaxAxisMagnitude * 1.01) << what;
    }
}

const double kExtremeTimes[] {1e308, std::numeric_limits<double>::infinity(), 1e-300, 0.0};

} // namespace

TEST(TimeView, AnExtremeTimeGivesFiniteAxesAndIsDrawnWithoutACrash)
{
    // Qt Charts' log axis recursed without end on a 1e308 median (SIGSEGV), the report's figure too.
    for (const double seconds : kExtremeTimes) {
        TimeView view;
        view.resize(900, 600);
        view.setSummary(summaryWithTimes(seconds));
        const std::string what = "pool at " + QString::number(seconds).toStdString() + " s";
        expectSaneAxes(view.chartView(), what + ", log axis");
        EXPECT_FALSE(renderChart(view.chartView(), 1.0, QStringLiteral("t")).isNull()) << what;
        view.logScaleBox()->setChecked(false);
        expectSaneAxes(view.chartView(), what + ", linear axis");
        EXPECT_FALSE(renderChart(view.chartView(), 1.0, QStringLiteral("t")).isNull()) << what;
    }
}

TEST(SpeedupView, AnExtremeTimeGivesFiniteAxesAndIsDrawnWithoutACrash)
{
    for (const double seconds : kExtremeTimes) {
        SpeedupView view;
        view.resize(900, 600);
        view.setSummary(summaryWithTimes(seconds));
        const std::string what = "pool at " + QString::number(seconds).toStdString() + " s";
        expectSaneAxes(view.chartView(), what);
        EXPECT_FALSE(renderChart(view.chartView(), 1.0, QStringLiteral("s")).isNull()) << what;
    }
}

TEST(SpeedupView, SpeedupsAllBelowATenthAreDrawnOnALogAxisThatSaysSo)
{
    // Serial's microseconds against a pool that took a second: ~1e-5x, on the floor of a linear axis.
    const ExperimentSummary slow = summaryWithTimes(1.0);
    const NumberSet set {10, 12, 5};
    const SpeedupFigure figure = speedupFigure(slow, set);
    ASSERT_FALSE(figure.sweeps.empty());
    EXPECT_TRUE(figure.logAxis);
    EXPECT_FALSE(speedupFigure(summaryWithTimes(1e-12), set).logAxis); // a speedup far above 0.1x

    SpeedupView view;
    view.resize(900, 600);
    view.setSummary(slow);
    const auto* axis = qobject_cast<QLogValueAxis*>(view.chartView()->chart()->axes(Qt::Vertical).first());
    ASSERT_NE(axis, nullptr);
    EXPECT_TRUE(axis->titleText().contains(QStringLiteral("(log)"))) << axis->titleText().toStdString();
    const QString title = view.chartView()->chart()->title();
    EXPECT_TRUE(title.contains(QStringLiteral("log axis: speedups below 0.1x"))) << title.toStdString();
    for (const FigurePoint& point : view.figure().sweeps.front().points) {
        EXPECT_GE(point.y, axis->min());
        EXPECT_LE(point.y, axis->max());
    }
    // A readable range: at most a few decades, not down to the log axis' limit.
    EXPECT_LT(axis->max() / axis->min(), 1e9);
    expectSaneAxes(view.chartView(), "log speedup");
}

TEST(SpeedupView, OneSpeedupBelowATenthAmongOthersNearOneIsDrawnOnALogAxis)
{
    // Set 1 as measured: a 1-worker pool near 1x, the 2-worker pool at ~1e-5x. "Every speedup
    // below 0.1x" never held there, so the slow points sat on a linear axis' floor (issue 22).
    ExperimentSummary mixed = summaryWithTimes(1.0);
    for (GroupSummary& group : mixed.groups) {
        if (group.strategy == QStringLiteral("pool") && group.workers == 1) {
            group.speedup = 0.9;
            group.speedupLow = 0.5;
            group.speedupHigh = 80.0; // a wide interval must not set the axis' top either
        }
    }
    const NumberSet set {10, 12, 5};
    ASSERT_TRUE(speedupFigure(mixed, set).logAxis);

    SpeedupView view;
    view.resize(900, 600);
    view.setSummary(mixed);
    const auto* axis = qobject_cast<QLogValueAxis*>(view.chartView()->chart()->axes(Qt::Vertical).first());
    ASSERT_NE(axis, nullptr);
    for (const FigurePoint& point : view.figure().sweeps.front().points) {
        EXPECT_GE(point.y, axis->min());
        EXPECT_LE(point.y, axis->max());
    }
    EXPECT_LE(axis->max(), 10.0 + 1e-6); // the 80x interval end runs off the top
}

TEST(SpeedupFigure, EqualScheduleModelsShareOneSuffixSoTheLegendEntryFits)
{
    // pool, processes and mpi schedule whole tasks alike: "pool: schedule model = processes: schedule
    // model = mpi: …" was cut in the legend (issue 22's new-user trial).
    static const ExperimentSummary summary = [] {
        ExperimentPlan plan;
        plan.sets = {{20, 18, 22}};
        plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool"), QStringLiteral("processes")};
        plan.poolSizes = {1, 2, 3};
        plan.repeat = 1;
        plan.warmup = 0;
        plan.retryDisturbed = 0;
        return summarizeExperiment(ExperimentRunner().run(plan, std::atomic<bool> {false}));
    }();
    const SpeedupFigure figure = speedupFigure(summary, kBigSet, 4);
    bool merged = false;
    for (const FigureSeries& bound : figure.bounds) {
        EXPECT_LE(bound.name.count(QStringLiteral(": schedule model")), 1) << bound.name.toStdString();
        merged = merged || bound.name.contains(QStringLiteral("pool = processes"));
    }
    EXPECT_TRUE(merged);
}

TEST(SpeedupFigure, BoundsOfEqualValuesAreOneLineNamedByBoth)
{
    // On one core the ideal, the whole-task bound and the pool's model are all 1x at every size: three
    // lines drawn on one another showed one, and two legend entries showed nothing.
    const SpeedupFigure figure = speedupFigure(sweepSummary(), kBigSet, 1);
    ASSERT_EQ(figure.bounds.size(), 1U);
    EXPECT_TRUE(figure.bounds[0].name.startsWith(QStringLiteral("ideal")));
    EXPECT_TRUE(figure.bounds[0].name.contains(QStringLiteral(" = whole-task bound = pool: schedule model")))
        << figure.bounds[0].name.toStdString();
}
