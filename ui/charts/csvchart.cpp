#include "ui/charts/csvchart.h"

#include "core/csv/csvmoderegistry.h"
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

const QString kRawMode = QStringLiteral("raw write");

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
    return anyWithoutFsync ? QStringLiteral("write mode (fsync off: these are page-cache speeds, not the disk's)")
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
    if (mode == kRawMode)
        return {0x7f, 0x7f, 0x7f};
    const qsizetype index = builtinCsvModes().ids().indexOf(mode);
    constexpr auto kColors = static_cast<qsizetype>(std::size(palette));
    return palette[index < 0 ? kColors - 1 : index % kColors];
}

void CsvChart::addCsvRun(const CsvRun& run)
{
    // A failed or cancelled stage wrote only part of the bytes: its MB/s would mislead.
    if (!run.ok())
        return;
    auto bar = std::find_if(m_bars.begin(), m_bars.end(), [&run](const Bar& b) { return b.mode == run.mode; });
    if (bar == m_bars.end())
        bar = m_bars.insert(m_bars.end(), Bar());
    bar->mode = run.mode;
    bar->mbPerSecond = run.mbPerSecond;
    bar->seconds = run.wallSeconds;
    bar->writers = run.poolSize;
    bar->fsync = run.fsync;
    refresh();
}

void CsvChart::setRawReference(double mbPerSecond, bool fsync)
{
    if (std::isfinite(mbPerSecond) && mbPerSecond > 0.0)
        m_rawReference
            = Bar {.mode = kRawMode, .mbPerSecond = mbPerSecond, .seconds = 0.0, .writers = 1, .fsync = fsync};
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

std::vector<CsvChart::Bar> CsvChart::shownBars() const
{
    std::vector<Bar> bars = m_bars;
    if (m_rawReference)
        bars.push_back(*m_rawReference);
    return bars;
}

QString CsvChart::barToolTip(int index) const
{
    const std::vector<Bar> bars = shownBars();
    if (index < 0 || index >= static_cast<int>(bars.size()))
        return {};
    const Bar& bar = bars[static_cast<std::size_t>(index)];
    const QString speed = QStringLiteral("%1 MB/s").arg(bar.mbPerSecond, 0, 'f', 0);
    const QString durability = bar.fsync
        ? QStringLiteral("fsync on: every file durable, the disk's speed")
        : QStringLiteral("fsync off: the page cache's speed, not the disk's (it writes the files later, untimed)");
    if (bar.mode == kRawMode)
        return QStringLiteral("raw write: %1, one plain sequential stream of the same bytes; %2")
            .arg(speed, durability);
    return QStringLiteral("%1: %2, %3 in %4; %5")
        .arg(bar.mode, speed, writersText(bar.writers), formatSeconds(bar.seconds), durability);
}

void CsvChart::refresh()
{
    const std::vector<Bar> bars = shownBars();
    QStringList categories;
    bool anyWithoutFsync = false;
    m_series->clear();
    for (std::size_t index = 0; index < bars.size(); ++index) {
        const Bar& bar = bars[index];
        anyWithoutFsync = anyWithoutFsync || !bar.fsync;
        // Axis labels are rich text: the writers, seconds and fsync go on lines under the mode (a
        // bar label can only format the bar's own value).
        QString category = bar.mode.toHtmlEscaped() + QStringLiteral("<br>");
        if (bar.mode != kRawMode)
            category += writersText(bar.writers) + QStringLiteral(" · ") + formatSeconds(bar.seconds)
                + QStringLiteral("<br>");
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
    for (const Bar& bar : bars)
        highest = std::max(highest, bar.mbPerSecond);
    // Headroom above the tallest bar for its label, which sits outside the bar's end.
    setAxisRange(m_valueAxis, 0.0, highest > 0.0 ? highest * 1.15 : 1.0);
    // applyNiceNumbers() starts from the tick count it left last time: reset it so the same
    // values always get the same axis.
    m_valueAxis->setTickCount(5);
    m_valueAxis->applyNiceNumbers();
}

} // namespace calcprof
