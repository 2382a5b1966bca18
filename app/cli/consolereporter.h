#pragma once

#include "core/analysis/comparison.h"
#include "core/analysis/summary.h"
#include "core/exec/runobserver.h"
#include "core/io/resultsreporter.h"

#include <QElapsedTimer>

#include <cstdio>
#include <mutex>
#include <optional>

namespace calcprof {

/// The console's output: as the run happens, the plan line, one "Ran 'pool' on set 1 in 0.0012 secs"
/// line per finished set run (the original's time_me lines) and the CSV stage's lines on stdout, and
/// a live progress line on stderr when it is a terminal (the RunObserver side: events that are no
/// results); once it is over, the machine, the tables, the comparison with a baseline, and the
/// failures on stderr. --quiet silences the lines printed while it runs, not the tables.
class ConsoleReporter final : public ResultsReporter, public RunObserver
{
public:
    ConsoleReporter(std::FILE* out, std::FILE* err, bool quiet);

    /// Adds the comparison with `baseline` (read from `name`) to the tables.
    void compareWith(const Experiment& baseline, const QString& name);

    void reportContext(const ReportContext& context) override;
    void reportRun(const SetRun& run) override;
    void reportCsvRun(const CsvRun& run) override;
    [[nodiscard]] QString finalize(const Experiment& experiment, const ExperimentSummary& summary) override;

    void runStarted(const ExperimentPlan& plan, int totalSteps) override;
    void runRetried(const SetRun& run, const QString& why, int attempt, int attempts) override;
    void csvRoundStarted(int round, int rounds, const QStringList& order) override;
    void csvStageStarted(const QString& mode, int files, std::uint64_t bytes) override;
    void csvFileWritten(const CsvFileResult& file) override;
    void csvRawWriteFinished(const RawWriteReference& raw, const QString& error) override;
    void scriptStarted(const ScriptPlan& plan) override;
    void scriptOutput(const QString& line) override;
    void scriptFinished(const ScriptRun& run) override;
    void progress(int done, int total) override;

private:
    void printLine(const QString& line); // clears the progress line first
    void clearProgress();
    void printTables(const Experiment& experiment, const ExperimentSummary& summary);

    std::FILE* m_out;
    std::FILE* m_err;
    bool m_quiet;
    bool m_showProgress;
    std::optional<ExperimentSummary> m_baseline; ///< summarized once, compared at the end
    QString m_baselineName;
    std::mutex m_mutex;
    QElapsedTimer m_elapsed;
    qint64 m_lastProgressMs = -1;
    bool m_progressShown = false;
};

/// The aligned set x strategy x workers table of `summary`: median wall time and its interval, CPU
/// time, the speedup against serial with its interval beside the strategy's schedule model and the
/// whole-task bound; then the captions that explain each set's bound and any warning.
QString formatSummaryTable(const ExperimentSummary& summary);
/// The CSV stage table (summarizeCsv()): per mode and for the raw write, the median wall time over
/// the rounds with its interval, MB/s, the ratios against save_serial and the raw write, peak RSS;
/// then the failed stages, the kept files and, without fsync, that the speeds are the page cache's.
QString formatCsvTable(const Experiment& experiment);
/// The comparison with a baseline: which machines and builds, then per group the medians before
/// and after, their ratio with its interval, the Mann–Whitney p-value and the verdict.
QString formatComparisonTable(const ExperimentComparison& comparison);

} // namespace calcprof
