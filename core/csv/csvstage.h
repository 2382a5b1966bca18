#pragma once

#include "core/csv/csvjob.h"
#include "core/csv/csvwritemode.h"
#include "core/model/results.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace calcprof {

/// Rounds of the CSV stage when more than one mode runs and --csv-repeat is not given: enough for a
/// median that no single round (the one that found the page cache cold) decides.
inline constexpr int kDefaultCsvRepeatSeveralModes = 3;

/// The writer pool's size when none is set: one writer per core.
int defaultCsvPoolSize();

struct CsvOptions
{
    /// A registered mode id, several separated by commas (one stage each, in that order, every one
    /// writing the same files: the modes compare on one run), or "none" for no CSV stage.
    QString mode = QStringLiteral("none");
    int setIndex = 1; ///< 1-based: whose results are written
    QString directory; ///< empty: a fresh folder under the system temp directory
    CsvRowSpec row;
    bool fsync = false;
    bool keepFiles = false;
    /// Rounds: each runs every mode once, and the raw sequential write, in a rotating order. 0: the
    /// default, kDefaultCsvRepeatSeveralModes when more than one mode runs, else 1 (rounds()).
    int repeat = 0;
    /// Writer threads of the modes that use a pool size (pool); its own setting, never the
    /// strategies' sweep. 0: the cores (writerPoolSize()).
    int poolSize = 0;
    CsvWriteFault writeFault; ///< testing seam (see CsvWriteFault): empty in production
    /// The interpreter of the Python modes (py-serial): the plan's strategy options' (--python).
    PythonOptions python;

    [[nodiscard]] bool enabled() const { return mode != QStringLiteral("none"); }
    /// The stages to run, in order: `mode` split at its commas; none when the stage is off.
    [[nodiscard]] QStringList modes() const;
    /// The rounds to run: `repeat`, or its default for the modes chosen.
    [[nodiscard]] int rounds() const;
    /// The pool-size setting the pool mode gets: `poolSize`, or the cores when it is 0.
    [[nodiscard]] int writerPoolSize() const;
};

/// What runs at `position` (0-based) of `round` when `entries` things are measured per round:
/// the entries rotated by the round (round r starts with entry r mod n), so that no mode is always
/// first (the one that finds the page cache cold) or always after the same one.
int rotatedEntry(int round, int position, int entries);

/// Empty if `directory` exists, is a folder and is writable; otherwise why not.
QString checkCsvDirectory(const QString& directory);
/// Bytes available to this process on the file system holding `directory`.
std::optional<std::uint64_t> freeBytes(const QString& directory);
/// Empty if a stage of `values` fits in the free space of `directory` (each file rounded up to whole
/// blocks of that file system); otherwise a message saying what to change.
QString checkCsvFreeSpace(const QString& directory, const std::vector<FiboValue>& values, const CsvRowSpec& row);
/// Empty if `directory` is usable, holds no result file the stage would overwrite, and the stage
/// fits; otherwise a message saying what to change.
QString checkCsvStage(const QString& directory, const std::vector<FiboValue>& values, const CsvRowSpec& row);
/// Total bytes of a stage.
std::uint64_t csvStageBytes(const std::vector<FiboValue>& values, const CsvRowSpec& row);

struct SequentialWrite
{
    std::uint64_t bytes = 0;
    double wallSeconds = 0.0;
    double mbPerSecond = 0.0;
    QString error; ///< empty on success
};

/// The reference a CSV stage is compared with: one plain sequential stream of `bytes` into a
/// temporary file in `directory` (what `dd conv=fdatasync` measures with `fsync`), written by the
/// same streaming writer, then deleted. Checks the free space first. Never throws.
SequentialWrite measureSequentialWrite(
    const QString& directory, std::uint64_t bytes, bool fsync, const std::atomic<bool>& stop);

/// Runs one CSV stage end to end: prepares the folder, checks it (nothing is written if a check
/// fails), writes every file in `mode` with `writers` threads, times it, and then deletes the
/// files unless options.keepFiles (a folder it created itself goes too). Never throws.
CsvRun runCsvStage(const CsvWriteMode& mode, const CsvOptions& options, int writers, int setIndex,
    const std::vector<FiboValue>& values, const std::atomic<bool>& stop, const CsvJob::FileWritten& onWritten = {});

} // namespace calcprof
