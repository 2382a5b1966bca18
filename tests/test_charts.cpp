#include "chartexport.h"
#include "csvchart.h"
#include "experimentplan.h"
#include "runner.h"
#include "stats.h"
#include "testsupport.h"
#include "timingchart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDir>
#include <QImage>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QValueAxis>

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <variant>

using namespace calcprof;

namespace {

QLineSeries* seriesNamed(QChartView& view, const QString& name)
{
    const QList<QAbstractSeries*> all = view.chart()->series();
    for (QAbstractSeries* series : all) {
        if (series->name() == name)
            return qobject_cast<QLineSeries*>(series);
    }
    return nullptr;
}

QAbstractAxis* axis(QChartView& view, Qt::Orientation orientation)
{
    const QList<QAbstractAxis*> axes = view.chart()->axes(orientation);
    return axes.size() == 1 ? axes.first() : nullptr;
}

QString axisTitle(QChartView& view, Qt::Orientation orientation)
{
    QAbstractAxis* found = axis(view, orientation);
    return found != nullptr ? found->titleText() : QString();
}

TaskTiming taskEndingAt(int n, double endSeconds)
{
    TaskTiming task;
    task.n = n;
    task.startSeconds = 0.0;
    task.endSeconds = endSeconds;
    task.wallSeconds = endSeconds;
    return task;
}

SetRun setRun(const QString& strategy, int setIndex, NumberSet numbers, double wallSeconds, int repetition = 0)
{
    SetRun run;
    run.strategy = strategy;
    run.setIndex = setIndex;
    run.numbers = std::move(numbers);
    run.poolSize = 2;
    run.repetition = repetition;
    run.wallSeconds = wallSeconds;
    run.matchesSerial = true;
    return run;
}

Experiment experimentOf(std::vector<SetRun> runs)
{
    Experiment experiment;
    experiment.runs = std::move(runs);
    return experiment;
}

ExperimentPlan planOf(std::vector<NumberSet> sets, QStringList strategies)
{
    ExperimentPlan plan;
    plan.sets = std::move(sets);
    plan.strategies = std::move(strategies);
    return plan;
}

// Records what a Runner reports, from whichever thread reports it, to replay it on the GUI thread
// in the order it happened, as the queued connections of the GUI deliver it.
class RecordingObserver final : public RunObserver
{
public:
    struct Task
    {
        QString strategy;
        int setIndex;
        int repetition;
        TaskTiming timing;
    };
    using Event = std::variant<Task, SetRun>;

    void taskFinished(
        const QString& strategy, int setIndex, int /*workers*/, int repetition, const TaskTiming& task) override
    {
        const std::lock_guard lock(m_mutex);
        events.emplace_back(Task {strategy, setIndex, repetition, task});
    }
    void setFinished(const SetRun& run) override
    {
        const std::lock_guard lock(m_mutex);
        events.emplace_back(run);
    }

    std::vector<Event> events;

private:
    std::mutex m_mutex;
};

// Whether the image holds more than one colour, i.e. something was drawn on the background.
bool hasSeveralColours(const QImage& image)
{
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            if (image.pixel(x, y) != first)
                return true;
        }
    }
    return false;
}

} // namespace

TEST(TimingChart, BeginRunCreatesOneEmptyNamedSeriesPerStrategy)
{
    TimingChart chart;
    chart.beginRun(planOf({{5, 6}, {7}, {8, 9, 10}},
        {QStringLiteral("serial"), QStringLiteral("pool"), QStringLiteral("threads"), QStringLiteral("async")}));

    ASSERT_EQ(chart.chart()->series().size(), 4);
    for (const QString& id :
        {QStringLiteral("serial"), QStringLiteral("pool"), QStringLiteral("threads"), QStringLiteral("async")}) {
        QLineSeries* series = seriesNamed(chart, id);
        ASSERT_NE(series, nullptr) << id.toStdString();
        EXPECT_EQ(series->count(), 0);
    }
    EXPECT_TRUE(chart.chart()->legend()->isVisible());
    EXPECT_EQ(axisTitle(chart, Qt::Horizontal), QStringLiteral("number set"));
    EXPECT_EQ(chart.mode(), TimingChart::Mode::CurrentRun);
}

TEST(TimingChart, RealRunGivesOnePointPerSetForEveryStrategy)
{
    ExperimentPlan plan = planOf({{5, 6}, {7}, {8, 9, 10}}, builtinStrategies().ids());
    plan.repeat = 2;
    ASSERT_TRUE(validatePlan(plan).isEmpty());
    RecordingObserver observer;
    const std::atomic<bool> stop {false};
    const Experiment experiment = Runner().run(plan, stop, &observer);
    ASSERT_FALSE(experiment.cancelled);

    TimingChart chart;
    chart.beginRun(plan);
    for (const RecordingObserver::Event& event : observer.events) {
        if (const auto* task = std::get_if<RecordingObserver::Task>(&event))
            chart.addTaskTiming(task->strategy, task->setIndex, 3, task->repetition, task->timing);
        else
            chart.addSetRun(std::get<SetRun>(event));
    }
    chart.endRun(experiment, kAutoPoolSize);

    ASSERT_EQ(chart.chart()->series().size(), plan.strategies.size());
    const QString title = axisTitle(chart, Qt::Vertical);
    const double factor = title == QStringLiteral("time (µs)") ? 1e6 : title == QStringLiteral("time (ms)") ? 1e3 : 1.0;
    for (const QString& strategy : std::as_const(plan.strategies)) {
        QLineSeries* series = seriesNamed(chart, strategy);
        ASSERT_NE(series, nullptr);
        ASSERT_EQ(series->count(), 3) << strategy.toStdString();
        for (int set = 1; set <= 3; ++set) {
            std::vector<double> walls;
            for (const SetRun& run : experiment.runs) {
                if (run.strategy == strategy && run.setIndex == set)
                    walls.push_back(run.wallSeconds);
            }
            ASSERT_EQ(walls.size(), 2U);
            EXPECT_DOUBLE_EQ(series->at(set - 1).x(), set);
            EXPECT_NEAR(series->at(set - 1).y(), summarize(walls).median * factor, 1e-9 * factor);
        }
    }
    EXPECT_EQ(chart.historySize(), 1);
}

TEST(TimingChart, EveryFinishedTaskMovesThePointUpBeforeTheSetRunReplacesIt)
{
    TimingChart chart;
    chart.beginRun(planOf({{5, 6, 7}}, {QStringLiteral("pool")}));
    QLineSeries* series = seriesNamed(chart, QStringLiteral("pool"));
    ASSERT_NE(series, nullptr);

    chart.addTaskTiming(QStringLiteral("pool"), 1, 3, 0, taskEndingAt(6, 0.020));
    ASSERT_EQ(series->count(), 1);
    EXPECT_DOUBLE_EQ(series->at(0).x(), 1.0);
    EXPECT_NEAR(series->at(0).y(), 20.0, 1e-9); // ms
    chart.addTaskTiming(QStringLiteral("pool"), 1, 3, 0, taskEndingAt(7, 0.030));
    ASSERT_EQ(series->count(), 1);
    EXPECT_NEAR(series->at(0).y(), 30.0, 1e-9);
    // Tasks finish out of order on a pool: an earlier end does not move the point back.
    chart.addTaskTiming(QStringLiteral("pool"), 1, 3, 0, taskEndingAt(5, 0.010));
    EXPECT_NEAR(series->at(0).y(), 30.0, 1e-9);

    chart.addSetRun(setRun(QStringLiteral("pool"), 1, {5, 6, 7}, 0.032, 0));
    ASSERT_EQ(series->count(), 1);
    EXPECT_NEAR(series->at(0).y(), 32.0, 1e-9);
    // A late task report of a finished set run changes nothing.
    chart.addTaskTiming(QStringLiteral("pool"), 1, 3, 0, taskEndingAt(7, 0.5));
    EXPECT_NEAR(series->at(0).y(), 32.0, 1e-9);

    // Repetitions: the median of those finished so far.
    chart.addSetRun(setRun(QStringLiteral("pool"), 1, {5, 6, 7}, 0.040, 1));
    chart.addSetRun(setRun(QStringLiteral("pool"), 1, {5, 6, 7}, 0.034, 2));
    ASSERT_EQ(series->count(), 1);
    EXPECT_NEAR(series->at(0).y(), 34.0, 1e-9);
}

TEST(TimingChart, HistoryGrowsWithEachPoolSizeAndARerunReplacesItsPoint)
{
    TimingChart chart;
    chart.setMode(TimingChart::Mode::PoolSizeHistory);
    EXPECT_EQ(axisTitle(chart, Qt::Horizontal), QStringLiteral("pool size"));
    const QStringList strategies {QStringLiteral("serial"), QStringLiteral("pool")};
    const ExperimentPlan plan = planOf({{5, 6}, {7, 8, 9}}, strategies);

    const auto runAt = [&](int poolSize, double scale) {
        chart.beginRun(plan);
        std::vector<SetRun> runs;
        for (int set = 1; set <= 2; ++set) {
            for (const QString& strategy : strategies) {
                runs.push_back(setRun(strategy, set, plan.sets[set - 1], scale * set, 0));
                chart.addSetRun(runs.back());
            }
        }
        chart.endRun(experimentOf(runs), poolSize);
    };

    runAt(2, 1.0);
    EXPECT_EQ(chart.historySize(), 1);
    ASSERT_EQ(chart.chart()->series().size(), 4);
    QLineSeries* poolSet2 = seriesNamed(chart, QStringLiteral("pool · set 2"));
    ASSERT_NE(poolSet2, nullptr);
    EXPECT_EQ(poolSet2->count(), 1);

    runAt(4, 2.0);
    EXPECT_EQ(chart.historySize(), 2);
    ASSERT_EQ(chart.chart()->series().size(), 4);
    for (const QString& name : {QStringLiteral("serial · set 1"), QStringLiteral("serial · set 2"),
             QStringLiteral("pool · set 1"), QStringLiteral("pool · set 2")}) {
        QLineSeries* series = seriesNamed(chart, name);
        ASSERT_NE(series, nullptr) << name.toStdString();
        ASSERT_EQ(series->count(), 2) << name.toStdString();
        EXPECT_DOUBLE_EQ(series->at(0).x(), 2.0);
        EXPECT_DOUBLE_EQ(series->at(1).x(), 4.0);
    }
    poolSet2 = seriesNamed(chart, QStringLiteral("pool · set 2"));
    EXPECT_NEAR(poolSet2->at(1).y(), 4.0, 1e-12);

    // Same pool size again: the point is replaced, not doubled.
    runAt(2, 3.0);
    EXPECT_EQ(chart.historySize(), 3);
    poolSet2 = seriesNamed(chart, QStringLiteral("pool · set 2"));
    ASSERT_NE(poolSet2, nullptr);
    ASSERT_EQ(poolSet2->count(), 2);
    EXPECT_DOUBLE_EQ(poolSet2->at(0).x(), 2.0);
    EXPECT_NEAR(poolSet2->at(0).y(), 6.0, 1e-12);

    // A smaller pool size lands first: points stay sorted by x.
    runAt(1, 1.0);
    poolSet2 = seriesNamed(chart, QStringLiteral("pool · set 2"));
    ASSERT_EQ(poolSet2->count(), 3);
    EXPECT_DOUBLE_EQ(poolSet2->at(0).x(), 1.0);

    // The current-run view still shows the last run only.
    chart.setMode(TimingChart::Mode::CurrentRun);
    ASSERT_EQ(chart.chart()->series().size(), 2);
    EXPECT_EQ(seriesNamed(chart, QStringLiteral("pool"))->count(), 2);

    chart.clearHistory();
    EXPECT_EQ(chart.historySize(), 0);
    chart.setMode(TimingChart::Mode::PoolSizeHistory);
    EXPECT_TRUE(chart.chart()->series().isEmpty());
}

TEST(TimingChart, AutoPoolSizeIsTheNumberOfTasksOfEachSet)
{
    TimingChart chart;
    chart.setMode(TimingChart::Mode::PoolSizeHistory);
    chart.endRun(experimentOf({setRun(QStringLiteral("pool"), 1, {5, 6, 7}, 0.5),
                     setRun(QStringLiteral("pool"), 2, {5, 6}, 0.5)}),
        kAutoPoolSize);
    QLineSeries* set1 = seriesNamed(chart, QStringLiteral("pool · set 1"));
    QLineSeries* set2 = seriesNamed(chart, QStringLiteral("pool · set 2"));
    ASSERT_NE(set1, nullptr);
    ASSERT_NE(set2, nullptr);
    ASSERT_EQ(set1->count(), 1);
    ASSERT_EQ(set2->count(), 1);
    EXPECT_DOUBLE_EQ(set1->at(0).x(), 3.0);
    EXPECT_DOUBLE_EQ(set2->at(0).x(), 2.0);
}

TEST(TimingChart, FailedSetRunsStayOutOfTheHistory)
{
    TimingChart chart;
    SetRun failed = setRun(QStringLiteral("pool"), 1, {5}, 0.5);
    failed.error = QStringLiteral("cancelled");
    chart.endRun(experimentOf({failed}), 2);
    EXPECT_EQ(chart.historySize(), 0);
}

TEST(TimingChart, TimeUnitFollowsTheLargestTimeShown)
{
    TimingChart chart;
    chart.beginRun(planOf({{5}, {40}}, {QStringLiteral("serial")}));

    chart.addSetRun(setRun(QStringLiteral("serial"), 1, {5}, 12e-6));
    EXPECT_EQ(axisTitle(chart, Qt::Vertical), QStringLiteral("time (µs)"));
    QLineSeries* series = seriesNamed(chart, QStringLiteral("serial"));
    ASSERT_NE(series, nullptr);
    EXPECT_NEAR(series->at(0).y(), 12.0, 1e-9);

    chart.addSetRun(setRun(QStringLiteral("serial"), 2, {40}, 2.5));
    EXPECT_EQ(axisTitle(chart, Qt::Vertical), QStringLiteral("time (s)"));
    ASSERT_EQ(series->count(), 2);
    // Stored in seconds, so the earlier point is rescaled with the axis.
    EXPECT_NEAR(series->at(0).y(), 12e-6, 1e-12);
    EXPECT_NEAR(series->at(1).y(), 2.5, 1e-12);
    auto* yAxis = qobject_cast<QValueAxis*>(axis(chart, Qt::Vertical));
    ASSERT_NE(yAxis, nullptr);
    EXPECT_GE(yAxis->max(), 2.5);

    chart.beginRun(planOf({{5}}, {QStringLiteral("serial")}));
    chart.addSetRun(setRun(QStringLiteral("serial"), 1, {5}, 0.0042));
    EXPECT_EQ(axisTitle(chart, Qt::Vertical), QStringLiteral("time (ms)"));
}

TEST(TimingChart, LogScaleSwitchesTheAxisTypeAndBack)
{
    TimingChart chart;
    chart.resize(800, 500);
    // An empty chart on a log axis: nothing to place, nothing to crash on.
    chart.setLogScale(true);
    EXPECT_TRUE(chart.logScale());
    EXPECT_NE(qobject_cast<QLogValueAxis*>(axis(chart, Qt::Vertical)), nullptr);
    EXPECT_FALSE(renderChart(&chart, 1.0, QString()).isNull());

    chart.beginRun(planOf({{5}, {6}, {40}}, {QStringLiteral("serial"), QStringLiteral("pool")}));
    // A time of zero (below the clock's resolution) cannot sit on a log axis: it is clamped.
    chart.addSetRun(setRun(QStringLiteral("serial"), 1, {5}, 0.0));
    chart.addSetRun(setRun(QStringLiteral("serial"), 2, {6}, 3e-6));
    chart.addSetRun(setRun(QStringLiteral("pool"), 3, {40}, 1.5));
    auto* logAxis = qobject_cast<QLogValueAxis*>(axis(chart, Qt::Vertical));
    ASSERT_NE(logAxis, nullptr);
    EXPECT_DOUBLE_EQ(logAxis->base(), 10.0);
    QLineSeries* serial = seriesNamed(chart, QStringLiteral("serial"));
    ASSERT_NE(serial, nullptr);
    ASSERT_EQ(serial->count(), 2);
    EXPECT_GT(serial->at(0).y(), 0.0);
    EXPECT_LE(logAxis->min(), serial->at(0).y());
    EXPECT_GE(logAxis->max(), 1.5);
    EXPECT_EQ(axisTitle(chart, Qt::Vertical), QStringLiteral("time (s)"));

    chart.setMode(TimingChart::Mode::PoolSizeHistory);
    EXPECT_NE(qobject_cast<QLogValueAxis*>(axis(chart, Qt::Vertical)), nullptr);
    chart.setMode(TimingChart::Mode::CurrentRun);

    chart.setLogScale(false);
    EXPECT_FALSE(chart.logScale());
    auto* valueAxis = qobject_cast<QValueAxis*>(axis(chart, Qt::Vertical));
    ASSERT_NE(valueAxis, nullptr);
    EXPECT_DOUBLE_EQ(valueAxis->min(), 0.0);
    serial = seriesNamed(chart, QStringLiteral("serial"));
    ASSERT_NE(serial, nullptr);
    ASSERT_EQ(serial->count(), 2);
    // Linear again: the stored zero is shown as it was measured.
    EXPECT_DOUBLE_EQ(serial->at(0).y(), 0.0);
    EXPECT_FALSE(renderChart(&chart, 1.0, QString()).isNull());
}

TEST(ChartExport, EmptyChartRendersAtTheViewSize)
{
    TimingChart chart;
    chart.resize(640, 400);
    const QImage image = renderChart(&chart, 1.0, QStringLiteral("empty"));
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), 640);
    EXPECT_EQ(image.height(), 400);
    EXPECT_TRUE(hasSeveralColours(image));
}

TEST(ChartExport, PngAtScaleTwoHasTwiceThePixelsAndIsNotBlank)
{
    TimingChart chart;
    chart.resize(800, 500); // never shown, as in the offscreen GUI tests
    chart.beginRun(planOf({{5, 6}, {7}}, {QStringLiteral("serial"), QStringLiteral("pool")}));
    chart.addSetRun(setRun(QStringLiteral("serial"), 1, {5, 6}, 0.001));
    chart.addSetRun(setRun(QStringLiteral("pool"), 1, {5, 6}, 0.002));
    chart.addSetRun(setRun(QStringLiteral("serial"), 2, {7}, 0.003));
    const QString shownTitle = chart.chart()->title();

    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    EXPECT_EQ(exportChartPng(&chart, path, 2.0, QStringLiteral("serial, pool · auto · test machine")), QString());

    QImage png;
    ASSERT_TRUE(png.load(path, "PNG"));
    EXPECT_EQ(png.width(), 1600);
    EXPECT_EQ(png.height(), 1000);
    EXPECT_TRUE(hasSeveralColours(png));
    // The picture's title is for the picture only.
    EXPECT_EQ(chart.chart()->title(), shownTitle);
    EXPECT_EQ(test::filesIn(dir.path()), QStringList {QStringLiteral("chart.png")});
}

TEST(ChartExport, UnwritablePathGivesAReasonAndWritesNothing)
{
    TimingChart chart;
    chart.resize(400, 300);
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/chart.png"));

    const QString error = exportChartPng(&chart, path, 2.0, QString());
    EXPECT_TRUE(error.startsWith(
        QStringLiteral("cannot write PNG to ") + QDir::toNativeSeparators(path) + QStringLiteral(": ")))
        << error.toStdString();
    EXPECT_TRUE(test::filesIn(dir.path()).isEmpty());

    EXPECT_FALSE(exportChartPng(&chart, QString(), 2.0, QString()).isEmpty());
    EXPECT_FALSE(exportChartPng(nullptr, dir.filePath(QStringLiteral("none.png")), 2.0, QString()).isEmpty());
    EXPECT_FALSE(exportChartPng(&chart, dir.filePath(QStringLiteral("zero.png")), 0.0, QString()).isEmpty());
    EXPECT_TRUE(test::filesIn(dir.path()).isEmpty());
}

TEST(ChartExport, PictureTakenRightAfterAViewChangeShowsOnlyTheNewView)
{
    // Qt Charts deletes replaced axes only when the event loop runs again; an export from the
    // same slot as the change must not show the old axis' labels. A chart toggled just before the
    // export and one built in the target view from the start must give the same picture.
    const ExperimentPlan plan = planOf({{5}, {6, 7}}, {QStringLiteral("serial"), QStringLiteral("pool")});
    const std::vector<SetRun> runs {setRun(QStringLiteral("serial"), 1, {5}, 2e-5),
        setRun(QStringLiteral("pool"), 1, {5}, 3e-5), setRun(QStringLiteral("serial"), 2, {6, 7}, 0.4),
        setRun(QStringLiteral("pool"), 2, {6, 7}, 0.3)};
    const auto feed = [&](TimingChart& chart) {
        chart.resize(800, 500);
        chart.beginRun(plan);
        for (const SetRun& run : runs)
            chart.addSetRun(run);
        chart.endRun(experimentOf(runs), 2);
    };

    TimingChart toggled;
    feed(toggled);
    toggled.setLogScale(true);
    const QImage toggledLog = renderChart(&toggled, 1.0, QStringLiteral("log"));
    toggled.setMode(TimingChart::Mode::PoolSizeHistory);
    const QImage toggledHistory = renderChart(&toggled, 1.0, QStringLiteral("history"));

    TimingChart builtLog;
    builtLog.setLogScale(true);
    feed(builtLog);
    EXPECT_EQ(toggledLog, renderChart(&builtLog, 1.0, QStringLiteral("log")));

    TimingChart builtHistory;
    builtHistory.setLogScale(true);
    builtHistory.setMode(TimingChart::Mode::PoolSizeHistory);
    feed(builtHistory);
    EXPECT_EQ(toggledHistory, renderChart(&builtHistory, 1.0, QStringLiteral("history")));
    EXPECT_NE(toggledLog, toggledHistory);
}

TEST(CsvChart, OneBarPerModeBesideTheRawReference)
{
    CsvChart chart;
    chart.resize(800, 400);
    // One bar set per bar, stacked: the value of bar i is set i's value in category i.
    const auto barSets = [&chart]() -> QList<QBarSet*> {
        const QList<QAbstractSeries*> all = chart.chart()->series();
        auto* bars = all.size() == 1 ? qobject_cast<QStackedBarSeries*>(all.first()) : nullptr;
        return bars != nullptr ? bars->barSets() : QList<QBarSet*>();
    };
    const auto valueOf = [&barSets](int bar) {
        const QList<QBarSet*> sets = barSets();
        return bar < sets.size() && bar < sets.at(bar)->count() ? sets.at(bar)->at(bar) : -1.0;
    };
    const auto categories = [&chart]() {
        auto* categoryAxis = qobject_cast<QBarCategoryAxis*>(axis(chart, Qt::Horizontal));
        return categoryAxis != nullptr ? categoryAxis->categories() : QStringList();
    };
    EXPECT_TRUE(barSets().isEmpty());
    EXPECT_FALSE(renderChart(&chart, 1.0, QString()).isNull());

    CsvRun serial;
    serial.mode = QStringLiteral("serial");
    serial.poolSize = 1;
    serial.wallSeconds = 6.9;
    serial.mbPerSecond = 1250.0;
    chart.addCsvRun(serial);
    CsvRun pool = serial;
    pool.mode = QStringLiteral("pool");
    pool.poolSize = 4;
    pool.wallSeconds = 4.0;
    pool.mbPerSecond = 2150.0;
    chart.addCsvRun(pool);
    CsvRun failed = pool;
    failed.mode = QStringLiteral("parallel");
    failed.error = QStringLiteral("disk full");
    chart.addCsvRun(failed);
    chart.setRawReference(1500.0, false);

    const QList<QBarSet*> sets = barSets();
    ASSERT_EQ(sets.size(), 3);
    EXPECT_DOUBLE_EQ(valueOf(0), 1250.0);
    EXPECT_DOUBLE_EQ(valueOf(1), 2150.0);
    EXPECT_DOUBLE_EQ(valueOf(2), 1500.0);
    EXPECT_DOUBLE_EQ(sets.at(0)->at(1), 0.0); // nothing of serial's in pool's category
    // A colour per write mode, the same whichever ran first, and grey for the raw write.
    EXPECT_EQ(sets.at(0)->color(), CsvChart::colorOf(QStringLiteral("serial")));
    EXPECT_EQ(sets.at(1)->color(), CsvChart::colorOf(QStringLiteral("pool")));
    EXPECT_NE(sets.at(0)->color(), sets.at(1)->color());
    EXPECT_NE(sets.at(2)->color(), sets.at(1)->color());

    const QStringList names = categories();
    ASSERT_EQ(names.size(), 3);
    EXPECT_TRUE(names[0].startsWith(QStringLiteral("serial"))) << names[0].toStdString();
    EXPECT_TRUE(names[0].contains(QStringLiteral("6.900 s"))) << names[0].toStdString();
    EXPECT_TRUE(names[0].contains(QStringLiteral("1 writer"))) << names[0].toStdString();
    EXPECT_TRUE(names[1].startsWith(QStringLiteral("pool")));
    EXPECT_TRUE(names[1].contains(QStringLiteral("4 writers"))) << names[1].toStdString();
    EXPECT_TRUE(names[1].contains(QStringLiteral("page cache"))) << names[1].toStdString();
    EXPECT_TRUE(names[2].startsWith(QStringLiteral("raw write")));
    EXPECT_TRUE(axisTitle(chart, Qt::Horizontal).contains(QStringLiteral("page-cache speeds, not the disk's")));
    EXPECT_EQ(axisTitle(chart, Qt::Vertical), QStringLiteral("MB/s"));
    EXPECT_TRUE(chart.barToolTip(1).contains(QStringLiteral("4 writers")));
    EXPECT_TRUE(chart.barToolTip(1).contains(QStringLiteral("fsync off")));

    // Durable writes are the disk's speed: no page-cache note.
    serial.fsync = true;
    pool.fsync = true;
    chart.addCsvRun(serial);
    chart.addCsvRun(pool);
    chart.setRawReference(1500.0, true);
    EXPECT_FALSE(axisTitle(chart, Qt::Horizontal).contains(QStringLiteral("page-cache")));
    EXPECT_TRUE(categories().at(0).contains(QStringLiteral("fsync")));
    EXPECT_TRUE(chart.barToolTip(0).contains(QStringLiteral("fsync on")));

    // A new stage of a mode replaces its bar.
    serial.mbPerSecond = 1300.0;
    chart.addCsvRun(serial);
    ASSERT_EQ(barSets().size(), 3);
    EXPECT_DOUBLE_EQ(valueOf(0), 1300.0);

    chart.clear();
    EXPECT_TRUE(barSets().isEmpty());
    EXPECT_TRUE(categories().isEmpty());
}
