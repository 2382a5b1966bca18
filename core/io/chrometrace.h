#pragma once

#include "core/io/resultsreporter.h"
#include "core/model/experiment.h"

#include <QString>

/// The per-worker timeline of an experiment in the Chrome trace-event format, which Perfetto
/// (ui.perfetto.dev), chrome://tracing and speedscope open: the same runs the Timeline view draws,
/// in a viewer that zooms, searches and measures.
namespace calcprof {

/// Writes `experiment` as a Chrome trace (JSON object format) to `path`, atomically (a temporary
/// file renamed into place), event by event, so a large experiment never sits in memory twice:
/// - one process (`pid`) per set run, in the JSON's run order (`pid` = the run's `id`), named
///   "<strategy> · set S · W workers · rep R"; then one per CSV stage;
/// - one thread (`tid`) per worker, named "worker N" (thread_name metadata);
/// - one complete event (`ph` "X") per task, on its worker, from its start for its wall time, both
///   in microseconds from the start of its set run (each run starts at 0, so runs line up for
///   comparison); a task that a strategy split gets one event per piece (TaskTiming::slices)
///   instead, with `args.piece`; a worker process's start-up one event ("start-up", category
///   "startup") on its lane; a CSV stage one event per file.
/// Empty on success, else why not.
QString writeChromeTrace(const Experiment& experiment, const QString& path);

/// --trace as an output: writeChromeTrace() of the experiment when it is finalized.
class ChromeTraceReporter final : public ResultsReporter
{
public:
    explicit ChromeTraceReporter(QString path);
    [[nodiscard]] QString finalize(const Experiment& experiment, const ExperimentSummary& summary) override;

private:
    QString m_path;
};

} // namespace calcprof
