#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "testsupport.h"
#include "ui/charts/axisrange.h"
#include "ui/charts/chartarea.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/strategycolors.h"
#include "ui/charts/timelinechart.h"
#include "ui/charts/timelineview.h"
#include "ui/charts/timeview.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/mainwindow.h"

#include <QAreaSeries>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolTip>
#include <QValueAxis>

#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>
#include <limits>

using namespace calcprof;

namespace {

SetRun setRun(int setIndex, int poolSize, std::vector<TaskTiming> tasks, double wallSeconds, int repetition = 0)
{
    SetRun run;
    run.strategy = QStringLiteral("pool");
    run.setIndex = setIndex;
    for (const TaskTiming& timing : tasks)
        run.numbers.push_back(timing.n);
    run.poolSize = poolSize;
    run.repetition = repetition;
    run.wallSeconds = wallSeconds;
    run.matchesSerial = true;
    run.tasks = std::move(tasks);
    return run;
}

// Pool(2) on set 3: 42 waits for 38's worker.
SetRun poolOfTwoOnSetThree(int repetition = 0)
{
    return setRun(3, 2,
        {test::taskTiming(40, 1, 0.001, 2.0), test::taskTiming(38, 2, 0.001, 1.2), test::taskTiming(42, 2, 1.2, 6.2)},
        6.25, repetition);
}

// Pool(3) on set 3: all start at once and share two cores.
SetRun poolOfThreeOnSetThree()
{
    return setRun(3, 3,
        {test::taskTiming(40, 1, 0.001, 3.0), test::taskTiming(38, 2, 0.001, 2.0), test::taskTiming(42, 3, 0.001, 4.5)},
        4.52);
}

SetRun setOne()
{
    return setRun(1, 2,
        {test::taskTiming(10, 1, 40e-6, 45e-6), test::taskTiming(12, 2, 41e-6, 50e-6),
            test::taskTiming(5, 1, 45e-6, 45.2e-6)},
        60e-6);
}

int seriesOfType(QChartView& view, QAbstractSeries::SeriesType type)
{
    int count = 0;
    const QList<QAbstractSeries*> all = view.chart()->series();
    for (QAbstractSeries* series : all)
        count += series->type() == type ? 1 : 0;
    return count;
}

} // namespace

TEST(TimelineChart, OneLanePerWorkerAndOneBarPerTask)
{
    TimelineChart chart;
    chart.resize(900, 400);
    chart.setRun(poolOfTwoOnSetThree());

    EXPECT_EQ(chart.laneCount(), 2);
    ASSERT_NE(chart.laneAxis(), nullptr);
    EXPECT_EQ(
        chart.laneAxis()->categoriesLabels(), (QStringList {QStringLiteral("worker 2"), QStringLiteral("worker 1")}));
    EXPECT_EQ(chart.barCount(), 3);
    // Three bars and two grey bands (start-up and tail): areas; the wall time: one line.
    EXPECT_EQ(seriesOfType(chart, QAbstractSeries::SeriesTypeArea), 5);
    EXPECT_EQ(seriesOfType(chart, QAbstractSeries::SeriesTypeLine), 1);

    // Task 42 (the third bar) sits on worker 2's lane (the lower one) from 1.2 s to 6.2 s.
    QAreaSeries* bar = chart.barSeries(2);
    ASSERT_NE(bar, nullptr);
    const QList<QPointF> upper = bar->upperSeries()->points();
    const QList<QPointF> lower = bar->lowerSeries()->points();
    ASSERT_EQ(upper.size(), 2);
    EXPECT_DOUBLE_EQ(upper[0].x(), 1.2);
    EXPECT_DOUBLE_EQ(upper[1].x(), 6.2);
    EXPECT_GT(upper[0].y(), lower[0].y());
    EXPECT_LT(upper[0].y(), 1.0);
    EXPECT_EQ(bar->brush().color(), strategyColor(QStringLiteral("pool")));
    EXPECT_EQ(chart.barLabel(2)->text(), QStringLiteral("42"));

    EXPECT_EQ(chart.timeAxis()->titleText(), QStringLiteral("time since the set run started (s)"));
    EXPECT_GE(chart.timeAxis()->max(), 6.25);
    EXPECT_EQ(chart.chart()->title(),
        QStringLiteral("pool · set 3 (40,38,42) · 2 workers · rep 1<br><span style=\"font-weight:normal\">6.250 s wall "
                       "· first task after 1.00 ms · idle 4.302 s</span>"));
}

TEST(TimelineChart, MicrosecondRunUsesMicrosecondsAndHidesLabelsThatDoNotFit)
{
    TimelineChart chart;
    chart.resize(900, 400);
    chart.setRun(setOne());
    chart.show();
    QCoreApplication::processEvents();
    EXPECT_EQ(chart.timeAxis()->titleText(), QStringLiteral("time since the set run started (µs)"));
    EXPECT_GE(chart.timeAxis()->max(), 60.0);
    EXPECT_EQ(chart.barCount(), 3);
    // Task 10 takes 5 µs of a 61 µs axis, about 70 pixels: room for its label. Task 5 takes 0.2 µs:
    // none, so it is listed over worker 1's lane instead.
    EXPECT_TRUE(chart.barLabel(0)->isVisible());
    EXPECT_TRUE(chart.barLabel(1)->isVisible());
    EXPECT_FALSE(chart.barLabel(2)->isVisible());
    ASSERT_NE(chart.narrowBarsLabel(0), nullptr);
    EXPECT_TRUE(chart.narrowBarsLabel(0)->isVisible());
    EXPECT_EQ(chart.narrowBarsLabel(0)->text(), QStringLiteral("5"));
    EXPECT_FALSE(chart.narrowBarsLabel(1)->isVisible());
}

TEST(TimelineChart, TheTopLanesNoteOfNarrowBarsStaysInsideThePlot)
{
    // Seven lanes in a short chart: the lane's top margin is thinner than a line of text, and the
    // note above worker 1's narrow bars crossed the plot's top edge into the title (issue 22).
    std::vector<TaskTiming> tasks {test::taskTiming(5, 1, 10e-6, 10.2e-6), test::taskTiming(7, 1, 10.4e-6, 10.6e-6)};
    for (int worker = 2; worker <= 7; ++worker)
        tasks.push_back(test::taskTiming(30 + worker, worker, 1e-6, 50e-6));
    TimelineChart chart;
    chart.resize(900, 300);
    chart.setRun(setRun(1, 7, tasks, 60e-6));
    chart.show();
    QCoreApplication::processEvents();
    ASSERT_NE(chart.narrowBarsLabel(0), nullptr);
    ASSERT_TRUE(chart.narrowBarsLabel(0)->isVisible());
    EXPECT_GE(chart.narrowBarsLabel(0)->pos().y(), chart.chart()->plotArea().top());
}

TEST(TimelineChart, ToolTipNamesTaskWorkerStartAndDuration)
{
    TimelineChart chart;
    chart.setRun(poolOfTwoOnSetThree());
    EXPECT_EQ(chart.barToolTip(2), QStringLiteral("task 42 on worker 2\nstart 1.200 s\nduration 5.000 s\nend 6.200 s"));
    EXPECT_EQ(chart.barToolTip(0), QStringLiteral("task 40 on worker 1\nstart 1.00 ms\nduration 1.999 s\nend 2.000 s"));
    EXPECT_TRUE(chart.barToolTip(3).isEmpty());

    // Hovering a bar shows its text; leaving it hides it.
    chart.resize(900, 400);
    chart.show();
    Q_EMIT chart.barSeries(2)->hovered(QPointF(3.0, 0.5), true);
    EXPECT_TRUE(QToolTip::isVisible());
    EXPECT_EQ(QToolTip::text(), chart.barToolTip(2));
    Q_EMIT chart.barSeries(2)->hovered(QPointF(3.0, 0.5), false);
    // A tooltip fades out on a timer rather than at once.
    EXPECT_TRUE(QTest::qWaitFor([] { return !QToolTip::isVisible(); }, 2000));
}

TEST(TimelineChart, FailedRunWithoutTasksShowsNoBars)
{
    SetRun failed = setRun(2, 2, {}, 0.5);
    failed.numbers = {35, 30};
    failed.error = QStringLiteral("strategy 'pool' failed: boom");
    TimelineChart chart;
    chart.setRun(failed);
    EXPECT_EQ(chart.laneCount(), 0);
    EXPECT_EQ(chart.barCount(), 0);
    EXPECT_TRUE(chart.chart()->title().endsWith(QStringLiteral("failed: boom</span>")));
    chart.clear();
    EXPECT_FALSE(chart.hasRun());
    EXPECT_TRUE(chart.chart()->series().isEmpty());
}

TEST(TimelineChart, WorkerProcessesGetALaneEachWithTheirStartUpShaded)
{
    // processes on a small set: process 1 ran both tasks once ready; process 2 never got one, and
    // process 3 was killed still starting when the run ended.
    SetRun processes
        = setRun(1, 3, {test::taskTiming(10, 1, 0.002, 0.0021), test::taskTiming(12, 1, 0.0021, 0.0023)}, 0.004);
    processes.strategy = QStringLiteral("processes");
    processes.workerStartups = {{1, 0.0001, 0.0019, true}, {2, 0.0002, 0.0025, true}, {3, 0.0028, 0.0035, false}};
    processes.startupSeconds = 0.0024;
    TimelineChart chart;
    chart.resize(900, 400);
    chart.setRun(processes);

    EXPECT_EQ(chart.laneCount(), 3);
    EXPECT_EQ(chart.laneAxis()->categoriesLabels(),
        (QStringList {QStringLiteral("process 3"), QStringLiteral("process 2"), QStringLiteral("process 1")}));
    ASSERT_EQ(chart.startupBars().size(), 3U);
    EXPECT_EQ(chart.startupBars()[0]->name(), QStringLiteral("process spawn to ready"));
    // Lighter than a task bar of the same colour: the strategy's colour, mostly transparent.
    EXPECT_EQ(chart.startupBars()[0]->brush().color().rgb(), chart.barSeries(0)->brush().color().rgb());
    EXPECT_LT(chart.startupBars()[0]->brush().color().alpha(), 128);
    EXPECT_EQ(chart.startupToolTip(1),
        QStringLiteral("worker process 2 starting\nspawned at 200.0 µs\nready at 2.50 ms\nstart-up 2.30 ms"));
    EXPECT_TRUE(chart.startupToolTip(2).contains(QStringLiteral("not yet ready")))
        << chart.startupToolTip(2).toStdString();
    EXPECT_TRUE(chart.chart()->title().endsWith(QStringLiteral(" · start-up 2.40 ms (2 of 3 ready)</span>")))
        << chart.chart()->title().toStdString();
}

TEST(TimelineChart, AnMpiRanksStartUpIsTheJobsLaunchNotASpawnOfItsOwn)
{
    SetRun mpi = setRun(1, 2, {test::taskTiming(30, 1, 0.40, 0.41), test::taskTiming(31, 2, 0.42, 0.44)}, 0.45);
    mpi.strategy = QStringLiteral("mpi");
    mpi.workerStartups
        = {{1, 0.001, 0.38, true, QStringLiteral("node1")}, {2, 0.001, 0.39, true, QStringLiteral("node2")}};
    mpi.startupSeconds = 0.389;
    TimelineChart chart;
    chart.resize(900, 400);
    chart.setRun(mpi);

    ASSERT_EQ(chart.startupBars().size(), 2U);
    EXPECT_EQ(chart.startupBars()[0]->name(), QStringLiteral("mpirun launch to rank ready"));
    EXPECT_EQ(chart.startupToolTip(1),
        QStringLiteral(
            "MPI rank 2 on node2 starting\nmpirun launched at 1.00 ms\nready at 390.00 ms\nstart-up 389.00 ms"));
}

TEST(TimelineView, DefaultsToTheLatestRunOfTheLargestSetAndKeepsTheUsersChoice)
{
    // The view lists the runs where they are (the session's), told when more arrived.
    std::vector<SetRun> runs {setOne()};
    TimelineView view;
    view.setRuns(&runs);
    EXPECT_EQ(view.selectedRun(), 0);
    runs.push_back(poolOfTwoOnSetThree(0));
    runs.push_back(setOne());
    runs.push_back(poolOfTwoOnSetThree(1));
    view.runsAdded();
    // Set 3 has the most work; its latest run is the fourth.
    EXPECT_EQ(view.selectedRun(), 3);
    EXPECT_EQ(view.runChooser()->count(), 4);
    EXPECT_EQ(view.runChooser()->itemText(3), QStringLiteral("set 3 · pool · 2 workers · rep 2"));
    EXPECT_EQ(view.primaryChart()->run().repetition, 1);

    view.selectRun(0);
    runs.push_back(poolOfThreeOnSetThree());
    view.runsAdded();
    EXPECT_EQ(view.selectedRun(), 0);
    EXPECT_EQ(view.primaryChart()->run().setIndex, 1);
    EXPECT_EQ(view.comparisonChooser()->count(), 6); // "none" and five runs

    view.clear();
    EXPECT_EQ(view.selectedRun(), -1);
    EXPECT_EQ(view.runCount(), 0);
    EXPECT_FALSE(view.primaryChart()->hasRun());
    runs = {poolOfThreeOnSetThree()};
    view.setRuns(&runs);
    EXPECT_EQ(view.selectedRun(), 0);
}

TEST(TimelineView, RunsEmptiedWithoutBeingToldAreNeverRead)
{
    std::vector<SetRun> runs {setOne(), poolOfTwoOnSetThree()};
    TimelineView view;
    view.setRuns(&runs);
    view.selectRun(1);
    runs.clear(); // as the session empties its runs just before it says so
    EXPECT_EQ(view.runCount(), 0);
    view.selectRun(1);
    view.selectComparison(0);
    EXPECT_EQ(view.comparisonChooser()->currentIndex(), 0); // "none": nothing out of range was shown
    runs.push_back(poolOfThreeOnSetThree());
    view.runsAdded(); // fewer runs than were listed: listed afresh
    EXPECT_EQ(view.runCount(), 1);
    EXPECT_EQ(view.runChooser()->count(), 1);
    EXPECT_EQ(view.primaryChart()->run().poolSize, 3);
}

TEST(TimelineView, ComparisonAppearsOnTheSameTimeScaleAndDisappears)
{
    TimelineView view;
    view.resize(1000, 700);
    view.show();
    const std::vector<SetRun> runs {poolOfTwoOnSetThree(), poolOfThreeOnSetThree()};
    view.setRuns(&runs);
    EXPECT_EQ(view.selectedRun(), 1);
    EXPECT_EQ(view.selectedComparison(), -1);
    EXPECT_FALSE(view.comparisonChart()->isVisible());
    EXPECT_EQ(view.primaryChart()->barCount(), 3);
    EXPECT_EQ(view.primaryChart()->laneCount(), 3);

    view.selectComparison(0);
    EXPECT_TRUE(view.comparisonChart()->isVisible());
    EXPECT_EQ(view.comparisonChart()->laneCount(), 2);
    EXPECT_EQ(view.comparisonChart()->run().poolSize, 2);
    // The shorter run (4.52 s) is drawn on the longer one's scale (6.25 s).
    EXPECT_DOUBLE_EQ(view.primaryChart()->timeRange(), 6.25);
    EXPECT_DOUBLE_EQ(view.primaryChart()->timeAxis()->min(), view.comparisonChart()->timeAxis()->min());
    EXPECT_DOUBLE_EQ(view.primaryChart()->timeAxis()->max(), view.comparisonChart()->timeAxis()->max());
    EXPECT_GE(view.primaryChart()->timeAxis()->max(), 6.25);

    view.selectComparison(-1);
    EXPECT_FALSE(view.comparisonChart()->isVisible());
    EXPECT_DOUBLE_EQ(view.primaryChart()->timeRange(), 4.52);
    EXPECT_LT(view.primaryChart()->timeAxis()->max(), 6.25);
}

TEST(TimelineChart, StrategyHasTheTimeViewsColourWhateverThePlan)
{
    // Only pool ran: it is the experiment's first strategy but keeps its registry colour everywhere.
    Experiment experiment;
    experiment.runs.push_back(poolOfTwoOnSetThree());
    TimeView time;
    time.setSummary(summarizeExperiment(experiment));
    ASSERT_EQ(time.barSeries()->barSets().size(), 1);
    const QColor barColour = time.barSeries()->barSets().first()->color();

    TimelineChart timeline;
    timeline.setRun(poolOfTwoOnSetThree());
    EXPECT_EQ(barColour, timeline.barSeries(0)->brush().color());
    EXPECT_EQ(barColour, strategyColor(static_cast<int>(builtinStrategies().ids().indexOf(QStringLiteral("pool")))));
    EXPECT_NE(strategyColor(QStringLiteral("pool")), strategyColor(QStringLiteral("serial")));
}

TEST(TimelineView, MainWindowShowsEveryFinishedSetRunInItsTimelineTab)
{
    MainWindow window;
    ExperimentPlan plan;
    plan.sets = {{5, 6, 7}, {8, 9}};
    plan.retryDisturbed = 0; // every run is counted, and a retry of mpi's launch on a busy machine takes time
    plan.repeat = 2; // every strategy, mpi included, twice: well within the wait under the sanitizers
    window.controls()->setPlan(plan);
    auto* timeline = window.findChild<TimelineView*>();
    ASSERT_NE(timeline, nullptr);
    auto* tabs = qobject_cast<QTabWidget*>(timeline->parentWidget()->parentWidget());
    ASSERT_NE(tabs, nullptr);
    EXPECT_EQ(tabs->tabText(tabs->indexOf(timeline)), QStringLiteral("Timeline"));

    QSignalSpy finished(window.session(), &RunSession::runFinished);
    ASSERT_TRUE(window.session()->run());
    ASSERT_TRUE(finished.wait(60000));
    const auto experiment = finished.takeFirst().at(0).value<Experiment>();
    // The timeline is drawn only while it is on screen: it catches up when its tab is chosen.
    EXPECT_EQ(timeline->runCount(), 0);
    window.charts()->showView(ChartArea::View::Timeline);
    ASSERT_EQ(timeline->runCount(), static_cast<int>(experiment.runs.size()));
    // Set 2 has the most work; the default is its latest run, the last of the experiment.
    EXPECT_EQ(timeline->selectedRun(), static_cast<int>(experiment.runs.size()) - 1);
    EXPECT_EQ(timeline->primaryChart()->run().setIndex, 2);
    EXPECT_EQ(timeline->primaryChart()->barCount(), 2);
}

// Not run by default: renders real runs of the pool strategy to PNGs for a person to look at.
// ctest skips it; run build/tests/calcprof_ui_tests --gtest_also_run_disabled_tests
// --gtest_filter='*RenderRealRuns*' with CALCPROF_TIMELINE_PNG_DIR set.
TEST(TimelineView, DISABLED_RenderRealRuns)
{
    const QString directory = qEnvironmentVariable("CALCPROF_TIMELINE_PNG_DIR", QDir::tempPath());
    const Strategy* pool = builtinStrategies().find(QStringLiteral("pool"));
    ASSERT_NE(pool, nullptr);
    const std::atomic<bool> stop {false};
    const ExperimentRunner runner;
    const std::vector<NumberSet> sets = defaultNumberSets();
    std::vector<SetRun> runs;
    for (int set = 1; set <= 3; ++set) {
        const auto& numbers = sets[static_cast<std::size_t>(set - 1)];
        runs.push_back(runner.runSet(*pool, set, numbers, 2, stop));
    }
    runs.push_back(runner.runSet(*pool, 3, sets[2], 3, stop));

    const char* names[] = {"set1", "set2", "set3"};
    for (int i = 0; i < 3; ++i) {
        TimelineChart chart;
        chart.resize(1200, 420);
        chart.setRun(runs[static_cast<std::size_t>(i)]);
        const QImage image = renderChart(&chart, 2.0, QString());
        ASSERT_FALSE(image.isNull());
        EXPECT_TRUE(image.save(
            directory + QStringLiteral("/timeline-") + QString::fromLatin1(names[i]) + QStringLiteral(".png")));
    }

    TimelineView view;
    view.resize(1200, 800);
    view.setRuns(&runs);
    view.selectRun(2);
    view.selectComparison(3);
    view.show();
    QCoreApplication::processEvents();
    const QImage both = view.grab().toImage();
    EXPECT_TRUE(both.save(directory + QStringLiteral("/timeline-compare.png")));

    // The whole window after a run of the default sets on 2 workers, its Timeline tab in front.
    MainWindow window;
    ExperimentPlan plan;
    plan.sets = sets;
    plan.poolSizes = {2};
    window.controls()->setPlan(plan);
    window.resize(1400, 900);
    window.show();
    QSignalSpy finished(window.session(), &RunSession::runFinished);
    ASSERT_TRUE(window.session()->run());
    ASSERT_TRUE(finished.wait(120000));
    auto* timeline = window.findChild<TimelineView*>();
    ASSERT_NE(timeline, nullptr);
    qobject_cast<QTabWidget*>(timeline->parentWidget()->parentWidget())->setCurrentWidget(timeline);
    QCoreApplication::processEvents();
    EXPECT_TRUE(window.grab().toImage().save(directory + QStringLiteral("/timeline-window.png")));
}

TEST(TimelineChart, AnExtremeTimeGivesAFiniteAxisAndIsDrawnWithoutACrash)
{
    // What a crafted saved run can say (the reader refuses it; the chart must survive it anyway).
    for (const double seconds : {1e308, std::numeric_limits<double>::infinity()}) {
        TimelineChart chart;
        chart.resize(900, 400);
        chart.setRun(setRun(1, 2, {test::taskTiming(5, 1, 0.0, seconds), test::taskTiming(6, 2, 0.0, 1.0)}, seconds));
        const QValueAxis* time = chart.timeAxis();
        EXPECT_TRUE(std::isfinite(time->max())) << seconds;
        EXPECT_LE(time->max(), kMaxAxisMagnitude) << seconds;
        EXPECT_LT(time->min(), time->max()) << seconds;
        EXPECT_TRUE(std::isfinite(time->tickInterval()) && time->tickInterval() > 0.0) << seconds;
        EXPECT_FALSE(renderChart(&chart, 1.0, QStringLiteral("t")).isNull()) << seconds;
    }
}

// Issue 19 item 4: a Python pool's lanes shade each worker's start-up and, after each task, its
// result's return trip (pickling and transfer), hatched.
TEST(TimelineChart, PythonWorkersShadeTheirStartUpAndEachResultsReturnTrip)
{
    SetRun pool = setRun(1, 2, {test::taskTiming(10, 1, 0.020, 0.021), test::taskTiming(12, 2, 0.022, 0.024)}, 0.03);
    pool.strategy = QStringLiteral("py-pool");
    pool.tasks[0].returnTripSeconds = 0.0005;
    pool.tasks[1].returnTripSeconds = 0.0010;
    pool.workerStartups = {{1, 0.0, 0.019, true}, {2, 0.0, 0.021, true}};
    TimelineChart chart;
    chart.resize(900, 400);
    chart.setRun(pool);

    EXPECT_EQ(chart.startupBars().size(), 2U);
    ASSERT_EQ(chart.returnTripBars().size(), 2U);
    QAreaSeries* trip = chart.returnTripBars()[1];
    EXPECT_EQ(trip->name(), QStringLiteral("result's return trip (pickling, transfer)"));
    EXPECT_EQ(trip->brush().style(), Qt::DiagCrossPattern);
    // From the task's end to the result in the parent, in the chart's unit (ms for a 30 ms run).
    const QList<QPointF> points = trip->upperSeries()->points();
    ASSERT_FALSE(points.isEmpty());
    double left = points.front().x();
    double right = points.front().x();
    for (const QPointF& point : points) {
        left = std::min(left, point.x());
        right = std::max(right, point.x());
    }
    EXPECT_NEAR(left, 24.0, 1e-9);
    EXPECT_NEAR(right, 25.0, 1e-9);
}

// py-threads' results come back too, but from a thread of the same process: no pickling, and the
// legend does not say there is.
TEST(TimelineChart, AThreadsReturnTripIsAHandOverNotPickling)
{
    SetRun threads = setRun(1, 2, {test::taskTiming(10, 1, 0.0, 0.010), test::taskTiming(12, 2, 0.0, 0.020)}, 0.03);
    threads.strategy = QStringLiteral("py-threads");
    threads.tasks[0].returnTripSeconds = 0.0005;
    TimelineChart chart;
    chart.resize(900, 400);
    chart.setRun(threads);

    ASSERT_EQ(chart.returnTripBars().size(), 1U);
    EXPECT_EQ(chart.returnTripBars()[0]->name(), QStringLiteral("result's return trip (hand-over to the main thread)"));
}
