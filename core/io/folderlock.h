#pragma once

#include <QString>

#include <QtGlobal>

namespace calcprof {

/// What a locked folder is for: it words the refusal a second calcprof gets.
enum class FolderUse {
    CsvFiles, // --csv-dir: the CSV stage writes res*.txt there
    Script, // --script-dir: the user's script runs there and writes what it writes
};

/// An exclusive lock on an output folder, so that two calcprof processes given the same --csv-dir
/// never mix their res*.txt files (they would replace each other's files and both say they succeeded),
/// and two scripts never run in one --script-dir.
///
/// It is flock() on the folder itself: nothing is created in the user's folder, and the kernel drops
/// the lock when the process ends however it ends (SIGKILL included), so a lock is never stale.
/// Within one process the lock is shared: the console front end takes it before the first run and
/// the runner takes it again around its CSV stages; the folder is released when the last holder goes.
/// Thread-safe.
class FolderLock
{
public:
    /// Takes the lock on `directory` without waiting; locked() says whether it was had.
    explicit FolderLock(const QString& directory, FolderUse use = FolderUse::CsvFiles);
    ~FolderLock();
    Q_DISABLE_COPY_MOVE(FolderLock)

    [[nodiscard]] bool locked() const { return m_locked; }
    /// Why not locked: the folder is in use by another process (its pid named when the system says
    /// it), or it cannot be opened. Empty when locked.
    [[nodiscard]] const QString& error() const { return m_error; }

private:
    // The folder's identity (device, inode): its entry in this process's table of held folders.
    quint64 m_device = 0;
    quint64 m_inode = 0;
    bool m_locked = false;
    QString m_error;
};

/// The process holding a flock() on `directory`, as /proc/locks tells; 0 when none or unknown.
qint64 folderLockHolder(const QString& directory);

} // namespace calcprof
