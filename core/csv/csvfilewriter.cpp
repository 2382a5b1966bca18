#include "csvfilewriter.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

namespace calcprof {

namespace {

constexpr std::size_t kChunkBytes = std::size_t {1} << 20;

// One read-only 1 MiB chunk per fill character, shared by every writer thread: a stage of 43 parallel
// writers needs 2 MiB in all, however large the header and footer are.
const QByteArray& fillChunk(char fill)
{
    static const QByteArray headerChunk(kChunkBytes, 'h');
    static const QByteArray footerChunk(kChunkBytes, 'f');
    return fill == 'h' ? headerChunk : footerChunk;
}

QString systemError(int error)
{
    // std::strerror is not thread-safe; the error category's message is.
    return QString::fromStdString(std::generic_category().message(error));
}

class PosixFile
{
public:
    explicit PosixFile(const QByteArray& path)
        : m_fd(::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644))
    { }
    ~PosixFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    PosixFile(const PosixFile&) = delete;
    PosixFile& operator=(const PosixFile&) = delete;
    PosixFile(PosixFile&&) = delete;
    PosixFile& operator=(PosixFile&&) = delete;

    [[nodiscard]] bool isOpen() const { return m_fd >= 0; }

    // Writes all of [data, data + size), retrying short writes and EINTR. Returns 0 or an errno.
    int writeAll(const char* data, std::size_t size) const
    {
        while (size > 0) {
            const ssize_t written = ::write(m_fd, data, size);
            if (written < 0) {
                if (errno == EINTR)
                    continue;
                return errno;
            }
            data += written;
            size -= static_cast<std::size_t>(written);
        }
        return 0;
    }

    int sync() const { return ::fdatasync(m_fd) == 0 ? 0 : errno; }

    int close()
    {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result == 0 ? 0 : errno;
    }

private:
    int m_fd;
};

} // namespace

CsvWriteOutcome writeCsvFile(const QString& directory, int index, FiboValue value, const CsvRowSpec& spec, bool fsync,
    const std::atomic<bool>& stop)
{
    const QDir dir(directory);
    const QString finalPath = dir.filePath(csvFileName(index));
    const QString temporaryPath = dir.filePath(csvTemporaryFileName(index));
    const QByteArray temporaryNative = QFile::encodeName(temporaryPath);

    CsvWriteOutcome outcome;
    auto fail = [&](int error, const QString& action) {
        ::unlink(temporaryNative.constData());
        outcome.noSpace = error == ENOSPC || error == EDQUOT;
        outcome.error = QStringLiteral("cannot %1: %2").arg(action, systemError(error));
        return outcome;
    };
    auto cancel = [&] {
        ::unlink(temporaryNative.constData());
        outcome.cancelled = true;
        outcome.error = QStringLiteral("cancelled");
        return outcome;
    };

    PosixFile file(temporaryNative);
    if (!file.isOpen()) {
        const int openError = errno; // read before anything else can overwrite it
        return fail(openError, QStringLiteral("create ") + temporaryPath);
    }

    auto writePadding = [&](char fill, std::uint64_t bytes) -> int {
        const QByteArray& chunk = fillChunk(fill);
        while (bytes > 0) {
            if (stop.load(std::memory_order_relaxed))
                return ECANCELED;
            const std::size_t size = std::min<std::uint64_t>(bytes, kChunkBytes);
            if (const int error = file.writeAll(chunk.constData(), size))
                return error;
            bytes -= size;
        }
        return 0;
    };

    const QByteArray middle = csvValueField(value);
    int error = writePadding('h', spec.headerBytes);
    if (error == 0)
        error = file.writeAll(middle.constData(), static_cast<std::size_t>(middle.size()));
    if (error == 0)
        error = writePadding('f', spec.footerBytes);
    if (error == 0)
        error = file.writeAll("\r\n", 2);
    if (error == ECANCELED)
        return cancel();
    if (error != 0)
        return fail(error, QStringLiteral("write ") + temporaryPath);
    if (fsync) {
        if (const int syncError = file.sync())
            return fail(syncError, QStringLiteral("sync ") + temporaryPath);
    }
    if (const int closeError = file.close())
        return fail(closeError, QStringLiteral("close ") + temporaryPath);
    if (stop.load(std::memory_order_relaxed))
        return cancel();
    if (::rename(temporaryNative.constData(), QFile::encodeName(finalPath).constData()) != 0) {
        const int renameError = errno;
        return fail(renameError, QStringLiteral("rename %1 to %2").arg(temporaryPath, finalPath));
    }

    outcome.bytes = csvFileBytes(spec, value);
    return outcome;
}

} // namespace calcprof
