#pragma once

#include "core/analysis/ratioestimate.h"

#include "core/analysis/stats.h"
#include "core/model/experiment.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace calcprof {

/// A CSV mode's time ratio against save_serial or the raw write, estimated as every speedup is.
using CsvRatio = RatioEstimate;

/// One CSV mode (or the raw sequential write) over the rounds of a CSV stage.
struct CsvEntrySummary
{
    QString mode; ///< the mode's id, or kRawWriteEntry
    int writers = 0; ///< writer threads (the raw write: 1)
    int rounds = 0; ///< rounds it succeeded in: what the medians are of
    int failures = 0; ///< rounds it failed in
    std::uint64_t bytes = 0; ///< bytes written in one round (the same in every successful round)
    int files = 0; ///< files written in one round (the raw write: 1)
    std::uint64_t headerBytes = 0; ///< of each row written (the raw write: 0)
    std::uint64_t footerBytes = 0;
    bool fsync = false;
    Summary seconds; ///< wall seconds of the successful rounds
    double mbPerSecond = 0.0; ///< megabytesPerSecond(bytes, median seconds)
    double mbPerSecondLow = 0.0; ///< at the slow end of the seconds' interval
    double mbPerSecondHigh = 0.0; ///< at its fast end
    std::optional<CsvRatio> againstSerial; ///< absent for save_serial itself and when it did not run
    std::optional<CsvRatio> againstRaw; ///< absent when no raw write was measured
    /// The highest of its rounds' peaks (each the process's peak resident set during the stage).
    std::int64_t peakRssBytes = 0;
};

/// The CSV stage summarised: what every view and the report quote.
struct CsvSummary
{
    std::vector<CsvEntrySummary> modes; ///< every mode with a successful round, in the registry's order
    std::optional<CsvEntrySummary> raw; ///< the raw sequential write, when measured
    int rounds = 0; ///< rounds that ran (the highest round number + 1)
    bool fsync = false; ///< whether the files were flushed to the disk (else page-cache speeds)

    /// The mode with the highest median MB/s; nullptr when none succeeded.
    [[nodiscard]] const CsvEntrySummary* fastest() const;
    [[nodiscard]] const CsvEntrySummary* find(const QString& mode) const;
};

/// The mode id of the original's save_serial: the reference of every CSV speedup.
inline const QString kSaveSerialMode = QStringLiteral("serial");

/// Summarises experiment.csv and experiment.rawWrites: medians over the rounds, their intervals, MB/s,
/// and each mode's paired ratio against save_serial and against the raw write.
CsvSummary summarizeCsv(const Experiment& experiment);

} // namespace calcprof
