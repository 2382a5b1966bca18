#include "app/cli/headless.h"

#include "app/cli/consolereporter.h"
#include "core/csv/csvstage.h"
#include "core/format/units.h"
#include "core/io/chrometrace.h"
#include "core/io/resultsjson.h"

#include <QDir>

#include <algorithm>

namespace calcprof {

namespace {

/// What a run prints and writes once it is over: the tables, the comparison, the failures, the files.
/// `saved`: the experiment was read from a file (--from-json), not run now.
int report(const CommandLine& command, const Experiment& experiment, bool saved, std::FILE* out, std::FILE* err,
    const ReportWriter& writeReport)
{
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const EnvironmentInfo& machine = experiment.environment;
    std::fprintf(out, "\nmachine: %s, %d cores; %s; %s, %s build\n", qPrintable(machine.cpu), machine.cores,
        qPrintable(machine.os), qPrintable(machine.compiler), qPrintable(machine.buildType));
    std::fprintf(out, "%s", formatSummaryTable(summary).toLocal8Bit().constData());
    if (!experiment.csv.empty())
        std::fprintf(out, "\n%s", formatCsvTable(experiment).toLocal8Bit().constData());
    if (!command.baselinePath.isEmpty()) {
        std::fprintf(out, "\n%s",
            formatComparisonTable(
                compareExperiments(summarizeExperiment(command.baseline), summary, command.baselinePath))
                .toLocal8Bit()
                .constData());
    }
    std::fflush(out);

    const QString failures = describeFailures(experiment);
    bool failed = !failures.isEmpty();
    for (const QString& failure : failures.split(u'\n', Qt::SkipEmptyParts))
        std::fprintf(err, "calcprof: %s\n", qPrintable(failure));
    if (!command.jsonPath.isEmpty()) {
        if (const QString error = writeJsonFile(experiment, command.jsonPath); !error.isEmpty()) {
            std::fprintf(err, "calcprof: %s\n", qPrintable(error));
            failed = true;
        }
    }
    if (!command.tracePath.isEmpty()) {
        if (const QString error = writeChromeTrace(experiment, command.tracePath); !error.isEmpty()) {
            std::fprintf(err, "calcprof: %s\n", qPrintable(error));
            failed = true;
        }
    }
    if (!command.reportPath.isEmpty()) {
        const QString error = writeReport
            ? writeReport(buildReport(experiment, summary), experiment, summary, command.reportPath)
            : QStringLiteral("cannot write the report to %1: this build has no report writer").arg(command.reportPath);
        if (!error.isEmpty()) {
            std::fprintf(err, "calcprof: %s\n", qPrintable(error));
            failed = true;
        } else {
            std::fprintf(out, "report: %s\n", qPrintable(QDir::toNativeSeparators(command.reportPath)));
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

} // namespace

int runHeadless(const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err,
    const ReportWriter& writeReport)
{
    return runHeadless(command, ExperimentRunner(), stop, out, err, writeReport);
}

int runHeadless(const CommandLine& command, const ExperimentRunner& runner, const std::atomic<bool>& stop,
    std::FILE* out, std::FILE* err, const ReportWriter& writeReport)
{
    ConsoleReporter reporter(out, err, command.quiet);
    Experiment experiment = runner.run(command.plan, stop, &reporter);
    measureRawWrite(command, experiment, stop, out, err);
    return report(command, experiment, false, out, err, writeReport);
}

int showSavedRun(const CommandLine& command, std::FILE* out, std::FILE* err, const ReportWriter& writeReport)
{
    std::fprintf(out, "%s: calcprof %s, %zu set runs\n", qPrintable(command.fromJsonPath),
        qPrintable(command.saved.version), command.saved.runs.size());
    return report(command, command.saved, true, out, err, writeReport);
}

} // namespace calcprof
