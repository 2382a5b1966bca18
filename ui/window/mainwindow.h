#pragma once

#include "core/analysis/summary.h"
#include "core/model/experiment.h"
#include "core/model/experimentplan.h"
#include "core/report/reportgaps.h"
#include "ui/charts/chartarea.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <optional>

class QAction;
class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSettings;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;

namespace calcprof {

class BaselinePanel;
class ControlsPanel;
class CsvChart;
class LogView;
class ResultsModel;
class OffThreadRunner;
struct SequentialWrite;
class SpeedupView;
class TimelineView;
class TimeView;

/// The calcprof desktop window: controls on the left, the live timing and CSV charts, the results
/// table and the log. Work runs through a OffThreadRunner, off the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;
    MainWindow(const MainWindow&) = delete;
    MainWindow& operator=(const MainWindow&) = delete;
    MainWindow(MainWindow&&) = delete;
    MainWindow& operator=(MainWindow&&) = delete;

    /// Starts a run of the plan the controls describe; during a run, queues it to start when that
    /// one finishes (a finished point is never thrown away), replacing a plan queued before. False
    /// (with the reason in the status bar) if it is invalid.
    bool run();
    /// Cancels the current run and drops the queued one.
    void cancel();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] bool hasQueuedRun() const { return m_queuedPlan.has_value(); }

    /// The chart views, in the order of their tabs.
    using ChartView = ChartArea::View;
    void showView(ChartView view);
    [[nodiscard]] ChartView currentView() const;
    /// The chart of the current view (the timeline's upper chart).
    [[nodiscard]] QChartView* currentChartView() const;

    /// Exports the chart of the current tab as shown, in the format the extension names (.png at
    /// `pngScale` x, .svg, .pdf). Empty on success, else why not (no dialog).
    QString exportChart(const QString& path, qreal pngScale = 2.0) const;

    /// Asks for a file to save to (title, suggested name, filter); empty when the user declines.
    /// A QFileDialog by default; tests replace it to see the request without a modal dialog.
    using SavePathChooser = std::function<QString(const QString&, const QString&, const QString&)>;
    void setSavePathChooser(SavePathChooser chooser) { m_chooseSavePath = std::move(chooser); }
    /// Shows a run saved with --json in place of every run shown (views, table, timeline, CSV chart),
    /// to look at it again; the next Run replaces it, as a new session. Empty on success, else why
    /// not (naming the file; nothing shown changes). Refused during a run.
    QString openResults(const QString& path);
    /// Makes a saved run the baseline (replacing one before): dashed in the time and speedup views,
    /// compared group by group in the Baseline tab as runs finish; kept when runs are made.
    /// Empty on success, else why not (naming the file; nothing changes).
    QString openBaseline(const QString& path);
    void clearBaseline();
    [[nodiscard]] BaselinePanel* baselinePanel() const { return m_baseline; }
    /// Above the results table: where the results shown were opened from; hidden after a run.
    [[nodiscard]] QLabel* savedRunLabel() const { return m_savedRunLabel; }

    /// Every run so far in the CLI's JSON schema. Empty on success, else why not.
    QString exportResultsJson(const QString& path) const;
    /// Every run so far as a Chrome trace (core/io/chrometrace.h). Empty on success, else why not.
    QString exportTimelineTrace(const QString& path) const;
    /// The results table as comma-separated values. Empty on success, else why not.
    QString exportResultsCsv(const QString& path) const;

    /// What a report of the runs so far lacks (a pool-size sweep, the CSV stage): what File → Save
    /// report… offers to run first.
    [[nodiscard]] ReportGaps reportGaps() const;
    /// The report of every run so far (ui/report/reportwriter.h), .html or .md. Empty on success, else why
    /// not (no dialog).
    QString saveReport(const QString& path) const;
    /// Runs the latest plan extended with what reportGaps() names (planFillingGaps()), then saves the
    /// report to `path` when that run finishes without failure or cancel (reportSaved() says how it
    /// went). False, with the reason in the status bar, if the run could not start.
    bool runMissingPartsThenSaveReport(const QString& path);

    /// The longest the event loop went without running a 10 ms timer during the last run: how
    /// responsive the window stayed while the work ran on other threads.
    [[nodiscard]] double longestEventLoopGapMs() const { return m_longestGapMs; }

    /// Measures the raw sequential write the CSV chart compares with: the current CSV stage's bytes
    /// in one stream, in its folder, with its fsync setting. Runs in the background; the result
    /// appears on the CSV chart (and rawWriteMeasured() is emitted).
    void measureRawWrite();

    /// The title an exported chart carries: what it shows (strategies, pool size), and the machine.
    [[nodiscard]] QString chartTitle() const;

    ControlsPanel* controls() const { return m_controls; }
    TimeView* timeView() const { return m_charts->timeView(); }
    SpeedupView* speedupView() const { return m_charts->speedupView(); }
    TimelineView* timelineView() const { return m_charts->timelineView(); }
    /// What every view shows: the summary of every run so far.
    const ExperimentSummary& summary() const { return m_summary; }
    CsvChart* csvChart() const { return m_charts->csvChart(); }
    ResultsModel* resultsModel() const { return m_results; }
    OffThreadRunner* controller() const { return m_controller; }
    LogView* logView() const { return m_log; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* machineLabel() const { return m_machineLabel; }
    QAction* exportChartAction() const { return m_exportChart; }
    QAction* runAction() const { return m_runAction; }

    void loadSettings(QSettings& settings);
    void saveSettings(QSettings& settings) const;

Q_SIGNALS:
    /// Re-emitted from the controller once the window has taken the results in.
    void runFinished(const calcprof::Experiment& experiment);
    /// A raw write reference was measured (mbPerSecond is 0 and error set when it failed).
    void rawWriteMeasured(double mbPerSecond, const QString& error);
    /// A report saved after its missing parts ran (error empty), or not saved (why).
    void reportSaved(const QString& path, const QString& error);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    QWidget* buildChartArea();
    QWidget* buildBottomArea();
    void connectController();
    bool start(const ExperimentPlan& plan);
    void appendLog(const QString& line);
    void onRunFinished(const Experiment& experiment);
    void refreshSummaryViews();
    /// Logs the runs that other processes competed with, and says so in the status bar.
    void reportCompetition(const Experiment& experiment);
    void onRawWriteMeasured(const SequentialWrite& result);
    /// Asks for a path, runs `exportTo` on it and reports a failure in a dialog.
    void exportInteractively(const QString& title, const QString& suggestedName, const QString& filter,
        const std::function<QString(const QString&)>& exportTo);
    /// File → Save report…: asks for a file, offers to run the missing parts first, saves.
    void saveReportInteractively();
    /// Asks for a file to open, runs `open` on it and reports a failure in a dialog.
    void openInteractively(const QString& title, const std::function<QString(const QString&)>& open);
    /// Empties every view, the table and the timeline: what a run after opened results starts from.
    void forgetRuns();
    void copySelectedResults() const;
    void updateElapsed();

    OffThreadRunner* m_controller = nullptr;
    ControlsPanel* m_controls = nullptr;
    ChartArea* m_charts = nullptr;
    ResultsModel* m_results = nullptr;
    QSortFilterProxyModel* m_sortedResults = nullptr;
    QTableView* m_table = nullptr;
    LogView* m_log = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_elapsedLabel = nullptr;
    QLabel* m_machineLabel = nullptr;
    QTabWidget* m_bottomTabs = nullptr;
    QLabel* m_savedRunLabel = nullptr;
    BaselinePanel* m_baseline = nullptr;
    QAction* m_clearBaseline = nullptr;
    QAction* m_exportChart = nullptr;
    QAction* m_runAction = nullptr;
    SavePathChooser m_chooseSavePath;
    /// Coalesces the reruns of a slider being dragged: one run per pause, not one per value.
    QTimer m_rerunDebounce;
    std::optional<ExperimentPlan> m_queuedPlan;
    QString m_pendingReportPath; ///< saved when the run filling the report's gaps finishes
    EnvironmentInfo m_environment;
    bool m_rawWriteFsync = false; ///< of the raw write being measured, for its bar's label
    QElapsedTimer m_elapsed;
    QTimer m_elapsedTicker;
    QTimer m_responsivenessTicker;
    QElapsedTimer m_sinceLastTick;
    double m_longestGapMs = 0.0;

    int m_runNumber = 0;
    QString m_savedRunFile; ///< the file the runs shown were opened from; empty once a run replaces them
    QString m_savedRunDate;
    Experiment m_allRuns; ///< every finished run so far, merged: what the views summarise and JSON exports
    ExperimentSummary m_summary;
    std::vector<SetRun> m_runsForViews; ///< finished since the views were last refreshed
    QTimer m_viewRefresh; ///< single shot: one refresh per burst of finished runs
};

} // namespace calcprof
