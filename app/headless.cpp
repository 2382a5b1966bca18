#include "headless.h"

#include "consolereporter.h"
#include "resultsjson.h"
#include "runner.h"

namespace calcprof {

int runHeadless(const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err)
{
    ConsoleReporter reporter(out, err, command.quiet);
    const Runner runner;
    const Experiment experiment = runner.run(command.plan, stop, &reporter);

    std::fprintf(out, "\n%s", formatSummaryTable(experiment).toLocal8Bit().constData());
    if (!experiment.csv.empty())
        std::fprintf(out, "\n%s", formatCsvTable(experiment).toLocal8Bit().constData());
    std::fflush(out);

    bool failed = false;
    for (const SetRun& run : experiment.runs) {
        if (!run.ok()) {
            std::fprintf(err, "calcprof: %s\n", qPrintable(run.error));
            failed = true;
        }
    }
    for (const CsvRun& run : experiment.csv) {
        if (!run.ok() && !experiment.cancelled) {
            std::fprintf(err, "calcprof: CSV stage failed: %s\n", qPrintable(run.error));
            failed = true;
        }
    }
    if (!command.jsonPath.isEmpty()) {
        if (const QString error = writeJsonFile(experiment, command.jsonPath); !error.isEmpty()) {
            std::fprintf(err, "calcprof: %s\n", qPrintable(error));
            failed = true;
        }
    }
    if (experiment.cancelled) {
        std::fprintf(err, "calcprof: interrupted; the results above are those finished before the interrupt\n");
        return kExitInterrupted;
    }
    return failed ? kExitRunFailed : kExitSuccess;
}

} // namespace calcprof
