#pragma once

#include <QMainWindow>
#include <QTimer>

class QLabel;
class QProgressBar;
class QSettings;
class QTabWidget;

namespace calcprof {

class BaselinePanel;
class ChartArea;
class ControlsPanel;
class FileActions;
class LogView;
class ResultsPanel;
class SummaryPanel;
class RunSession;

/// The calcprof desktop window: controls on the left, the live charts, the results table, the log
/// and the baseline. It only composes: the RunSession holds the runs and what is shown, and each
/// page is handed the session and follows it (as KDAB Hotspot's MainWindow builds its pages).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(MainWindow)

    [[nodiscard]] RunSession* session() const { return m_session; }
    [[nodiscard]] ControlsPanel* controls() const { return m_controls; }
    [[nodiscard]] ChartArea* charts() const { return m_charts; }
    [[nodiscard]] ResultsPanel* results() const { return m_results; }
    [[nodiscard]] SummaryPanel* summaryPanel() const { return m_summary; }
    [[nodiscard]] BaselinePanel* baselinePanel() const { return m_baseline; }
    [[nodiscard]] FileActions* fileActions() const { return m_fileActions; }
    [[nodiscard]] LogView* logView() const { return m_log; }
    [[nodiscard]] QProgressBar* progressBar() const { return m_progress; }
    [[nodiscard]] QLabel* machineLabel() const { return m_machineLabel; }

    void loadSettings(QSettings& settings);
    void saveSettings(QSettings& settings) const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildControlsDock();
    QWidget* buildBottomArea();
    void buildStatusBar();
    void buildMenus();
    void connectControls();
    void connectSession();
    void updateElapsed();

    RunSession* m_session;
    ControlsPanel* m_controls = nullptr;
    ChartArea* m_charts = nullptr;
    ResultsPanel* m_results = nullptr;
    SummaryPanel* m_summary = nullptr;
    BaselinePanel* m_baseline = nullptr;
    LogView* m_log = nullptr;
    QTabWidget* m_bottomTabs = nullptr;
    FileActions* m_fileActions = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_elapsedLabel = nullptr;
    QLabel* m_machineLabel = nullptr;
    QTimer m_elapsedTicker;
};

} // namespace calcprof
