#pragma once

#include "core/csv/csvjob.h"

#include <QString>

#include <vector>

namespace calcprof {

/// How a CSV stage's files are scheduled onto threads (GBench's BenchmarkReporter idea: one small
/// interface, one file per implementation, listed in registerBuiltinCsvModes()).
class CsvWriteMode
{
public:
    CsvWriteMode() = default;
    virtual ~CsvWriteMode() = default;
    CsvWriteMode(const CsvWriteMode&) = delete;
    CsvWriteMode& operator=(const CsvWriteMode&) = delete;
    CsvWriteMode(CsvWriteMode&&) = delete;
    CsvWriteMode& operator=(CsvWriteMode&&) = delete;

    [[nodiscard]] virtual QString id() const = 0;
    [[nodiscard]] virtual QString displayName() const = 0;
    [[nodiscard]] virtual QString description() const = 0;
    [[nodiscard]] virtual bool usesPoolSize() const { return false; }
    /// Writer threads used for `fileCount` files when `poolSize` (>= 1) is the pool-size setting.
    [[nodiscard]] virtual int writerCount(int poolSize, int fileCount) const = 0;
    /// Writes every file of `job` through job.writeFile() with `writers` threads and returns the
    /// results in file order. Must not return before every writer has finished.
    virtual std::vector<CsvFileResult> write(CsvJob& job, int writers) const = 0;
};

} // namespace calcprof
