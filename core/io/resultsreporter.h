#pragma once

#include "core/analysis/summary.h"
#include "core/model/experiment.h"

#include <QString>

#include <cstddef>

namespace calcprof {

/// What an output knows before the first result: the plan and the machine; for runs read back from
/// a file (--from-json), which file and how many set runs it holds.
struct ReportContext
{
    ExperimentPlan plan;
    EnvironmentInfo environment;
    QString version; ///< the calcprof that measures (or measured) the runs
    QString savedPath; ///< the file the runs were read from; empty for runs measured now
    std::size_t savedRuns = 0; ///< how many set runs that file holds
};

/// One output of an experiment: the console, the JSON file, the Chrome trace, the report. The shape
/// of Google Benchmark's BenchmarkReporter (ReportContext, ReportRuns, Finalize): the front end
/// builds the list its options ask for and drives every output the same way -
/// - reportContext() once, before anything runs;
/// - reportRun() / reportCsvRun() as each set run and CSV stage finishes (only for runs measured
///   now: runs read back from a file finished long ago);
/// - finalize() once, with the whole experiment and its summary (computed once, for all outputs).
/// An output formats what it is given; it computes no number the summary has.
class ResultsReporter
{
public:
    ResultsReporter() = default;
    virtual ~ResultsReporter() = default;
    Q_DISABLE_COPY_MOVE(ResultsReporter)

    virtual void reportContext(const ReportContext& /*context*/) { }
    virtual void reportRun(const SetRun& /*run*/) { }
    virtual void reportCsvRun(const CsvRun& /*run*/) { }
    /// Prints or writes the results. Empty on success, else why not (one line).
    [[nodiscard]] virtual QString finalize(const Experiment& experiment, const ExperimentSummary& summary) = 0;
};

} // namespace calcprof
