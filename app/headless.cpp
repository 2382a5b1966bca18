#include "app/headless.h"

#include "app/consolereporter.h"
#include "core/chrometrace.h"
#include "core/resultsjson.h"

namespace calcprof {

namespace {

/// What a run prints and writes once it is over: the tables, the comparison, the failures, the files.
/// `saved`: the experiment was read from a file (--from-json), not run now.
int report(const CommandLine& command, const Experiment& experiment, bool saved, std::FILE* out, std::FILE* err)
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
            formatComparisonTable(compareExperiments(command.baseline, experiment, command.baselinePath))
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
    if (experiment.cancelled && saved) {
        std::fprintf(err, "calcprof: the saved run was interrupted; the results above are those it finished\n");
    } else if (experiment.cancelled) {
        std::fprintf(err, "calcprof: interrupted; the results above are those finished before the interrupt\n");
        return kExitInterrupted;
    }
    return failed ? kExitRunFailed : kExitSuccess;
}

} // namespace

int runHeadless(const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err)
{
    return runHeadless(command, Runner(), stop, out, err);
}

int runHeadless(
    const CommandLine& command, const Runner& runner, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err)
{
    ConsoleReporter reporter(out, err, command.quiet);
    const Experiment experiment = runner.run(command.plan, stop, &reporter);
    return report(command, experiment, false, out, err);
}

int showSavedRun(const CommandLine& command, std::FILE* out, std::FILE* err)
{
    std::fprintf(out, "%s: calcprof %s, %zu set runs\n", qPrintable(command.fromJsonPath),
        qPrintable(command.saved.version), command.saved.runs.size());
    return report(command, command.saved, true, out, err);
}

} // namespace calcprof
