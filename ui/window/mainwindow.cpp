#include "ui/window/mainwindow.h"

#include "core/format/units.h"
#include "core/model/results.h"
#include "ui/charts/chartarea.h"
#include "ui/charts/timeview.h"
#include "ui/report/reportwriter.h"
#include "ui/results/baselinepanel.h"
#include "ui/results/resultspanel.h"
#include "ui/results/summarypanel.h"
#include "ui/session/plansettings.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/fileactions.h"
#include "ui/window/logview.h"
#include "ui/window/shortcutguard.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>

#include <algorithm>

namespace calcprof {

namespace {
constexpr int kElapsedTickMs = 100;

QString windowTitleText()
{
    return MainWindow::tr("calcprof — serial vs parallel, measured");
}

QString coresText(int cores)
{
    return cores == 1 ? MainWindow::tr("1 core") : MainWindow::tr("%1 cores").arg(cores);
}

/// Scrolls the controls vertically on small screens, never sideways: it is always as wide as the
/// panel wants, with room for the vertical scroll bar (asked when laid out, once styles apply).
class VerticalScrollArea final : public QScrollArea
{
public:
    VerticalScrollArea() { setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); }

    QSize minimumSizeHint() const override
    {
        const int contentWidth = widget() != nullptr ? widget()->sizeHint().width() : 0;
        return {contentWidth + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
            QScrollArea::minimumSizeHint().height()};
    }
};

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_session(new RunSession(this)) // the first child, so the first destroyed: it stops the run
{
    setWindowTitle(windowTitleText());
    setWindowIcon(QIcon(QStringLiteral(":/calcprof/calcprof.png")));
    m_session->setReportWriter(&writeReport);

    buildControlsDock();
    m_charts = new ChartArea(m_session);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_charts);
    splitter->addWidget(buildBottomArea());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);
    buildStatusBar();
    buildMenus();
    connectControls();
    connectSession();
    resize(1280, 820);
}

void MainWindow::buildControlsDock()
{
    m_controls = new ControlsPanel;
    auto* scroll = new VerticalScrollArea;
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName(QStringLiteral("controlsDock"));
    dock->setWidget(scroll);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
}

QWidget* MainWindow::buildBottomArea()
{
    m_results = new ResultsPanel(m_session);
    m_log = new LogView;
    m_baseline = new BaselinePanel(m_session);
    m_bottomTabs = new QTabWidget;
    m_summary = new SummaryPanel(m_session);
    m_bottomTabs->addTab(m_results, tr("Results"));
    m_bottomTabs->addTab(m_summary, tr("Summary"));
    m_bottomTabs->setTabToolTip(m_bottomTabs->indexOf(m_summary),
        tr("One row per set, strategy and pool size: the medians, intervals, speedups and bounds the views plot"));
    m_bottomTabs->addTab(m_log, tr("Log"));
    m_bottomTabs->addTab(m_baseline, tr("Baseline"));
    return m_bottomTabs;
}

void MainWindow::buildStatusBar()
{
    m_progress = new QProgressBar;
    m_progress->setFormat(QStringLiteral("%v / %m"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_elapsedLabel = new QLabel;
    // The machine, always in view: every number in the window is this machine's.
    const EnvironmentInfo& machine = m_session->environment();
    m_machineLabel = new QLabel(tr("%1 · %2").arg(coresText(machine.cores), machine.cpu));
    m_machineLabel->setToolTip(tr("%1 · %2 · %3 build").arg(machine.os, machine.compiler, machine.buildType));
    statusBar()->addPermanentWidget(m_baseline->statusLabel());
    statusBar()->addPermanentWidget(m_machineLabel);
    statusBar()->addPermanentWidget(m_elapsedLabel);
    statusBar()->addPermanentWidget(m_progress);
    m_elapsedTicker.setInterval(kElapsedTickMs);
    connect(&m_elapsedTicker, &QTimer::timeout, this, &MainWindow::updateElapsed);
}

void MainWindow::buildMenus()
{
    m_fileActions = new FileActions(m_session, m_charts, m_results, m_summary, this);

    QMenu* runMenu = menuBar()->addMenu(tr("E&xperiment")); // Alt+R is the Run button's
    QAction* run = runMenu->addAction(tr("&Run"), m_session, &RunSession::run);
    run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    runMenu->addAction(tr("&Cancel"), m_session, &RunSession::cancel);

    // The window's commands work whatever field has the focus (a field would take Ctrl+E as "end
    // of line"); Return in a field only confirms it: a run is Ctrl+R.
    auto* guard = new ShortcutGuard(this);
    guard->guard(m_fileActions->exportChartAction());
    guard->guard(run);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    // The selected rows of the table on screen: the runs, or the summary.
    QAction* copy = edit->addAction(tr("&Copy selected rows (TSV)"), this, [this] {
        if (m_bottomTabs->currentWidget() == m_summary)
            m_summary->copySelected();
        else
            m_results->copySelected();
    });
    copy->setShortcut(QKeySequence::Copy);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About calcprof"), this, [this] {
        QMessageBox::about(this, tr("About calcprof"),
            tr("<b>calcprof %1</b><p>Times serial and parallel strategies on the classic "
               "'calc' exercise and shows why a pool cannot beat its longest task.</p>")
                .arg(QStringLiteral(CALCPROF_VERSION)));
    });
}

void MainWindow::connectControls()
{
    // The session runs what the controls describe.
    m_session->setDraftSource([this] {
        return RunSession::Draft {m_controls->plan(), m_controls->validationError(), m_controls->autoRerun()};
    });
    connect(m_controls, &ControlsPanel::runRequested, m_session, &RunSession::run);
    connect(m_controls, &ControlsPanel::cancelRequested, m_session, &RunSession::cancel);
    connect(m_controls, &ControlsPanel::poolSizeChanged, m_session, &RunSession::poolSizeEdited);
    // Opened results: the controls say what they measured; Run measures the same on this machine.
    connect(m_session, &RunSession::resultsOpened, this, [this] { m_controls->setPlan(m_session->experiment().plan); });
}

void MainWindow::connectSession()
{
    connect(m_session, &RunSession::logLine, m_log, &LogView::appendLine);
    connect(m_session, &RunSession::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_session, &RunSession::runningChanged, this, [this](bool running) {
        m_controls->setRunning(running);
        if (running)
            m_elapsedTicker.start();
        else
            m_elapsedTicker.stop();
        updateElapsed();
    });
    auto showProgress = [this](int done, int total) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(done);
    };
    connect(m_session, &RunSession::runStarted, this, [showProgress](int total) { showProgress(0, total); });
    connect(m_session, &RunSession::progress, this, showProgress);
    connect(m_session, &RunSession::runsCleared, this, [this] { setWindowTitle(windowTitleText()); });
    connect(m_session, &RunSession::resultsOpened, this,
        [this] { setWindowTitle(tr("%1 — calcprof (saved run)").arg(m_session->savedRunFile())); });
    connect(m_session, &RunSession::baselineChanged, this, [this] {
        if (m_session->hasBaseline())
            m_bottomTabs->setCurrentWidget(m_baseline);
    });
}

void MainWindow::updateElapsed()
{
    const qint64 elapsedMs = m_session->elapsedMs();
    m_elapsedLabel->setText(
        elapsedMs >= 0 ? tr("elapsed %1").arg(formatSeconds(static_cast<double>(elapsedMs) / 1000.0)) : QString());
}

void MainWindow::loadSettings(QSettings& settings)
{
    m_controls->setPlan(PlanSettings(&settings).load());
    m_controls->setAutoRerun(settings.value(QStringLiteral("ui/autoRerun"), false).toBool());
    m_charts->timeView()->logScaleBox()->setChecked(settings.value(QStringLiteral("ui/logScale"), true).toBool());
    restoreGeometry(settings.value(QStringLiteral("ui/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("ui/state")).toByteArray());
}

void MainWindow::saveSettings(QSettings& settings) const
{
    PlanSettings(&settings).save(m_controls->plan());
    settings.setValue(QStringLiteral("ui/autoRerun"), m_controls->autoRerun());
    settings.setValue(QStringLiteral("ui/logScale"), m_charts->timeView()->logScaleBox()->isChecked());
    settings.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("ui/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_session->stop();
    event->accept();
}

} // namespace calcprof
