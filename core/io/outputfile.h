#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <functional>

namespace calcprof {

/// Empty if an output file (JSON, trace, report, PNG…) could be written at `path`: its folder exists
/// and is writable and the path is not a folder; or it names a character device (/dev/null) or a
/// FIFO that may be written, which OutputFile writes in place. A block device, a socket or anything
/// else that is not a file is refused. Checked before a run, so a bad path fails fast, with nothing
/// run or written.
QString checkOutputFile(const QString& path);

/// The one way calcprof writes a file a user named (results JSON, Chrome trace, report and its
/// figures, chart exports, results CSV). Every byte goes to a temporary file beside the target, and
/// every write, the final flush, the fsync and the close are checked; only a complete file is renamed
/// onto the target (the old file, if any, stays as it was until then). A failure (no space left, an
/// I/O error) is remembered: later writes fail, commit() fails and removes the temporary file, and
/// failure() says why ("no space left on device"). Writers that ignore a short write (QTextStream,
/// QSvgGenerator, QImage::save) therefore cannot produce a truncated file reported as saved.
///
/// A target that is a character device (/dev/null, /dev/full) or a FIFO is written in place, never
/// replaced by a regular file: renaming over /dev/null would break every program using it, and
/// `--json /dev/stdout` or a FIFO another program reads are what a user means. A FIFO is opened
/// non-blocking, so one without a reader fails at once ("no program is reading …") instead of
/// hanging; a reader that goes away mid-write is an error (EPIPE), not a SIGPIPE that kills calcprof.
/// In place there is no atomic replacement: /dev/full gives "no space left on device" like a full
/// disk, and what a FIFO's reader got before an error stays with it.
///
/// Single-threaded: one thread writes one OutputFile.
class OutputFile : public QIODevice
{
public:
    explicit OutputFile(QString path);
    /// Discards what was not committed: the temporary file is removed, the target untouched.
    ~OutputFile() override;
    Q_DISABLE_COPY_MOVE(OutputFile)

    /// Opens for writing: `mode` must be WriteOnly (OutputFile buffers by itself). False, with
    /// failure() set, when the temporary file (or the device, the FIFO) cannot be opened.
    bool open(OpenMode mode) override;
    /// Writes what is buffered, syncs and closes the file, checking each step; the temporary file
    /// stays until commit(). Lets a writer of several files finish all of them before renaming any.
    bool finish();
    /// finish(), then renames the temporary file onto the target. False, with failure() set and the
    /// temporary file removed, if any write, the flush, the sync, the close or the rename failed.
    bool commit();
    /// Removes the temporary file, leaving the target as it was (nothing to undo in place).
    void discard();

    /// Why the file could not be written, in words for a message ("no space left on device"); empty
    /// while nothing failed.
    [[nodiscard]] QString failure() const { return m_failure; }
    /// The path given (what messages name).
    [[nodiscard]] QString path() const { return m_path; }
    /// Whether the target is written in place (a character device or a FIFO).
    [[nodiscard]] bool inPlace() const { return m_inPlace; }

    [[nodiscard]] bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    bool openTemporary();
    bool openInPlace();
    bool writeOut(const char* data, qint64 size);
    bool flushBuffer();
    bool fail(const QString& reason);
    bool failWith(int error);
    void closeDescriptor();

    QString m_path;
    QByteArray m_target; ///< where the bytes end up: the path with its symlinks resolved
    QByteArray m_temporary; ///< the temporary file, until renamed or removed
    QByteArray m_buffer;
    QString m_failure;
    int m_fd = -1;
    bool m_inPlace = false;
    bool m_finished = false;
};

/// Writes the file at `path` through an OutputFile: `write` fills the open file and returns an empty
/// string, or why it could not (a painter that failed, say). Empty on success; else "cannot write
/// <what> to <path>: <reason>", with the old file (if any) left as it was and no temporary file.
QString writeOutputFile(const QString& path, const QString& what, const std::function<QString(QIODevice&)>& write);

/// writeOutputFile() of bytes already made.
QString writeOutputFile(const QString& path, const QString& what, const QByteArray& bytes);

} // namespace calcprof
