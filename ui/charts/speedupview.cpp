#include "ui/charts/speedupview.h"

#include "core/format/labels.h"
#include "ui/charts/axisrange.h"
#include "ui/charts/figurechart.h"
#include "ui/charts/strategycolors.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace calcprof {

namespace {

constexpr double kCapHalfWidth = 0.08; // of one worker step

QLineSeries* lineSeries(const QString& name, const QColor& color, Qt::PenStyle style, qreal width)
{
    auto* series = new QLineSeries;
    series->setName(name);
    QPen pen(color);
    pen.setWidthF(width);
    pen.setStyle(style);
    series->setPen(pen);
    return series;
}

QImage hollowMarker(const QColor& color)
{
    constexpr int kSize = 16;
    QImage image(kSize, kSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 2.5));
    painter.setBrush(Qt::white);
    painter.drawEllipse(QRectF(2.0, 2.0, kSize - 4.0, kSize - 4.0));
    return image;
}

// The tooltip of the figure point nearest to `x`.
QString nearestToolTip(const FigureSeries& series, double x)
{
    const auto nearest = std::min_element(series.points.begin(), series.points.end(),
        [x](const FigurePoint& a, const FigurePoint& b) { return std::abs(a.x - x) < std::abs(b.x - x); });
    return nearest != series.points.end() ? nearest->toolTip : QString();
}

void showToolTipOnHover(QLineSeries* series, const FigureSeries& figureSeries)
{
    QObject::connect(series, &QLineSeries::hovered, series, [figureSeries](const QPointF& point, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(), nearestToolTip(figureSeries, point.x()));
        else
            QToolTip::hideText();
    });
}

// The chart being drawn: its axes, and the highest value drawn so far (the y axis reaches past it).
struct SpeedupPlot
{
    QChart* chart = nullptr;
    QValueAxis* xAxis = nullptr;
    QAbstractAxis* yAxis = nullptr; ///< a QLogValueAxis when figure.logAxis
    double yMin = 0.0; ///< the lowest measured value (or interval end) above 0: a log axis' floor
    double yMax = 1.0; ///< the highest median, bound or reference line
    double intervalMax = 0.0; ///< the highest error bar's end

    void add(QLineSeries* series, bool inLegend)
    {
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
        const QList<QLegendMarker*> markers = chart->legend()->markers(series);
        for (QLegendMarker* marker : markers)
            marker->setVisible(inLegend);
        for (const QPointF& point : series->points()) {
            // An error bar's end (not in the legend) sets neither the floor nor the top: a set 1
            // interval up to 80x would squash every median onto the floor.
            if (!inLegend) {
                intervalMax = std::max(intervalMax, point.y());
                continue;
            }
            yMax = std::max(yMax, point.y());
            if (point.y() > 0.0)
                yMin = yMin > 0.0 ? std::min(yMin, point.y()) : point.y();
        }
    }
};

// Linear from 0, or (a speedup below kLogSpeedupBelow) logarithmic, which the title says.
QAbstractAxis* speedupAxis(const SpeedupFigure& figure)
{
    QString title = figure.efficiency ? SpeedupView::tr("efficiency (speedup / usable cores)")
                                      : SpeedupView::tr("speedup against serial");
    QAbstractAxis* axis = nullptr;
    if (figure.logAxis) {
        auto* log = new QLogValueAxis;
        log->setBase(10.0);
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(-1);
        // Short, so a small plot shows it whole; why: in the chart's title, where there is room.
        title = figure.efficiency ? SpeedupView::tr("efficiency (log)") : SpeedupView::tr("speedup (log)");
        axis = log;
    } else {
        auto* linear = new QValueAxis;
        linear->setLabelFormat(QStringLiteral("%.2g"));
        axis = linear;
    }
    axis->setTitleText(title);
    return axis;
}

void setSpeedupRange(SpeedupPlot& plot)
{
    // Intervals are shown whole up to twice the highest median or bound; a wider one runs off the
    // top (its stem says it goes on) rather than shrinking every point to the floor.
    plot.yMax = std::max(plot.yMax, std::min(plot.intervalMax, 2.0 * plot.yMax));
    if (auto* log = qobject_cast<QLogValueAxis*>(plot.yAxis)) {
        // Whole decades from the lowest value drawn to above the highest bound.
        const double low = std::pow(10.0, std::floor(std::log10(plot.yMin > 0.0 ? plot.yMin : kLogSpeedupBelow)));
        setAxisRange(log, low * (1.0 - 1e-9), std::pow(10.0, std::ceil(std::log10(plot.yMax * 1.08))) * (1.0 + 1e-9));
        return;
    }
    auto* linear = qobject_cast<QValueAxis*>(plot.yAxis);
    setAxisRange(linear, 0.0, plot.yMax * 1.08);
    linear->setTickCount(6);
    linear->applyNiceNumbers();
}

SpeedupPlot makePlot(QChart* chart, const SpeedupFigure& figure)
{
    auto* xAxis = new QValueAxis;
    xAxis->setTitleText(SpeedupView::tr("workers (pool size)"));
    xAxis->setLabelFormat(QStringLiteral("%d"));
    xAxis->setTickType(QValueAxis::TicksDynamic);
    xAxis->setTickAnchor(0.0);
    xAxis->setTickInterval(figure.maxWorkers > 16 ? 4.0 : 1.0);
    setAxisRange(xAxis, 0.5, std::max(2.0, figure.maxWorkers) + 0.5);
    QAbstractAxis* yAxis = speedupAxis(figure);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    return SpeedupPlot {chart, xAxis, yAxis};
}

// The bounds: ideal (dotted grey), whole-task (dashed black), each strategy's schedule model.
void addBounds(SpeedupPlot& plot, const SpeedupFigure& figure)
{
    for (const FigureSeries& bound : figure.bounds) {
        const bool ideal = bound.strategy.isEmpty() && bound.name.startsWith(QStringLiteral("ideal"));
        const QColor color = bound.strategy.isEmpty() ? (ideal ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x21, 0x21, 0x21))
                                                      : strategyColor(bound.strategy).lighter(120);
        const Qt::PenStyle style = ideal ? Qt::DotLine : (bound.strategy.isEmpty() ? Qt::DashLine : Qt::DashDotLine);
        auto* series = lineSeries(bound.name, color, style, bound.strategy.isEmpty() ? 1.6 : 1.4);
        for (const FigurePoint& point : bound.points)
            series->append(point.x, point.y);
        plot.add(series, true);
    }
}

// The strategies that ignore the pool size: a horizontal line across the sweep.
void addReferences(SpeedupPlot& plot, const SpeedupFigure& figure)
{
    const double xLow = 1.0;
    const double xHigh = std::max(2.0, figure.maxWorkers);
    for (const FigureSeries& reference : figure.references) {
        auto* series = lineSeries(reference.name, strategyColor(reference.strategy), Qt::DashLine, 2.0);
        const double y = reference.points.front().y;
        series->append(xLow, y);
        series->append(xHigh, y);
        plot.add(series, true);
        showToolTipOnHover(series, reference);
        plot.intervalMax = std::max(plot.intervalMax, reference.points.front().high);
    }
}

// Under the measured curves: the baseline's, dashed in the same colour, with hollow markers
// where the measured points are filled.
void addBaselines(SpeedupPlot& plot, const SpeedupFigure& figure)
{
    for (const FigureSeries& baseline : figure.baselines) {
        const QColor color = strategyColor(baseline.strategy);
        auto* series = lineSeries(baseline.name, color, Qt::DashLine, 2.0);
        series->setLightMarker(hollowMarker(color));
        series->setPointsVisible(true);
        series->setMarkerSize(10.0);
        for (const FigurePoint& point : baseline.points)
            series->append(point.x, point.y);
        plot.add(series, true);
        showToolTipOnHover(series, baseline);
    }
}

// The measured sweeps, each point with its interval as an error bar; returns how many error bars.
int addSweeps(SpeedupPlot& plot, const SpeedupFigure& figure)
{
    int errorBars = 0;
    for (const FigureSeries& sweep : figure.sweeps) {
        const QColor color = strategyColor(sweep.strategy);
        auto* series = lineSeries(sweep.name, color, Qt::SolidLine, 2.5);
        series->setPointsVisible(true);
        series->setMarkerSize(8.0);
        for (const FigurePoint& point : sweep.points)
            series->append(point.x, point.y);
        plot.add(series, true);
        showToolTipOnHover(series, sweep);
        for (const FigurePoint& point : sweep.points) {
            if (point.high <= point.low)
                continue;
            // One polyline per interval: bottom cap, stem, top cap.
            auto* bar = lineSeries(
                QStringLiteral("%1 interval at %2").arg(sweep.name).arg(point.x), color, Qt::SolidLine, 1.5);
            bar->append(point.x - kCapHalfWidth, point.low);
            bar->append(point.x + kCapHalfWidth, point.low);
            bar->append(point.x, point.low);
            bar->append(point.x, point.high);
            bar->append(point.x - kCapHalfWidth, point.high);
            bar->append(point.x + kCapHalfWidth, point.high);
            plot.add(bar, false);
            ++errorBars;
        }
    }
    return errorBars;
}

} // namespace

SpeedupView::SpeedupView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* toolbar = new QHBoxLayout;
    m_sets = new QComboBox(this);
    m_sets->setToolTip(tr("The number set whose speedup is drawn"));
    m_cores = new QSpinBox(this);
    m_cores->setRange(2, 64);
    m_cores->setPrefix(tr("bounds for "));
    m_cores->setSuffix(tr(" cores"));
    m_cores->setToolTip(tr("Draw the bounds for another core count: a simulation from this machine's task times, "
                           "to see what more cores would and would not change"));
    m_efficiency = new QCheckBox(tr("Efficiency"), this);
    m_efficiency->setToolTip(tr("Speedup / min(workers, cores): how much of the usable cores the strategy used"));
    toolbar->addWidget(new QLabel(tr("Set"), this));
    toolbar->addWidget(m_sets, 1);
    toolbar->addWidget(m_cores);
    toolbar->addWidget(m_efficiency);
    layout->addLayout(toolbar);

    m_view = makeFigureChartView(this);
    // Seven entries share one row below the plot; a point smaller keeps them whole in an export.
    QFont legendFont = m_view->chart()->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
    m_view->chart()->legend()->setFont(legendFont);
    layout->addWidget(m_view, 1);

    connect(m_sets, &QComboBox::currentIndexChanged, this, &SpeedupView::rebuild);
    connect(m_sets, &QComboBox::activated, this, [this] { m_userChoseSet = true; });
    connect(m_cores, &QSpinBox::valueChanged, this, &SpeedupView::rebuild);
    connect(m_efficiency, &QCheckBox::toggled, this, &SpeedupView::rebuild);
    rebuild();
}

void SpeedupView::setSummary(const ExperimentSummary& summary)
{
    const NumberSet chosen
        = m_sets->currentIndex() >= 0 && m_sets->currentIndex() < static_cast<int>(m_summary.sets.size())
        ? m_summary.sets[static_cast<std::size_t>(m_sets->currentIndex())].numbers
        : NumberSet {};
    const bool firstSummary = m_summary.sets.empty();
    m_summary = summary;
    {
        const QSignalBlocker blockSets(m_sets);
        const QSignalBlocker blockCores(m_cores);
        m_sets->clear();
        int keep = -1;
        int mostWork = -1;
        double most = -1.0;
        for (std::size_t index = 0; index < summary.sets.size(); ++index) {
            const SetSummary& set = summary.sets[index];
            m_sets->addItem(setLabel(set));
            if (set.numbers == chosen)
                keep = static_cast<int>(index);
            if (set.serialWorkSeconds > most) {
                most = set.serialWorkSeconds;
                mostWork = static_cast<int>(index);
            }
        }
        m_sets->setCurrentIndex(keep >= 0 && m_userChoseSet ? keep : mostWork);
        if (firstSummary)
            m_cores->setValue(std::clamp(summary.cores, m_cores->minimum(), m_cores->maximum()));
    }
    rebuild();
}

void SpeedupView::setBaseline(const std::optional<ExperimentSummary>& baseline)
{
    m_baseline = baseline;
    rebuild();
}

void SpeedupView::selectSet(int index)
{
    m_userChoseSet = true;
    m_sets->setCurrentIndex(index);
}

QLineSeries* SpeedupView::seriesNamed(const QString& name) const
{
    const QList<QAbstractSeries*> all = m_view->chart()->series();
    for (QAbstractSeries* series : all) {
        if (series->name() == name)
            return qobject_cast<QLineSeries*>(series);
    }
    return nullptr;
}

void SpeedupView::rebuild()
{
    QChart* chart = m_view->chart();
    clearChart(chart);
    const int index = m_sets->currentIndex();
    const bool chosen = index >= 0 && index < static_cast<int>(m_summary.sets.size());
    m_figure = chosen ? speedupFigure(m_summary, m_summary.sets[static_cast<std::size_t>(index)].numbers,
                   m_cores->value(), m_efficiency->isChecked())
                      : SpeedupFigure {};
    if (m_baseline && chosen)
        addBaseline(m_figure, *m_baseline, m_summary.sets[static_cast<std::size_t>(index)].numbers);

    SpeedupPlot plot = makePlot(chart, m_figure);
    addBounds(plot, m_figure);
    addReferences(plot, m_figure);
    addBaselines(plot, m_figure);
    m_errorBars = addSweeps(plot, m_figure);
    setSpeedupRange(plot);
    // One row below the plot holds about six names; more would be cut to "whole-ta…", so a longer
    // legend goes beside the plot, one name per line.
    const std::size_t legendEntries
        = m_figure.bounds.size() + m_figure.references.size() + m_figure.sweeps.size() + m_figure.baselines.size();
    chart->legend()->setAlignment(legendEntries > 6 ? Qt::AlignRight : Qt::AlignBottom);

    QString title = m_figure.title.isEmpty() ? tr("Speedup against pool size: run a sweep") : m_figure.title;
    if (m_figure.logAxis)
        title += tr(" · log axis: speedups below %1x").arg(kLogSpeedupBelow);
    if (!m_figure.caption.isEmpty())
        title += QStringLiteral("<br><span style=\"font-weight:normal\">") + m_figure.caption.toHtmlEscaped()
            + QStringLiteral("</span>");
    chart->setTitle(title);
}

} // namespace calcprof
