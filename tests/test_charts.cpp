#include "core/analysis/csvsummary.h"
#include "core/analysis/stats.h"
#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "core/model/experimentplan.h"
#include "testsupport.h"
#include "ui/charts/axisrange.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/csvchart.h"
#include "ui/charts/timeview.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLayout>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QValueAxis>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <variant>

using namespace calcprof;

namespace {

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

} // namespace

// What each export shows is checked on the window's own views in test_chartexport.cpp.
TEST(ChartExport, UnwritablePathGivesAReasonAndWritesNothing)
{
    TimeView view;
    QChartView* chart = view.chartView();
    chart->resize(400, 300);
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/chart.png"));

    const QString error = exportChartPng(chart, path, 2.0, QString());
    EXPECT_TRUE(error.startsWith(
        QStringLiteral("cannot write PNG to ") + QDir::toNativeSeparators(path) + QStringLiteral(": ")))
        << error.toStdString();
    EXPECT_TRUE(test::filesIn(dir.path()).isEmpty());

    EXPECT_FALSE(exportChartPng(chart, QString(), 2.0, QString()).isEmpty());
    EXPECT_FALSE(exportChartPng(nullptr, dir.filePath(QStringLiteral("none.png")), 2.0, QString()).isEmpty());
    EXPECT_FALSE(exportChartPng(chart, dir.filePath(QStringLiteral("zero.png")), 0.0, QString()).isEmpty());
    EXPECT_TRUE(test::filesIn(dir.path()).isEmpty());
}

// QSvgGenerator and QImage::save ignore a short write: on a full disk the export was renamed into
// place truncated (an SVG cut at 65,536 bytes) and "Saved" (issue 20, defect 4).
TEST(ChartExport, AFullDiskFailsWithTheReasonAndKeepsTheOldFile)
{
    const test::SmallDisk disk;
    if (disk.path().isEmpty())
        CALCPROF_SKIP_PROOF() << disk.error().toStdString();
    TimeView view;
    view.chartView()->resize(800, 500);
    view.setSummary(summarizeExperiment(experimentOf({setRun(QStringLiteral("serial"), 1, {5, 6}, 0.001),
        setRun(QStringLiteral("pool"), 1, {5, 6}, 0.002), setRun(QStringLiteral("serial"), 2, {7}, 0.003)})));
    const QStringList names {QStringLiteral("chart.svg"), QStringLiteral("chart.png"), QStringLiteral("chart.pdf")};
    for (const QString& name : names) {
        QFile old(disk.filePath(name));
        ASSERT_TRUE(old.open(QIODevice::WriteOnly) && old.write("old") == 3);
    }
    ASSERT_TRUE(disk.fillLeaving(2 * 4096)); // less than any of the three pictures

    for (const QString& name : names) {
        const QString error = exportChart(view.chartView(), disk.filePath(name), 2.0, QStringLiteral("full disk"));
        EXPECT_TRUE(error.startsWith(QStringLiteral("cannot write ")) && error.contains(disk.filePath(name))
            && error.endsWith(QStringLiteral(": no space left on device")))
            << error.toStdString();
        EXPECT_EQ(test::readFile(disk.filePath(name)), QByteArray("old")) << name.toStdString();
    }
    EXPECT_EQ(test::everythingIn(disk.path()).size(), names.size() + 1); // and the filler: no temporary file
}

TEST(ChartExport, PictureTakenRightAfterAViewChangeShowsOnlyTheNewView)
{
    // Qt Charts deletes replaced axes only when the event loop runs again; an export from the
    // same slot as the change must not show the old axis' labels. A chart toggled just before the
    // export and one built in the target state from the start must give the same picture.
    const ExperimentSummary summary = summarizeExperiment(
        experimentOf({setRun(QStringLiteral("serial"), 1, {5}, 2e-5), setRun(QStringLiteral("pool"), 1, {5}, 3e-5),
            setRun(QStringLiteral("serial"), 2, {6, 7}, 0.4), setRun(QStringLiteral("pool"), 2, {6, 7}, 0.3)}));
    // Sized as a whole and laid out, as on screen: the view's layout sizes its chart.
    TimeView toggled;
    toggled.resize(800, 540);
    toggled.layout()->activate();
    toggled.setSummary(summary);
    const QImage toggledLog = renderChart(toggled.chartView(), 1.0, QStringLiteral("log"));
    toggled.logScaleBox()->setChecked(false);
    const QImage toggledLinear = renderChart(toggled.chartView(), 1.0, QStringLiteral("linear"));

    TimeView builtLinear;
    builtLinear.resize(800, 540);
    builtLinear.layout()->activate();
    builtLinear.logScaleBox()->setChecked(false);
    builtLinear.setSummary(summary);
    EXPECT_EQ(toggledLinear, renderChart(builtLinear.chartView(), 1.0, QStringLiteral("linear")));
    EXPECT_NE(toggledLog, toggledLinear);
}

TEST(AxisRange, EveryRangeIsFiniteOrderedAndWithinTheLimit)
{
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    const double nan = std::nan("");
    for (const double low : {-kInfinity, -1e308, -1.0, 0.0, 1e-300, 0.5, 1e308, kInfinity, nan}) {
        for (const double high : {-kInfinity, -1.0, 0.0, 1e-300, 2.0, 1e14, 1e308, kInfinity, nan}) {
            const AxisRange linear = linearAxisRange(low, high);
            EXPECT_TRUE(std::isfinite(linear.low) && std::isfinite(linear.high)) << low << " " << high;
            EXPECT_LT(linear.low, linear.high) << low << " " << high;
            EXPECT_LE(std::abs(linear.low), kMaxAxisMagnitude);
            EXPECT_LE(std::abs(linear.high), kMaxAxisMagnitude);
            const AxisRange log = logAxisRange(low, high);
            EXPECT_GE(log.low, kMinLogAxisValue) << low << " " << high;
            EXPECT_LT(log.low, log.high) << low << " " << high;
            EXPECT_LE(log.high, kMaxAxisMagnitude) << low << " " << high;
        }
    }
    // A sane range is left as it is.
    EXPECT_EQ(linearAxisRange(0.0, 6.25).high, 6.25);
    EXPECT_EQ(logAxisRange(1e-3, 10.0).low, 1e-3);
    EXPECT_EQ(logAxisRange(1e-3, 10.0).high, 10.0);
}

TEST(CsvChart, AHugeRateGivesAFiniteAxis)
{
    CsvChart chart;
    chart.resize(800, 400);
    CsvRun serial;
    serial.mode = QStringLiteral("serial");
    serial.poolSize = 1;
    serial.wallSeconds = 1e-300;
    serial.mbPerSecond = 1e308;
    serial.bytes = 1'000'000;
    Experiment experiment;
    experiment.csv.push_back(serial);
    chart.setSummary(summarizeCsv(experiment));
    const auto* value = qobject_cast<QValueAxis*>(axis(chart, Qt::Vertical));
    ASSERT_NE(value, nullptr);
    EXPECT_TRUE(std::isfinite(value->max()));
    EXPECT_LE(value->max(), kMaxAxisMagnitude);
    EXPECT_FALSE(renderChart(&chart, 1.0, QString()).isNull());
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

    // Three rounds; the bars show each mode's median and the raw write's.
    Experiment experiment;
    const auto stage = [](const QString& mode, int writers, int round, double seconds, bool fsync) {
        CsvRun run;
        run.mode = mode;
        run.poolSize = writers;
        run.round = round;
        run.files = 43;
        run.bytes = 8'625'000'000;
        run.wallSeconds = seconds;
        run.mbPerSecond = megabytesPerSecond(run.bytes, seconds);
        run.fsync = fsync;
        return run;
    };
    const auto measure = [&experiment, &stage](bool fsync) {
        experiment.csv.clear();
        experiment.rawWrites.clear();
        for (int round = 0; round < 3; ++round) {
            experiment.csv.push_back(stage(QStringLiteral("serial"), 1, round, 6.9 + 0.1 * round, fsync));
            experiment.csv.push_back(stage(QStringLiteral("pool"), 4, round, 3.9 + 0.1 * round, fsync));
            experiment.rawWrites.push_back(RawWriteReference {8'625'000'000, 5.75, 0.0, fsync, round, 2});
        }
        CsvRun failed = stage(QStringLiteral("parallel"), 4, 0, 1.0, fsync);
        failed.error = QStringLiteral("disk full");
        experiment.csv.push_back(failed);
    };
    measure(false);
    chart.setSummary(summarizeCsv(experiment));

    const QList<QBarSet*> sets = barSets();
    ASSERT_EQ(sets.size(), 3);
    EXPECT_DOUBLE_EQ(valueOf(0), 8625.0 / 7.0);
    EXPECT_DOUBLE_EQ(valueOf(1), 8625.0 / 4.0);
    EXPECT_DOUBLE_EQ(valueOf(2), 8625.0 / 5.75);
    EXPECT_DOUBLE_EQ(sets.at(0)->at(1), 0.0); // nothing of serial's in pool's category
    // A colour per write mode, the same whichever ran first, and grey for the raw write.
    EXPECT_EQ(sets.at(0)->color(), CsvChart::colorOf(QStringLiteral("serial")));
    EXPECT_EQ(sets.at(1)->color(), CsvChart::colorOf(QStringLiteral("pool")));
    EXPECT_NE(sets.at(0)->color(), sets.at(1)->color());
    EXPECT_NE(sets.at(2)->color(), sets.at(1)->color());

    const QStringList names = categories();
    ASSERT_EQ(names.size(), 3);
    EXPECT_TRUE(names[0].startsWith(QStringLiteral("serial"))) << names[0].toStdString();
    EXPECT_TRUE(names[0].contains(QStringLiteral("7.000 s"))) << names[0].toStdString();
    EXPECT_TRUE(names[0].contains(QStringLiteral("1 writer"))) << names[0].toStdString();
    EXPECT_TRUE(names[0].contains(QStringLiteral("median of 3 rounds"))) << names[0].toStdString();
    EXPECT_TRUE(names[1].startsWith(QStringLiteral("pool")));
    EXPECT_TRUE(names[1].contains(QStringLiteral("4 writers"))) << names[1].toStdString();
    EXPECT_TRUE(names[1].contains(QStringLiteral("page cache"))) << names[1].toStdString();
    EXPECT_TRUE(names[2].startsWith(QStringLiteral("raw write")));
    EXPECT_TRUE(axisTitle(chart, Qt::Horizontal).contains(QStringLiteral("page-cache speeds, not the disk's")));
    EXPECT_EQ(axisTitle(chart, Qt::Vertical), QStringLiteral("MB/s"));
    EXPECT_TRUE(chart.barToolTip(1).contains(QStringLiteral("4 writers")));
    EXPECT_TRUE(chart.barToolTip(1).contains(QStringLiteral("fsync off")));
    EXPECT_TRUE(chart.barToolTip(1).contains(QStringLiteral("1.75x save_serial"))) << chart.barToolTip(1).toStdString();

    // Durable writes are the disk's speed: no page-cache note.
    measure(true);
    chart.setSummary(summarizeCsv(experiment));
    EXPECT_FALSE(axisTitle(chart, Qt::Horizontal).contains(QStringLiteral("page-cache")));
    EXPECT_TRUE(categories().at(0).contains(QStringLiteral("fsync")));
    EXPECT_TRUE(chart.barToolTip(0).contains(QStringLiteral("fsync on")));
    ASSERT_EQ(barSets().size(), 3);

    chart.clear();
    EXPECT_TRUE(barSets().isEmpty());
    EXPECT_TRUE(categories().isEmpty());
}
