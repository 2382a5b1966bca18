#include "runlog.h"

#include "csv/csvformat.h"
#include "units.h"

namespace calcprof {

namespace {
QString failureSuffix(const QString& error)
{
    return error.isEmpty() ? QString() : QStringLiteral(" FAILED: ") + error;
}
} // namespace

QString ranLine(const SetRun& run)
{
    QString line = QStringLiteral("Ran '%1' on set %2 in %3 secs")
                       .arg(run.strategy)
                       .arg(run.setIndex)
                       .arg(run.wallSeconds, 0, 'f', 4);
    if (run.poolSize > 1)
        line += QStringLiteral(" (%1 workers)").arg(run.poolSize);
    return line + failureSuffix(run.error);
}

QString ranLine(const CsvRun& run)
{
    return QStringLiteral("Ran csv '%1' in %2 secs: %3 files, %4, %5 MB/s")
               .arg(run.mode)
               .arg(run.wallSeconds, 0, 'f', 4)
               .arg(run.files)
               .arg(formatBytes(run.bytes))
               .arg(run.mbPerSecond, 0, 'f', 0)
        + failureSuffix(run.error);
}

QString wroteLine(const CsvFileResult& file)
{
    const double mbPerSecond = file.wallSeconds > 0 ? static_cast<double>(file.bytes) / 1e6 / file.wallSeconds : 0.0;
    return QStringLiteral("  wrote %1 (%2) in %3 secs, %4 MB/s")
        .arg(csvFileName(file.index), formatBytes(file.bytes))
        .arg(file.wallSeconds, 0, 'f', 4)
        .arg(mbPerSecond, 0, 'f', 0);
}

} // namespace calcprof
