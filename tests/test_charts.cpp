#include "core/analysis/stats.h"
#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "core/model/experimentplan.h"
#include "testsupport.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/csvchart.h"
#include "ui/charts/timeview.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCheckBox>
#include <QDir>
#include <QImage>
#include <QLayout>
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

TEST(ChartExport, EmptyChartRendersAtTheViewSize)
{
    TimeView view;
    view.chartView()->resize(640, 400);
    const QImage image = renderChart(view.chartView(), 1.0, QStringLiteral("empty"));
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), 640);
    EXPECT_EQ(image.height(), 400);
    EXPECT_TRUE(hasSeveralColours(image));
}

TEST(ChartExport, PngAtScaleTwoHasTwiceThePixelsAndIsNotBlank)
{
    TimeView view;
    view.chartView()->resize(800, 500); // never shown, as in the offscreen GUI tests
    view.setSummary(summarizeExperiment(experimentOf({setRun(QStringLiteral("serial"), 1, {5, 6}, 0.001),
        setRun(QStringLiteral("pool"), 1, {5, 6}, 0.002), setRun(QStringLiteral("serial"), 2, {7}, 0.003)})));
    const QString shownTitle = view.chartView()->chart()->title();

    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    EXPECT_EQ(
        exportChartPng(view.chartView(), path, 2.0, QStringLiteral("serial, pool · auto · test machine")), QString());

    QImage png;
    ASSERT_TRUE(png.load(path, "PNG"));
    EXPECT_EQ(png.width(), 1600);
    EXPECT_EQ(png.height(), 1000);
    EXPECT_TRUE(hasSeveralColours(png));
    // The picture's title is for the picture only.
    EXPECT_EQ(view.chartView()->chart()->title(), shownTitle);
    EXPECT_EQ(test::filesIn(dir.path()), QStringList {QStringLiteral("chart.png")});
}

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
