#pragma once

#include "core/analysis/comparison.h"
#include "core/analysis/summary.h"
#include "core/exec/runobserver.h"

#include <QElapsedTimer>

#include <cstdio>
#include <mutex>

namespace calcprof {

/// Prints a run as it happens: one "Ran 'pool' on set 1 in 0.0012 secs" line per finished set run
/// (the original's time_me lines) on stdout, and a live progress line on stderr when it is a terminal.
class ConsoleReporter final : public RunObserver
{
public:
    ConsoleReporter(std::FILE* out, std::FILE* err, bool quiet);

    void runStarted(const ExperimentPlan& plan, int totalSteps) override;
    void setFinished(const SetRun& run) override;
    void csvStageStarted(const QString& mode, int files, std::uint64_t bytes) override;
    void csvFileWritten(const CsvFileResult& file) override;
    void csvStageFinished(const CsvRun& run) override;
    void progress(int done, int total) override;

private:
    void printLine(const QString& line); // clears the progress line first
    void clearProgress();

    std::FILE* m_out;
    std::FILE* m_err;
    bool m_quiet;
    bool m_showProgress;
    std::mutex m_mutex;
    QElapsedTimer m_elapsed;
    qint64 m_lastProgressMs = -1;
    bool m_progressShown = false;
};

/// The aligned set x strategy x workers table of `summary`: median wall time and its interval, CPU
/// time, the speedup against serial with its interval beside the strategy's schedule model and the
/// whole-task bound; then the captions that explain each set's bound and any warning.
QString formatSummaryTable(const ExperimentSummary& summary);
/// The CSV stage table: files, bytes, wall time, MB/s, fsync, peak RSS.
QString formatCsvTable(const Experiment& experiment);
/// The comparison with a baseline: which machines and builds, then per group the medians before
/// and after, their ratio with its interval, the Mann–Whitney p-value and the verdict.
QString formatComparisonTable(const ExperimentComparison& comparison);

} // namespace calcprof
