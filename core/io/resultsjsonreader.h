#pragma once

#include "core/model/experiment.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace calcprof {

/// A results file larger than this is refused (by its size, and by the bytes read, for a file whose
/// size says less): the largest documented experiment (64 sets of 256 numbers, every strategy,
/// --repeat 3) writes about 120 MB.
inline constexpr std::int64_t kMaxResultsFileBytes = std::int64_t {1} << 30;

/// An experiment read back from a --json file, or why it could not be.
struct ExperimentRead
{
    Experiment experiment;
    QString error; ///< empty on success: "FILE: runs[3].tasks[0].n: expected …"

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// Reads a file written by --json (or the window's JSON export) back into the Experiment it was
/// written from: runs, tasks, CSV stages, machine and settings (the summary is recomputed from the
/// runs, never trusted). Refuses, with the file's name and the place and nature of the problem, a
/// missing or unreadable file, a FIFO, device or folder (never opened: see readInputFile()), one
/// over kMaxResultsFileBytes, text that is not JSON (or is truncated), JSON whose top level is not
/// an object, another tool's JSON, and any field of the wrong type or out of range: a time over
/// 10^7 s, a set_index beyond the plan's sets, a strategy this calcprof does not have. Fields it does
/// not know are ignored, so files of later versions that only add fields still load.
ExperimentRead readExperimentJson(const QString& path);

/// The same from bytes already in memory; `name` stands for the file in messages.
ExperimentRead experimentFromJson(const QByteArray& bytes, const QString& name);

} // namespace calcprof
