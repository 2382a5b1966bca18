#include "core/io/folderlock.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace calcprof {

namespace {

using FolderId = std::pair<quint64, quint64>; // device, inode

struct HeldFolder
{
    int fd = -1; // the open folder the flock() is on; closing it releases the lock
    int holders = 0;
};

// The folders this process has locked. flock() locks belong to an open file description, so a
// second open() and flock() of the same folder in this process would be refused like another
// process: the table shares one descriptor among the holders instead.
std::mutex g_heldMutex;
std::map<FolderId, HeldFolder>& heldFolders()
{
    static std::map<FolderId, HeldFolder> held;
    return held;
}

QString folderNoun(FolderUse use)
{
    return use == FolderUse::Script ? QStringLiteral("script folder") : QStringLiteral("output folder");
}

QString inUse(const QString& directory, FolderUse use)
{
    const qint64 holder = folderLockHolder(directory);
    const QString who
        = holder > 0 ? QStringLiteral("another calcprof (pid %1)").arg(holder) : QStringLiteral("another calcprof");
    if (use == FolderUse::Script)
        return QStringLiteral("%1 %2 is in use by %3; two runs in one folder would mix the files their "
                              "scripts write: wait until it ends or choose another folder")
            .arg(folderNoun(use), directory, who);
    return QStringLiteral("%1 %2 is in use by %3 writing its CSV files; two runs in one folder would "
                          "mix their res*.txt files: wait until it ends or choose another folder")
        .arg(folderNoun(use), directory, who);
}

QString systemError(int error)
{
    return QString::fromStdString(std::generic_category().message(error));
}

} // namespace

FolderLock::FolderLock(const QString& directory, FolderUse use)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        m_error = QStringLiteral("cannot open %1 %2: %3").arg(folderNoun(use), directory, systemError(errno));
        return;
    }
    struct stat status
    { };
    if (::fstat(fd, &status) != 0) {
        m_error = QStringLiteral("cannot open %1 %2: %3").arg(folderNoun(use), directory, systemError(errno));
        ::close(fd);
        return;
    }
    m_device = status.st_dev;
    m_inode = status.st_ino;
    const std::lock_guard guard(g_heldMutex);
    HeldFolder& held = heldFolders()[{m_device, m_inode}];
    if (held.holders > 0) {
        ::close(fd); // this process holds it already: share that lock
    } else if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        held.fd = fd;
    } else {
        const int error = errno;
        ::close(fd);
        heldFolders().erase({m_device, m_inode});
        m_error = error == EWOULDBLOCK
            ? inUse(directory, use)
            : QStringLiteral("cannot lock %1 %2: %3").arg(folderNoun(use), directory, systemError(error));
        return;
    }
    ++held.holders;
    m_locked = true;
}

FolderLock::~FolderLock()
{
    if (!m_locked)
        return;
    const std::lock_guard guard(g_heldMutex);
    const auto held = heldFolders().find({m_device, m_inode});
    if (held != heldFolders().end() && --held->second.holders == 0) {
        ::close(held->second.fd);
        heldFolders().erase(held);
    }
}

qint64 folderLockHolder(const QString& directory)
{
    struct stat status
    { };
    if (::stat(QFile::encodeName(directory).constData(), &status) != 0)
        return 0;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    // "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF": the pid, then major:minor (hex):inode.
    const QByteArray device = QByteArray::number(major(status.st_dev), 16).rightJustified(2, '0') + ':'
        + QByteArray::number(minor(status.st_dev), 16).rightJustified(2, '0') + ':'
        + QByteArray::number(static_cast<qulonglong>(status.st_ino));
    const QByteArray inode = ':' + QByteArray::number(static_cast<qulonglong>(status.st_ino));
    qint64 sameInode = 0; // a file system whose device numbers /proc/locks prints differently
    for (const QByteArray& line : locks.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 6 || fields[1] != "FLOCK" || fields[3] != "WRITE")
            continue;
        const qint64 pid = fields[4].toLongLong();
        if (fields[5] == device)
            return pid;
        if (sameInode == 0 && fields[5].endsWith(inode))
            sameInode = pid;
    }
    return sameInode;
}

} // namespace calcprof
