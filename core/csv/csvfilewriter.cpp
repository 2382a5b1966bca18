#include "core/csv/csvfilewriter.h"

#include "core/io/filedescriptor.h"

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
    // Creates (or truncates) `name` in the folder `directoryFd`.
    PosixFile(int directoryFd, const QByteArray& name, int index, const CsvWriteFault& fault)
        : m_file(::openat(directoryFd, name.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644))
        , m_index(index)
        , m_fault(fault)
    { }

    [[nodiscard]] bool isOpen() const { return m_file.isOpen(); }

    // Writes all of [data, data + size), retrying short writes and EINTR. Returns 0 or an errno.
    int writeAll(const char* data, std::size_t size)
    {
        while (size > 0) {
            const int injected = m_fault ? m_fault(m_index, m_offset) : 0;
            const ssize_t written = injected != 0 ? -1 : ::write(m_file.fd(), data, size);
            if (written < 0) {
                const int error = injected != 0 ? injected : errno;
                if (error == EINTR)
                    continue;
                return error;
            }
            data += written;
            size -= static_cast<std::size_t>(written);
            m_offset += static_cast<std::uint64_t>(written);
        }
        return 0;
    }

    /// Bytes the write() calls so far have taken: counted, not computed from the row.
    [[nodiscard]] std::uint64_t bytesWritten() const { return m_offset; }

    int sync() const { return ::fdatasync(m_file.fd()) == 0 ? 0 : errno; }
    int close() { return m_file.close(); }

private:
    FileDescriptor m_file;
    int m_index;
    const CsvWriteFault& m_fault;
    std::uint64_t m_offset = 0;
};

// Whether a file's write is to stop: the run was stopped, or (`abandon`) the stage failed elsewhere.
struct Halt
{
    const std::atomic<bool>& stop;
    const std::atomic<bool>* abandon;

    [[nodiscard]] bool stopped() const { return stop.load(std::memory_order_relaxed); }
    [[nodiscard]] bool operator()() const { return stopped() || (abandon && abandon->load(std::memory_order_relaxed)); }
};

// `bytes` of `fill`, a shared chunk at a time: 0, ECANCELED once halted, or the write's errno.
int writePadding(PosixFile& file, char fill, std::uint64_t bytes, const Halt& halted)
{
    const QByteArray& chunk = fillChunk(fill);
    while (bytes > 0) {
        if (halted())
            return ECANCELED;
        const std::size_t size = std::min<std::uint64_t>(bytes, kChunkBytes);
        if (const int error = file.writeAll(chunk.constData(), size))
            return error;
        bytes -= size;
    }
    return 0;
}

// The row: header padding, the value, footer padding, CRLF. 0, ECANCELED once halted, or an errno.
int writeRow(PosixFile& file, FiboValue value, const CsvRowSpec& spec, const Halt& halted)
{
    const QByteArray middle = csvValueField(value);
    int error = writePadding(file, 'h', spec.headerBytes, halted);
    if (error == 0)
        error = file.writeAll(middle.constData(), static_cast<std::size_t>(middle.size()));
    if (error == 0)
        error = writePadding(file, 'f', spec.footerBytes, halted);
    if (error == 0)
        error = file.writeAll("\r\n", 2);
    return error;
}

CsvWriteOutcome failure(int error, const QString& action)
{
    CsvWriteOutcome outcome;
    outcome.noSpace = error == ENOSPC || error == EDQUOT;
    outcome.error = QStringLiteral("cannot %1: %2").arg(action, systemError(error));
    return outcome;
}

CsvWriteOutcome cancellation(const Halt& halted)
{
    CsvWriteOutcome outcome;
    if (halted.stopped()) {
        outcome.cancelled = true;
        outcome.error = QStringLiteral("cancelled");
    } else {
        outcome.error = QStringLiteral("abandoned: another file of the stage failed");
    }
    return outcome;
}

} // namespace

CsvWriteOutcome writeCsvFile(const QString& directory, int index, FiboValue value, const CsvRowSpec& spec, bool fsync,
    const std::atomic<bool>& stop, const CsvWriteFault& fault, const std::atomic<bool>* abandon)
{
    const QDir dir(directory);
    const QString finalPath = dir.filePath(csvFileName(index));
    const QString temporaryPath = dir.filePath(csvTemporaryFileName(index));
    const QByteArray finalName = QFile::encodeName(csvFileName(index));
    const QByteArray temporaryName = QFile::encodeName(csvTemporaryFileName(index));

    // Every later step is relative to this handle, not to the path: if the folder is renamed away
    // mid-file, the temporary file is still removed (or renamed into place) where it really is.
    const FileDescriptor folder(::open(QFile::encodeName(directory).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    const int folderError = folder.isOpen() ? 0 : errno;

    const Halt halted {stop, abandon};
    auto removeTemporary = [&] {
        if (folder.isOpen())
            ::unlinkat(folder.fd(), temporaryName.constData(), 0);
    };
    auto fail = [&](int error, const QString& action) {
        removeTemporary();
        return failure(error, action);
    };
    auto cancel = [&] {
        removeTemporary();
        return cancellation(halted);
    };

    if (!folder.isOpen())
        return fail(folderError, QStringLiteral("create ") + temporaryPath);
    PosixFile file(folder.fd(), temporaryName, index, fault);
    if (!file.isOpen()) {
        const int openError = errno; // read before anything else can overwrite it
        return fail(openError, QStringLiteral("create ") + temporaryPath);
    }
    const int writeError = writeRow(file, value, spec, halted);
    if (writeError == ECANCELED)
        return cancel();
    if (writeError != 0)
        return fail(writeError, QStringLiteral("write ") + temporaryPath);
    if (fsync) {
        if (const int syncError = file.sync())
            return fail(syncError, QStringLiteral("sync ") + temporaryPath);
    }
    if (const int closeError = file.close())
        return fail(closeError, QStringLiteral("close ") + temporaryPath);
    if (halted())
        return cancel();
    if (::renameat(folder.fd(), temporaryName.constData(), folder.fd(), finalName.constData()) != 0) {
        const int renameError = errno;
        return fail(renameError, QStringLiteral("rename %1 to %2").arg(temporaryPath, finalPath));
    }

    CsvWriteOutcome outcome;
    outcome.bytes = file.bytesWritten();
    return outcome;
}

} // namespace calcprof
