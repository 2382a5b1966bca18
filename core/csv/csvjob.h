#pragma once

#include "csvfilewriter.h"
#include "csvformat.h"
#include "results.h"
#include "taskexecution.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <vector>

namespace calcprof {

/// The files of one CSV stage, ready to be scheduled by a CsvWriteMode. Modes decide only which
/// thread writes which file when; writeFile() does the writing, timing and bookkeeping.
class CsvJob
{
public:
    /// Called on the writer thread after each file that was written completely.
    using FileWritten = std::function<void(const CsvFileResult&)>;

    CsvJob(QString directory, std::vector<FiboValue> values, CsvRowSpec spec, bool fsync, const std::atomic<bool>& stop,
        FileWritten onWritten = {});

    [[nodiscard]] int fileCount() const { return static_cast<int>(m_values.size()); }
    [[nodiscard]] const QString& directory() const { return m_directory; }

    /// Starts the clock that file offsets are measured from.
    void start();

    /// Writes file `position` (0-based; the file is res<position + 1>.txt). Thread-safe, once per
    /// position; never throws. After the first failure or a cancel, the remaining files are skipped
    /// rather than written, so the stage stops promptly.
    CsvFileResult writeFile(int position);

    /// Empty unless a file failed or the stage was cancelled; the first failure wins and says how
    /// many files were complete when it happened.
    [[nodiscard]] QString failure() const;

private:
    void recordFailure(const CsvWriteOutcome& outcome);

    QString m_directory;
    std::vector<FiboValue> m_values;
    CsvRowSpec m_spec;
    bool m_fsync;
    const std::atomic<bool>& m_stop;
    FileWritten m_onWritten;
    std::chrono::steady_clock::time_point m_origin;
    WorkerIds m_workers;
    std::atomic<int> m_completed {0};
    std::atomic<bool> m_failed {false};
    mutable std::mutex m_failureMutex;
    QString m_failure;
};

} // namespace calcprof
