#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;

namespace calcprof {

class ChartArea;
class ResultsPanel;
class SummaryPanel;
class RunSession;

/// The File menu: open results or a baseline, export the chart, the results (JSON, CSV) and the
/// timeline, save the report (offering to run what it lacks first), quit. It owns the dialogs;
/// what is opened, exported and saved is the session's, the chart area's and the results panel's.
class FileActions : public QObject
{
    Q_OBJECT

public:
    /// Adds the File menu to `window`'s menu bar; dialogs and messages go to `window`.
    FileActions(
        RunSession* session, ChartArea* charts, ResultsPanel* results, SummaryPanel* summary, QMainWindow* window);

    /// Asks for a file to save to (title, suggested name, filter); empty when the user declines.
    /// A QFileDialog by default; tests replace it to see the request without a modal dialog.
    using SavePathChooser = std::function<QString(const QString&, const QString&, const QString&)>;
    void setSavePathChooser(SavePathChooser chooser) { m_chooseSavePath = std::move(chooser); }

    [[nodiscard]] QAction* exportChartAction() const { return m_exportChart; }

private:
    void addOpenActions(QMenu* file);
    void addExportActions(QMenu* file);
    /// Asks for a path, runs `exportTo` on it and reports a failure in a dialog.
    void exportInteractively(const QString& title, const QString& suggestedName, const QString& filter,
        const std::function<QString(const QString&)>& exportTo);
    /// Asks for a file to open, runs `open` on it and reports a failure in a dialog.
    void openInteractively(const QString& title, const std::function<QString(const QString&)>& open);
    /// File → Profile a Python script…: asks for the script and its arguments, then runs it.
    void profileScriptInteractively();
    /// File → Save report…: asks for a file, offers to run the missing parts first, saves.
    void saveReportInteractively();
    /// Whether to save the report to `path` now: asks when the runs lack parts the report answers
    /// from, and starts the run of those parts when the user prefers that.
    bool saveReportNow(const QString& path);
    void showMessage(const QString& text, int timeoutMs = 5000);

    RunSession* m_session;
    ChartArea* m_charts;
    ResultsPanel* m_results;
    SummaryPanel* m_summary;
    QMainWindow* m_window;
    QAction* m_exportChart = nullptr;
    QAction* m_clearBaseline = nullptr;
    SavePathChooser m_chooseSavePath;
};

} // namespace calcprof
