#include "ui/timeview.h"

#include "ui/figurechart.h"
#include "ui/strategycolors.h"
#include "ui/timeunit.h"

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
#include <QLogValueAxis>
#include <QSignalBlocker>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace calcprof {

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

void TimeView::rebuild()
{
    QChart* chart = m_view->chart();
    clearChart(chart);
    m_figure = timeFigure(m_summary, m_poolSize->count() > 0 ? m_poolSize->currentData().toInt() : kAutoPoolSize);

    double maxSeconds = 0.0;
    double minSeconds = 0.0;
    for (const TimeFigure::Bars& bars : m_figure.bars) {
        for (const auto& value : bars.values) {
            if (!value || value->y <= 0.0)
                continue;
            minSeconds = minSeconds > 0.0 ? std::min(minSeconds, value->y) : value->y;
            maxSeconds = std::max(maxSeconds, value->y);
        }
    }
    const bool logScale = m_logScale->isChecked();
    const TimeUnit unit = unitFor(maxSeconds);

    // The log axis' lowest decade: a bar of that height is no bar, and a log axis cannot take 0.
    double logFloor = 1.0;
    if (logScale && maxSeconds > 0.0)
        logFloor = std::pow(10.0, std::floor(std::log10(minSeconds * unit.factor)));
    m_series = new QBarSeries;
    for (const TimeFigure::Bars& bars : m_figure.bars) {
        auto* set = new QBarSet(bars.name);
        set->setColor(strategyColor(bars.strategy));
        set->setBorderColor(strategyColor(bars.strategy).darker(130));
        for (const auto& value : bars.values)
            set->append(value ? value->y * unit.factor : (logScale ? logFloor : 0.0)); // nothing measured: no bar
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
    chart->addSeries(m_series);

    auto* categories = new QBarCategoryAxis;
    categories->append(m_figure.categories.isEmpty() ? QStringList {tr("no runs yet")} : m_figure.categories);
    chart->addAxis(categories, Qt::AlignBottom);
    m_series->attachAxis(categories);

    QAbstractAxis* yAxis = nullptr;
    if (logScale) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10.0);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(-1);
        double low = logFloor;
        double high = 10.0;
        if (maxSeconds > 0.0) {
            high = std::pow(10.0, std::ceil(std::log10(maxSeconds * unit.factor)));
            if (high <= low)
                high = low * 10.0;
        }
        // A hair wider than the decades, so the end labels survive rounding of their logarithms.
        axis->setRange(low * (1.0 - 1e-9), high * (1.0 + 1e-9));
        yAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setRange(0.0, maxSeconds > 0.0 ? maxSeconds * unit.factor * 1.05 : 1.0);
        axis->setTickCount(6);
        axis->applyNiceNumbers();
        yAxis = axis;
    }
    yAxis->setTitleText(tr("median time (%1)").arg(unit.name));
    chart->addAxis(yAxis, Qt::AlignLeft);
    m_series->attachAxis(yAxis);
    chart->setTitle(m_figure.categories.isEmpty() ? tr("Median time per number set: press Run") : m_figure.title);
}

} // namespace calcprof
