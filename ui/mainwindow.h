#pragma once

#include "experiment.h"
#include "experimentplan.h"
#include "summary.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <functional>

class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;

namespace calcprof {

class ControlsPanel;
class CsvChart;
class ResultsModel;
class RunController;
struct SequentialWrite;
class SpeedupView;
class TimelineView;
class TimeView;

/// The calcprof desktop window: controls on the left, the live timing and CSV charts, the results
/// table and the log. Work runs through a RunController, off the GUI thread.
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

    /// Starts a run of the plan the controls describe. False (with the reason in the log and status
    /// bar) if it is invalid.
    bool run();
    void cancel();
    [[nodiscard]] bool isRunning() const;

    /// The chart views, in the order of their tabs.
    enum class ChartView { Time, Speedup, Timeline, Csv };
    void showView(ChartView view);
    [[nodiscard]] ChartView currentView() const;
    /// The chart of the current view (the timeline's upper chart).
    [[nodiscard]] QChartView* currentChartView() const;

    /// Exports the chart of the current view as shown. Empty on success, else why not (no dialog).
    QString exportChartPng(const QString& path, qreal scale = 2.0);
    /// Every run so far in the CLI's JSON schema. Empty on success, else why not.
    QString exportResultsJson(const QString& path) const;
    /// The results table as comma-separated values. Empty on success, else why not.
    QString exportResultsCsv(const QString& path) const;

    /// The longest the event loop went without running a 10 ms timer during the last run: how
    /// responsive the window stayed while the work ran on other threads.
    [[nodiscard]] double longestEventLoopGapMs() const { return m_longestGapMs; }

    /// Measures the raw sequential write the CSV chart compares with: the current CSV stage's bytes
    /// in one stream, in its folder, with its fsync setting. Runs in the background; the result
    /// appears on the CSV chart (and rawWriteMeasured() is emitted).
    void measureRawWrite();

    /// The title an exported chart carries: strategies, pool size, machine.
    [[nodiscard]] QString chartTitle() const;

    ControlsPanel* controls() const { return m_controls; }
    TimeView* timeView() const { return m_timeView; }
    SpeedupView* speedupView() const { return m_speedupView; }
    TimelineView* timelineView() const { return m_timelineView; }
    /// What every view shows: the summary of every run so far.
    const ExperimentSummary& summary() const { return m_summary; }
    CsvChart* csvChart() const { return m_csvChart; }
    ResultsModel* resultsModel() const { return m_results; }
    RunController* controller() const { return m_controller; }
    QPlainTextEdit* logView() const { return m_log; }
    QProgressBar* progressBar() const { return m_progress; }

    void loadSettings(QSettings& settings);
    void saveSettings(QSettings& settings) const;

Q_SIGNALS:
    /// Re-emitted from the controller once the window has taken the results in.
    void runFinished(const calcprof::Experiment& experiment);
    /// A raw write reference was measured (mbPerSecond is 0 and error set when it failed).
    void rawWriteMeasured(double mbPerSecond, const QString& error);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    QWidget* buildChartArea();
    QWidget* buildBottomArea();
    void connectController();
    void appendLog(const QString& line);
    void onRunFinished(const Experiment& experiment);
    void refreshSummaryViews();
    void onRawWriteMeasured(const SequentialWrite& result);
    /// Asks for a path, runs `exportTo` on it and reports a failure in a dialog.
    void exportInteractively(const QString& title, const QString& suggestedName, const QString& filter,
        const std::function<QString(const QString&)>& exportTo);
    void copySelectedResults() const;
    void updateElapsed();

    RunController* m_controller = nullptr;
    ControlsPanel* m_controls = nullptr;
    TimeView* m_timeView = nullptr;
    SpeedupView* m_speedupView = nullptr;
    TimelineView* m_timelineView = nullptr;
    CsvChart* m_csvChart = nullptr;
    QTabWidget* m_chartTabs = nullptr;
    QPushButton* m_measureRaw = nullptr;
    ResultsModel* m_results = nullptr;
    QSortFilterProxyModel* m_sortedResults = nullptr;
    QTableView* m_table = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_elapsedLabel = nullptr;
    QElapsedTimer m_elapsed;
    QTimer m_elapsedTicker;
    QTimer m_responsivenessTicker;
    QElapsedTimer m_sinceLastTick;
    double m_longestGapMs = 0.0;

    ExperimentPlan m_runningPlan;
    int m_runNumber = 0;
    Experiment m_allRuns; ///< every finished run so far, merged: what the views summarise and JSON exports
    ExperimentSummary m_summary;
};

} // namespace calcprof
