#pragma once

#include "core/csv/csvformat.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>

namespace calcprof {

struct CsvWriteOutcome
{
    /// Bytes of the finished file, counted as write() took them (0 unless it was completed).
    std::uint64_t bytes = 0;
    QString error; ///< empty on success; "cancelled" when stopped
    bool cancelled = false;
    bool noSpace = false; ///< the device was full (ENOSPC / EDQUOT)

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// A testing seam, never set in production: called before every write() of a CSV file with the
/// file's 1-based index (res<fileIndex>.txt) and the offset in the file that write starts at.
/// Returns 0 to let the write happen, or an errno that the write then fails with, exactly as if
/// write() had returned -1 with it (ENOSPC, EIO, EACCES…; EINTR is retried like a real one, so the
/// hook is called again at the same offset). Tests also use it to hold a writer mid-file. It may
/// be called from several writer threads at once. Unset, it costs one test of an empty
/// std::function per write of up to 1 MiB.
using CsvWriteFault = std::function<int(int fileIndex, std::uint64_t offset)>;

/// Writes res<index>.txt into `directory`, streamed from a small shared buffer (memory use does not
/// grow with the header size). The data goes to a temporary name first and is renamed only once
/// complete (and, with `fsync`, durable), so a failure or cancel leaves no partial result file:
/// the temporary file is removed before returning. Every step works relative to the folder opened
/// once at the start, so a folder renamed away mid-file still gets its temporary file removed.
/// Raising `stop` cancels; raising `*abandon` (the stage failed elsewhere) gives the file up the
/// same way but reports it as abandoned rather than cancelled. `fault`: see CsvWriteFault.
CsvWriteOutcome writeCsvFile(const QString& directory, int index, FiboValue value, const CsvRowSpec& spec, bool fsync,
    const std::atomic<bool>& stop, const CsvWriteFault& fault = {}, const std::atomic<bool>* abandon = nullptr);

} // namespace calcprof
