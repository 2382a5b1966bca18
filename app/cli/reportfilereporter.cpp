#include "app/cli/reportfilereporter.h"

#include <QDir>

#include <utility>

namespace calcprof {

ReportFileReporter::ReportFileReporter(QString path, ReportWriter write, std::FILE* out)
    : m_path(std::move(path))
    , m_write(std::move(write))
    , m_out(out)
{ }

QString ReportFileReporter::finalize(const Experiment& experiment, const ExperimentSummary& summary)
{
    if (!m_write)
        return QStringLiteral("cannot write the report to %1: this build has no report writer").arg(m_path);
    const std::atomic<bool> never {false};
    const std::atomic<bool>& stop = m_stop != nullptr ? *m_stop : never;
    if (QString error = m_write(buildReport(experiment, summary), experiment, summary, m_path, stop); !error.isEmpty())
        return error;
    std::fprintf(m_out, "report: %s\n", qPrintable(QDir::toNativeSeparators(m_path)));
    return {};
}

} // namespace calcprof
