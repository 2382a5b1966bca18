#include "ui/session/runsession.h"

#include "core/analysis/autorepeat.h"
#include "core/analysis/competition.h"
#include "core/format/figuretitle.h"
#include "core/format/runlog.h"
#include "core/format/units.h"
#include "core/io/chrometrace.h"
#include "core/io/resultsexport.h"
#include "core/model/environment.h"
#include "ui/session/offthreadrunner.h"

#include <QDate>
#include <QDir>

#include <algorithm>
#include <utility>

namespace calcprof {

namespace {
constexpr int kResponsivenessTickMs = 10;
// The views redraw at most this often while runs finish: live to the eye, cheap for the event loop.
constexpr int kViewRefreshMs = 50;
constexpr int kRerunDebounceMs = 300;
constexpr int kWarningMs = 20000;
constexpr int kNoticeMs = 5000;
constexpr int kErrorMs = 10000;

QString waitForTheRun()
{
    return RunSession::tr("Wait for the run to finish first");
}
} // namespace

RunSession::RunSession(QObject* parent)
    : QObject(parent)
    , m_runner(new OffThreadRunner(this))
    , m_draft([] { return Draft {}; })
    , m_environment(currentEnvironment())
{
    // The session keeps every set run as it arrives (onSetFinished()): the runner's finished
    // experiment need not hold the tasks a second time (the largest experiment's are ~65 MB).
    m_runner->setFinishedRunsKeepTasks(false);
    m_viewRefresh.setSingleShot(true);
    m_viewRefresh.setInterval(kViewRefreshMs);
    connect(&m_viewRefresh, &QTimer::timeout, this, &RunSession::refreshSummary);
    m_responsivenessTicker.setInterval(kResponsivenessTickMs);
    m_responsivenessTicker.setTimerType(Qt::PreciseTimer);
    connect(&m_responsivenessTicker, &QTimer::timeout, this, [this] {
        m_longestGapMs = std::max(m_longestGapMs, static_cast<double>(m_sinceLastTick.nsecsElapsed()) / 1e6);
        m_sinceLastTick.start();
    });
    m_rerunDebounce.setSingleShot(true);
    m_rerunDebounce.setInterval(kRerunDebounceMs);
    connect(&m_rerunDebounce, &QTimer::timeout, this, [this] {
        if (const Draft next = draft(); next.rerunOnEdit && next.error.isEmpty())
            run();
    });
    connectRunner();
}

RunSession::~RunSession()
{
    m_runner->cancelAndWait();
}

void RunSession::connectRunner()
{
    // taskFinished is deliberately not relayed: connected, it would copy every task to this thread.
    connect(m_runner, &OffThreadRunner::runStarted, this, &RunSession::runStarted);
    connect(m_runner, &OffThreadRunner::progress, this, &RunSession::progress);
    connect(m_runner, &OffThreadRunner::setFinished, this, &RunSession::onSetFinished);
    connect(m_runner, &OffThreadRunner::runRetried, this, [this](const QString& line) { log(line); });
    connect(
        m_runner, &OffThreadRunner::csvFileWritten, this, [this](const CsvFileResult& file) { log(wroteLine(file)); });
    connect(m_runner, &OffThreadRunner::csvStageFinished, this, [this](const CsvRun& run) {
        // A run's CSV rounds replace the earlier run's: modes are compared only within the same rounds.
        if (m_csvStagesOfThisRun++ == 0) {
            m_allRuns.csv.clear();
            m_allRuns.rawWrites.clear();
        }
        m_allRuns.csv.push_back(run);
        Q_EMIT csvStageFinished(run);
        log(runLogLine(run));
    });
    connect(m_runner, &OffThreadRunner::scriptStarted, this, [this](const ScriptPlan& plan) {
        log(scriptStartLine(plan));
        Q_EMIT scriptStarted(plan);
    });
    connect(m_runner, &OffThreadRunner::scriptOutput, this, [this](const QStringList& lines) {
        for (const QString& line : lines)
            log(scriptOutputLine(line));
    });
    connect(m_runner, &OffThreadRunner::scriptFinished, this, [this](const ScriptRun& run) {
        m_allRuns.script = run; // the latest script run replaces an earlier one
        log(runLogLine(run));
        Q_EMIT scriptFinished(run);
    });
    connect(m_runner, &OffThreadRunner::runFailed, this, [this](const QString& message) {
        log(tr("Failed: %1").arg(message));
        status(message.section(u'\n', 0, 0), kErrorMs);
    });
    connect(m_runner, &OffThreadRunner::runFinished, this, &RunSession::onRunFinished);
    connect(m_runner, &OffThreadRunner::rawWriteMeasured, this, &RunSession::onRawWriteMeasured);
}

RunSession::Draft RunSession::draft() const
{
    return m_draft();
}

bool RunSession::isRunning() const
{
    return m_runner->isRunning();
}

bool RunSession::run()
{
    const Draft next = draft();
    if (!next.error.isEmpty()) {
        status(next.error, kErrorMs);
        return false;
    }
    if (m_runner->isRunning()) {
        // The run going on finishes: its points are what the user asked for too. At most one
        // request waits, the latest.
        const QString message = m_queuedPlan
            ? tr("Queued (replacing the queued run): the next run starts when run %1 finishes").arg(m_runNumber)
            : tr("Queued: the next run starts when run %1 finishes").arg(m_runNumber);
        m_queuedPlan = next.plan;
        log(message);
        status(message, 0);
        return true;
    }
    return start(next.plan);
}

bool RunSession::start(const ExperimentPlan& plan)
{
    if (!m_runner->start(plan))
        return false;
    status({}, 0);
    if (!m_savedRunFile.isEmpty()) {
        // Measurements of this build on this machine never mix with a saved run's (the baseline
        // is the way to compare with it): a run after opened results starts afresh.
        log(tr("The run replaces the results opened from %1").arg(m_savedRunFile));
        forgetRuns();
    }
    ++m_runNumber;
    m_csvStagesOfThisRun = 0;
    m_allRuns = std::move(m_allRuns).stamped();
    // The plan of the latest run: what the figures' titles describe. A script run alone measures no
    // set, so the figures keep the plan of the runs they show.
    if (plan.strategies.isEmpty() && plan.script.enabled())
        m_allRuns.plan.script = plan.script;
    else
        m_allRuns.plan = plan;
    log(tr("Run %1: %2").arg(m_runNumber).arg(planLine(plan)));
    m_elapsed.start();
    m_longestGapMs = 0.0;
    m_sinceLastTick.start();
    m_responsivenessTicker.start();
    Q_EMIT runningChanged(true);
    return true;
}

void RunSession::cancel()
{
    if (!m_runner->isRunning())
        return;
    m_runner->cancel();
    log(m_queuedPlan ? tr("Cancelling… (and the queued run)") : tr("Cancelling…"));
    m_queuedPlan.reset();
}

void RunSession::poolSizeEdited()
{
    if (draft().rerunOnEdit)
        m_rerunDebounce.start();
}

void RunSession::stop()
{
    // Closing mid-run cancels cleanly: the compute stops within milliseconds and the CSV stage
    // removes its temporary files before the runner returns.
    m_rerunDebounce.stop();
    m_queuedPlan.reset();
    if (m_runner->isRunning()) {
        m_runner->cancelAndWait();
        m_responsivenessTicker.stop();
        Q_EMIT runningChanged(false);
    }
}

void RunSession::onSetFinished(const SetRun& run)
{
    // Every view reads one summary of every run so far; a bar or point appears when its set run
    // has ended, never half-measured.
    m_allRuns.runs.push_back(run);
    // Set 1's runs end microseconds apart and arrive in bursts: the views are redrawn once per
    // burst, when the event loop is next idle, not once per run.
    if (!m_viewRefresh.isActive())
        m_viewRefresh.start();
    Q_EMIT setFinished(run);
    log(runLogLine(run));
}

void RunSession::onRunFinished(const Experiment& experiment)
{
    m_responsivenessTicker.stop();
    Q_EMIT runningChanged(false);
    m_allRuns.setRounds = experiment.setRounds; // --repeat auto's rounds of this run, for the views and the log
    refreshSummary(); // what is still pending, before anyone reads the views
    // The set runs and CSV stages came one by one (setFinished, csvStageFinished); the raw writes of
    // the CSV rounds are taken here, with the stages as the runner recorded them.
    if (!experiment.csv.empty()) {
        m_allRuns.csv = experiment.csv;
        m_allRuns.rawWrites = experiment.rawWrites;
    }
    m_csvStagesOfThisRun = 0;
    m_allRuns.cancelled = m_allRuns.cancelled || experiment.cancelled;
    if (!experiment.environment.python.interpreter.isEmpty()) // py-* strategies or a script ran in it
        m_allRuns.environment.python = experiment.environment.python;
    if (experiment.script)
        m_allRuns.script = experiment.script;
    const QString ended
        = experiment.cancelled ? tr("Run %1 cancelled").arg(m_runNumber) : tr("Run %1 finished").arg(m_runNumber);
    log(tr("%1 in %2; the window's event loop never waited longer than %3 ms")
            .arg(ended, formatSeconds(static_cast<double>(m_elapsed.elapsed()) / 1000.0))
            .arg(m_longestGapMs, 0, 'f', 1));
    status(ended, kNoticeMs);
    for (const QString& line : autoRepeatLines(m_summary))
        log(tr("Repeat auto: %1").arg(line));
    if (const Competition competition = findCompetition(experiment.runs, m_environment.cores);
        !competition.warning.isEmpty()) {
        for (const QString& line : competition.runs)
            log(line);
        log(competition.warning);
        // The status bar has room for the warning, not for "Run N finished" too (that is in the log).
        status(competition.warning, kWarningMs);
    }
    Q_EMIT runFinished(experiment);
    saveReportAfterRun(experiment);
    if (m_queuedPlan)
        start(*std::exchange(m_queuedPlan, std::nullopt));
}

void RunSession::saveReportAfterRun(const Experiment& experiment)
{
    const QString path = std::exchange(m_pendingReportPath, QString());
    if (path.isEmpty())
        return;
    const QString error = experiment.cancelled || experiment.hasFailures()
        ? tr("the report was not saved: the run for its missing parts %1")
              .arg(experiment.cancelled ? tr("was cancelled") : tr("failed (see the log)"))
        : saveReport(path);
    log(error.isEmpty() ? tr("Saved the report to %1").arg(path) : error);
    status(error.isEmpty() ? tr("Saved %1").arg(path) : error, kWarningMs);
    Q_EMIT reportSaved(path, error);
}

void RunSession::refreshSummary()
{
    m_viewRefresh.stop();
    m_summary = summarizeExperiment(m_allRuns);
    compareWithBaseline(); // the comparison follows the runs as they finish
    Q_EMIT summaryChanged();
}

void RunSession::forgetRuns()
{
    m_allRuns = Experiment {};
    m_runNumber = 0;
    m_savedRunFile.clear();
    m_savedRunDate.clear();
    Q_EMIT runsCleared();
    refreshSummary();
}

QString RunSession::openResults(const QString& path)
{
    SavedRun saved;
    QString error = isRunning()
        ? tr("%1: not opened during a run; wait for it to finish, or cancel it").arg(QDir::toNativeSeparators(path))
        : readSavedRun(path, saved);
    if (!error.isEmpty()) {
        log(tr("Could not open results: %1").arg(error));
        status(error, kWarningMs);
        return error;
    }
    const QString description = saved.description();
    forgetRuns();
    m_allRuns = std::move(saved.experiment);
    m_savedRunFile = saved.fileName();
    m_savedRunDate = saved.modified.isValid() ? saved.modified.date().toString(Qt::ISODate) : QString();
    log(tr("Opened results %1: %2").arg(QDir::toNativeSeparators(path), description));
    refreshSummary();
    Q_EMIT resultsOpened(description);
    status(tr("Opened %1").arg(m_savedRunFile), kNoticeMs);
    return {};
}

QString RunSession::figureTitle(const QString& shownTitle) const
{
    // Opened results are the saved run's: its plan, its machine, the file and its date.
    const bool saved = !m_savedRunFile.isEmpty();
    const ExperimentPlan plan = m_runNumber > 0 || saved ? m_allRuns.plan : draft().plan;
    return calcprof::figureTitle(shownTitle, plan, m_summary, saved ? m_allRuns.environment : m_environment,
        saved ? QDate::fromString(m_savedRunDate, Qt::ISODate) : QDate::currentDate(),
        saved ? m_savedRunFile : QString());
}

QString RunSession::scriptFigureTitle(const QString& shownTitle) const
{
    const bool saved = !m_savedRunFile.isEmpty();
    EnvironmentInfo environment = saved ? m_allRuns.environment : m_environment;
    environment.python = m_allRuns.environment.python; // the interpreter the script ran in
    return calcprof::scriptFigureTitle(shownTitle, environment,
        saved ? QDate::fromString(m_savedRunDate, Qt::ISODate) : QDate::currentDate(),
        saved ? m_savedRunFile : QString());
}

void RunSession::measureRawWrite()
{
    const Draft next = draft();
    if (!next.error.isEmpty() || isRunning()) {
        status(isRunning() ? waitForTheRun() : next.error, kNoticeMs);
        return;
    }
    const ExperimentPlan& plan = next.plan;
    const std::uint64_t bytes = csvStageBytes(csvStageValues(plan), plan.csv.row);
    const QString directory = plan.csv.directory.isEmpty() ? QDir::tempPath() : plan.csv.directory;
    Q_EMIT rawWriteStarted();
    log(tr("Measuring a raw sequential write of %1 in %2%3…")
            .arg(formatBytes(bytes), directory, plan.csv.fsync ? tr(" with fsync") : QString()));
    m_rawWriteFsync = plan.csv.fsync;
    m_runner->measureRawWrite(directory, bytes, plan.csv.fsync);
}

void RunSession::onRawWriteMeasured(const SequentialWrite& result)
{
    if (result.error.isEmpty()) {
        // Saved results and reports carry the reference the CSV modes are read against.
        // It replaces the rounds' raw writes: one reference at a time, this one measured apart.
        m_allRuns.rawWrites
            = {RawWriteReference {result.bytes, result.wallSeconds, result.mbPerSecond, m_rawWriteFsync}};
        log(tr("Raw sequential write: %1 in %2 secs, %3 MB/s")
                .arg(formatBytes(result.bytes))
                .arg(result.wallSeconds, 0, 'f', 4)
                .arg(result.mbPerSecond, 0, 'f', 0));
    } else {
        log(tr("Raw sequential write failed: %1").arg(result.error));
    }
    Q_EMIT rawWriteMeasured(result.mbPerSecond, result.error);
}

QString RunSession::openBaseline(const QString& path)
{
    SavedRun saved;
    if (QString error = readSavedRun(path, saved); !error.isEmpty()) {
        log(tr("Could not open the baseline: %1").arg(error));
        status(error, kWarningMs);
        return error;
    }
    m_baselineSummary = summarizeExperiment(saved.experiment);
    m_baseline = std::move(saved);
    compareWithBaseline();
    Q_EMIT baselineChanged();
    log(tr("Baseline %1: %2").arg(QDir::toNativeSeparators(path), m_baseline->description()));
    if (const QString context = comparisonContext(m_comparison); !context.isEmpty())
        log(tr("Baseline %1: %2").arg(m_baseline->fileName(), context));
    status(tr("Comparing with the baseline %1").arg(m_baseline->fileName()), kNoticeMs);
    return {};
}

void RunSession::clearBaseline()
{
    if (!m_baseline)
        return;
    log(tr("Baseline %1 cleared").arg(m_baseline->fileName()));
    m_baseline.reset();
    m_baselineSummary.reset();
    m_comparison = {};
    Q_EMIT baselineChanged();
}

void RunSession::compareWithBaseline()
{
    if (!m_baseline)
        return;
    // Nothing shown yet: what the next run will be compared with is this machine and build.
    m_comparison = compareExperiments(*m_baselineSummary,
        m_allRuns.runs.empty() ? summarizeExperiment(Experiment {}.stamped()) : m_summary, m_baseline->fileName());
}

QString RunSession::exportResultsJson(const QString& path) const
{
    return exportRunsJson(m_allRuns, path);
}

QString RunSession::exportTimelineTrace(const QString& path) const
{
    return writeChromeTrace(m_allRuns, path);
}

ReportGaps RunSession::reportGaps() const
{
    return findReportGaps(m_allRuns);
}

namespace {

// Calls `use` with the experiment a report is written from and its summary. Every run so far is
// read in place, not copied (the largest experiment's are tens of MB).
template <typename Use>
auto withReportedExperiment(const Experiment& allRuns, bool nothingYet, const ExperimentPlan& draftPlan, Use use)
{
    std::optional<Experiment> planned;
    // Nothing run and nothing opened: the report of the plan on the screen, with nothing measured.
    // Opened results are reported with their own plan, whatever the controls show now.
    if (nothingYet) {
        planned = allRuns.stamped();
        planned->plan = draftPlan;
    }
    const Experiment& experiment = planned ? *planned : allRuns;
    return use(experiment, summarizeExperiment(experiment));
}

} // namespace

QString RunSession::saveReport(const QString& path) const
{
    if (!m_writeReport)
        return tr("cannot write the report to %1: this session has no report writer").arg(path);
    return withReportedExperiment(m_allRuns, m_runNumber == 0 && m_savedRunFile.isEmpty(), draft().plan,
        [this, &path](const Experiment& experiment, const ExperimentSummary& summary) {
            return m_writeReport(buildReport(experiment, summary), experiment, summary, path);
        });
}

Report RunSession::currentReport() const
{
    return withReportedExperiment(m_allRuns, m_runNumber == 0 && m_savedRunFile.isEmpty(), draft().plan,
        [](const Experiment& experiment, const ExperimentSummary& summary) {
            return buildReport(experiment, summary);
        });
}

bool RunSession::runScript(const ScriptPlan& script)
{
    if (isRunning()) {
        status(waitForTheRun(), kNoticeMs);
        return false;
    }
    ExperimentPlan plan = draft().plan; // the interpreter the controls name
    plan.strategies.clear();
    plan.csv.mode = QStringLiteral("none");
    plan.script = script;
    if (const QString error = validatePlan(plan); !error.isEmpty()) {
        log(tr("Not run: %1").arg(error));
        status(error, kErrorMs);
        return false;
    }
    return start(plan);
}

bool RunSession::runMissingParts()
{
    if (isRunning()) {
        status(waitForTheRun(), kNoticeMs);
        return false;
    }
    const ExperimentPlan plan = planFillingGaps(m_runNumber > 0 ? m_allRuns.plan : draft().plan, reportGaps());
    if (const QString error = validatePlan(plan); !error.isEmpty()) {
        status(error, kErrorMs);
        return false;
    }
    return start(plan);
}

bool RunSession::runMissingPartsThenSaveReport(const QString& path)
{
    if (!runMissingParts())
        return false;
    m_pendingReportPath = path;
    log(tr("The report is saved to %1 when this run finishes").arg(path));
    return true;
}

} // namespace calcprof
