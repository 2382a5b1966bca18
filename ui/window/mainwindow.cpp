#include "ui/window/mainwindow.h"

#include "core/analysis/summary.h"
#include "core/format/figuretitle.h"
#include "core/format/runlog.h"
#include "core/format/units.h"
#include "core/io/chrometrace.h"
#include "core/io/resultsexport.h"
#include "core/io/savedrun.h"
#include "core/model/environment.h"
#include "core/model/numbersets.h"
#include "core/report/report.h"
#include "ui/charts/chartarea.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/csvchart.h"
#include "ui/charts/speedupview.h"
#include "ui/charts/timelinechart.h"
#include "ui/charts/timelineview.h"
#include "ui/charts/timeview.h"
#include "ui/report/reportwriter.h"
#include "ui/results/baselinepanel.h"
#include "ui/results/resultsmodel.h"
#include "ui/session/offthreadrunner.h"
#include "ui/session/plansettings.h"
#include "ui/window/controlspanel.h"
#include "ui/window/logview.h"
#include "ui/window/shortcutguard.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace calcprof {

namespace {
constexpr int kElapsedTickMs = 100;
constexpr int kResponsivenessTickMs = 10;
// The views redraw at most this often while runs finish: live to the eye, cheap for the event loop.
constexpr int kViewRefreshMs = 50;
constexpr int kRerunDebounceMs = 300;
constexpr int kWarningMs = 20000;

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
    , m_controller(new OffThreadRunner(this))
    , m_environment(currentEnvironment())
{
    setWindowTitle(windowTitleText());
    setWindowIcon(QIcon(QStringLiteral(":/calcprof/calcprof.png")));

    m_controls = new ControlsPanel;
    auto* scroll = new VerticalScrollArea;
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName(QStringLiteral("controlsDock"));
    dock->setWidget(scroll);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(buildChartArea());
    splitter->addWidget(buildBottomArea());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);

    m_progress = new QProgressBar;
    m_progress->setFormat(QStringLiteral("%v / %m"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_elapsedLabel = new QLabel;
    // The machine, always in view: every number in the window is this machine's.
    m_machineLabel = new QLabel(tr("%1 · %2").arg(coresText(m_environment.cores), m_environment.cpu));
    m_machineLabel->setToolTip(
        tr("%1 · %2 · %3 build").arg(m_environment.os, m_environment.compiler, m_environment.buildType));
    statusBar()->addPermanentWidget(m_baseline->statusLabel());
    statusBar()->addPermanentWidget(m_machineLabel);
    statusBar()->addPermanentWidget(m_elapsedLabel);
    statusBar()->addPermanentWidget(m_progress);
    m_elapsedTicker.setInterval(kElapsedTickMs);
    connect(&m_elapsedTicker, &QTimer::timeout, this, &MainWindow::updateElapsed);
    m_viewRefresh.setSingleShot(true);
    m_viewRefresh.setInterval(kViewRefreshMs);
    connect(&m_viewRefresh, &QTimer::timeout, this, &MainWindow::refreshSummaryViews);
    m_responsivenessTicker.setInterval(kResponsivenessTickMs);
    m_responsivenessTicker.setTimerType(Qt::PreciseTimer);
    connect(&m_responsivenessTicker, &QTimer::timeout, this, [this] {
        m_longestGapMs = std::max(m_longestGapMs, static_cast<double>(m_sinceLastTick.nsecsElapsed()) / 1e6);
        m_sinceLastTick.start();
    });

    m_chooseSavePath = [this](const QString& title, const QString& suggestedName, const QString& filter) {
        return QFileDialog::getSaveFileName(this, title, suggestedName, filter);
    };
    buildMenus();
    connectController();
    connect(m_controls, &ControlsPanel::runRequested, this, &MainWindow::run);
    connect(m_controls, &ControlsPanel::cancelRequested, this, &MainWindow::cancel);
    m_rerunDebounce.setSingleShot(true);
    m_rerunDebounce.setInterval(kRerunDebounceMs);
    connect(m_controls, &ControlsPanel::poolSizeChanged, this, [this] {
        if (m_controls->autoRerun())
            m_rerunDebounce.start();
    });
    connect(&m_rerunDebounce, &QTimer::timeout, this, [this] {
        if (m_controls->autoRerun() && m_controls->validationError().isEmpty())
            run();
    });
    resize(1280, 820);
}

MainWindow::~MainWindow()
{
    m_controller->cancelAndWait();
}

QWidget* MainWindow::buildChartArea()
{
    m_charts = new ChartArea;
    connect(m_charts->measureRawButton(), &QPushButton::clicked, this, &MainWindow::measureRawWrite);
    return m_charts;
}

QWidget* MainWindow::buildBottomArea()
{
    m_results = new ResultsModel(this);
    m_sortedResults = new QSortFilterProxyModel(this);
    m_sortedResults->setSourceModel(m_results);
    m_sortedResults->setSortRole(ResultsModel::kSortRole);
    m_table = new QTableView;
    m_table->setModel(m_sortedResults);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();

    m_log = new LogView;

    // Opened results say where they came from, above the rows they fill.
    m_savedRunLabel = new QLabel;
    m_savedRunLabel->setWordWrap(true);
    m_savedRunLabel->hide();
    auto* resultsPage = new QWidget;
    auto* resultsLayout = new QVBoxLayout(resultsPage);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_savedRunLabel);
    resultsLayout->addWidget(m_table, 1);
    m_baseline = new BaselinePanel;

    m_bottomTabs = new QTabWidget;
    m_bottomTabs->addTab(resultsPage, tr("Results"));
    m_bottomTabs->addTab(m_log, tr("Log"));
    m_bottomTabs->addTab(m_baseline, tr("Baseline"));
    return m_bottomTabs;
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openResults = file->addAction(tr("&Open results…"), this, [this] {
        openInteractively(tr("Open results"), [this](const QString& path) { return this->openResults(path); });
    });
    openResults->setShortcut(QKeySequence::Open);
    openResults->setToolTip(tr("Look again at a run saved with --json or File → Export results as JSON"));
    file->addAction(tr("Open &baseline…"), this,
        [this] { openInteractively(tr("Open baseline"), [this](const QString& path) { return openBaseline(path); }); });
    m_clearBaseline = file->addAction(tr("C&lear baseline"), this, &MainWindow::clearBaseline);
    m_clearBaseline->setEnabled(false);
    file->addSeparator();
    m_exportChart = file->addAction(tr("Export &chart…"), this, [this] {
        exportInteractively(tr("Export chart"), QStringLiteral("calcprof-chart.png"),
            tr("PNG image, 2x (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"),
            [this](const QString& path) { return exportChart(path); });
    });
    m_exportChart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportChart->setToolTip(tr("Export the chart of the current tab as PNG, SVG or PDF"));
    file->addAction(tr("Export results as &JSON…"), this, [this] {
        exportInteractively(tr("Export results as JSON"), QStringLiteral("calcprof-results.json"), tr("JSON (*.json)"),
            [this](const QString& path) { return exportResultsJson(path); });
    });
    file->addAction(tr("Export &timeline as Chrome trace…"), this, [this] {
        exportInteractively(tr("Export timeline as Chrome trace"), QStringLiteral("calcprof-trace.json"),
            tr("Chrome trace (*.json)"), [this](const QString& path) { return exportTimelineTrace(path); });
    });
    file->addAction(tr("Export results as &CSV…"), this, [this] {
        exportInteractively(tr("Export results as CSV"), QStringLiteral("calcprof-results.csv"), tr("CSV (*.csv)"),
            [this](const QString& path) { return exportResultsCsv(path); });
    });
    file->addAction(tr("Save &report…"), this, &MainWindow::saveReportInteractively)
        ->setToolTip(tr("The exercise's questions answered from these runs, with their figures: HTML or Markdown"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* runMenu = menuBar()->addMenu(tr("E&xperiment")); // Alt+R is the Run button's
    m_runAction = runMenu->addAction(tr("&Run"), this, &MainWindow::run);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    runMenu->addAction(tr("&Cancel"), this, &MainWindow::cancel);

    // The window's commands work whatever field has the focus (a field would take Ctrl+E as "end
    // of line"); Return in a field only confirms it: a run is Ctrl+R.
    auto* guard = new ShortcutGuard(this);
    guard->guard(m_exportChart);
    guard->guard(m_runAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* copy = edit->addAction(tr("&Copy results (TSV)"), this, &MainWindow::copySelectedResults);
    copy->setShortcut(QKeySequence::Copy);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About calcprof"), this, [this] {
        QMessageBox::about(this, tr("About calcprof"),
            tr("<b>calcprof %1</b><p>Times serial and parallel strategies on the classic "
               "'calc' exercise and shows why a pool cannot beat its longest task.</p>")
                .arg(QStringLiteral(CALCPROF_VERSION)));
    });
}

void MainWindow::connectController()
{
    connect(m_controller, &OffThreadRunner::runStarted, this, [this](int totalSteps) {
        m_progress->setRange(0, std::max(1, totalSteps));
        m_progress->setValue(0);
    });
    connect(m_controller, &OffThreadRunner::setFinished, this, [this](const SetRun& run) {
        // Every view reads one summary of every run so far; a bar or point appears when its set
        // run has ended, never half-measured.
        m_allRuns.runs.push_back(run);
        m_runsForViews.push_back(run);
        // Set 1's runs end microseconds apart and arrive in bursts: the views are redrawn once per
        // burst, when the event loop is next idle, not once per run.
        if (!m_viewRefresh.isActive())
            m_viewRefresh.start();
        m_results->addRun(m_runNumber, run);
        appendLog(runLogLine(run));
    });
    connect(m_controller, &OffThreadRunner::csvFileWritten, this,
        [this](const CsvFileResult& file) { appendLog(wroteLine(file)); });
    connect(m_controller, &OffThreadRunner::csvStageFinished, this, [this](const CsvRun& run) {
        m_charts->csvChart()->addCsvRun(run);
        appendLog(runLogLine(run));
    });
    connect(m_controller, &OffThreadRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(done);
    });
    connect(m_controller, &OffThreadRunner::runFailed, this, [this](const QString& message) {
        appendLog(tr("Failed: %1").arg(message));
        statusBar()->showMessage(message.section(u'\n', 0, 0), 10000);
    });
    connect(m_controller, &OffThreadRunner::runFinished, this, &MainWindow::onRunFinished);
    connect(m_controller, &OffThreadRunner::rawWriteMeasured, this, &MainWindow::onRawWriteMeasured);
}

bool MainWindow::run()
{
    const QString error = m_controls->validationError();
    if (!error.isEmpty()) {
        statusBar()->showMessage(error, 10000);
        return false;
    }
    if (m_controller->isRunning()) {
        // The run going on finishes: its points are what the user asked for too. At most one
        // request waits, the latest.
        const QString message = m_queuedPlan
            ? tr("Queued (replacing the queued run): the next run starts when run %1 finishes").arg(m_runNumber)
            : tr("Queued: the next run starts when run %1 finishes").arg(m_runNumber);
        m_queuedPlan = m_controls->plan();
        appendLog(message);
        statusBar()->showMessage(message);
        return true;
    }
    return start(m_controls->plan());
}

bool MainWindow::start(const ExperimentPlan& plan)
{
    if (!m_controller->start(plan))
        return false;
    statusBar()->clearMessage();
    if (!m_savedRunFile.isEmpty()) {
        // Measurements of this build on this machine never mix with a saved run's (the baseline
        // is the way to compare with it): a run after opened results starts afresh.
        appendLog(tr("The run replaces the results opened from %1").arg(m_savedRunFile));
        forgetRuns();
    }
    ++m_runNumber;
    if (m_allRuns.version.isEmpty()) {
        m_allRuns.version = QStringLiteral(CALCPROF_VERSION);
        m_allRuns.environment = currentEnvironment();
    }
    m_allRuns.plan = plan; // the plan of the latest run: what the figures' titles describe
    appendLog(tr("Run %1: sets %2; strategies %3; pool size %4; repeat %5 (+%6 warm-up); CSV %7")
                  .arg(m_runNumber)
                  .arg(formatNumberSets(plan.sets), plan.strategies.join(u','), formatPoolSizes(plan.poolSizes))
                  .arg(plan.repeat)
                  .arg(plan.warmup)
                  .arg(plan.csv.mode));
    m_controls->setRunning(true);
    m_elapsed.start();
    m_elapsedTicker.start();
    m_longestGapMs = 0.0;
    m_sinceLastTick.start();
    m_responsivenessTicker.start();
    updateElapsed();
    return true;
}

void MainWindow::cancel()
{
    if (!m_controller->isRunning())
        return;
    m_controller->cancel();
    appendLog(m_queuedPlan ? tr("Cancelling… (and the queued run)") : tr("Cancelling…"));
    m_queuedPlan.reset();
}

bool MainWindow::isRunning() const
{
    return m_controller->isRunning();
}

void MainWindow::onRunFinished(const Experiment& experiment)
{
    m_elapsedTicker.stop();
    m_responsivenessTicker.stop();
    updateElapsed();
    m_controls->setRunning(false);
    refreshSummaryViews(); // what is still pending, before anyone reads the views
    // After a sweep the speedup against pool size is the figure to read; don't pull the user away
    // from a timeline or CSV chart they chose, though.
    if (m_allRuns.plan.poolSizes.size() > 1 && m_charts->currentView() == ChartView::Time)
        showView(ChartView::Speedup);
    // The set runs came one by one (setFinished); the CSV stage is added here.
    m_allRuns.csv.insert(m_allRuns.csv.end(), experiment.csv.begin(), experiment.csv.end());
    m_allRuns.cancelled = m_allRuns.cancelled || experiment.cancelled;
    const QString status
        = experiment.cancelled ? tr("Run %1 cancelled").arg(m_runNumber) : tr("Run %1 finished").arg(m_runNumber);
    appendLog(tr("%1 in %2; the window's event loop never waited longer than %3 ms")
                  .arg(status, formatSeconds(static_cast<double>(m_elapsed.elapsed()) / 1000.0))
                  .arg(m_longestGapMs, 0, 'f', 1));
    statusBar()->showMessage(status, 5000);
    reportCompetition(experiment);
    Q_EMIT runFinished(experiment);
    if (const QString path = std::exchange(m_pendingReportPath, QString()); !path.isEmpty()) {
        const bool failed
            = std::any_of(experiment.runs.begin(), experiment.runs.end(), [](const SetRun& run) { return !run.ok(); })
            || std::any_of(experiment.csv.begin(), experiment.csv.end(), [](const CsvRun& run) { return !run.ok(); });
        const QString error = experiment.cancelled || failed
            ? tr("the report was not saved: the run for its missing parts %1")
                  .arg(experiment.cancelled ? tr("was cancelled") : tr("failed (see the log)"))
            : saveReport(path);
        appendLog(error.isEmpty() ? tr("Saved the report to %1").arg(path) : error);
        statusBar()->showMessage(error.isEmpty() ? tr("Saved %1").arg(path) : error, kWarningMs);
        Q_EMIT reportSaved(path, error);
    }
    if (m_queuedPlan) {
        const ExperimentPlan next = *m_queuedPlan;
        m_queuedPlan.reset();
        start(next);
    }
}

QString MainWindow::openResults(const QString& path)
{
    SavedRun saved;
    QString error = isRunning()
        ? tr("%1: not opened during a run; wait for it to finish, or cancel it").arg(QDir::toNativeSeparators(path))
        : readSavedRun(path, saved);
    if (!error.isEmpty()) {
        appendLog(tr("Could not open results: %1").arg(error));
        statusBar()->showMessage(error, kWarningMs);
        return error;
    }
    const QString description = saved.description();
    forgetRuns();
    m_allRuns = std::move(saved.experiment);
    m_runsForViews = m_allRuns.runs;
    for (const SetRun& run : m_allRuns.runs)
        m_results->addRun(1, run);
    for (const CsvRun& run : m_allRuns.csv)
        m_charts->csvChart()->addCsvRun(run);
    if (m_allRuns.rawWrite)
        m_charts->csvChart()->setRawReference(m_allRuns.rawWrite->mbPerSecond, m_allRuns.rawWrite->fsync);
    m_savedRunFile = saved.fileName();
    m_savedRunDate = saved.modified.isValid() ? saved.modified.date().toString(Qt::ISODate) : QString();
    m_savedRunLabel->setText(tr("<b>Opened from %1</b> (%2). Run replaces these results; to compare with them, "
                                "open the file as the baseline (File → Open baseline…).")
                                 .arg(m_savedRunFile.toHtmlEscaped(), description.toHtmlEscaped()));
    m_savedRunLabel->show();
    setWindowTitle(tr("%1 — calcprof (saved run)").arg(m_savedRunFile));
    appendLog(tr("Opened results %1: %2").arg(QDir::toNativeSeparators(path), description));
    // The controls say what the results shown measured; Run measures the same on this machine.
    m_controls->setPlan(m_allRuns.plan);
    refreshSummaryViews();
    if (m_allRuns.plan.poolSizes.size() > 1 && m_charts->currentView() == ChartView::Time)
        showView(ChartView::Speedup);
    statusBar()->showMessage(tr("Opened %1").arg(m_savedRunFile), 5000);
    return {};
}

QString MainWindow::openBaseline(const QString& path)
{
    if (QString error = m_baseline->load(path); !error.isEmpty()) {
        appendLog(tr("Could not open the baseline: %1").arg(error));
        statusBar()->showMessage(error, kWarningMs);
        return error;
    }
    const SavedRun& baseline = m_baseline->baseline();
    m_baseline->compareWith(m_allRuns);
    m_charts->setBaseline(m_baseline->summary(), baseline.fileName());
    m_clearBaseline->setEnabled(true);
    appendLog(tr("Baseline %1: %2").arg(QDir::toNativeSeparators(path), baseline.description()));
    if (const QString context = comparisonContext(m_baseline->comparison()); !context.isEmpty())
        appendLog(tr("Baseline %1: %2").arg(baseline.fileName(), context));
    m_bottomTabs->setCurrentWidget(m_baseline);
    statusBar()->showMessage(tr("Comparing with the baseline %1").arg(baseline.fileName()), 5000);
    return {};
}

void MainWindow::clearBaseline()
{
    if (!m_baseline->hasBaseline())
        return;
    appendLog(tr("Baseline %1 cleared").arg(m_baseline->baseline().fileName()));
    m_baseline->clear();
    m_charts->setBaseline(std::nullopt);
    m_clearBaseline->setEnabled(false);
}

void MainWindow::forgetRuns()
{
    m_allRuns = Experiment {};
    m_runsForViews.clear();
    m_runNumber = 0;
    m_results->clear();
    m_charts->clearRuns();
    m_savedRunFile.clear();
    m_savedRunDate.clear();
    m_savedRunLabel->hide();
    setWindowTitle(windowTitleText());
    refreshSummaryViews();
}

void MainWindow::reportCompetition(const Experiment& experiment)
{
    int competed = 0;
    double worst = 0.0;
    for (const SetRun& run : experiment.runs) {
        const double share = otherProcessesShare(run, m_environment.cores);
        if (share <= kCompetingShareThreshold)
            continue;
        ++competed;
        worst = std::max(worst, share);
        appendLog(tr("Other processes took %1 % of the CPU during '%2' on set %3 (%4 workers, repetition %5)")
                      .arg(qRound(share * 100.0))
                      .arg(run.strategy)
                      .arg(run.setIndex)
                      .arg(run.poolSize)
                      .arg(run.repetition));
    }
    if (competed == 0)
        return;
    // The status bar has room for the warning, not for "Run N finished" too (that is in the log).
    const QString warning = tr("Other processes took up to %1 % of the CPU during %2: rerun on a quieter machine")
                                .arg(qRound(worst * 100.0))
                                .arg(competed == 1 ? tr("1 run") : tr("%1 runs").arg(competed));
    appendLog(warning);
    statusBar()->showMessage(warning, kWarningMs);
}

void MainWindow::appendLog(const QString& line)
{
    m_log->appendLine(line);
}

void MainWindow::updateElapsed()
{
    m_elapsedLabel->setText(m_elapsed.isValid()
            ? tr("elapsed %1").arg(formatSeconds(static_cast<double>(m_elapsed.elapsed()) / 1000.0))
            : QString());
}

void MainWindow::measureRawWrite()
{
    const ExperimentPlan plan = m_controls->plan();
    if (!m_controls->validationError().isEmpty() || isRunning()) {
        statusBar()->showMessage(
            isRunning() ? tr("Wait for the run to finish first") : m_controls->validationError(), 5000);
        return;
    }
    const std::uint64_t bytes = csvStageBytes(csvStageValues(plan), plan.csv.row);
    const QString directory = plan.csv.directory.isEmpty() ? QDir::tempPath() : plan.csv.directory;
    m_charts->measureRawButton()->setEnabled(false);
    appendLog(tr("Measuring a raw sequential write of %1 in %2%3…")
                  .arg(formatBytes(bytes), directory, plan.csv.fsync ? tr(" with fsync") : QString()));
    m_rawWriteFsync = plan.csv.fsync;
    m_controller->measureRawWrite(directory, bytes, plan.csv.fsync);
}

void MainWindow::onRawWriteMeasured(const SequentialWrite& result)
{
    m_charts->measureRawButton()->setEnabled(true);
    if (result.error.isEmpty()) {
        m_charts->csvChart()->setRawReference(result.mbPerSecond, m_rawWriteFsync);
        // Saved results and reports carry the reference the CSV modes are read against.
        m_allRuns.rawWrite = RawWriteReference {result.bytes, result.wallSeconds, result.mbPerSecond, m_rawWriteFsync};
        appendLog(tr("Raw sequential write: %1 in %2 secs, %3 MB/s")
                      .arg(formatBytes(result.bytes))
                      .arg(result.wallSeconds, 0, 'f', 4)
                      .arg(result.mbPerSecond, 0, 'f', 0));
    } else {
        appendLog(tr("Raw sequential write failed: %1").arg(result.error));
    }
    Q_EMIT rawWriteMeasured(result.mbPerSecond, result.error);
}

QString MainWindow::chartTitle() const
{
    // Opened results are the saved run's: its plan, its machine, the file and its date.
    const bool saved = !m_savedRunFile.isEmpty();
    const ExperimentPlan& plan = m_runNumber > 0 || saved ? m_allRuns.plan : m_controls->plan();
    return figureTitle(currentChartView()->chart()->title(), plan, m_summary,
        saved ? m_allRuns.environment : currentEnvironment(),
        saved ? QDate::fromString(m_savedRunDate, Qt::ISODate) : QDate::currentDate(),
        saved ? m_savedRunFile : QString());
}

void MainWindow::refreshSummaryViews()
{
    m_viewRefresh.stop();
    m_charts->addRuns(m_runsForViews);
    m_runsForViews.clear();
    m_summary = summarizeExperiment(m_allRuns);
    m_charts->showSummary(m_summary);
    m_results->setSummary(m_summary);
    m_baseline->compareWith(m_allRuns); // the comparison follows the runs as they finish
}

void MainWindow::showView(ChartView view)
{
    refreshSummaryViews(); // what is pending first: an export may follow at once
    m_charts->showView(view);
}

MainWindow::ChartView MainWindow::currentView() const
{
    return m_charts->currentView();
}

QChartView* MainWindow::currentChartView() const
{
    return m_charts->currentChartView();
}

QString MainWindow::exportChart(const QString& path, qreal pngScale) const
{
    QChartView* chart = currentChartView();
    if (chart == nullptr)
        return tr("cannot export the chart to %1: the current tab shows no chart").arg(QDir::toNativeSeparators(path));
    return calcprof::exportChart(chart, path, pngScale, chartTitle());
}

QString MainWindow::exportResultsJson(const QString& path) const
{
    return exportRunsJson(m_allRuns, path);
}

QString MainWindow::exportTimelineTrace(const QString& path) const
{
    return writeChromeTrace(m_allRuns, path);
}

QString MainWindow::exportResultsCsv(const QString& path) const
{
    return writeTextFile(m_results->toCsv(), path, QStringLiteral("CSV"));
}

ReportGaps MainWindow::reportGaps() const
{
    return findReportGaps(m_allRuns);
}

QString MainWindow::saveReport(const QString& path) const
{
    Experiment experiment = m_allRuns;
    if (m_runNumber == 0) { // nothing run: the report of the plan on the screen, with nothing measured
        experiment.version = QStringLiteral(CALCPROF_VERSION);
        experiment.environment = m_environment;
        experiment.plan = m_controls->plan();
    }
    const ExperimentSummary summary = summarizeExperiment(experiment);
    return writeReport(buildReport(experiment, summary), experiment, summary, path);
}

bool MainWindow::runMissingPartsThenSaveReport(const QString& path)
{
    if (isRunning()) {
        statusBar()->showMessage(tr("Wait for the run to finish first"), 5000);
        return false;
    }
    const ExperimentPlan plan = planFillingGaps(m_runNumber > 0 ? m_allRuns.plan : m_controls->plan(), reportGaps());
    if (const QString error = validatePlan(plan); !error.isEmpty()) {
        statusBar()->showMessage(error, 10000);
        return false;
    }
    if (!start(plan))
        return false;
    m_pendingReportPath = path;
    appendLog(tr("The report is saved to %1 when this run finishes").arg(path));
    return true;
}

void MainWindow::saveReportInteractively()
{
    if (isRunning()) {
        statusBar()->showMessage(tr("Wait for the run to finish first"), 5000);
        return;
    }
    QString path = m_chooseSavePath(tr("Save report"), QStringLiteral("calcprof-report.html"),
        tr("HTML page, self-contained (*.html);;Markdown, PNG figures beside it (*.md)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".html");
    if (const ReportGaps gaps = reportGaps(); gaps.any()) {
        QStringList missing;
        if (gaps.sweep)
            missing << tr("a pool-size sweep (what does Pool(size) change?)");
        if (gaps.csv)
            missing << tr("the CSV stage (the parallel writer against save_serial)");
        QMessageBox question(QMessageBox::Question, tr("Save report"),
            tr("These runs have no %1, so the report would say what to run instead of answering.")
                .arg(missing.join(tr(" and no "))),
            QMessageBox::NoButton, this);
        const QPushButton* runFirst
            = question.addButton(tr("Run the missing parts, then save"), QMessageBox::AcceptRole);
        const QPushButton* asItIs = question.addButton(tr("Save as it is"), QMessageBox::DestructiveRole);
        question.addButton(QMessageBox::Cancel);
        question.exec();
        if (question.clickedButton() == runFirst)
            runMissingPartsThenSaveReport(path);
        if (question.clickedButton() != asItIs)
            return;
    }
    if (const QString error = saveReport(path); !error.isEmpty())
        QMessageBox::critical(this, tr("Save report failed"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::exportInteractively(const QString& title, const QString& suggestedName, const QString& filter,
    const std::function<QString(const QString&)>& exportTo)
{
    const QString path = m_chooseSavePath(title, suggestedName, filter);
    if (path.isEmpty())
        return;
    if (const QString error = exportTo(path); !error.isEmpty())
        QMessageBox::critical(this, tr("Export failed"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::openInteractively(const QString& title, const std::function<QString(const QString&)>& open)
{
    const QString path
        = QFileDialog::getOpenFileName(this, title, QString(), tr("calcprof results (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = open(path); !error.isEmpty())
        QMessageBox::warning(this, title, error);
}

void MainWindow::copySelectedResults() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& index : selected)
        rows << m_sortedResults->mapToSource(index).row();
    std::sort(rows.begin(), rows.end());
    QApplication::clipboard()->setText(m_results->toTsv(rows));
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
    // Closing mid-run cancels cleanly: the compute stops within milliseconds and the CSV stage
    // removes its temporary files before the runner returns.
    m_rerunDebounce.stop();
    m_queuedPlan.reset();
    if (m_controller->isRunning()) {
        m_controller->cancelAndWait();
        m_controls->setRunning(false);
    }
    event->accept();
}

} // namespace calcprof
