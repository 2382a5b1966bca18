#include "ui/window/fileactions.h"

#include "core/report/reportgaps.h"
#include "ui/charts/chartarea.h"
#include "ui/results/resultspanel.h"
#include "ui/results/summarypanel.h"
#include "ui/session/runsession.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStatusBar>

namespace calcprof {

FileActions::FileActions(
    RunSession* session, ChartArea* charts, ResultsPanel* results, SummaryPanel* summary, QMainWindow* window)
    : QObject(window)
    , m_session(session)
    , m_charts(charts)
    , m_results(results)
    , m_summary(summary)
    , m_window(window)
{
    m_chooseSavePath = [window](const QString& title, const QString& suggestedName, const QString& filter) {
        return QFileDialog::getSaveFileName(window, title, suggestedName, filter);
    };
    QMenu* file = window->menuBar()->addMenu(tr("&File"));
    addOpenActions(file);
    file->addSeparator();
    addExportActions(file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), window, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    connect(
        session, &RunSession::baselineChanged, this, [this] { m_clearBaseline->setEnabled(m_session->hasBaseline()); });
}

void FileActions::addOpenActions(QMenu* file)
{
    QAction* openResults = file->addAction(tr("&Open results…"), this, [this] {
        openInteractively(tr("Open results"), [this](const QString& path) { return m_session->openResults(path); });
    });
    openResults->setShortcut(QKeySequence::Open);
    openResults->setToolTip(tr("Look again at a run saved with --json or File → Export results as JSON"));
    file->addAction(tr("Open &baseline…"), this, [this] {
        openInteractively(tr("Open baseline"), [this](const QString& path) { return m_session->openBaseline(path); });
    });
    m_clearBaseline = file->addAction(tr("C&lear baseline"), m_session, &RunSession::clearBaseline);
    m_clearBaseline->setEnabled(false);
    file->addSeparator();
    QAction* profile = file->addAction(tr("Profile a &Python script…"), this, &FileActions::profileScriptInteractively);
    profile->setToolTip(tr("Run your own program as it is, with the Python interpreter of the controls: its time_me "
                           "lines, wall time, CPU, memory and processes"));
}

void FileActions::profileScriptInteractively()
{
    const QString title = tr("Profile a Python script");
    const QString path
        = QFileDialog::getOpenFileName(m_window, title, QString(), tr("Python scripts (*.py);;All files (*)"));
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString arguments = QInputDialog::getText(m_window, title,
        tr("Arguments for %1 (optional; quoted as in a shell):").arg(QFileInfo(path).fileName()), QLineEdit::Normal,
        QString(), &ok);
    if (!ok)
        return;
    // It runs in a fresh temporary folder, removed after, as --script does without --script-dir.
    m_session->runScript(ScriptPlan {QFileInfo(path).absoluteFilePath(), QProcess::splitCommand(arguments), {}});
}

void FileActions::addExportActions(QMenu* file)
{
    m_exportChart = file->addAction(tr("Export &chart…"), this, [this] {
        exportInteractively(tr("Export chart"), QStringLiteral("calcprof-chart.png"),
            tr("PNG image, 2x (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"),
            [this](const QString& path) { return m_charts->exportChart(path); });
    });
    m_exportChart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportChart->setToolTip(tr("Export the chart of the current tab as PNG, SVG or PDF"));
    file->addAction(tr("Export results as &JSON…"), this, [this] {
        exportInteractively(tr("Export results as JSON"), QStringLiteral("calcprof-results.json"), tr("JSON (*.json)"),
            [this](const QString& path) { return m_session->exportResultsJson(path); });
    });
    file->addAction(tr("Export &timeline as Chrome trace…"), this, [this] {
        exportInteractively(tr("Export timeline as Chrome trace"), QStringLiteral("calcprof-trace.json"),
            tr("Chrome trace (*.json)"), [this](const QString& path) { return m_session->exportTimelineTrace(path); });
    });
    file->addAction(tr("Export results as &CSV…"), this, [this] {
        exportInteractively(tr("Export results as CSV"), QStringLiteral("calcprof-results.csv"), tr("CSV (*.csv)"),
            [this](const QString& path) { return m_results->exportCsv(path); });
    });
    file->addAction(tr("Export &summary as CSV…"), this, [this] {
        exportInteractively(tr("Export summary as CSV"), QStringLiteral("calcprof-summary.csv"), tr("CSV (*.csv)"),
            [this](const QString& path) { return m_summary->exportCsv(path); });
    });
    file->addAction(tr("Save &report…"), this, &FileActions::saveReportInteractively)
        ->setToolTip(tr("The exercise's questions answered from these runs, with their figures: HTML or Markdown"));
}

void FileActions::saveReportInteractively()
{
    if (m_session->isRunning()) {
        showMessage(tr("Wait for the run to finish first"));
        return;
    }
    QString path = m_chooseSavePath(tr("Save report"), QStringLiteral("calcprof-report.html"),
        tr("HTML page, self-contained (*.html);;Markdown, PNG figures beside it (*.md)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".html");
    if (!saveReportNow(path))
        return;
    if (const QString error = m_session->saveReport(path); !error.isEmpty())
        QMessageBox::critical(m_window, tr("Save report failed"), error);
    else
        showMessage(tr("Saved %1").arg(path));
}

bool FileActions::saveReportNow(const QString& path)
{
    const ReportGaps gaps = m_session->reportGaps();
    if (!gaps.any())
        return true;
    QStringList missing;
    if (gaps.sweep)
        missing << tr("a pool-size sweep (what does Pool(size) change?)");
    if (gaps.csv)
        missing << tr("the CSV stage (the parallel writer against save_serial)");
    QMessageBox question(QMessageBox::Question, tr("Save report"),
        tr("These runs have no %1, so the report would say what to run instead of answering.")
            .arg(missing.join(tr(" and no "))),
        QMessageBox::NoButton, m_window);
    const QPushButton* runFirst = question.addButton(tr("Run the missing parts, then save"), QMessageBox::AcceptRole);
    const QPushButton* asItIs = question.addButton(tr("Save as it is"), QMessageBox::DestructiveRole);
    question.addButton(QMessageBox::Cancel);
    question.exec();
    if (question.clickedButton() == runFirst)
        m_session->runMissingPartsThenSaveReport(path);
    return question.clickedButton() == asItIs;
}

void FileActions::exportInteractively(const QString& title, const QString& suggestedName, const QString& filter,
    const std::function<QString(const QString&)>& exportTo)
{
    const QString path = m_chooseSavePath(title, suggestedName, filter);
    if (path.isEmpty())
        return;
    if (const QString error = exportTo(path); !error.isEmpty())
        QMessageBox::critical(m_window, tr("Export failed"), error);
    else
        showMessage(tr("Saved %1").arg(path));
}

void FileActions::openInteractively(const QString& title, const std::function<QString(const QString&)>& open)
{
    const QString path
        = QFileDialog::getOpenFileName(m_window, title, QString(), tr("calcprof results (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = open(path); !error.isEmpty())
        QMessageBox::warning(m_window, title, error);
}

void FileActions::showMessage(const QString& text, int timeoutMs)
{
    m_window->statusBar()->showMessage(text, timeoutMs);
}

} // namespace calcprof
