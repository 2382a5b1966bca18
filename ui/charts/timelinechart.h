#pragma once

#include "core/analysis/timeline.h"
#include "core/model/results.h"

#include <QChartView>

#include <vector>

class QAbstractSeries;
class QAreaSeries;
class QCategoryAxis;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;

namespace calcprof {

/// The per-worker timeline (Gantt) of one set run: one lane per worker, one bar per task labelled
/// with its n, idle time as empty lane space, the wait for the first task and the tail shaded grey, the wall time
/// marked. Worker processes (the processes strategy) get a lane each, "process N", with their own start-up (spawn to
/// ready) drawn as a light bar before their first task. It shows why a pool cannot beat its longest task: the lane that
/// runs it ends last.
class TimelineChart : public QChartView
{
    Q_OBJECT

public:
    explicit TimelineChart(QWidget* parent = nullptr);

    /// Shows `run`; the time axis then spans its wall time unless setTimeRange() says otherwise.
    void setRun(const SetRun& run);
    /// Shows nothing.
    void clear();
    [[nodiscard]] bool hasRun() const { return m_hasRun; }
    [[nodiscard]] const SetRun& run() const { return m_run; }
    [[nodiscard]] const RunTimeline& timeline() const { return m_timeline; }

    /// The time axis spans 0 .. `seconds` (at least the run's wall time), so that two charts side by
    /// side share one scale; 0 returns to the run's own wall time.
    void setTimeRange(double seconds);
    /// The seconds the time axis spans before any nice rounding: max(wall time, setTimeRange()).
    [[nodiscard]] double timeRange() const;

    [[nodiscard]] int laneCount() const { return static_cast<int>(m_timeline.lanes.size()); }
    /// The series of bar `index` (bars in RunTimeline order), or nullptr.
    [[nodiscard]] QAreaSeries* barSeries(int index) const;
    [[nodiscard]] int barCount() const { return static_cast<int>(m_bars.size()); }
    /// What hovering bar `index` shows: task n, worker, start, duration.
    [[nodiscard]] QString barToolTip(int index) const;
    /// The start-up bars of worker processes, one per lane that has one, in lane order.
    [[nodiscard]] const std::vector<QAreaSeries*>& startupBars() const { return m_startupBars; }
    /// The return trips of tasks whose results came back from another process (py-* strategies:
    /// pickling and transfer), one per such bar, in RunTimeline::bars order.
    [[nodiscard]] const std::vector<QAreaSeries*>& returnTripBars() const { return m_returnTripBars; }
    /// What hovering lane `lane`'s start-up bar shows: spawned, ready, how long.
    [[nodiscard]] QString startupToolTip(int lane) const;
    /// The n label of bar `index`, or nullptr (a label is hidden where the bar is too narrow).
    [[nodiscard]] QGraphicsSimpleTextItem* barLabel(int index) const;
    /// Lane `lane`'s list of the n whose bars are too narrow for their own label ("10, 5, 7"), or nullptr.
    [[nodiscard]] QGraphicsSimpleTextItem* narrowBarsLabel(int lane) const;
    [[nodiscard]] QValueAxis* timeAxis() const { return m_timeAxis; }
    [[nodiscard]] QCategoryAxis* laneAxis() const { return m_laneAxis; }

    /// "pool · set 3 (40,38,42) · 2 workers · rep 1", then on a second line (rich text) "1.320 s wall ·
    /// first task after 40.0 µs · idle 0.450 s" and, for worker processes, their start-up.
    [[nodiscard]] static QString titleOf(const SetRun& run, const RunTimeline& timeline);

private:
    /// Recreates series, axes and labels from m_run and the time range.
    void rebuild();
    /// Moves the n labels onto their bars (after every change of the plot area).
    void placeLabels();
    // The parts of rebuild(), in drawing order (later ones are drawn over earlier ones).
    void clearDrawing();
    void rebuildAxes(double range, const QString& unitName, double top);
    void attach(QAbstractSeries* series); // to the chart and both axes
    void addOverheadBands(double top); // start-up and tail: no task running
    void addStartupBars(const QColor& color); // worker processes' spawn to ready
    void addTaskBars(const QColor& color); // with their labels
    void addReturnTripBars(const QColor& color); // results' pickling and transfer back, after their bars
    void addLaneNotes(const QColor& color); // per lane: narrow bars' n, idle time
    void addWallLine(double top);
    // The parts of placeLabels().
    void placeBarLabels();
    void placeNarrowBarNotes();
    /// Gives the lane axis the headroom the top lane's note needs; true when it changed.
    bool fitTopLaneNote();
    [[nodiscard]] double topLaneNoteHeadroom() const;
    void placeIdleLabels();
    /// The n of a lane's bars too narrow for their labels (`hidden`, in start order), in `width`.
    [[nodiscard]] QString narrowBarsText(const std::vector<std::size_t>& hidden, const QFont& font, double width) const;
    /// Lane `lane` (0 = worker 1, drawn at the top) spans y in [laneBottom, laneBottom + 1].
    [[nodiscard]] double laneBottom(int lane) const;

    SetRun m_run;
    RunTimeline m_timeline;
    bool m_hasRun = false;
    double m_requestedRange = 0.0;
    double m_unitFactor = 1.0;
    std::vector<QAreaSeries*> m_bars; ///< owned by the chart; in RunTimeline::bars order
    std::vector<QAreaSeries*> m_startupBars; ///< owned by the chart; worker processes' start-ups
    std::vector<QAreaSeries*> m_returnTripBars; ///< owned by the chart; results' return trips
    std::vector<QGraphicsSimpleTextItem*> m_labels; ///< owned by the chart; one per bar
    std::vector<QGraphicsSimpleTextItem*> m_idleLabels; ///< owned by the chart; one per lane
    std::vector<QGraphicsSimpleTextItem*>
        m_hiddenLabels; ///< owned by the chart; per lane, the n too wide for their bars
    double m_laneHeadroom = 0.0; ///< lanes of room above the top lane, for its note (fitTopLaneNote())
    QValueAxis* m_timeAxis = nullptr; ///< owned by the chart
    QCategoryAxis* m_laneAxis = nullptr; ///< owned by the chart
};

} // namespace calcprof
