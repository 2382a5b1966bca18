#include "app/cli/headless.h"

#include "app/cli/consolereporter.h"
#include "app/exitcode.h"
#include "core/csv/csvstage.h"
#include "core/format/units.h"
#include "core/io/chrometrace.h"
#include "core/io/reportingobserver.h"
#include "core/io/resultsjson.h"
#include "core/python/planestimate.h"

#include <QDir>

#include <algorithm>
#include <memory>
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
        if (!command.jsonPath.isEmpty())
            m_files.push_back(std::make_unique<JsonFileReporter>(command.jsonPath));
        if (!command.tracePath.isEmpty())
            m_files.push_back(std::make_unique<ChromeTraceReporter>(command.tracePath));
        if (!command.reportPath.isEmpty())
            m_files.push_back(std::make_unique<ReportFileReporter>(command.reportPath, writeReport, out));
        m_all.push_back(&m_console);
        for (const std::unique_ptr<ResultsReporter>& file : m_files)
            m_all.push_back(file.get());
    }
    Q_DISABLE_COPY_MOVE(Outputs)
    ~Outputs() = default;

    ConsoleReporter& console() { return m_console; }
    const std::vector<ResultsReporter*>& all() const { return m_all; }

private:
    ConsoleReporter m_console;
    std::vector<std::unique_ptr<ResultsReporter>> m_files;
    std::vector<ResultsReporter*> m_all;
};

/// Finalizes every output with the experiment and its summary, then says how it ended: the exit
/// code. `saved`: the experiment was read from a file (--from-json), not run now.
int finish(const Outputs& outputs, const Experiment& experiment, bool saved, std::FILE* err)
{
    const ExperimentSummary summary = summarizeExperiment(experiment);
    bool failed = experiment.hasFailures();
    for (ResultsReporter* reporter : outputs.all()) {
        if (const QString error = reporter->finalize(experiment, summary); !error.isEmpty()) {
            std::fprintf(err, "calcprof: %s\n", qPrintable(error));
            failed = true;
        }
    }
    if (experiment.cancelled && saved) {
        std::fprintf(err, "calcprof: the saved run was interrupted; the results above are those it finished\n");
    } else if (experiment.cancelled) {
        std::fprintf(err, "calcprof: interrupted; the results above are those finished before the interrupt\n");
        return kExitInterrupted;
    }
    return failed ? kExitRunFailed : kExitSuccess;
}

/// The report's CSV section reads each write mode against the disk itself: after a stage that
/// finished, one plain sequential write of its bytes in its folder, with its fsync setting.
void measureRawWrite(
    const CommandLine& command, Experiment& experiment, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err)
{
    const auto stage = std::find_if(
        experiment.csv.rbegin(), experiment.csv.rend(), [](const CsvRun& run) { return run.ok() && run.bytes > 0; });
    if (command.reportPath.isEmpty() || experiment.cancelled || stage == experiment.csv.rend())
        return;
    // The stage's own folder is gone when it made one; its parent is on the same file system.
    const QString directory = command.plan.csv.directory.isEmpty() ? QDir::tempPath() : command.plan.csv.directory;
    const SequentialWrite result = measureSequentialWrite(directory, stage->bytes, stage->fsync, stop);
    if (stop.load()) {
        experiment.cancelled = true;
        return;
    }
    if (!result.error.isEmpty()) {
        std::fprintf(
            err, "calcprof: raw sequential write (the CSV modes' reference) failed: %s\n", qPrintable(result.error));
        return;
    }
    experiment.rawWrite = RawWriteReference {result.bytes, result.wallSeconds, result.mbPerSecond, stage->fsync};
    std::fprintf(out, "raw sequential write: %s in %s, %.0f MB/s%s in %s (the reference for the CSV modes)\n",
        qPrintable(formatBytes(result.bytes)), qPrintable(formatSeconds(result.wallSeconds)), result.mbPerSecond,
        stage->fsync ? " with fsync" : "", qPrintable(QDir::toNativeSeparators(directory)));
    std::fflush(out);
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

} // namespace

int runHeadless(const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err,
    const ReportWriter& writeReport)
{
    return runHeadless(command, ExperimentRunner(), stop, out, err, writeReport);
}

int runHeadless(const CommandLine& command, const ExperimentRunner& runner, const std::atomic<bool>& stop,
    std::FILE* out, std::FILE* err, const ReportWriter& writeReport)
{
    Outputs outputs(command, out, err, writeReport);
    ReportingObserver observer(outputs.all(), &outputs.console());
    announceEstimate(command.plan, out, err);
    Experiment experiment = runner.run(command.plan, stop, &observer);
    measureRawWrite(command, experiment, stop, out, err);
    return finish(outputs, experiment, false, err);
}

int showSavedRun(const CommandLine& command, std::FILE* out, std::FILE* err, const ReportWriter& writeReport)
{
    const Experiment& saved = command.saved;
    const Outputs outputs(command, out, err, writeReport);
    const ReportContext context {saved.plan, saved.environment, saved.version, command.fromJsonPath, saved.runs.size()};
    for (ResultsReporter* reporter : outputs.all())
        reporter->reportContext(context);
    return finish(outputs, saved, true, err);
}

} // namespace calcprof
