#pragma once

#include "csvformat.h"

#include <QString>

#include <atomic>
#include <cstdint>

namespace calcprof {

struct CsvWriteOutcome
{
    std::uint64_t bytes = 0; ///< bytes of the finished file (0 unless it was completed)
    QString error; ///< empty on success; "cancelled" when stopped
    bool cancelled = false;
    bool noSpace = false; ///< the device was full (ENOSPC / EDQUOT)

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// Writes res<index>.txt into `directory`, streamed from a small shared buffer (memory use does not
/// grow with the header size). The data goes to a temporary name first and is renamed only once
/// complete (and, with `fsync`, durable), so a failure or cancel leaves no partial result file:
/// the temporary file is removed before returning.
CsvWriteOutcome writeCsvFile(const QString& directory, int index, FiboValue value, const CsvRowSpec& spec, bool fsync,
    const std::atomic<bool>& stop);

} // namespace calcprof
