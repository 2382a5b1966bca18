#pragma once

#include "core/exec/runobserver.h"
#include "core/io/resultsreporter.h"

#include <vector>

namespace calcprof {

/// Feeds a run measured now to its outputs: the runner's start becomes their context (the plan, and
/// the machine as currentEnvironment() describes it - what the runner stamps the experiment with),
/// each finished set run and CSV stage their reportRun() / reportCsvRun(). Every event, progress
/// included, also goes to `live` (the console's progress line) when one is given.
class ReportingObserver final : public RunObserver
{
public:
    explicit ReportingObserver(std::vector<ResultsReporter*> reporters, RunObserver* live = nullptr);

    void runStarted(const ExperimentPlan& plan, int totalSteps) override;
    void taskFinished(
        const QString& strategy, int setIndex, int workers, int repetition, const TaskTiming& task) override;
    void setFinished(const SetRun& run) override;
    void runRetried(const SetRun& run, const QString& why, int attempt, int attempts) override;
    void csvRoundStarted(int round, int rounds, const QStringList& order) override;
    void csvStageStarted(const QString& mode, int files, std::uint64_t bytes) override;
    void csvFileWritten(const CsvFileResult& file) override;
    void csvStageFinished(const CsvRun& run) override;
    void csvRawWriteFinished(const RawWriteReference& raw, const QString& error) override;
    void scriptStarted(const ScriptPlan& plan) override;
    void scriptOutput(const QString& line) override;
    void scriptTiming(const ScriptTiming& timing) override;
    void scriptFinished(const ScriptRun& run) override;
    void progress(int done, int total) override;
    void runFinished(const Experiment& experiment) override;

private:
    std::vector<ResultsReporter*> m_reporters;
    RunObserver m_silent;
    RunObserver& m_live;
};

} // namespace calcprof
