#include "app/cli/headless.h"

#include "app/cli/consolereporter.h"
#include "app/exitcode.h"
#include "core/io/chrometrace.h"
#include "core/io/reportingobserver.h"
#include "core/io/resultsjson.h"

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
    const Experiment experiment = runner.run(command.plan, stop, &observer);
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
