#pragma once

#include "core/analysis/summary.h"
#include "core/analysis/viewdata.h"
#include "core/model/results.h"
#include "core/report/report.h"

#include <QTabWidget>

#include <optional>

class QChartView;
class QPushButton;
class QTimer;

namespace calcprof {

class CsvChart;
class FindingsPanel;
class RunSession;
class ScriptChart;
class SpeedupView;
class TimelineView;
class TimeView;

/// The window's figures, one tab each: Time, Speedup, Timeline, CSV write, Findings, and Your program
/// once a script has run. They are fed an
/// ExperimentSummary (time, speedup) and the finished runs (timeline). Only the view on screen
/// redraws; the others catch up when their tab is chosen. Given a RunSession, the area follows it
/// (its summary, runs, CSV stages, raw write and baseline) and exports its charts titled by it.
class ChartArea : public QTabWidget
{
    Q_OBJECT

public:
    /// In the order of the tabs.
    enum class View { Time, Speedup, Timeline, Csv, Findings, Program };

    /// Follows `session`: what it shows, and after a run or opened results its default view.
    explicit ChartArea(RunSession* session, QWidget* parent = nullptr);

    void showSummary(const ExperimentSummary& summary);
    /// Forgets every run: the timeline (which lists the session's runs) and the CSV chart start again.
    void clearRuns();
    /// A baseline drawn dashed in the time and speedup views (none: removed); `name` labels it.
    void setBaseline(const std::optional<ExperimentSummary>& baseline, const QString& name = {});

    /// Shows `view` at once, with what the session has pending summarised first: an export may follow.
    void showView(View view);
    /// Shows `view` with `focus` chosen in it (the time view's pool size, the speedup view's set, the
    /// timeline's run). Empty on success, else what is missing ("no run of 'processes' with 7 workers
    /// on set 1"); the view is shown either way.
    QString showView(View view, const ViewFocus& focus);
    [[nodiscard]] View currentView() const;
    /// The chart of the current view (the timeline's upper chart); nullptr on the Findings tab.
    [[nodiscard]] QChartView* currentChartView() const;

    /// The title an exported chart carries: what it shows (strategies, pool size), and the machine.
    [[nodiscard]] QString chartTitle() const;
    /// Exports the chart of the current tab as shown, in the format the extension names (.png at
    /// `pngScale` x, .svg, .pdf). Empty on success, else why not (no dialog).
    QString exportChart(const QString& path, qreal pngScale = 2.0) const;

    [[nodiscard]] TimeView* timeView() const { return m_timeView; }
    [[nodiscard]] SpeedupView* speedupView() const { return m_speedupView; }
    [[nodiscard]] TimelineView* timelineView() const { return m_timelineView; }
    [[nodiscard]] CsvChart* csvChart() const { return m_csvChart; }
    [[nodiscard]] FindingsPanel* findingsPanel() const { return m_findings; }
    [[nodiscard]] ScriptChart* scriptChart() const { return m_scriptChart; }
    /// Shows the view, set and run a report figure names (the Findings tab's links).
    void showFigure(const ReportFigure& figure);
    /// Above the CSV chart: measures the raw sequential write it compares with.
    [[nodiscard]] QPushButton* measureRawButton() const { return m_measureRaw; }

private:
    void follow();
    /// After a sweep the speedup against pool size is the figure to read; a timeline or CSV chart
    /// the user chose stays, though.
    void showDefaultView();
    void showBaseline();
    void refreshCurrentView();
    void flushTimeline();
    QString applyFocus(View view, const ViewFocus& focus);
    /// Rebuilds the Findings tab from the session's report (when it is on screen), at most every
    /// kFindingsThrottleMs while a run goes on.
    void refreshFindings();
    void findingsChanged();

    TimeView* m_timeView = nullptr;
    SpeedupView* m_speedupView = nullptr;
    TimelineView* m_timelineView = nullptr;
    CsvChart* m_csvChart = nullptr;
    QPushButton* m_measureRaw = nullptr;
    FindingsPanel* m_findings = nullptr;
    ScriptChart* m_scriptChart = nullptr; ///< its tab is shown once a script has run or is running
    QTimer* m_findingsTimer = nullptr;
    RunSession* m_session = nullptr;
    ExperimentSummary m_summary;
    bool m_timeStale = false;
    bool m_speedupStale = false;
    bool m_timelineStale = false; ///< the session has runs the timeline has not listed yet
    bool m_findingsStale = true;
};

} // namespace calcprof
