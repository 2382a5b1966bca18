#include "core/io/inputfile.h"

#include "core/io/filedescriptor.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace calcprof {

namespace {

constexpr std::int64_t kBytesPerMegabyte = 1'000'000;
constexpr qsizetype kReadChunkBytes = qsizetype {1} << 16;

/// The system's reason for `error`, as a clause: "too many levels of symbolic links".
QString reasonOf(int error)
{
    QString reason = qt_error_string(error);
    if (!reason.isEmpty())
        reason[0] = reason[0].toLower();
    return reason;
}

/// Empty for a regular file; else what it is instead, as a clause.
QString notAFile(mode_t mode)
{
    if (S_ISREG(mode))
        return {};
    if (S_ISDIR(mode))
        return QStringLiteral("is a folder, not a file");
    if (S_ISFIFO(mode))
        return QStringLiteral("is a FIFO, not a file");
    if (S_ISCHR(mode))
        return QStringLiteral("is a character device, not a file");
    if (S_ISBLK(mode))
        return QStringLiteral("is a block device, not a file");
    if (S_ISSOCK(mode))
        return QStringLiteral("is a socket, not a file");
    return QStringLiteral("is not a regular file");
}

/// "64 bytes", "1073 MB".
QString amount(std::int64_t bytes)
{
    return bytes >= kBytesPerMegabyte ? QStringLiteral("%1 MB").arg(bytes / kBytesPerMegabyte)
                                      : QStringLiteral("%1 bytes").arg(bytes);
}

/// `size`: what the file says it holds; -1 when only reading it found out.
QString tooLarge(std::int64_t size, std::int64_t maxBytes, const QString& what)
{
    const QString limit = QStringLiteral("more than the %1 %2 can be").arg(amount(maxBytes), what);
    return size >= 0 ? QStringLiteral("%1, %2").arg(amount(size), limit) : limit;
}

/// Reads `fd` to its end into `bytes`; false when more than `maxBytes` come (or a read fails: `error`).
bool readAll(int fd, qsizetype maxBytes, QByteArray& bytes, int& error)
{
    qsizetype total = 0;
    for (;;) {
        // One byte past the cap is enough to know the file is over it.
        const qsizetype room = std::min<qsizetype>(kReadChunkBytes, maxBytes + 1 - total);
        if (room <= 0)
            return false;
        if (total + room > bytes.capacity()) // geometric growth: a file larger than it said stays linear
            bytes.reserve(std::min(maxBytes + 1, std::max(2 * bytes.capacity(), total + room)));
        bytes.resize(total + room);
        const ssize_t got = ::read(fd, bytes.data() + total, static_cast<std::size_t>(room));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            error = errno;
            return false;
        }
        total += got;
        bytes.resize(total);
        if (got == 0)
            return total <= maxBytes;
    }
}

} // namespace

InputFile readInputFile(const QString& path, std::int64_t maxBytes, const QString& what)
{
    InputFile input;
    const QByteArray name = QFile::encodeName(path);
    struct stat status
    { };
    if (::stat(name.constData(), &status) != 0) {
        input.missing = errno == ENOENT || errno == ENOTDIR;
        input.error = input.missing ? QStringLiteral("no such file") : reasonOf(errno);
        return input;
    }
    // Before opening: opening a FIFO (even non-blocking) or a device can have effects of its own.
    if (input.error = notAFile(status.st_mode); !input.error.isEmpty())
        return input;
    const FileDescriptor fd(::open(name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.fd() < 0) {
        input.error = reasonOf(errno);
        return input;
    }
    // Again on what was opened: the path may name something else by now.
    if (::fstat(fd.fd(), &status) != 0) {
        input.error = reasonOf(errno);
        return input;
    }
    if (input.error = notAFile(status.st_mode); !input.error.isEmpty())
        return input;
    if (status.st_size > maxBytes) {
        input.error = tooLarge(status.st_size, maxBytes, what);
        return input;
    }
    const auto cap = static_cast<qsizetype>(maxBytes);
    input.bytes.reserve(std::min<qsizetype>(status.st_size, cap) + 1);
    int error = 0;
    if (!readAll(fd.fd(), cap, input.bytes, error)) {
        input.error = error != 0 ? reasonOf(error) : tooLarge(-1, maxBytes, what);
        input.bytes.clear();
    }
    return input;
}

} // namespace calcprof
