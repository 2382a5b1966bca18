#pragma once

#include "core/io/resultsreporter.h"
#include "core/report/report.h"

#include <QString>

#include <atomic>
#include <cstdio>
#include <functional>

namespace calcprof {

/// Writes a report file: ui/report/reportwriter.h's writeReportUnlessStopped(), which the executable
/// passes in. The console front end draws no figures itself, so it needs no widgets (and its tests
/// none). Gives up, leaving nothing, once `stop` is raised. Empty on success, else why not.
using ReportWriter = std::function<QString(const Report& report, const Experiment& experiment,
    const ExperimentSummary& summary, const QString& path, const std::atomic<bool>& stop)>;

/// --report as an output: when finalized, buildReport() of the experiment and its summary, written
/// by `write` to `path`, and "report: PATH" on `out` once it is there. Without a writer (a build
/// without the window's views) finalize() says so.
class ReportFileReporter final : public ResultsReporter
{
public:
    ReportFileReporter(QString path, ReportWriter write, std::FILE* out);
    [[nodiscard]] QString finalize(const Experiment& experiment, const ExperimentSummary& summary) override;
    /// The flag that makes finalize() give up the report it is drawing (Ctrl-C after the runs);
    /// until set, none: the report is always written.
    void stopOn(const std::atomic<bool>* stop) { m_stop = stop; }

private:
    QString m_path;
    ReportWriter m_write;
    std::FILE* m_out;
    const std::atomic<bool>* m_stop = nullptr;
};

} // namespace calcprof
