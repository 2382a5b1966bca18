#include "ui/charts/csvchart.h"

#include "core/csv/csvmoderegistry.h"
#include "core/exec/runobserver.h"
#include "core/format/units.h"
#include "ui/charts/axisrange.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QLegend>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace calcprof {

namespace {

QString writersText(int writers)
{
    return writers == 1 ? QStringLiteral("1 writer") : QStringLiteral("%1 writers").arg(writers);
}

// fsync off times the copy into the page cache: the disk writes the files later, untimed.
QString fsyncText(bool fsync)
{
    return fsync ? QStringLiteral("fsync") : QStringLiteral("page cache");
}

QString categoryAxisTitle(bool anyWithoutFsync)
{
    return anyWithoutFsync ? QStringLiteral("write mode (fsync off: these are page-cache speeds, not the disk's; "
                                            "the disk needs fsync)")
                           : QStringLiteral("write mode");
}

} // namespace

CsvChart::CsvChart(QWidget* parent)
    : QChartView(parent)
    , m_categoryAxis(new QBarCategoryAxis)
    , m_valueAxis(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 240);
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(QStringLiteral("CSV write throughput"));
    // The categories name the bars: a legend would repeat them.
    c->legend()->setVisible(false);

    // The series and axes live as long as the chart and are only refilled: Qt Charts deletes a
    // removed axis' labels only when the event loop next runs, so rebuilding them would leave
    // stale labels in a picture exported straight after a change.
    m_series = new QStackedBarSeries;
    m_series->setLabelsFormat(QStringLiteral("@value MB/s"));
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    m_series->setLabelsPrecision(5);
    c->addSeries(m_series);

    m_categoryAxis->setTitleText(categoryAxisTitle(false));
    c->addAxis(m_categoryAxis, Qt::AlignBottom);
    m_series->attachAxis(m_categoryAxis);

    m_valueAxis->setTitleText(QStringLiteral("MB/s"));
    m_valueAxis->setLabelFormat(QStringLiteral("%g"));
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_valueAxis);
    m_series->setLabelsVisible(true);

    connect(m_series, &QAbstractBarSeries::hovered, this, [this](bool entered, int /*category*/, QBarSet* set) {
        const int index = static_cast<int>(m_series->barSets().indexOf(set));
        if (entered && index >= 0)
            QToolTip::showText(QCursor::pos(), barToolTip(index), this);
        else
            QToolTip::hideText();
    });
    refresh();
}

QColor CsvChart::colorOf(const QString& mode)
{
    // The registry's order fixes each mode's colour, whichever mode ran first.
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2)};
    if (mode == kRawWriteEntry)
        return {0x7f, 0x7f, 0x7f};
    const qsizetype index = builtinCsvModes().ids().indexOf(mode);
    constexpr auto kColors = static_cast<qsizetype>(std::size(palette));
    return palette[index < 0 ? kColors - 1 : index % kColors];
}

void CsvChart::setSummary(const CsvSummary& summary)
{
    m_bars = summary.modes;
    if (summary.raw)
        m_bars.push_back(*summary.raw);
    refresh();
}

void CsvChart::clear()
{
    m_bars.clear();
    refresh();
}

QString CsvChart::barToolTip(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_bars.size()))
        return {};
    const CsvEntrySummary& bar = m_bars[static_cast<std::size_t>(index)];
    QString speed = QStringLiteral("%1 MB/s").arg(bar.mbPerSecond, 0, 'f', 0);
    if (bar.rounds > 1)
        speed += QStringLiteral(" (median of %1 rounds, %2 interval %3–%4 MB/s)")
                     .arg(bar.rounds)
                     .arg(percent(bar.seconds.ciConfidence))
                     .arg(bar.mbPerSecondLow, 0, 'f', 0)
                     .arg(bar.mbPerSecondHigh, 0, 'f', 0);
    const QString durability = bar.fsync
        ? QStringLiteral("fsync on: every file durable, the disk's speed")
        : QStringLiteral("fsync off: the page cache's (memory) speed, not the disk's (it writes the files later, "
                         "untimed); the disk question needs fsync");
    if (bar.mode == kRawWriteEntry)
        return QStringLiteral("raw write: %1, one plain sequential stream of the same %2; %3")
            .arg(speed, formatBytes(bar.bytes), durability);
    QString against;
    if (bar.againstSerial)
        against = QStringLiteral("; %1 save_serial (%2 %3, [%4, %5])")
                      .arg(formatSpeedup(bar.againstSerial->value),
                          bar.againstSerial->paired() ? QStringLiteral("median of the per-round ratios")
                                                      : QStringLiteral("ratio of the medians"),
                          percent(bar.againstSerial->confidence), formatSpeedup(bar.againstSerial->low),
                          formatSpeedup(bar.againstSerial->high));
    return QStringLiteral("%1: %2, %3 in %4 (%5 files, %6)%7; %8")
        .arg(bar.mode, speed, writersText(bar.writers), formatSeconds(bar.seconds.median))
        .arg(bar.files)
        .arg(formatBytes(bar.bytes), against, durability);
}

void CsvChart::refresh()
{
    const std::vector<CsvEntrySummary>& bars = m_bars;
    QStringList categories;
    bool anyWithoutFsync = false;
    m_series->clear();
    for (std::size_t index = 0; index < bars.size(); ++index) {
        const CsvEntrySummary& bar = bars[index];
        anyWithoutFsync = anyWithoutFsync || !bar.fsync;
        // Axis labels are rich text: the writers, seconds and fsync go on lines under the mode (a
        // bar label can only format the bar's own value), each short: "120 writers · 1.23 s" on one
        // line was cut to "120 writers · …" under five bars.
        QString category = bar.mode.toHtmlEscaped() + QStringLiteral("<br>");
        if (bar.mode != kRawWriteEntry)
            category += writersText(bar.writers) + QStringLiteral("<br>") + formatSeconds(bar.seconds.median)
                + QStringLiteral("<br>");
        if (bar.rounds > 1)
            category += QStringLiteral("median of %1 rounds<br>").arg(bar.rounds);
        categories.append(category + fsyncText(bar.fsync));
        auto* set = new QBarSet(bar.mode);
        QList<qreal> values(static_cast<qsizetype>(bars.size()), 0.0);
        values[static_cast<qsizetype>(index)] = bar.mbPerSecond;
        set->append(values);
        set->setColor(colorOf(bar.mode));
        // The theme colours bar labels white, for labels inside the bars; ours stand above them
        // on the chart's background.
        set->setLabelColor(chart()->titleBrush().color());
        m_series->append(set);
    }
    m_categoryAxis->setTitleText(categoryAxisTitle(anyWithoutFsync));

    if (categories.isEmpty() && m_categoryAxis->count() > 0) {
        // An axis emptied in place keeps drawing its last labels: only a fresh one shows none.
        QChart* c = chart();
        c->removeAxis(m_categoryAxis);
        delete m_categoryAxis;
        m_categoryAxis = new QBarCategoryAxis;
        m_categoryAxis->setTitleText(categoryAxisTitle(false));
        c->addAxis(m_categoryAxis, Qt::AlignBottom);
        m_series->attachAxis(m_categoryAxis);
    } else {
        m_categoryAxis->clear();
        m_categoryAxis->append(categories);
    }

    double highest = 0.0;
    for (const CsvEntrySummary& bar : bars)
        highest = std::max(highest, bar.mbPerSecond);
    // Headroom above the tallest bar for its label, which sits outside the bar's end.
    setAxisRange(m_valueAxis, 0.0, highest > 0.0 ? highest * 1.15 : 1.0);
    // applyNiceNumbers() starts from the tick count it left last time: reset it so the same
    // values always get the same axis.
    m_valueAxis->setTickCount(5);
    m_valueAxis->applyNiceNumbers();
}

} // namespace calcprof
