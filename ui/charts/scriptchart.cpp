#include "ui/charts/scriptchart.h"

#include "core/format/runlog.h"
#include "core/format/scripttable.h"
#include "core/format/units.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QHorizontalStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <array>

namespace calcprof {

namespace {

const QColor kWholeRunColor(0x9e, 0x9e, 0x9e);
// One colour per time_me name, so do_parallel and do_serial read apart across the sets.
const std::array<QColor, 6> kCallColors {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
    QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2)};

/// The headline's two lines as the chart's rich-text title, the second in normal weight.
QString titleOf(const QString& headline)
{
    QString first = headline.section(u'\n', 0, 0).toHtmlEscaped();
    const QString rest = headline.section(u'\n', 1);
    if (rest.isEmpty())
        return first;
    return first + QStringLiteral("<br><span style=\"font-weight:normal\">") + rest.toHtmlEscaped()
        + QStringLiteral("</span>");
}

QString callLabel(int index, const ScriptTiming& timing, const ScriptRun& run)
{
    return QStringLiteral("%1. %2 — %3 s (%4)")
        .arg(index + 1)
        .arg(timing.name)
        .arg(timing.seconds, 0, 'f', timing.seconds < 10.0 ? 3 : 2)
        .arg(percent(run.shareOfWall(timing)));
}

} // namespace

ScriptChart::ScriptChart(QWidget* parent)
    : QChartView(parent)
    , m_series(new QHorizontalStackedBarSeries)
    , m_offset(new QBarSet(QStringLiteral("before the call")))
    , m_whole(new QBarSet(QStringLiteral("whole run")))
    , m_rows(new QBarCategoryAxis)
    , m_seconds(new QValueAxis)
{
    setObjectName(QStringLiteral("scriptChart"));
    setRenderHint(QPainter::Antialiasing);
    m_offset->setColor(Qt::transparent);
    m_offset->setBorderColor(Qt::transparent);
    m_whole->setColor(kWholeRunColor);
    m_whole->setBorderColor(kWholeRunColor);
    // A fixed set per colour, made once: sets added and removed per run leaked in Qt Charts 6.4.
    m_series->append(m_offset);
    for (const QColor& color : kCallColors) {
        auto* calls = new QBarSet(QString());
        calls->setColor(color);
        calls->setBorderColor(color);
        m_series->append(calls);
        m_calls.push_back(calls);
    }
    m_series->append(m_whole);
    m_series->setBarWidth(0.6);
    // The view's own chart: setChart() would release the default one, not delete it (a leak).
    QChart* chart = this->chart();
    chart->addSeries(m_series);
    chart->addAxis(m_rows, Qt::AlignLeft);
    chart->addAxis(m_seconds, Qt::AlignBottom);
    m_series->attachAxis(m_rows);
    m_series->attachAxis(m_seconds);
    m_seconds->setTitleText(tr("seconds from the script's start"));
    m_seconds->setLabelFormat(QStringLiteral("%.3g"));
    chart->legend()->setVisible(false);
    connect(m_series, &QHorizontalStackedBarSeries::hovered, this, [this](bool entered, int index, QBarSet* /*set*/) {
        if (!entered) {
            QToolTip::hideText();
            return;
        }
        // Categories run bottom to top; rows are numbered from the top.
        const int row = static_cast<int>(m_rows->count()) - 1 - index;
        QToolTip::showText(QCursor::pos(), rowToolTip(row), this);
    });
    setRun(std::nullopt, 1);
}

void ScriptChart::clearBars()
{
    m_offset->remove(0, m_offset->count());
    for (QBarSet* calls : m_calls)
        calls->remove(0, calls->count());
    m_whole->remove(0, m_whole->count());
    m_rows->clear();
}

void ScriptChart::showRunning(const ScriptPlan& plan)
{
    m_run.reset();
    clearBars();
    chart()->setTitle(tr("Your program: %1 is running; its time_me calls appear here when it ends, its output is in "
                         "the log")
                          .arg(scriptCommand(plan)));
}

void ScriptChart::setRun(const std::optional<ScriptRun>& run, int cores)
{
    m_run = run;
    clearBars();
    if (!run) {
        chart()->setTitle(tr("No program profiled yet: File → Profile a Python script… runs yours as it is, and "
                             "each \"Ran 'NAME' in X secs\" line becomes a bar here"));
        m_seconds->setRange(0.0, 1.0);
        return;
    }
    chart()->setTitle(titleOf(scriptHeadline(*run, cores)));
    QStringList names;
    for (const ScriptTiming& timing : run->timings) {
        if (!names.contains(timing.name))
            names << timing.name;
    }
    // Each row has a value in its name's colour set only (names past the sixth share colours).
    const auto setOf
        = [&names](const QString& name) { return static_cast<std::size_t>(names.indexOf(name)) % kCallColors.size(); };
    // Bottom to top: the whole run last of the rows, so first of the categories.
    QStringList categories {tr("whole run — %1 s").arg(run->wallSeconds, 0, 'f', 2)};
    m_offset->append(0.0);
    for (QBarSet* calls : m_calls)
        calls->append(0.0);
    m_whole->append(run->wallSeconds);
    for (int index = static_cast<int>(run->timings.size()) - 1; index >= 0; --index) {
        const ScriptTiming& timing = run->timings[static_cast<std::size_t>(index)];
        categories << callLabel(index, timing, *run);
        m_offset->append(std::max(0.0, timing.endSeconds - timing.seconds));
        for (std::size_t set = 0; set < m_calls.size(); ++set)
            m_calls[set]->append(set == setOf(timing.name) ? timing.seconds : 0.0);
        m_whole->append(0.0);
    }
    m_rows->append(categories);
    double end = run->wallSeconds;
    for (const ScriptTiming& timing : run->timings)
        end = std::max(end, timing.endSeconds);
    m_seconds->setRange(0.0, end > 0.0 ? end * 1.02 : 1.0);
}

QStringList ScriptChart::rowLabels() const
{
    QStringList labels = m_rows->categories();
    std::reverse(labels.begin(), labels.end());
    return labels;
}

QString ScriptChart::rowToolTip(int row) const
{
    if (!m_run || row < 0)
        return {};
    const auto calls = static_cast<int>(m_run->timings.size());
    if (row >= calls)
        return tr("The whole run: %1 s from start to exit, CPU %2 s over its process tree (%3 cores busy on average)")
            .arg(m_run->wallSeconds, 0, 'f', 3)
            .arg(m_run->cpuSeconds(), 0, 'f', 2)
            .arg(m_run->averageBusyCores(), 0, 'f', 2);
    const ScriptTiming& timing = m_run->timings[static_cast<std::size_t>(row)];
    return tr("%1: %2 s by its time_me line, %3 of the run; from %4 s to %5 s (when its line was read)")
        .arg(timing.name)
        .arg(timing.seconds, 0, 'f', 4)
        .arg(percent(m_run->shareOfWall(timing)))
        .arg(std::max(0.0, timing.endSeconds - timing.seconds), 0, 'f', 3)
        .arg(timing.endSeconds, 0, 'f', 3);
}

} // namespace calcprof
