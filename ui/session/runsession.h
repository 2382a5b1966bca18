#pragma once

#include "core/analysis/comparison.h"
#include "core/analysis/summary.h"
#include "core/analysis/viewdata.h"
#include "core/csv/csvstage.h"
#include "core/io/savedrun.h"
#include "core/model/experiment.h"
#include "core/model/experimentplan.h"
#include "core/report/report.h"
#include "core/report/reportgaps.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace calcprof {

class OffThreadRunner;

/// The window's session, without a widget: every run so far (merged into one Experiment), the
/// summary every view reads, the results opened from a file, the baseline they are compared with,
/// and the runs themselves (started off the GUI thread through an OffThreadRunner, queued during a
/// run, debounced while a slider moves). The window's pages are each handed the session and
/// subscribe to what they show, as KDAB Hotspot's pages subscribe to its parser.
class RunSession : public QObject
{
    Q_OBJECT

public:
    /// What the user is about to run, as the controls describe it.
    struct Draft
    {
        ExperimentPlan plan;
        QString error; ///< why `plan` cannot run; empty when it can
        bool rerunOnEdit = false; ///< a pool-size change reruns (after the debounce)
    };
    using DraftSource = std::function<Draft()>;
    /// Writes a report file (ui/report/reportwriter.h's writeReport): empty on success, else why not.
    using ReportFileWriter = std::function<QString(
        const Report& report, const Experiment& experiment, const ExperimentSummary& summary, const QString& path)>;

    explicit RunSession(QObject* parent = nullptr);
    /// Cancels a run and waits for it: nothing outlives the session.
    ~RunSession() override;
    Q_DISABLE_COPY_MOVE(RunSession)

    /// Where run(), the debounce, the raw write and a report of nothing run read the plan from.
    void setDraftSource(DraftSource source) { m_draft = std::move(source); }
    void setReportWriter(ReportFileWriter writer) { m_writeReport = std::move(writer); }

    // --- Runs ---
    /// Starts a run of the draft; during a run, queues it to start when that one finishes (a
    /// finished point is never thrown away), replacing a plan queued before. False (with the
    /// reason as a status message) if it is invalid.
    bool run();
    /// File → Profile a Python script…: runs `script` alone with the draft's interpreter (no strategy,
    /// no CSV stage). Refused, with the reason as a status message, during a run or when the script,
    /// its folder or the interpreter is unusable.
    bool runScript(const ScriptPlan& script);
    /// Cancels the current run and drops the queued one.
    void cancel();
    /// The pool size was edited: with Draft::rerunOnEdit, runs the draft once the edits pause
    /// (one run per pause of a slider being dragged, not one per value).
    void poolSizeEdited();
    /// For closing: no debounced or queued run starts, and a run going on is cancelled and waited for.
    void stop();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] bool hasQueuedRun() const { return m_queuedPlan.has_value(); }
    /// The number of the latest run (1-based) since the session started or results were opened; 0 before.
    [[nodiscard]] int runNumber() const { return m_runNumber; }
    /// Milliseconds since the latest run started; -1 before any run.
    [[nodiscard]] qint64 elapsedMs() const { return m_elapsed.isValid() ? m_elapsed.elapsed() : -1; }
    /// The longest the event loop went without running a 10 ms timer during the last run: how
    /// responsive the window stayed while the work ran on other threads.
    [[nodiscard]] double longestEventLoopGapMs() const { return m_longestGapMs; }
    [[nodiscard]] OffThreadRunner* runner() const { return m_runner; }
    /// This machine and build, read once.
    [[nodiscard]] const EnvironmentInfo& environment() const { return m_environment; }

    /// Measures the raw sequential write the CSV chart compares with: the draft's CSV stage's bytes
    /// in one stream, in its folder, with its fsync setting. Runs in the background;
    /// rawWriteMeasured() follows.
    void measureRawWrite();

    // --- What is shown ---
    /// Every finished run so far, merged: what the views summarise and the exports write.
    [[nodiscard]] const Experiment& experiment() const { return m_allRuns; }
    /// The summary of experiment() as of the latest summaryChanged().
    [[nodiscard]] const ExperimentSummary& summary() const { return m_summary; }
    /// Summarises what finished since the last refresh now (the views otherwise catch up within
    /// 50 ms): before something reads the views, like an export.
    void refreshSummary();
    /// Shows a run saved with --json in place of every run shown, to look at it again; the next
    /// run replaces it, as a new session. Empty on success, else why not (naming the file;
    /// nothing changes). Refused during a run.
    QString openResults(const QString& path);
    /// The file the results shown were opened from; empty once a run replaced them.
    [[nodiscard]] const QString& savedRunFile() const { return m_savedRunFile; }
    /// The view the results shown are best read in (core's defaultView() of their plan).
    [[nodiscard]] PrimaryView defaultView() const { return calcprof::defaultView(m_allRuns.plan); }
    /// The title an exported figure of the view titled `shownTitle` carries: what it shows, and
    /// where it was measured (opened results: the saved run's plan, machine, file and date).
    [[nodiscard]] QString figureTitle(const QString& shownTitle) const;
    /// The "Your program" figure's: the script's headline over its interpreter and machine.
    [[nodiscard]] QString scriptFigureTitle(const QString& shownTitle) const;

    // --- The baseline ---
    /// Makes a saved run the baseline (replacing one before), compared group by group with what is
    /// shown as runs finish and kept when runs are made. Empty on success, else why not (naming
    /// the file; nothing changes).
    QString openBaseline(const QString& path);
    void clearBaseline();
    [[nodiscard]] bool hasBaseline() const { return m_baseline.has_value(); }
    /// The baseline as read; only while hasBaseline().
    [[nodiscard]] const SavedRun& baseline() const { return *m_baseline; }
    /// Its summary, for the views' dashed series; nullopt without a baseline.
    [[nodiscard]] const std::optional<ExperimentSummary>& baselineSummary() const { return m_baselineSummary; }
    /// The baseline against what is shown (before any run: against this machine and build, without
    /// rows); empty without a baseline.
    [[nodiscard]] const ExperimentComparison& comparison() const { return m_comparison; }

    // --- Exports and the report ---
    /// Every run so far in the CLI's JSON schema. Empty on success, else why not.
    QString exportResultsJson(const QString& path) const;
    /// Every run so far as a Chrome trace (core/io/chrometrace.h). Empty on success, else why not.
    QString exportTimelineTrace(const QString& path) const;
    /// What a report of the runs so far lacks (a pool-size sweep, the CSV stage).
    [[nodiscard]] ReportGaps reportGaps() const;
    /// The report of every run so far, .html or .md (nothing run: of the draft's plan, with nothing
    /// measured). Empty on success, else why not.
    QString saveReport(const QString& path) const;
    /// The report saveReport() writes, as of now (the Findings tab shows it): for opened results
    /// their own plan; before anything ran, the plan on the screen with nothing measured.
    [[nodiscard]] Report currentReport() const;
    /// Runs the latest plan extended with what reportGaps() names (the Findings tab's "Run what is
    /// missing"); false (and a status message) when a run is going or the plan is invalid.
    bool runMissingParts();
    /// Runs the latest plan extended with what reportGaps() names, then saves the report to `path`
    /// when that run finishes without failure or cancel (reportSaved() says how it went). False,
    /// with the reason as a status message, if the run could not start.
    bool runMissingPartsThenSaveReport(const QString& path);

Q_SIGNALS:
    /// A run started (true) or ended (false; before runFinished()).
    void runningChanged(bool running);
    // Relayed from the OffThreadRunner for the live views.
    void runStarted(int totalSteps);
    void progress(int done, int total);
    void setFinished(const calcprof::SetRun& run);
    void csvStageFinished(const calcprof::CsvRun& run);
    /// The user's script started, and ended (its run is then experiment().script).
    void scriptStarted(const calcprof::ScriptPlan& plan);
    void scriptFinished(const calcprof::ScriptRun& run);
    /// summary() now includes every run of experiment(); the runs appended to experiment().runs since
    /// the last summaryChanged() (or runsCleared()) are new to the views. The views read the runs
    /// there and keep no copy of them: the largest experiment's runs are tens of MB.
    void summaryChanged();
    /// Every run shown was forgotten: a run replaces opened results, or results are being opened.
    void runsCleared();
    /// experiment() is now the saved run of savedRunFile(), described by `description`.
    void resultsOpened(const QString& description);
    /// A baseline was opened, replaced or cleared.
    void baselineChanged();
    /// The session has taken the run's results in; `experiment` holds what this run finished, its
    /// set runs without their tasks (experiment() has them: they are held once).
    void runFinished(const calcprof::Experiment& experiment);
    /// The raw write measurement started.
    void rawWriteStarted();
    /// A raw write reference was measured (mbPerSecond is 0 and error set when it failed); on
    /// success experiment().rawWrites holds it (alone: it replaces the CSV rounds' raw writes).
    void rawWriteMeasured(double mbPerSecond, const QString& error);
    /// A report saved after its missing parts ran (error empty), or not saved (why).
    void reportSaved(const QString& path, const QString& error);
    /// For the log pane.
    void logLine(const QString& line);
    /// For the status bar: `text` (empty: clear it) for `timeoutMs` (0: until replaced).
    void statusMessage(const QString& text, int timeoutMs);

private:
    void connectRunner();
    bool start(const ExperimentPlan& plan);
    void onSetFinished(const SetRun& run);
    void onRunFinished(const Experiment& experiment);
    void saveReportAfterRun(const Experiment& experiment);
    void onRawWriteMeasured(const SequentialWrite& result);
    /// Empties every run shown: what a run after opened results starts from.
    void forgetRuns();
    void compareWithBaseline();
    [[nodiscard]] Draft draft() const;
    void log(const QString& line) { Q_EMIT logLine(line); }
    void status(const QString& text, int timeoutMs) { Q_EMIT statusMessage(text, timeoutMs); }

    OffThreadRunner* m_runner = nullptr;
    DraftSource m_draft;
    ReportFileWriter m_writeReport;
    EnvironmentInfo m_environment;

    /// Coalesces the reruns of a slider being dragged: one run per pause, not one per value.
    QTimer m_rerunDebounce;
    std::optional<ExperimentPlan> m_queuedPlan;
    QString m_pendingReportPath; ///< saved when the run filling the report's gaps finishes
    bool m_rawWriteFsync = false; ///< of the raw write being measured
    int m_csvStagesOfThisRun = 0; ///< CSV stages the current run has finished so far
    QElapsedTimer m_elapsed;
    QTimer m_responsivenessTicker;
    QElapsedTimer m_sinceLastTick;
    double m_longestGapMs = 0.0;

    int m_runNumber = 0;
    QString m_savedRunFile; ///< the file the runs shown were opened from; empty once a run replaces them
    QString m_savedRunDate;
    Experiment m_allRuns;
    ExperimentSummary m_summary;
    QTimer m_viewRefresh; ///< single shot: one refresh per burst of finished runs

    std::optional<SavedRun> m_baseline;
    std::optional<ExperimentSummary> m_baselineSummary;
    ExperimentComparison m_comparison;
};

} // namespace calcprof
