#pragma once

#include "core/io/resultsreporter.h"
#include "core/report/report.h"

#include <QString>

#include <cstdio>
#include <functional>

namespace calcprof {

/// Writes a report file: ui/report/reportwriter.h's writeReport(), which the executable passes in. The
/// console front end draws no figures itself, so it needs no widgets (and its tests none).
/// Empty on success, else why not.
using ReportWriter = std::function<QString(
    const Report& report, const Experiment& experiment, const ExperimentSummary& summary, const QString& path)>;

/// --report as an output: when finalized, buildReport() of the experiment and its summary, written
/// by `write` to `path`, and "report: PATH" on `out` once it is there. Without a writer (a build
/// without the window's views) finalize() says so.
class ReportFileReporter final : public ResultsReporter
{
public:
    ReportFileReporter(QString path, ReportWriter write, std::FILE* out);
    [[nodiscard]] QString finalize(const Experiment& experiment, const ExperimentSummary& summary) override;

private:
    QString m_path;
    ReportWriter m_write;
    std::FILE* m_out;
};

} // namespace calcprof
