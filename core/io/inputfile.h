#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace calcprof {

/// A file a user named, read whole, or why it could not be.
struct InputFile
{
    QByteArray bytes;
    /// Empty on success; else a clause to follow "PATH: ": "no such file", "is a FIFO, not a file",
    /// "too many levels of symbolic links", "3 MB, more than the 1 MB a hostfile can be"…
    QString error;
    bool missing = false; ///< nothing at all is at the path (the error is "no such file")

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// Reads the regular file at `path` (symbolic links followed), never more than `maxBytes` bytes:
/// every file calcprof is told to read (a saved run, a baseline, a hostfile) is read here. A folder,
/// FIFO, device or socket is refused before it is opened, so nothing waits on a writer that never
/// comes or reads an endless device; the file is opened non-blocking and checked again once open, so
/// a file swapped for a FIFO in between cannot hang it either. The cap counts the bytes actually
/// read, not the size the file reports (0 for /proc files, wrong for one that grows). `what` names
/// the kind of file in the message for one that is too large ("a hostfile").
InputFile readInputFile(const QString& path, std::int64_t maxBytes, const QString& what);

} // namespace calcprof
