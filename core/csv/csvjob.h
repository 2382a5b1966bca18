#pragma once

#include "core/csv/csvfilewriter.h"
#include "core/csv/csvformat.h"
#include "core/exec/timedtasks.h"
#include "core/model/results.h"

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

    /// `fault` is the writer's testing seam (see CsvWriteFault); empty in production.
    CsvJob(QString directory, std::vector<FiboValue> values, CsvRowSpec spec, bool fsync, const std::atomic<bool>& stop,
        FileWritten onWritten = {}, CsvWriteFault fault = {});

    [[nodiscard]] int fileCount() const { return static_cast<int>(m_values.size()); }

    /// Starts the clock that file offsets are measured from.
    void start();

    /// Writes file `position` (0-based; the file is res<position + 1>.txt). Thread-safe, once per
    /// position; never throws. After the first failure or a cancel, the remaining files are skipped
    /// rather than written and the files being written are abandoned (their temporary files
    /// removed), so the stage stops promptly.
    CsvFileResult writeFile(int position);

    /// Empty unless a file failed or the stage was cancelled; the first failure wins and says how
    /// many files are complete (once the writers have finished: how many result files exist).
    [[nodiscard]] QString failure() const;

private:
    void recordFailure(const CsvWriteOutcome& outcome);

    QString m_directory;
    std::vector<FiboValue> m_values;
    CsvRowSpec m_spec;
    bool m_fsync;
    const std::atomic<bool>& m_stop;
    FileWritten m_onWritten;
    CsvWriteFault m_fault;
    std::chrono::steady_clock::time_point m_origin;
    WorkerIds m_workers;
    std::atomic<int> m_completed {0};
    std::atomic<bool> m_failed {false};
    mutable std::mutex m_failureMutex;
    CsvWriteOutcome m_failure; ///< the first failure; meaningful once m_failed
};

} // namespace calcprof
