#include "core/csv/csvjob.h"

#include "core/csv/csvfilewriter.h"

namespace calcprof {

CsvJob::CsvJob(QString directory, std::vector<FiboValue> values, CsvRowSpec spec, bool fsync,
    const std::atomic<bool>& stop, FileWritten onWritten, CsvWriteFault fault)
    : m_directory(std::move(directory))
    , m_values(std::move(values))
    , m_spec(spec)
    , m_fsync(fsync)
    , m_stop(stop)
    , m_onWritten(std::move(onWritten))
    , m_fault(std::move(fault))
    , m_origin(std::chrono::steady_clock::now())
{ }

void CsvJob::start()
{
    m_origin = std::chrono::steady_clock::now();
}

CsvFileResult CsvJob::writeFile(int position)
{
    auto secondsSinceStart
        = [this] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_origin).count(); };
    CsvFileResult result;
    result.index = position + 1;
    result.value = m_values.at(static_cast<std::size_t>(position));
    result.worker = m_workers.idOfCurrentThread();
    result.startSeconds = secondsSinceStart();
    if (m_stop.load())
        recordFailure(CsvWriteOutcome {0, QStringLiteral("cancelled"), true, false});
    if (m_failed.load()) {
        result.error = QStringLiteral("skipped");
        return result;
    }

    const CsvWriteOutcome outcome
        = writeCsvFile(m_directory, result.index, result.value, m_spec, m_fsync, m_stop, m_fault, &m_failed);
    result.wallSeconds = secondsSinceStart() - result.startSeconds;
    if (!outcome.ok()) {
        result.error = outcome.error;
        recordFailure(outcome);
        return result;
    }
    result.bytes = outcome.bytes;
    m_completed.fetch_add(1);
    if (m_onWritten)
        m_onWritten(result);
    return result;
}

void CsvJob::recordWritten(const CsvFileResult& result)
{
    m_completed.fetch_add(1);
    if (m_onWritten)
        m_onWritten(result);
}

void CsvJob::recordExternalFailure(const QString& error, bool cancelled)
{
    recordFailure(CsvWriteOutcome {0, error, cancelled, false});
}

void CsvJob::recordFailure(const CsvWriteOutcome& outcome)
{
    const std::lock_guard lock(m_failureMutex);
    if (m_failed.load())
        return; // the first failure is the one worth reporting; later ones are its consequences
    m_failure = outcome;
    m_failed.store(true); // after m_failure: writers that see it give their files up
}

QString CsvJob::failure() const
{
    const std::lock_guard lock(m_failureMutex);
    if (!m_failed.load())
        return {};
    // Counted now rather than when the failure happened: a file that was already being renamed
    // into place may still complete, and the message must match the result files that exist.
    // One multi-argument arg() each: a chained arg() would re-scan the folder name and the system
    // message for %1-style markers.
    const QString completed = QString::number(m_completed.load());
    const QString total = QString::number(fileCount());
    if (m_failure.noSpace)
        return QStringLiteral("no space left on %1 after %2 of %3 files (%4)")
            .arg(m_directory, completed, total, m_failure.error);
    if (m_failure.cancelled)
        return QStringLiteral("cancelled after %1 of %2 files").arg(completed, total);
    return QStringLiteral("%1 (after %2 of %3 files)").arg(m_failure.error, completed, total);
}

} // namespace calcprof
