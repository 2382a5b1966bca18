#include "ui/charts/timelinechart.h"

#include "core/format/units.h"
#include "core/model/numbersets.h"
#include "ui/charts/axisrange.h"
#include "ui/charts/strategycolors.h"
#include "ui/charts/timeunit.h"

#include <QAreaSeries>
#include <QBrush>
#include <QCategoryAxis>
#include <QChart>
#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace calcprof {

namespace {

// A bar fills the middle of its lane, so neighbouring lanes stay apart and idle space reads as a gap.
constexpr double kBarMargin = 0.2;
// The time axis reaches a little past the wall time, so its line is not hidden by the plot frame.
constexpr double kRangeMargin = 1.02;
// Below this the axis would have no width at all (a set run measured as 0 s).
constexpr double kMinRangeSeconds = 1e-6;

// Before the first task and the tail: time the set run took while no task ran (threads starting,
// joining).
const QColor kOverheadColor(0x9e, 0x9e, 0x9e, 90);
// A worker process's own start-up (spawn to ready) is drawn in its lane in a light tint of the
// strategy's colour: the same worker, not yet able to work.
constexpr int kStartupTintAlpha = 80;
const QColor kWallColor(0x40, 0x40, 0x40);

// An area between two horizontal segments: a filled rectangle in axis units. The area series
// does not own its lines, so they are its children and go with it.
QAreaSeries* makeRectangle(double x0, double x1, double y0, double y1)
{
    auto* upper = new QLineSeries;
    upper->append(x0, y1);
    upper->append(x1, y1);
    auto* lower = new QLineSeries;
    lower->append(x0, y0);
    lower->append(x1, y0);
    auto* area = new QAreaSeries(upper, lower);
    upper->setParent(area);
    lower->setParent(area);
    return area;
}

// 1, 2 or 5 times a power of ten: the smallest such step >= raw, for round tick labels.
double niceStep(double raw)
{
    if (!(raw > 0.0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double mantissa : {1.0, 2.0, 5.0}) {
        if (mantissa * magnitude >= raw)
            return mantissa * magnitude;
    }
    return 10.0 * magnitude;
}

} // namespace

TimelineChart::TimelineChart(QWidget* parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 200);
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setVisible(true);
    c->legend()->setAlignment(Qt::AlignBottom);
    // The labels sit on the bars, whose pixels move whenever the plot area does.
    connect(c, &QChart::plotAreaChanged, this, &TimelineChart::placeLabels);
    // The axes live as long as the chart: recreating them on every change would leave the old
    // ones' labels on screen until the event loop deletes them (and in any picture taken before).
    m_timeAxis = new QValueAxis(c);
    m_timeAxis->setLabelFormat(QStringLiteral("%g"));
    m_timeAxis->setTickType(QValueAxis::TicksDynamic);
    m_timeAxis->setTickAnchor(0.0);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    m_laneAxis = new QCategoryAxis(c);
    m_laneAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    c->addAxis(m_laneAxis, Qt::AlignLeft);
    rebuild();
}

void TimelineChart::setRun(const SetRun& run)
{
    m_run = run;
    m_timeline = timelineOf(m_run);
    m_hasRun = true;
    rebuild();
}

void TimelineChart::clear()
{
    m_run = SetRun();
    m_timeline = RunTimeline();
    m_hasRun = false;
    rebuild();
}

void TimelineChart::setTimeRange(double seconds)
{
    const double requested = std::isfinite(seconds) ? std::max(seconds, 0.0) : 0.0;
    if (requested == m_requestedRange)
        return;
    m_requestedRange = requested;
    rebuild();
}

double TimelineChart::timeRange() const
{
    return std::max({m_timeline.wallSeconds, m_requestedRange, kMinRangeSeconds});
}

QAreaSeries* TimelineChart::barSeries(int index) const
{
    return index >= 0 && index < barCount() ? m_bars[static_cast<std::size_t>(index)] : nullptr;
}

QGraphicsSimpleTextItem* TimelineChart::barLabel(int index) const
{
    return index >= 0 && index < barCount() ? m_labels[static_cast<std::size_t>(index)] : nullptr;
}

QGraphicsSimpleTextItem* TimelineChart::narrowBarsLabel(int lane) const
{
    return lane >= 0 && lane < static_cast<int>(m_hiddenLabels.size()) ? m_hiddenLabels[static_cast<std::size_t>(lane)]
                                                                       : nullptr;
}

QString TimelineChart::barToolTip(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_timeline.bars.size()))
        return {};
    const TimelineBar& bar = m_timeline.bars[static_cast<std::size_t>(index)];
    const TimelineLane& lane = m_timeline.lanes[static_cast<std::size_t>(bar.lane)];
    return QStringLiteral("task %1 on worker %2\nstart %3\nduration %4\nend %5")
        .arg(QString::number(bar.n), QString::number(lane.worker), formatSeconds(bar.start),
            formatSeconds(bar.end - bar.start), formatSeconds(bar.end));
}

QString TimelineChart::startupToolTip(int lane) const
{
    if (lane < 0 || lane >= laneCount())
        return {};
    const TimelineLane& worker = m_timeline.lanes[static_cast<std::size_t>(lane)];
    // An MPI rank (its lane names its host) is not spawned on its own: mpirun launches the whole job.
    const bool rank = !worker.host.isEmpty();
    const QString who = rank ? QStringLiteral("MPI rank %1 on %2").arg(worker.worker).arg(worker.host)
                             : QStringLiteral("worker process %1").arg(worker.worker);
    const QString started = rank ? QStringLiteral("mpirun launched at") : QStringLiteral("spawned at");
    if (!worker.ready) {
        return QStringLiteral("%1 starting\n%2 %3\nkilled at %4, not yet ready: the run ended first")
            .arg(who, started, formatSeconds(worker.spawnSeconds), formatSeconds(worker.readySeconds));
    }
    return QStringLiteral("%1 starting\n%2 %3\nready at %4\nstart-up %5")
        .arg(who, started, formatSeconds(worker.spawnSeconds), formatSeconds(worker.readySeconds),
            formatSeconds(worker.readySeconds - worker.spawnSeconds));
}

QString TimelineChart::titleOf(const SetRun& run, const RunTimeline& timeline)
{
    // Two lines, as the window's figures: which run, then its figures (one line was cut to "…" at
    // the window's width once the start-up was added).
    QString title = QStringLiteral("%1 · set %2 (%3) · %4 · rep %5")
                        .arg(run.strategy, QString::number(run.setIndex), formatNumberSet(run.numbers),
                            countOf(run.poolSize, QStringLiteral("worker")), QString::number(run.repetition + 1))
                        .toHtmlEscaped();
    QString figures = QStringLiteral("%1 wall · first task after %2 · idle %3")
                          .arg(formatSeconds(timeline.wallSeconds), formatSeconds(timeline.firstTaskSeconds),
                              formatSeconds(timeline.idleSeconds));
    if (timeline.busyCores > 0.0)
        figures += QStringLiteral(" · %1 cores busy").arg(timeline.busyCores, 0, 'f', 2);
    if (!run.workerStartups.empty()) {
        // The start-up (first spawn to the last ready) the spawn bars show and the JSON's startup_seconds
        // holds: "start-up 4.10 ms (all 7 ready)", or "(6 of 7 ready)" when the run ended first.
        const auto total = static_cast<qsizetype>(run.workerStartups.size());
        const auto ready = static_cast<qsizetype>(std::count_if(run.workerStartups.begin(), run.workerStartups.end(),
            [](const WorkerStartup& startup) { return startup.ready; }));
        figures += QStringLiteral(" · start-up %1 ").arg(formatSeconds(run.startupSeconds))
            + (ready == total ? QStringLiteral("(all %1 ready)").arg(total)
                              : QStringLiteral("(%1 of %2 ready)").arg(ready).arg(total));
    }
    if (!run.ok())
        figures += QStringLiteral(" · failed: ") + run.error.section(u'\n', 0, 0);
    return title + QStringLiteral("<br><span style=\"font-weight:normal\">") + figures.toHtmlEscaped()
        + QStringLiteral("</span>");
}

double TimelineChart::laneBottom(int lane) const
{
    // Worker 1 on top, as the list of workers reads.
    return static_cast<double>(laneCount() - 1 - lane);
}

void TimelineChart::rebuild()
{
    clearDrawing();
    const double range = timeRange();
    const TimeUnit unit = unitFor(range);
    m_unitFactor = unit.factor;
    const double top = std::max(laneCount(), 1);
    rebuildAxes(range, unit.name, top);

    QChart* c = chart();
    if (!m_hasRun) {
        c->setTitle(tr("No set run chosen"));
        return;
    }
    c->setTitle(titleOf(m_run, m_timeline));
    const QColor color = strategyColor(m_run.strategy);
    // Grey bands first, so the bars are drawn over them.
    addOverheadBands(top);
    addStartupBars(color);
    addReturnTripBars(color);
    addTaskBars(color);
    addLaneNotes(color);
    addWallLine(top);
    placeLabels();
}

void TimelineChart::clearDrawing()
{
    for (QGraphicsSimpleTextItem* label : m_labels)
        delete label;
    m_labels.clear();
    m_bars.clear();
    m_startupBars.clear();
    m_returnTripBars.clear();
    for (QGraphicsSimpleTextItem* label : m_idleLabels)
        delete label;
    m_idleLabels.clear();
    for (QGraphicsSimpleTextItem* note : m_hiddenLabels)
        delete note;
    m_hiddenLabels.clear();
    chart()->removeAllSeries();
}

void TimelineChart::rebuildAxes(double range, const QString& unitName, double top)
{
    m_timeAxis->setTitleText(QStringLiteral("time since the set run started (") + unitName + QStringLiteral(")"));
    // The axis ends just past the range, not at the next round number: the wall line then sits near
    // the right edge and two charts with one range end at the same place.
    setAxisRange(m_timeAxis, 0.0, range * m_unitFactor * kRangeMargin);
    // From the range the axis took: ticks over an endless range would never end.
    m_timeAxis->setTickInterval(niceStep(m_timeAxis->max() / kRangeMargin / 6.0));

    const QStringList oldLanes = m_laneAxis->categoriesLabels();
    for (const QString& label : oldLanes)
        m_laneAxis->remove(label);
    setAxisRange(m_laneAxis, 0.0, top + m_laneHeadroom);
    // Categories go bottom-up: the last worker first. Worker processes say so; MPI ranks say where.
    for (int lane = laneCount() - 1; lane >= 0; --lane) {
        m_laneAxis->append(laneLabel(m_timeline.lanes[static_cast<std::size_t>(lane)], !m_run.workerStartups.empty()),
            laneBottom(lane) + 1.0);
    }
}

void TimelineChart::attach(QAbstractSeries* series)
{
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_laneAxis);
}

void TimelineChart::addOverheadBands(double top)
{
    const double lastEnd = m_timeline.wallSeconds - m_timeline.tailSeconds;
    std::vector<QAreaSeries*> overheads;
    if (m_timeline.firstTaskSeconds > 0.0)
        overheads.push_back(makeRectangle(0.0, m_timeline.firstTaskSeconds * m_unitFactor, 0.0, top));
    if (m_timeline.tailSeconds > 0.0)
        overheads.push_back(makeRectangle(lastEnd * m_unitFactor, m_timeline.wallSeconds * m_unitFactor, 0.0, top));
    for (std::size_t i = 0; i < overheads.size(); ++i) {
        QAreaSeries* band = overheads[i];
        band->setName(tr("no task running"));
        band->setBrush(kOverheadColor);
        band->setPen(Qt::NoPen);
        attach(band);
        // One legend entry for both bands.
        if (i > 0)
            chart()->legend()->markers(band).constFirst()->setVisible(false);
    }
}

void TimelineChart::addStartupBars(const QColor& color)
{
    // Each worker process's start-up, spawn to ready, in its own lane under where its tasks go; one
    // still starting when the run ended (killed, never ready) is hatched instead of filled.
    QColor tint = color;
    tint.setAlpha(kStartupTintAlpha);
    QPen startupPen(color);
    startupPen.setWidthF(1.0);
    startupPen.setStyle(Qt::DotLine);
    bool readyInLegend = false;
    bool killedInLegend = false;
    for (std::size_t lane = 0; lane < m_timeline.lanes.size(); ++lane) {
        const TimelineLane& worker = m_timeline.lanes[lane];
        if (!(worker.readySeconds > worker.spawnSeconds))
            continue;
        const double y = laneBottom(static_cast<int>(lane));
        QAreaSeries* series = makeRectangle(worker.spawnSeconds * m_unitFactor, worker.readySeconds * m_unitFactor,
            y + kBarMargin, y + 1.0 - kBarMargin);
        const QString readyName
            = worker.host.isEmpty() ? tr("process spawn to ready") : tr("mpirun launch to rank ready");
        series->setName(worker.ready ? readyName : tr("killed before ready"));
        series->setBrush(worker.ready ? QBrush(tint) : QBrush(color, Qt::BDiagPattern));
        series->setPen(startupPen);
        attach(series);
        bool& inLegend = worker.ready ? readyInLegend : killedInLegend;
        if (inLegend)
            chart()->legend()->markers(series).constFirst()->setVisible(false);
        inLegend = true;
        const int index = static_cast<int>(lane);
        connect(series, &QAreaSeries::hovered, this, [this, index](const QPointF&, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), startupToolTip(index), this);
            else
                QToolTip::hideText();
        });
        m_startupBars.push_back(series);
    }
}

void TimelineChart::addReturnTripBars(const QColor& color)
{
    // After a task's bar, the time its result took to reach the parent: pickled, sent and unpickled
    // from a worker process (py-pool, py-futures; they record their start-ups), handed from a worker
    // thread to the main one under the GIL otherwise (py-threads). Cross-hatched like nothing else drawn.
    const bool processes = !m_run.workerStartups.empty();
    const QString what = processes ? tr("pickling, transfer") : tr("hand-over to the main thread");
    QPen pen(color.darker(150));
    pen.setWidthF(1.0);
    pen.setStyle(Qt::DotLine);
    for (const TimelineBar& bar : m_timeline.bars) {
        if (!(bar.returnTripSeconds > 0.0))
            continue;
        const double y = laneBottom(bar.lane);
        QAreaSeries* series = makeRectangle(bar.end * m_unitFactor, (bar.end + bar.returnTripSeconds) * m_unitFactor,
            y + kBarMargin, y + 1.0 - kBarMargin);
        series->setName(tr("result's return trip (%1)").arg(what));
        series->setBrush(QBrush(color, Qt::DiagCrossPattern));
        series->setPen(pen);
        attach(series);
        if (!m_returnTripBars.empty())
            chart()->legend()->markers(series).constFirst()->setVisible(false);
        const QString tip = tr("task %1: result back in the parent %2 after the task ended (%3)")
                                .arg(bar.n)
                                .arg(formatSeconds(bar.returnTripSeconds), what);
        connect(series, &QAreaSeries::hovered, this, [this, tip](const QPointF&, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), tip, this);
            else
                QToolTip::hideText();
        });
        m_returnTripBars.push_back(series);
    }
}

void TimelineChart::addTaskBars(const QColor& color)
{
    QChart* c = chart();
    QPen barPen(color.darker(150));
    barPen.setWidthF(1.0);
    const QColor labelColor = color.lightnessF() > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
    for (std::size_t i = 0; i < m_timeline.bars.size(); ++i) {
        const TimelineBar& bar = m_timeline.bars[i];
        const double y = laneBottom(bar.lane);
        QAreaSeries* series
            = makeRectangle(bar.start * m_unitFactor, bar.end * m_unitFactor, y + kBarMargin, y + 1.0 - kBarMargin);
        // A strategy that splits its tasks draws the pieces, each labelled with its task.
        const bool split = std::any_of(
            m_run.tasks.begin(), m_run.tasks.end(), [](const TaskTiming& task) { return !task.slices.empty(); });
        series->setName(m_run.strategy + (split ? QStringLiteral(" piece of a task") : QStringLiteral(" task")));
        series->setBrush(color);
        series->setPen(barPen);
        attach(series);
        if (i > 0)
            c->legend()->markers(series).constFirst()->setVisible(false);
        const int index = static_cast<int>(i);
        connect(series, &QAreaSeries::hovered, this, [this, index](const QPointF&, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), barToolTip(index), this);
            else
                QToolTip::hideText();
        });
        m_bars.push_back(series);

        auto* label = new QGraphicsSimpleTextItem(QString::number(bar.n), c);
        label->setBrush(labelColor);
        label->setZValue(100.0); // over the series
        m_labels.push_back(label);
    }
}

void TimelineChart::addLaneNotes(const QColor& color)
{
    QChart* c = chart();
    for (std::size_t lane = 0; lane < m_timeline.lanes.size(); ++lane) {
        auto* note = new QGraphicsSimpleTextItem(c);
        note->setBrush(color.darker(150));
        note->setZValue(100.0);
        m_hiddenLabels.push_back(note);
    }
    for (const TimelineLane& lane : m_timeline.lanes) {
        auto* label = new QGraphicsSimpleTextItem(QStringLiteral("idle ") + formatSeconds(lane.idleSeconds), c);
        label->setBrush(kWallColor);
        label->setZValue(100.0);
        m_idleLabels.push_back(label);
    }
}

void TimelineChart::addWallLine(double top)
{
    auto* wall = new QLineSeries;
    wall->setName(tr("wall time of the set run"));
    wall->append(m_timeline.wallSeconds * m_unitFactor, 0.0);
    wall->append(m_timeline.wallSeconds * m_unitFactor, top);
    QPen wallPen(kWallColor);
    wallPen.setWidthF(1.5);
    wallPen.setStyle(Qt::DashLine);
    wall->setPen(wallPen);
    attach(wall);
}

void TimelineChart::placeLabels()
{
    placeBarLabels();
    placeNarrowBarNotes();
    // The top lane's note of narrow bars sits above its bars: without room there it crosses the
    // plot's top edge into the title. The room depends on the plot's height, known only now.
    if (fitTopLaneNote()) {
        placeBarLabels();
        placeNarrowBarNotes();
    }
    // Each lane's idle time, written in the empty stretch after its last task (where a worker that
    // waits for the longest task shows it), when that stretch is wide enough.
    if (!m_bars.empty())
        placeIdleLabels();
}

bool TimelineChart::fitTopLaneNote()
{
    const double headroom = topLaneNoteHeadroom();
    if (std::abs(headroom - m_laneHeadroom) < 1e-3)
        return false;
    m_laneHeadroom = headroom;
    setAxisRange(m_laneAxis, 0.0, std::max(laneCount(), 1) + m_laneHeadroom);
    return true;
}

double TimelineChart::topLaneNoteHeadroom() const
{
    // Lane 0 is drawn on top (laneBottom()).
    if (m_hiddenLabels.empty() || !m_hiddenLabels.front()->isVisible())
        return 0.0;
    const double plotHeight = chart()->plotArea().height();
    const double notePixels = m_hiddenLabels.front()->boundingRect().height() + 2.0;
    if (plotHeight <= notePixels)
        return 0.0;
    // Above the top bar are (kBarMargin + h) lanes of plotHeight / (lanes + h) pixels each; solved
    // for the h that holds the note.
    const double lanes = std::max(laneCount(), 1);
    return std::max(0.0, (notePixels * lanes - kBarMargin * plotHeight) / (plotHeight - notePixels));
}

void TimelineChart::placeBarLabels()
{
    QChart* c = chart();
    for (std::size_t i = 0; i < m_labels.size() && i < m_bars.size(); ++i) {
        const TimelineBar& bar = m_timeline.bars[i];
        QGraphicsSimpleTextItem* label = m_labels[i];
        const double y = laneBottom(bar.lane) + 0.5;
        const QPointF left = c->mapToPosition(QPointF(bar.start * m_unitFactor, y), m_bars[i]);
        const QPointF right = c->mapToPosition(QPointF(bar.end * m_unitFactor, y), m_bars[i]);
        const QRectF text = label->boundingRect();
        // A label wider than its bar would cover its neighbours: the tooltip still names the task.
        label->setVisible(right.x() - left.x() >= text.width() + 4.0);
        label->setPos((left.x() + right.x() - text.width()) / 2.0, left.y() - text.height() / 2.0);
    }
}

void TimelineChart::placeNarrowBarNotes()
{
    // The n of bars too narrow for their label (set 1's microsecond tasks, set 2's 30 and 25 before
    // 40) are listed once per lane, in start order, just above the first of them.
    QChart* c = chart();
    const QRectF plot = c->plotArea();
    for (std::size_t lane = 0; lane < m_hiddenLabels.size(); ++lane) {
        std::vector<std::size_t> hidden;
        for (std::size_t i = 0; i < m_labels.size() && i < m_timeline.bars.size(); ++i) {
            if (m_timeline.bars[i].lane == static_cast<int>(lane) && !m_labels[i]->isVisible())
                hidden.push_back(i);
        }
        std::stable_sort(hidden.begin(), hidden.end(),
            [this](std::size_t a, std::size_t b) { return m_timeline.bars[a].start < m_timeline.bars[b].start; });
        QGraphicsSimpleTextItem* note = m_hiddenLabels[lane];
        note->setText(narrowBarsText(hidden, note->font(), plot.width() - 4.0));
        note->setVisible(!hidden.empty());
        if (hidden.empty())
            continue;
        const TimelineBar& first = m_timeline.bars[hidden.front()];
        const QPointF anchor = c->mapToPosition(
            QPointF(first.start * m_unitFactor, laneBottom(first.lane) + 1.0 - kBarMargin), m_bars[hidden.front()]);
        const QRectF text = note->boundingRect();
        const double x
            = std::clamp(anchor.x(), plot.left() + 2.0, std::max(plot.right() - text.width() - 2.0, plot.left()));
        note->setPos(x, anchor.y() - text.height() - 1.0);
    }
}

QString TimelineChart::narrowBarsText(const std::vector<std::size_t>& hidden, const QFont& font, double width) const
{
    QStringList numbers;
    QStringList distinct;
    for (const std::size_t i : hidden) {
        numbers << QString::number(m_timeline.bars[i].n);
        if (!distinct.contains(numbers.back()))
            distinct << numbers.back();
    }
    // Split tasks leave dozens of narrow pieces: past the plot's width, say how many and of which
    // tasks instead of listing every one.
    const QFontMetricsF metrics(font);
    QString listed = numbers.join(QStringLiteral(", "));
    if (metrics.horizontalAdvance(listed) > width) {
        listed = QStringLiteral("%1 narrow pieces of tasks %2")
                     .arg(hidden.size())
                     .arg(distinct.join(QStringLiteral(", ")));
        listed = metrics.elidedText(listed, Qt::ElideRight, width);
    }
    return listed;
}

void TimelineChart::placeIdleLabels()
{
    QChart* c = chart();
    for (std::size_t lane = 0; lane < m_idleLabels.size(); ++lane) {
        double lastEnd = m_timeline.lanes[lane].readySeconds; // a process that got no task idles from then
        for (const TimelineBar& bar : m_timeline.bars) {
            if (bar.lane == static_cast<int>(lane))
                lastEnd = std::max(lastEnd, bar.end);
        }
        QGraphicsSimpleTextItem* label = m_idleLabels[lane];
        const double y = laneBottom(static_cast<int>(lane)) + 0.5;
        const QPointF from = c->mapToPosition(QPointF(lastEnd * m_unitFactor, y), m_bars.front());
        const QPointF to = c->mapToPosition(QPointF(m_timeline.wallSeconds * m_unitFactor, y), m_bars.front());
        const QRectF text = label->boundingRect();
        label->setVisible(to.x() - from.x() >= text.width() + 12.0);
        label->setPos((from.x() + to.x() - text.width()) / 2.0, from.y() - text.height() / 2.0);
    }
}

} // namespace calcprof
