#include "csvjob.h"

#include "csvfilewriter.h"

namespace calcprof {

CsvJob::CsvJob(QString directory, std::vector<FiboValue> values, CsvRowSpec spec, bool fsync,
    const std::atomic<bool>& stop, FileWritten onWritten)
    : m_directory(std::move(directory))
    , m_values(std::move(values))
    , m_spec(spec)
    , m_fsync(fsync)
    , m_stop(stop)
    , m_onWritten(std::move(onWritten))
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
    if (m_failed.load() || m_stop.load()) {
        result.error = QStringLiteral("skipped");
        return result;
    }

    const CsvWriteOutcome outcome = writeCsvFile(m_directory, result.index, result.value, m_spec, m_fsync, m_stop);
    result.wallSeconds = secondsSinceStart() - result.startSeconds;
    if (!outcome.ok()) {
        result.error = outcome.error;
        const std::lock_guard lock(m_failureMutex);
        if (!m_failed.exchange(true)) {
            m_cancelled = outcome.cancelled;
            const int completed = m_completed.load();
            m_failure = outcome.noSpace ? QStringLiteral("no space left on %1 after %2 of %3 files (%4)")
                                              .arg(m_directory)
                                              .arg(completed)
                                              .arg(fileCount())
                                              .arg(outcome.error)
                : outcome.cancelled
                ? QStringLiteral("cancelled after %1 of %2 files").arg(completed).arg(fileCount())
                : QStringLiteral("%1 (after %2 of %3 files)").arg(outcome.error).arg(completed).arg(fileCount());
        }
        return result;
    }
    result.bytes = outcome.bytes;
    m_completed.fetch_add(1);
    if (m_onWritten)
        m_onWritten(result);
    return result;
}

QString CsvJob::failure() const
{
    const std::lock_guard lock(m_failureMutex);
    return m_failure;
}

bool CsvJob::cancelled() const
{
    const std::lock_guard lock(m_failureMutex);
    return m_cancelled;
}

} // namespace calcprof
