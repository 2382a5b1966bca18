#include "ui/charts/timeview.h"

#include "ui/charts/axisrange.h"
#include "ui/charts/figurechart.h"
#include "ui/charts/strategycolors.h"
#include "ui/charts/timeunit.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSignalBlocker>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <vector>

namespace calcprof {

namespace {

// The shortest and longest bar, in seconds; 0 when nothing was measured.
struct SecondsRange
{
    double min = 0.0;
    double max = 0.0;
};

SecondsRange measuredRange(const TimeFigure& figure)
{
    SecondsRange range;
    for (const TimeFigure::Bars& bars : figure.bars) {
        for (const auto* values : {&bars.values, &bars.baseline}) {
            for (const auto& value : *values) {
                if (!value || value->y <= 0.0)
                    continue;
                range.min = range.min > 0.0 ? std::min(range.min, value->y) : value->y;
                range.max = std::max(range.max, value->y);
            }
        }
    }
    return range;
}

// Whole decades from `floor` up to the one above `maxValue` (in the axis' unit; 0: none measured).
QAbstractAxis* logTimeAxis(double floor, double maxValue)
{
    auto* axis = new QLogValueAxis;
    axis->setBase(10.0);
    axis->setLabelFormat(QStringLiteral("%g"));
    axis->setMinorTickCount(-1);
    double low = floor;
    double high = 10.0;
    if (maxValue > 0.0) {
        high = std::pow(10.0, std::ceil(std::log10(maxValue)));
        if (high <= low)
            high = low * 10.0;
    }
    // A hair wider than the decades, so the end labels survive rounding of their logarithms.
    setAxisRange(axis, low * (1.0 - 1e-9), high * (1.0 + 1e-9));
    return axis;
}

QAbstractAxis* linearTimeAxis(double maxValue)
{
    auto* axis = new QValueAxis;
    axis->setLabelFormat(QStringLiteral("%g"));
    setAxisRange(axis, 0.0, maxValue > 0.0 ? maxValue * 1.05 : 1.0);
    axis->setTickCount(6);
    axis->applyNiceNumbers();
    return axis;
}

// Where the baseline outlines go: QBarSeries' width of a category and of one set's bar in it, the
// time unit, and the height below the axis where each outline's feet (and the joins) are clipped.
struct OutlineGeometry
{
    double categoryWidth = 0.0;
    double barWidth = 0.0;
    double unitFactor = 1.0;
    double below = 0.0;
};

// One series per strategy (`index`: its place among the bar sets): each outline goes up, across and
// down below the axis, where the next one starts, so the joins are clipped and only the outlines
// show. `shown` gets the baseline values outlined.
QLineSeries* baselineOutlines(
    const TimeFigure::Bars& bars, std::size_t index, const OutlineGeometry& geometry, std::vector<FigurePoint>& shown)
{
    auto* series = new QLineSeries;
    series->setName(TimeView::tr("%1 (baseline)").arg(bars.strategy));
    QPen pen(strategyColor(bars.strategy).darker(170));
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(2.0);
    series->setPen(pen);
    for (const auto& value : bars.baseline) {
        if (!value)
            continue;
        const double left
            = value->x - (geometry.categoryWidth / 2.0) + (static_cast<double>(index) * geometry.barWidth);
        const double top = value->y * geometry.unitFactor;
        series->append(left, geometry.below);
        series->append(left, top);
        series->append(left + geometry.barWidth, top);
        series->append(left + geometry.barWidth, geometry.below);
        shown.push_back(*value);
    }
    return series;
}

// One polyline per interval, on the bar's centre: bottom cap, stem, top cap (the speedup view's
// error bars). A low end at or under 0 on a log axis starts at `below`, where the plot clips it.
QLineSeries* whisker(const FigurePoint& value, double centre, double capHalfWidth, double unitFactor, double below)
{
    auto* series = new QLineSeries;
    QPen pen(QColor(0x21, 0x21, 0x21));
    pen.setWidthF(1.5);
    series->setPen(pen);
    const double low = value.low > 0.0 ? value.low * unitFactor : below;
    const double high = value.high * unitFactor;
    series->append(centre - capHalfWidth, low);
    series->append(centre + capHalfWidth, low);
    series->append(centre, low);
    series->append(centre, high);
    series->append(centre - capHalfWidth, high);
    series->append(centre + capHalfWidth, high);
    return series;
}

void showNearestToolTipOnHover(QLineSeries* series, const std::vector<FigurePoint>& shown)
{
    QObject::connect(series, &QLineSeries::hovered, series, [shown](const QPointF& point, bool state) {
        const auto nearest = std::min_element(shown.begin(), shown.end(),
            [&point](const auto& a, const auto& b) { return std::abs(a.x - point.x()) < std::abs(b.x - point.x()); });
        if (state && nearest != shown.end())
            QToolTip::showText(QCursor::pos(), nearest->toolTip);
        else
            QToolTip::hideText();
    });
}

} // namespace

TimeView::TimeView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* toolbar = new QHBoxLayout;
    m_poolSize = new QComboBox(this);
    m_poolSize->setToolTip(tr("The pool size whose times the pool strategies show; the others ignore it"));
    m_logScale = new QCheckBox(tr("Log scale"), this);
    m_logScale->setChecked(true);
    m_logScale->setToolTip(tr("Set 1 takes microseconds, set 3 about a second: only a log axis shows both"));
    toolbar->addWidget(new QLabel(tr("Pool size"), this));
    toolbar->addWidget(m_poolSize);
    toolbar->addWidget(m_logScale);
    toolbar->addStretch();
    layout->addLayout(toolbar);

    m_view = makeFigureChartView(this);
    layout->addWidget(m_view, 1);

    connect(m_poolSize, &QComboBox::currentIndexChanged, this, &TimeView::rebuild);
    connect(m_logScale, &QCheckBox::toggled, this, &TimeView::rebuild);
    rebuild();
}

void TimeView::setSummary(const ExperimentSummary& summary)
{
    m_summary = summary;
    {
        const QSignalBlocker block(m_poolSize);
        const QVariant chosen = m_poolSize->currentData();
        m_poolSize->clear();
        for (const int size : measuredPoolSizes(summary))
            m_poolSize->addItem(formatPoolSize(size), size);
        const int keep = m_poolSize->findData(chosen);
        const int automatic = m_poolSize->findData(kAutoPoolSize);
        // Auto is how the original runs its pool; without it, the largest size measured comes
        // closest (one worker per task, as auto, on every set it covers), where the smallest would
        // show a pool of 1: serial with extra steps.
        const int largest = m_poolSize->count() - 1;
        m_poolSize->setCurrentIndex(keep >= 0 ? keep : (automatic >= 0 ? automatic : largest));
        m_poolSize->setEnabled(m_poolSize->count() > 1);
    }
    rebuild();
}

bool TimeView::selectPoolSize(int requested)
{
    const int index = m_poolSize->findData(requested);
    if (index < 0)
        return false;
    m_poolSize->setCurrentIndex(index); // rebuilds through currentIndexChanged
    return true;
}

void TimeView::setBaseline(const std::optional<ExperimentSummary>& baseline, const QString& name)
{
    m_baseline = baseline;
    m_baselineName = name;
    rebuild();
}

void TimeView::rebuild()
{
    QChart* chart = m_view->chart();
    clearChart(chart);
    m_figure = timeFigure(m_summary, m_poolSize->count() > 0 ? m_poolSize->currentData().toInt() : kAutoPoolSize,
        m_baseline ? &*m_baseline : nullptr);

    const SecondsRange seconds = measuredRange(m_figure);
    const bool logScale = m_logScale->isChecked();
    const TimeUnit unit = unitFor(seconds.max);
    // The log axis' lowest decade: a bar of that height is no bar, and a log axis cannot take 0.
    double logFloor = 1.0;
    if (logScale && seconds.max > 0.0)
        logFloor = std::pow(10.0, std::floor(std::log10(seconds.min * unit.factor)));
    // A bar not measured yet lies below the axis, where the plot clips it: at the floor it would be a
    // sliver that reads as "no time at all".
    addBars(unit.factor, logScale ? logFloor / 10.0 : 0.0);

    auto* categories = new QBarCategoryAxis;
    categories->append(m_figure.categories.isEmpty() ? QStringList {tr("no runs yet")} : m_figure.categories);
    chart->addAxis(categories, Qt::AlignBottom);
    m_series->attachAxis(categories);

    QAbstractAxis* yAxis
        = logScale ? logTimeAxis(logFloor, seconds.max * unit.factor) : linearTimeAxis(seconds.max * unit.factor);
    yAxis->setTitleText(tr("median time (%1)").arg(unit.name));
    chart->addAxis(yAxis, Qt::AlignLeft);
    m_series->attachAxis(yAxis);
    // A hidden value axis over the category axis' span (category i is centred on i) places each
    // whisker and outline exactly on its bar: QBarSeries divides barWidth() of each category among its sets.
    auto* xAxis = new QValueAxis;
    setAxisRange(xAxis, -0.5, std::max(1.0, static_cast<double>(m_figure.categories.size())) - 0.5);
    xAxis->setVisible(false);
    chart->addAxis(xAxis, Qt::AlignBottom);
    // The outlines' feet lie below the axis, where the plot clips them: only their sides and tops show.
    const double below = logScale ? logFloor / 10.0 : -seconds.max * unit.factor;
    drawWhiskers(xAxis, yAxis, unit.factor, below);
    drawBaseline(xAxis, yAxis, unit.factor, below);
    QString title = m_figure.categories.isEmpty() ? tr("Median time per number set: press Run") : m_figure.title;
    if (m_whiskers > 0 && !m_figure.whiskers.isEmpty())
        title += tr(" · whiskers: %1").arg(m_figure.whiskers);
    if (m_baselineOutlines > 0)
        title += tr(" · dashed outlines: baseline %1").arg(m_baselineName);
    chart->setTitle(title);
    // Eight names in one row below the plot are cut short ("pool (pool size…"); beside it, one per
    // line, they are whole. One row holds about six.
    const bool manyNames = m_figure.bars.size() > 6;
    chart->legend()->setAlignment(m_baselineOutlines > 0 || manyNames ? Qt::AlignRight : Qt::AlignBottom);
}

void TimeView::addBars(double unitFactor, double noBar)
{
    m_series = new QBarSeries;
    for (const TimeFigure::Bars& bars : m_figure.bars) {
        auto* set = new QBarSet(bars.name);
        set->setColor(strategyColor(bars.strategy));
        set->setBorderColor(strategyColor(bars.strategy).darker(130));
        // A provisional median (fewer runs than planned) is pale: the set's "selected" bars.
        set->setSelectedColor(strategyColor(bars.strategy).lighter(160));
        for (std::size_t index = 0; index < bars.values.size(); ++index) {
            const auto& value = bars.values[index];
            set->append(value ? value->y * unitFactor : noBar); // nothing measured: no bar
            if (value && value->provisional)
                set->selectBar(static_cast<int>(index));
        }
        m_series->append(set);
    }
    connect(m_series, &QBarSeries::hovered, this, [this](bool status, int index, QBarSet* set) {
        const int barsIndex = static_cast<int>(m_series->barSets().indexOf(set));
        if (!status || barsIndex < 0) {
            QToolTip::hideText();
            return;
        }
        const auto& value = m_figure.bars[static_cast<std::size_t>(barsIndex)].values[static_cast<std::size_t>(index)];
        if (value)
            QToolTip::showText(QCursor::pos(), value->toolTip);
    });
    m_view->chart()->addSeries(m_series);
}

void TimeView::drawWhiskers(QAbstractAxis* xAxis, QAbstractAxis* yAxis, double unitFactor, double below)
{
    m_whiskers = 0;
    QChart* chart = m_view->chart();
    const double barWidth = m_series->barWidth() / std::max(1.0, static_cast<double>(m_figure.bars.size()));
    for (std::size_t index = 0; index < m_figure.bars.size(); ++index) {
        for (const auto& value : m_figure.bars[index].values) {
            if (!value || !(value->high > value->low) || !std::isfinite(value->high))
                continue;
            const double centre
                = value->x - (m_series->barWidth() / 2.0) + ((static_cast<double>(index) + 0.5) * barWidth);
            QLineSeries* series = whisker(*value, centre, barWidth / 4.0, unitFactor, below);
            chart->addSeries(series);
            series->attachAxis(xAxis);
            series->attachAxis(yAxis);
            chart->legend()->markers(series).constFirst()->setVisible(false);
            ++m_whiskers;
        }
    }
}

void TimeView::drawBaseline(QAbstractAxis* xAxis, QAbstractAxis* yAxis, double unitFactor, double below)
{
    m_baselineOutlines = 0;
    const auto barSets = static_cast<double>(m_figure.bars.size());
    if (!m_baseline || m_figure.bars.empty())
        return;
    QChart* chart = m_view->chart();
    const OutlineGeometry geometry {m_series->barWidth(), m_series->barWidth() / barSets, unitFactor, below};
    for (std::size_t index = 0; index < m_figure.bars.size(); ++index) {
        std::vector<FigurePoint> shown;
        QLineSeries* series = baselineOutlines(m_figure.bars[index], index, geometry, shown);
        m_baselineOutlines += static_cast<int>(shown.size());
        if (shown.empty()) {
            delete series;
            continue;
        }
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
        chart->legend()->markers(series).constFirst()->setVisible(false);
        showNearestToolTipOnHover(series, shown);
    }
    // One legend entry says what every dashed outline is; one per strategy would double the legend.
    auto* key = new QLineSeries;
    key->setName(tr("baseline (dashed outline)"));
    QPen keyPen(QColor(0x42, 0x42, 0x42));
    keyPen.setStyle(Qt::DashLine);
    keyPen.setWidthF(2.0);
    key->setPen(keyPen);
    chart->addSeries(key);
    key->attachAxis(xAxis);
    key->attachAxis(yAxis);
}

} // namespace calcprof
