#include "testsupport.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/mount.h>
#include <unistd.h>

namespace calcprof::test {

QStringList filesIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

QStringList everythingIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

TaskTiming taskTiming(int n, int worker, double start, double end)
{
    TaskTiming timing;
    timing.n = n;
    timing.worker = worker;
    timing.startSeconds = start;
    timing.endSeconds = end;
    timing.wallSeconds = end - start;
    return timing;
}

UnwritableFolder::UnwritableFolder()
{
    if (!m_root.isValid()) {
        m_error = QStringLiteral("cannot make a temporary folder");
        return;
    }
    const QString folder = m_root.filePath(QStringLiteral("unwritable"));
    if (!QDir().mkdir(folder)) {
        m_error = QStringLiteral("cannot make %1").arg(folder);
        return;
    }
    const QByteArray native = QFile::encodeName(folder);
    if (::geteuid() == 0) {
        if (::mount("tmpfs", native.constData(), "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=1m") != 0) {
            m_error = QStringLiteral("cannot mount a read-only tmpfs on %1 (%2): root may write into any other folder")
                          .arg(folder, QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        m_mounted = true;
    } else if (!QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner)) {
        m_error = QStringLiteral("cannot take the write permission of %1").arg(folder);
        return;
    }
    m_path = folder;
}

UnwritableFolder::~UnwritableFolder()
{
    if (m_mounted && ::umount2(QFile::encodeName(m_path).constData(), 0) != 0)
        ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
    else if (!m_path.isEmpty() && !m_mounted)
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

bool skipsAreFailures()
{
    return qEnvironmentVariable("CI") == QStringLiteral("true");
}

const char* skipFailurePrefix()
{
    return skipsAreFailures() ? "CI=true: this test proves a docs/RELIABILITY.md row and may not be skipped; "
                                "make the machine able to run it. It would have been skipped because:"
                              : "";
}

} // namespace calcprof::test
