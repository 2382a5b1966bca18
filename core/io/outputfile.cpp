#include "core/io/outputfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <optional>
#include <pthread.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace calcprof {

namespace {

// Writes are gathered up to this size: the JSON writer hands over a few bytes at a time.
constexpr qsizetype kBufferBytes = qsizetype {1} << 16;
// One write() call at most this much: Linux writes at most ~2 GiB per call anyway.
constexpr qint64 kMaxWriteBytes = qint64 {1} << 30;
// A temporary name already taken (another calcprof, a leftover) is retried under a new random name.
constexpr int kTemporaryNameTries = 100;
// The target's name as part of the temporary name is cut to this, so the temporary name stays
// within NAME_MAX (255) for any target name.
constexpr qsizetype kNameInTemporary = 120;
constexpr mode_t kPermissionBits = 07777;
constexpr mode_t kNewFileMode = 0666; // less the umask, as for any file a program makes

// The errno in words for a message: "no space left on device".
QString reasonOf(int error)
{
    switch (error) {
    case ENXIO: return QStringLiteral("no program is reading the FIFO (start the reader first)");
    case EPIPE: return QStringLiteral("the program reading it closed it before the end (broken pipe)");
    default: break;
    }
    // std::strerror is not thread-safe; the error category's message is.
    QString text = QString::fromStdString(std::generic_category().message(error));
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

bool writtenInPlace(const struct stat& status)
{
    return S_ISCHR(status.st_mode) || S_ISFIFO(status.st_mode);
}

// Why an existing `status` cannot be an output, or nothing: files are replaced, character devices
// and FIFOs written in place; anything else (a disk, a socket) is never what a user meant to overwrite.
std::optional<QString> refusedKind(const struct stat& status)
{
    if (S_ISREG(status.st_mode) || writtenInPlace(status))
        return std::nullopt;
    if (S_ISDIR(status.st_mode))
        return QStringLiteral("it is a folder");
    const QString kind = S_ISBLK(status.st_mode) ? QStringLiteral("a block device")
        : S_ISSOCK(status.st_mode)               ? QStringLiteral("a socket")
                                                 : QStringLiteral("not a regular file");
    return QStringLiteral("it is %1; calcprof writes files, character devices (such as /dev/null) and FIFOs").arg(kind);
}

// A write to a FIFO whose reader has gone raises SIGPIPE, whose default action would end calcprof
// before it could say why. It is held back (blocked) for this thread during the write, and, if the
// write raised it (EPIPE) and it was not pending before, taken off the pending signals again: the
// write then fails with EPIPE, which is reported like any other write error.
class HeldSigpipe
{
public:
    HeldSigpipe()
    {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_previous);
        sigset_t pending;
        sigemptyset(&pending);
        sigpending(&pending);
        m_wasPending = sigismember(&pending, SIGPIPE) == 1;
    }
    ~HeldSigpipe() { pthread_sigmask(SIG_SETMASK, &m_previous, nullptr); }
    Q_DISABLE_COPY_MOVE(HeldSigpipe)

    void takeRaised() const
    {
        if (m_wasPending)
            return;
        const timespec now {};
        while (sigtimedwait(&m_pipe, nullptr, &now) < 0 && errno == EINTR) { }
    }

private:
    sigset_t m_pipe {};
    sigset_t m_previous {};
    bool m_wasPending = false;
};

QString failureMessage(const QString& what, const QString& path, const QString& reason)
{
    return QCoreApplication::translate("calcprof", "cannot write %1 to %2: %3")
        .arg(what, QDir::toNativeSeparators(path), reason);
}

} // namespace

QString checkOutputFile(const QString& path)
{
    if (path.isEmpty())
        return QStringLiteral("the output path is empty");
    struct stat status
    { };
    const bool exists = ::stat(QFile::encodeName(path).constData(), &status) == 0;
    if (exists && writtenInPlace(status)) {
        if (::access(QFile::encodeName(path).constData(), W_OK) != 0)
            return QStringLiteral("cannot write %1: permission denied").arg(path);
        return {};
    }
    if (exists) {
        if (const std::optional<QString> refused = refusedKind(status))
            return QStringLiteral("cannot write %1: %2").arg(path, *refused);
    }
    // The temporary file goes beside the file a symlink leads to, which is the one replaced.
    const QFileInfo info(exists ? QFileInfo(path).canonicalFilePath() : path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return QStringLiteral("cannot write %1: folder %2 does not exist").arg(path, folder.filePath());
    if (!folder.isWritable() || (exists && !info.isWritable()))
        return QStringLiteral("cannot write %1: permission denied").arg(path);
    return {};
}

OutputFile::OutputFile(QString path)
    : m_path(std::move(path))
{ }

OutputFile::~OutputFile()
{
    discard();
}

bool OutputFile::open(OpenMode mode)
{
    if (isOpen() || m_fd >= 0 || (mode & ~(WriteOnly | Truncate | Unbuffered)) != 0 || !(mode & WriteOnly)) {
        qWarning("OutputFile::open: only opened once, write-only");
        return false;
    }
    m_failure.clear();
    m_finished = false;
    if (m_path.isEmpty())
        return fail(QStringLiteral("the output path is empty"));
    const QByteArray encoded = QFile::encodeName(m_path);
    struct stat status
    { };
    const bool exists = ::stat(encoded.constData(), &status) == 0;
    if (exists) {
        if (const std::optional<QString> refused = refusedKind(status))
            return fail(*refused);
    }
    m_inPlace = exists && writtenInPlace(status);
    m_target = exists && !m_inPlace ? QFile::encodeName(QFileInfo(m_path).canonicalFilePath()) : encoded;
    if (!(m_inPlace ? openInPlace() : openTemporary()))
        return false;
    // A file that existed keeps its permissions; a new one gets the umask's, like any file.
    if (!m_inPlace && exists)
        ::fchmod(m_fd, status.st_mode & kPermissionBits);
    m_buffer.reserve(kBufferBytes);
    return QIODevice::open(WriteOnly | Unbuffered);
}

bool OutputFile::openTemporary()
{
    const QFileInfo target(QFile::decodeName(m_target));
    const QString stem
        = QStringLiteral(".%1.calcprof-%2-").arg(target.fileName().left(kNameInTemporary), QString::number(::getpid()));
    for (int attempt = 0; attempt < kTemporaryNameTries; ++attempt) {
        const QString name = stem + QString::number(QRandomGenerator::global()->generate(), 16) + u".tmp";
        const QByteArray candidate = QFile::encodeName(QDir(target.absolutePath()).filePath(name));
        m_fd = ::open(candidate.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kNewFileMode);
        if (m_fd >= 0) {
            m_temporary = candidate;
            return true;
        }
        if (errno != EEXIST)
            return failWith(errno);
    }
    return failWith(EEXIST);
}

bool OutputFile::openInPlace()
{
    // Non-blocking, so that a FIFO nobody reads fails now (ENXIO) rather than waiting for a reader.
    m_fd = ::open(m_target.constData(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (m_fd < 0)
        return failWith(errno);
    struct stat status
    { };
    if (::fstat(m_fd, &status) != 0 || !writtenInPlace(status)) {
        closeDescriptor();
        return fail(QStringLiteral("it changed while it was being opened"));
    }
    // From here the writes wait for a slow reader like any write to a pipe.
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags < 0 || ::fcntl(m_fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        const int error = errno;
        closeDescriptor();
        return failWith(error);
    }
    return true;
}

qint64 OutputFile::readData(char* /*data*/, qint64 /*maxSize*/)
{
    return -1;
}

qint64 OutputFile::writeData(const char* data, qint64 size)
{
    if (m_fd < 0 || !m_failure.isEmpty())
        return -1;
    if (m_buffer.size() + size > kBufferBytes) {
        if (!flushBuffer())
            return -1;
        if (size >= kBufferBytes)
            return writeOut(data, size) ? size : -1;
    }
    m_buffer.append(data, size);
    return size;
}

bool OutputFile::flushBuffer()
{
    const bool written = writeOut(m_buffer.constData(), m_buffer.size());
    m_buffer.clear();
    return written;
}

// Every byte or an error: a short write (the disk filled up mid-call) is followed by another call,
// which then says why (ENOSPC); an interrupted call is repeated.
bool OutputFile::writeOut(const char* data, qint64 size)
{
    std::optional<HeldSigpipe> heldSigpipe;
    if (m_inPlace)
        heldSigpipe.emplace();
    while (size > 0) {
        const ssize_t written = ::write(m_fd, data, static_cast<std::size_t>(std::min(size, kMaxWriteBytes)));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            const int error = written < 0 ? errno : EIO;
            if (error == EPIPE && heldSigpipe)
                heldSigpipe->takeRaised();
            return failWith(error);
        }
        data += written;
        size -= written;
    }
    return true;
}

bool OutputFile::finish()
{
    if (m_finished)
        return m_failure.isEmpty();
    if (m_fd < 0)
        return m_failure.isEmpty() ? fail(QStringLiteral("the file is not open")) : false;
    if (m_failure.isEmpty())
        flushBuffer();
    // A file system may report a failed write only when the data is written back (NFS, quotas): the
    // sync makes it report it now. Devices and FIFOs have nothing to sync.
    if (m_failure.isEmpty() && !m_inPlace && ::fsync(m_fd) != 0)
        failWith(errno);
    const int closed = ::close(m_fd);
    const int closeError = errno;
    m_fd = -1;
    // After EINTR the descriptor is closed on Linux, and the data already synced.
    if (closed != 0 && closeError != EINTR && m_failure.isEmpty())
        failWith(closeError);
    QIODevice::close();
    m_finished = true;
    if (!m_failure.isEmpty()) {
        discard();
        return false;
    }
    return true;
}

bool OutputFile::commit()
{
    if (!finish())
        return false;
    if (m_inPlace)
        return true;
    if (m_temporary.isEmpty())
        return fail(QStringLiteral("the file was already committed"));
    if (::rename(m_temporary.constData(), m_target.constData()) != 0) {
        const int error = errno;
        discard();
        return failWith(error);
    }
    m_temporary.clear();
    return true;
}

void OutputFile::discard()
{
    closeDescriptor();
    if (!m_temporary.isEmpty()) {
        ::unlink(m_temporary.constData());
        m_temporary.clear();
    }
    m_buffer.clear();
    if (isOpen())
        QIODevice::close();
}

void OutputFile::closeDescriptor()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool OutputFile::fail(const QString& reason)
{
    if (m_failure.isEmpty()) {
        m_failure = reason;
        setErrorString(reason);
    }
    return false;
}

bool OutputFile::failWith(int error)
{
    return fail(reasonOf(error));
}

QString writeOutputFile(const QString& path, const QString& what, const std::function<QString(QIODevice&)>& write)
{
    OutputFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failureMessage(what, path, file.failure());
    const QString error = write(file);
    // The file's own failure first: a writer that gave up after a failed write (a PNG encoder,
    // say) only knows that it failed, the file knows why.
    if (!file.failure().isEmpty() || !error.isEmpty()) {
        const QString reason = file.failure().isEmpty() ? error : file.failure();
        file.discard();
        return failureMessage(what, path, reason);
    }
    if (!file.commit())
        return failureMessage(what, path, file.failure());
    return {};
}

QString writeOutputFile(const QString& path, const QString& what, const QByteArray& bytes)
{
    return writeOutputFile(path, what, [&bytes](QIODevice& file) {
        file.write(bytes);
        return QString();
    });
}

} // namespace calcprof
