#pragma once

#include "core/csv/csvfilewriter.h"
#include "core/csv/csvformat.h"
#include "core/csv/csvjob.h"
#include "core/model/results.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <vector>

// What the CSV tests compare against, written independently of the production writer, and the one
// way they run a stage.
namespace calcprof::test {

/// The row Python's csv.writer writes for ['h' * header, value, 'f' * footer].
QByteArray expectedRow(const CsvRowSpec& row, FiboValue value);

/// The default set 1 (10,12,5,7,4,3,2) in result order, from the iterative reference: 43 values.
std::vector<FiboValue> setOneValues();

/// Header and footer sizes: small enough that a whole 43-file stage is a few kilobytes.
CsvRowSpec rowOf(std::uint64_t header, std::uint64_t footer);

/// A CSV stage of set 1's values, small rows, kept files, in one of the registered modes.
struct StageSetup
{
    QString mode = QStringLiteral("serial");
    int writers = 1;
    QString directory; ///< empty: a fresh folder under the temp directory
    std::vector<FiboValue> values = setOneValues();
    CsvRowSpec row = rowOf(7, 4);
    bool keepFiles = true;
    bool fsync = false;
    CsvWriteFault fault;
};

inline const std::atomic<bool> kNeverStop {false};

/// Runs `setup` through runCsvStage(); an unknown mode gives a CsvRun whose error says so.
CsvRun runStage(
    const StageSetup& setup, const std::atomic<bool>& stop = kNeverStop, const CsvJob::FileWritten& onWritten = {});

} // namespace calcprof::test
