// The chart exports, checked on the picture: every view (time, speedup, timeline, CSV write) of a
// shown, laid-out window exported the way --export-png does it (the view chosen, then the export at
// once, without the event loop) and through File -> Export chart (ChartArea::exportChart, the same
// code). The picture must be the view at its size on screen at the export's scale, with something
// drawn in the plot area where an empty window draws nothing, the axis titles and the legend where
// the window shows them, and the same pixels the window shows once it has settled.
#include "core/exec/experimentrunner.h"
#include "core/io/resultsjson.h"
#include "testsupport.h"
#include "ui/charts/chartarea.h"
#include "ui/charts/chartexport.h"
#include "ui/session/runsession.h"
#include "ui/window/mainwindow.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>

using namespace calcprof;

namespace {

constexpr QSize kWindowSize(1200, 800);
constexpr qreal kPngScale = 2.0; // what --export-png and File -> Export chart use
// A pixel is ink when its colour is this far (sum over red, green, blue) from the chart's background:
// beyond antialiasing noise, below the lightest grid line.
constexpr int kInkDistance = 24;
// Measured on this window (1200x800, offscreen): bars, lines and spans are 6 % (the speedup's lines)
// to 38 % of the plot area, and differ from the empty window's plot as much; an empty plot has none.
constexpr double kMinPlotInk = 0.03;
constexpr double kMinSeriesDifference = 0.03;
// Glyphs are 26-28 % of an axis title's box; an undrawn or misplaced title, none of it.
constexpr double kMinTextInk = 0.10;
// A legend's box is as wide as the chart, its entries 3-6 % of it (and 6-8 % differ from the empty
// window's, which has no entries).
constexpr double kMinLegendInk = 0.01;
constexpr double kMinLegendDifference = 0.02;

const std::vector<std::pair<ChartArea::View, QString>> kViews {{ChartArea::View::Time, QStringLiteral("time")},
    {ChartArea::View::Speedup, QStringLiteral("speedup")}, {ChartArea::View::Timeline, QStringLiteral("timeline")},
    {ChartArea::View::Csv, QStringLiteral("csv")}};

/// Saved results every view has something of: a pool-size sweep of three strategies on two sets
/// (time, speedup, timeline), a CSV stage in two modes, and a raw write to compare them with.
Experiment everyViewsExperiment()
{
    ExperimentPlan plan;
    plan.sets = {{10, 12, 5}, {14, 12, 16}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool"), QStringLiteral("threads")};
    plan.poolSizes = {1, 2, 3};
    plan.repeat = 2;
    plan.warmup = 0;
    plan.csv.mode = QStringLiteral("serial,pool");
    plan.csv.row.headerBytes = 4096;
    plan.csv.row.footerBytes = 4096;
    Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false});
    RawWriteReference raw;
    raw.bytes = experiment.csv.empty() ? 0 : experiment.csv.front().bytes;
    raw.wallSeconds = 0.001;
    raw.mbPerSecond = static_cast<double>(raw.bytes) / 1e6 / raw.wallSeconds;
    experiment.rawWrites.push_back(raw);
    return experiment;
}

/// A window as on screen: shown at kWindowSize, exposed, laid out.
void showWindow(MainWindow& window)
{
    window.resize(kWindowSize);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(20);
}

/// `view` exported as --export-png does: chosen, then exported at once, before the event loop runs.
QImage exportPngAtOnce(MainWindow& window, ChartArea::View view, const QString& path)
{
    window.charts()->showView(view);
    EXPECT_EQ(window.charts()->exportChart(path, kPngScale), QString());
    QImage image;
    EXPECT_TRUE(image.load(path, "PNG")) << path.toStdString();
    return image.convertToFormat(QImage::Format_ARGB32);
}

/// A rectangle of the chart's scene in the view's (logical) pixels.
QRect inView(QChartView* view, const QRectF& sceneRect)
{
    return view->mapFromScene(sceneRect).boundingRect().translated(view->viewport()->mapTo(view, QPoint()));
}

/// The same rectangle in the pixels of a picture of the view at `scale`.
QRect inPicture(const QRect& viewRect, qreal scale, const QImage& image)
{
    return QRectF(QPointF(viewRect.topLeft()) * scale, QSizeF(viewRect.size()) * scale).toAlignedRect() & image.rect();
}

int distance(QRgb a, QRgb b)
{
    return qAbs(qRed(a) - qRed(b)) + qAbs(qGreen(a) - qGreen(b)) + qAbs(qBlue(a) - qBlue(b));
}

/// The colour most of `image` has: the chart's background (Qt Charts' themes paint it as a gradient,
/// so the chart's brush has no one colour to ask for).
QRgb backgroundOf(const QImage& image)
{
    std::map<QRgb, qint64> counts;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            ++counts[image.pixel(x, y)];
    }
    const auto most = std::max_element(
        counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return most == counts.end() ? qRgb(255, 255, 255) : most->first;
}

/// The share of `pixels` of `image` that are ink on `background`.
double inkIn(const QImage& image, const QRect& pixels, QRgb background)
{
    if (pixels.isEmpty())
        return 0.0;
    qint64 ink = 0;
    for (int y = pixels.top(); y <= pixels.bottom(); ++y) {
        for (int x = pixels.left(); x <= pixels.right(); ++x)
            ink += distance(image.pixel(x, y), background) > kInkDistance ? 1 : 0;
    }
    return static_cast<double>(ink) / static_cast<double>(pixels.width() * pixels.height());
}

/// The share of `pixels` where `a` and `b` differ visibly.
double differenceIn(const QImage& a, const QImage& b, const QRect& pixels)
{
    const QRect both = pixels & a.rect() & b.rect();
    if (both.isEmpty())
        return 0.0;
    qint64 different = 0;
    for (int y = both.top(); y <= both.bottom(); ++y) {
        for (int x = both.left(); x <= both.right(); ++x)
            different += distance(a.pixel(x, y), b.pixel(x, y)) > kInkDistance ? 1 : 0;
    }
    return static_cast<double>(different) / static_cast<double>(both.width() * both.height());
}

/// Where the view shows each axis title: the scene's text item that draws it (Qt Charts may elide a
/// long title to fit, so its text may be the title's beginning and an ellipsis).
std::vector<std::pair<QString, QRect>> axisTitlesShown(QChartView* view)
{
    std::vector<std::pair<QString, QRect>> titles;
    const QList<QGraphicsItem*> items = view->scene()->items();
    for (QAbstractAxis* axis : view->chart()->axes()) {
        if (!axis->isVisible() || !axis->isTitleVisible() || axis->titleText().isEmpty())
            continue;
        QRect where;
        for (QGraphicsItem* item : items) {
            auto* text = dynamic_cast<QGraphicsTextItem*>(item);
            if (text == nullptr || !text->isVisible())
                continue;
            QString shown = text->toPlainText();
            if (shown.endsWith(u'…'))
                shown.chop(1);
            if (!shown.isEmpty() && axis->titleText().startsWith(shown))
                where = inView(view, text->sceneBoundingRect());
        }
        titles.emplace_back(axis->titleText(), where);
    }
    return titles;
}

/// Where the view shows its legend; empty where it shows none (the CSV chart's bars are named by
/// their categories).
QRect legendShown(QChartView* view)
{
    QLegend* legend = view->chart()->legend();
    bool anyMarker = false;
    for (QLegendMarker* marker : legend->markers())
        anyMarker = anyMarker || marker->isVisible();
    return legend->isVisible() && anyMarker ? inView(view, legend->sceneBoundingRect()) : QRect();
}

/// Checks the exported `picture` of `view` against the window, which has settled since: the size,
/// the pixels, the plot, the axis titles and the legend. `empty`: the same view in a window without
/// results, exported the same way.
void expectPictureOfTheView(ChartArea* charts, const QImage& picture, const QImage& empty)
{
    QChartView* view = charts->currentChartView();
    ASSERT_TRUE(view->isVisible());
    EXPECT_EQ(picture.size(), view->size() * kPngScale);
    // As shown: what the window draws now, the export made before the event loop ran drew already.
    QImage settled = renderChart(view, kPngScale, charts->chartTitle()).convertToFormat(QImage::Format_ARGB32);
    settled.setDevicePixelRatio(1.0);
    EXPECT_TRUE(settled == picture) << "the export differs from the view as the window shows it";

    const QRgb background = backgroundOf(picture);
    const QRect plot
        = inPicture(inView(view, view->chart()->mapRectToScene(view->chart()->plotArea())), kPngScale, picture);
    ASSERT_GT(plot.width() * plot.height(), picture.width() * picture.height() / 8) << "a plot area that small";
    EXPECT_GE(inkIn(picture, plot, background), kMinPlotInk) << "the plot area is blank";
    EXPECT_GE(differenceIn(picture, empty, plot), kMinSeriesDifference)
        << "the plot area looks as it does without results";

    const auto titles = axisTitlesShown(view);
    EXPECT_FALSE(titles.empty()) << "no axis title shown"; // category axes (time, timeline) have none
    for (const auto& [title, where] : titles) {
        ASSERT_FALSE(where.isEmpty()) << "the view shows no axis title '" << title.toStdString() << "'";
        EXPECT_GE(inkIn(picture, inPicture(where, kPngScale, picture), background), kMinTextInk)
            << "the axis title '" << title.toStdString() << "' is not in the picture";
    }
    if (const QRect legend = legendShown(view); !legend.isEmpty()) {
        const QRect pixels = inPicture(legend, kPngScale, picture);
        EXPECT_GE(inkIn(picture, pixels, background), kMinLegendInk) << "the legend is not in the picture";
        EXPECT_GE(differenceIn(picture, empty, pixels), kMinLegendDifference) << "the legend is the empty window's";
    }
}

class ChartExportOfTheWindow : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir;
        ASSERT_TRUE(s_dir->isValid());
        s_results = s_dir->filePath(QStringLiteral("results.json"));
        ASSERT_EQ(writeJsonFile(everyViewsExperiment(), s_results), QString());
    }
    static void TearDownTestSuite()
    {
        delete s_dir;
        s_dir = nullptr;
    }

    void SetUp() override
    {
        ASSERT_EQ(m_window.session()->openResults(s_results), QString());
        showWindow(m_window);
        showWindow(m_empty);
    }

    static QTemporaryDir* s_dir;
    static QString s_results;
    QTemporaryDir m_out;
    MainWindow m_window;
    MainWindow m_empty; ///< nothing run, nothing opened: what each view looks like without results
};

QTemporaryDir* ChartExportOfTheWindow::s_dir = nullptr;
QString ChartExportOfTheWindow::s_results;

} // namespace

TEST_F(ChartExportOfTheWindow, EveryViewExportsAsShownWithItsPlotAxisTitlesAndLegend)
{
    for (const auto& [view, name] : kViews) {
        SCOPED_TRACE(name.toStdString());
        const QImage empty = exportPngAtOnce(m_empty, view, m_out.filePath(QStringLiteral("empty-%1.png").arg(name)));
        const QString path = m_out.filePath(name + QStringLiteral(".png"));
        m_window.charts()->showView(view);
        const QString shownTitle = m_window.charts()->currentChartView()->chart()->title();
        const QImage picture = exportPngAtOnce(m_window, view, path);
        QTest::qWait(20); // the window settles: the picture must be of what it shows then
        ASSERT_FALSE(picture.isNull());
        expectPictureOfTheView(m_window.charts(), picture, empty);
        // The picture's title is the picture's only: the view keeps its own.
        EXPECT_EQ(m_window.charts()->currentChartView()->chart()->title(), shownTitle);
    }
    QStringList expected;
    for (const auto& [view, name] : kViews)
        expected << QStringLiteral("empty-%1.png").arg(name) << name + QStringLiteral(".png");
    expected.sort();
    EXPECT_EQ(test::filesIn(m_out.path()), expected); // nothing else left behind
}

TEST_F(ChartExportOfTheWindow, TheSvgIsTheViewAtItsSizeWithItsPlot)
{
    for (const auto& [view, name] : kViews) {
        SCOPED_TRACE(name.toStdString());
        m_window.charts()->showView(view);
        const QString path = m_out.filePath(name + QStringLiteral(".svg"));
        ASSERT_EQ(m_window.charts()->exportChart(path), QString());
        QTest::qWait(20);
        QChartView* chartView = m_window.charts()->currentChartView();

        QSvgRenderer svg(path);
        ASSERT_TRUE(svg.isValid()) << test::readFile(path).left(600).toStdString();
        EXPECT_EQ(svg.viewBox(), QRect(QPoint(), chartView->size()));
        QImage drawn(chartView->size(), QImage::Format_ARGB32);
        drawn.fill(Qt::white);
        {
            QPainter painter(&drawn);
            svg.render(&painter);
        }
        const QRect plot = inPicture(
            inView(chartView, chartView->chart()->mapRectToScene(chartView->chart()->plotArea())), 1.0, drawn);
        EXPECT_GE(inkIn(drawn, plot, backgroundOf(drawn)), kMinPlotInk) << "the SVG's plot area is blank";
    }
}

// The report's timeline figure is its chart with the comparison under it, drawn into one picture
// (renderChartsStacked) instead of two pictures and a third stacking them, which held 55 MB at once
// for the largest experiment (issue 20): the pixels must be those of the two pictures stacked.
TEST(RenderChartsStacked, IsTheTwoChartsPicturesOneAboveTheOther)
{
    const auto chartOf = [](const QString& title, QSize size, qreal slope) {
        auto* series = new QLineSeries;
        for (int x = 0; x < 10; ++x)
            series->append(x, slope * x * x);
        auto* chart = new QChart;
        chart->addSeries(series);
        chart->createDefaultAxes();
        chart->setTitle(title);
        auto view = std::make_unique<QChartView>(chart);
        view->setRenderHint(QPainter::Antialiasing);
        view->resize(size);
        return view;
    };
    const auto top = chartOf(QStringLiteral("upper"), QSize(420, 260), 1.0);
    const auto bottom = chartOf(QStringLiteral("lower"), QSize(420, 180), -2.5);
    const QString title = QStringLiteral("The figure's title<br><small>and its second line</small>");

    QImage upper = renderChart(top.get(), kPngScale, title);
    QImage lower = renderChart(bottom.get(), kPngScale, QString());
    ASSERT_FALSE(upper.isNull());
    ASSERT_FALSE(lower.isNull());
    QImage expected(upper.width(), upper.height() + lower.height(), upper.format());
    {
        QPainter painter(&expected);
        upper.setDevicePixelRatio(1.0);
        lower.setDevicePixelRatio(1.0);
        painter.drawImage(0, 0, upper);
        painter.drawImage(0, upper.height(), lower);
    }
    expected.setDevicePixelRatio(kPngScale);

    const QImage stacked = renderChartsStacked(top.get(), title, bottom.get(), kPngScale);
    ASSERT_EQ(stacked.size(), expected.size());
    EXPECT_EQ(stacked.devicePixelRatio(), kPngScale);
    EXPECT_TRUE(stacked == expected) << "the stacked picture differs from the two pictures stacked";
    EXPECT_EQ(top->chart()->title(), QStringLiteral("upper")); // the title on screen is restored
    EXPECT_TRUE(renderChartsStacked(top.get(), title, nullptr, kPngScale).isNull());
}
