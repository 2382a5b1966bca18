#pragma once

#include "core/csv/csvfilewriter.h"
#include "core/csv/csvformat.h"
#include "core/exec/timedtasks.h"
#include "core/model/results.h"
#include "core/strategies/strategyoptions.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
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

    // For a mode whose files another process writes (py-serial: the Python runner): what it needs to
    // do the same writing, and how it hands each file's result back.
    [[nodiscard]] const QString& directory() const { return m_directory; }
    [[nodiscard]] const std::vector<FiboValue>& values() const { return m_values; }
    [[nodiscard]] const CsvRowSpec& spec() const { return m_spec; }
    [[nodiscard]] bool fsync() const { return m_fsync; }
    [[nodiscard]] const std::atomic<bool>& stopFlag() const { return m_stop; }
    /// When the stage's clock started (start()): file offsets are measured from it.
    [[nodiscard]] std::chrono::steady_clock::time_point origin() const { return m_origin; }
    /// The interpreter that writes a Python mode's files (the plan's --python).
    [[nodiscard]] const PythonOptions& python() const { return m_python; }
    void setPython(PythonOptions python) { m_python = std::move(python); }
    /// A file another process wrote completely: counted and reported as writeFile() does its own.
    void recordWritten(const CsvFileResult& result);
    /// Another process's writing failed (or was cancelled) with `error`: the stage's failure.
    void recordExternalFailure(const QString& error, bool cancelled);
    /// The writing process's own peak resident set, when another process wrote the files: the stage's
    /// peak memory is then that process's, not calcprof's.
    void setWriterPeakRssBytes(std::int64_t bytes) { m_writerPeakRssBytes = bytes; }
    [[nodiscard]] std::optional<std::int64_t> writerPeakRssBytes() const { return m_writerPeakRssBytes; }

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
    PythonOptions m_python;
    std::optional<std::int64_t> m_writerPeakRssBytes;
};

} // namespace calcprof
