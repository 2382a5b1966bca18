#include "core/io/reportingobserver.h"

#include "core/model/environment.h"

#include <utility>

namespace calcprof {

ReportingObserver::ReportingObserver(std::vector<ResultsReporter*> reporters, RunObserver* live)
    : m_reporters(std::move(reporters))
    , m_live(live != nullptr ? *live : m_silent)
{ }

void ReportingObserver::runStarted(const ExperimentPlan& plan, int totalSteps)
{
    m_live.runStarted(plan, totalSteps);
    const ReportContext context {plan, currentEnvironment(), QStringLiteral(CALCPROF_VERSION), QString(), 0};
    for (ResultsReporter* reporter : m_reporters)
        reporter->reportContext(context);
}

void ReportingObserver::taskFinished(
    const QString& strategy, int setIndex, int workers, int repetition, const TaskTiming& task)
{
    m_live.taskFinished(strategy, setIndex, workers, repetition, task);
}

void ReportingObserver::setFinished(const SetRun& run)
{
    m_live.setFinished(run);
    for (ResultsReporter* reporter : m_reporters)
        reporter->reportRun(run);
}

void ReportingObserver::runRetried(const SetRun& run, const QString& why, int attempt, int attempts)
{
    m_live.runRetried(run, why, attempt, attempts);
}

void ReportingObserver::csvRoundStarted(int round, int rounds, const QStringList& order)
{
    m_live.csvRoundStarted(round, rounds, order);
}

void ReportingObserver::csvRawWriteFinished(const RawWriteReference& raw, const QString& error)
{
    m_live.csvRawWriteFinished(raw, error);
}

void ReportingObserver::csvStageStarted(const QString& mode, int files, std::uint64_t bytes)
{
    m_live.csvStageStarted(mode, files, bytes);
}

void ReportingObserver::csvFileWritten(const CsvFileResult& file)
{
    m_live.csvFileWritten(file);
}

void ReportingObserver::csvStageFinished(const CsvRun& run)
{
    m_live.csvStageFinished(run);
    for (ResultsReporter* reporter : m_reporters)
        reporter->reportCsvRun(run);
}

void ReportingObserver::scriptStarted(const ScriptPlan& plan)
{
    m_live.scriptStarted(plan);
}

void ReportingObserver::scriptOutput(const QString& line)
{
    m_live.scriptOutput(line);
}

void ReportingObserver::scriptTiming(const ScriptTiming& timing)
{
    m_live.scriptTiming(timing);
}

void ReportingObserver::scriptFinished(const ScriptRun& run)
{
    m_live.scriptFinished(run);
}

void ReportingObserver::progress(int done, int total)
{
    m_live.progress(done, total);
}

void ReportingObserver::runFinished(const Experiment& experiment)
{
    m_live.runFinished(experiment);
}

} // namespace calcprof
