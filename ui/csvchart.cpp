#include "csvchart.h"

#include "units.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace calcprof {

CsvChart::CsvChart(QWidget* parent)
    : QChartView(parent)
    , m_set(new QBarSet(QStringLiteral("MB/s")))
    , m_categoryAxis(new QBarCategoryAxis)
    , m_valueAxis(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 240);
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(QStringLiteral("CSV write throughput"));
    // One bar set only: its name is already the axis title.
    c->legend()->setVisible(false);

    // The series and axes live as long as the chart and are only refilled: Qt Charts deletes a
    // removed axis' labels only when the event loop next runs, so rebuilding them would leave
    // stale labels in a picture exported straight after a change.
    auto* series = new QBarSeries;
    series->append(m_set);
    series->setLabelsFormat(QStringLiteral("@value MB/s"));
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsPrecision(5);
    c->addSeries(series);

    m_categoryAxis->setTitleText(QStringLiteral("write mode"));
    c->addAxis(m_categoryAxis, Qt::AlignBottom);
    series->attachAxis(m_categoryAxis);

    m_valueAxis->setTitleText(QStringLiteral("MB/s"));
    m_valueAxis->setLabelFormat(QStringLiteral("%g"));
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    series->attachAxis(m_valueAxis);

    m_set->setColor(QColor(0x1f, 0x77, 0xb4));
    // The theme colours bar labels white, for labels inside the bars; ours stand above them on
    // the chart's background. Set after addSeries(), which applies the theme.
    m_set->setLabelColor(c->titleBrush().color());
    series->setLabelsVisible(true);
    refresh();
}

void CsvChart::addCsvRun(const CsvRun& run)
{
    // A failed or cancelled stage wrote only part of the bytes: its MB/s would mislead.
    if (!run.ok())
        return;
    auto bar = std::find_if(m_bars.begin(), m_bars.end(), [&run](const Bar& b) { return b.mode == run.mode; });
    if (bar == m_bars.end())
        bar = m_bars.insert(m_bars.end(), Bar {run.mode, 0.0, 0.0});
    bar->mbPerSecond = run.mbPerSecond;
    bar->seconds = run.wallSeconds;
    refresh();
}

void CsvChart::setRawReference(double mbPerSecond)
{
    if (std::isfinite(mbPerSecond) && mbPerSecond > 0.0)
        m_rawReference = mbPerSecond;
    else
        m_rawReference.reset();
    refresh();
}

void CsvChart::clear()
{
    m_bars.clear();
    m_rawReference.reset();
    refresh();
}

void CsvChart::refresh()
{
    QList<qreal> values;
    QStringList categories;
    for (const Bar& bar : m_bars) {
        values.append(bar.mbPerSecond);
        // The seconds go into the category, on a second line (axis labels are rich text): a bar
        // label can only format the bar's own value.
        categories.append(bar.mode.toHtmlEscaped() + QStringLiteral("<br>") + formatSeconds(bar.seconds));
    }
    if (m_rawReference) {
        values.append(*m_rawReference);
        categories.append(QStringLiteral("raw write"));
    }

    m_set->remove(0, m_set->count());
    m_set->append(values);
    if (categories.isEmpty() && m_categoryAxis->count() > 0) {
        // An axis emptied in place keeps drawing its last labels: only a fresh one shows none.
        QChart* c = chart();
        QAbstractSeries* series = c->series().constFirst();
        c->removeAxis(m_categoryAxis);
        delete m_categoryAxis;
        m_categoryAxis = new QBarCategoryAxis;
        m_categoryAxis->setTitleText(QStringLiteral("write mode"));
        c->addAxis(m_categoryAxis, Qt::AlignBottom);
        series->attachAxis(m_categoryAxis);
    } else {
        m_categoryAxis->clear();
        m_categoryAxis->append(categories);
    }

    const double highest = values.isEmpty() ? 0.0 : *std::max_element(values.cbegin(), values.cend());
    // Headroom above the tallest bar for its label, which sits outside the bar's end.
    m_valueAxis->setRange(0.0, highest > 0.0 ? highest * 1.15 : 1.0);
    // applyNiceNumbers() starts from the tick count it left last time: reset it so the same
    // values always get the same axis.
    m_valueAxis->setTickCount(5);
    m_valueAxis->applyNiceNumbers();
}

} // namespace calcprof
