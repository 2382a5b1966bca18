#include "app/cli/headless.h"

#include "app/cli/consolereporter.h"
#include "app/exitcode.h"
#include "core/io/chrometrace.h"
#include "core/io/folderlock.h"
#include "core/io/reportingobserver.h"
#include "core/io/resultsjson.h"
#include "core/python/planestimate.h"

#include <QDir>

#include <memory>
#include <optional>
#include <vector>

namespace calcprof {

namespace {

/// The outputs the options ask for, in the order they are finalized: the console (tables, then the
/// run's failures), then --json, --trace and --report. The console is also the live view of a run.
class Outputs
{
public:
    Outputs(const CommandLine& command, std::FILE* out, std::FILE* err, const ReportWriter& writeReport)
        : m_console(out, err, command.quiet)
    {
        if (!command.baselinePath.isEmpty())
            m_console.compareWith(command.baseline, command.baselinePath);
        m_all.push_back(&m_console);
        m_names.emplace_back(); // the console writes no file
        if (!command.jsonPath.isEmpty())
            addFile(std::make_unique<JsonFileReporter>(command.jsonPath), command.jsonPath);
        if (!command.tracePath.isEmpty())
            addFile(std::make_unique<ChromeTraceReporter>(command.tracePath), command.tracePath);
        if (!command.reportPath.isEmpty()) {
            auto report = std::make_unique<ReportFileReporter>(command.reportPath, writeReport, out);
            m_report = report.get();
            addFile(std::move(report), command.reportPath);
        }
    }
    Q_DISABLE_COPY_MOVE(Outputs)
    ~Outputs() = default;

    ConsoleReporter& console() { return m_console; }
    const std::vector<ResultsReporter*>& all() const { return m_all; }
    /// The file each output of all() writes; empty for the console.
    [[nodiscard]] const QString& fileOf(std::size_t output) const { return m_names[output]; }
    /// From now on, raising `stop` gives up the report being drawn (see ReportFileReporter::stopOn).
    void stopReportOn(const std::atomic<bool>& stop) const
    {
        if (m_report != nullptr)
            m_report->stopOn(&stop);
    }

private:
    void addFile(std::unique_ptr<ResultsReporter> file, const QString& path)
    {
        m_all.push_back(file.get());
        m_files.push_back(std::move(file));
        m_names.push_back(path);
    }

    ConsoleReporter m_console;
    std::vector<std::unique_ptr<ResultsReporter>> m_files;
    std::vector<ResultsReporter*> m_all;
    std::vector<QString> m_names;
    ReportFileReporter* m_report = nullptr;
};

/// Says which outputs a stop left unwritten, and returns the exit code of an interrupt.
int interruptedOutputs(const QStringList& unwritten, std::FILE* err)
{
    if (unwritten.isEmpty())
        std::fprintf(err, "calcprof: interrupted\n");
    else
        std::fprintf(err, "calcprof: interrupted; not written: %s\n", qPrintable(unwritten.join(QStringLiteral(", "))));
    return kExitInterrupted;
}

/// Finalizes every output with the experiment and its summary, then says how it ended: the exit
/// code. `saved`: the experiment was read from a file (--from-json), not run now.
/// A stop raised during the runs asks for what finished to be written: every output is. A stop
/// raised after them (Ctrl-C while a large report is drawn, seconds) asks to stop writing: the
/// console, first, still prints; each file output not finished yet is given up whole (each is
/// written to a temporary file renamed into place, so none is ever half there) and the exit is 130.
int finish(
    const Outputs& outputs, const Experiment& experiment, bool saved, const std::atomic<bool>& stop, std::FILE* err)
{
    const std::atomic<bool> never {false};
    const bool cancelledRun = experiment.cancelled && !saved;
    const std::atomic<bool>& giveUp = cancelledRun ? never : stop;
    outputs.stopReportOn(giveUp);
    const ExperimentSummary summary = summarizeExperiment(experiment);
    bool failed = experiment.hasFailures();
    QStringList unwritten;
    for (std::size_t index = 0; index < outputs.all().size(); ++index) {
        const bool file = !outputs.fileOf(index).isEmpty();
        if (file && giveUp.load()) {
            unwritten << QDir::toNativeSeparators(outputs.fileOf(index));
            continue;
        }
        if (const QString error = outputs.all()[index]->finalize(experiment, summary); !error.isEmpty()) {
            if (file && giveUp.load()) { // given up mid-way: nothing of it is left
                unwritten << QDir::toNativeSeparators(outputs.fileOf(index));
                continue;
            }
            std::fprintf(err, "calcprof: %s\n", qPrintable(error));
            failed = true;
        }
    }
    if (giveUp.load())
        return interruptedOutputs(unwritten, err);
    if (experiment.cancelled && saved) {
        std::fprintf(err, "calcprof: the saved run was interrupted; the results above are those it finished\n");
    } else if (experiment.cancelled) {
        std::fprintf(err, "calcprof: interrupted; the results above are those finished before the interrupt\n");
        return kExitInterrupted;
    }
    return failed ? kExitRunFailed : kExitSuccess;
}

/// Python is ~90x slower: before a plan that runs it, say how long it should take (and warn above a minute).
void announceEstimate(const ExperimentPlan& plan, std::FILE* out, std::FILE* err)
{
    if (!planRunsPython(plan))
        return;
    const PlanEstimate estimate = estimatePlan(plan);
    std::fprintf(out, "estimated time of the set runs: %s\n", qPrintable(estimate.describe()));
    if (estimate.ok() && estimate.isLong())
        std::fprintf(err,
            "calcprof: warning: this plan should take %s (over a minute); Ctrl-C cancels it, and fewer or smaller "
            "sets, repetitions or py-* strategies shorten it\n",
            qPrintable(formatEstimate(estimate.seconds)));
    std::fflush(out);
}

// Locks `directory` for this run, when it is the user's (empty: a fresh folder of our own). False,
// with the reason on `err`, when another calcprof holds it.
bool lockFolder(std::optional<FolderLock>& lock, const QString& directory, FolderUse use, std::FILE* err)
{
    if (directory.isEmpty())
        return true;
    lock.emplace(directory, use);
    if (!lock->locked())
        std::fprintf(err, "calcprof: %s\n", qPrintable(lock->error()));
    return lock->locked();
}

} // namespace

int runHeadless(const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err,
    const ReportWriter& writeReport)
{
    return runHeadless(command, ExperimentRunner(), stop, out, err, writeReport);
}

int runHeadless(const CommandLine& command, const ExperimentRunner& runner, const std::atomic<bool>& stop,
    std::FILE* out, std::FILE* err, const ReportWriter& writeReport)
{
    // --csv-dir and --script-dir are this run's from the start: a second calcprof given the same
    // folder is refused now, before anything runs, not minutes later when its CSV stage or script
    // would mix files with ours.
    std::optional<FolderLock> csvFolder;
    std::optional<FolderLock> scriptFolder;
    const bool locked
        = (!command.plan.csv.enabled() || lockFolder(csvFolder, command.plan.csv.directory, FolderUse::CsvFiles, err))
        && (!command.plan.script.enabled()
            || lockFolder(scriptFolder, command.plan.script.workingDirectory, FolderUse::Script, err));
    if (!locked)
        return kExitBadInput;
    Outputs outputs(command, out, err, writeReport);
    ReportingObserver observer(outputs.all(), &outputs.console());
    announceEstimate(command.plan, out, err);
    const Experiment experiment = runner.run(command.plan, stop, &observer);
    return finish(outputs, experiment, false, stop, err);
}

int showSavedRun(const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err,
    const ReportWriter& writeReport)
{
    if (stop.load()) // while the saved run was read: nothing is printed or written
        return interruptedOutputs({}, err);
    const Experiment& saved = command.saved;
    const Outputs outputs(command, out, err, writeReport);
    const ReportContext context {saved.plan, saved.environment, saved.version, command.fromJsonPath, saved.runs.size()};
    for (ResultsReporter* reporter : outputs.all())
        reporter->reportContext(context);
    return finish(outputs, saved, true, stop, err);
}

} // namespace calcprof
