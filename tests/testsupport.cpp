#include "testsupport.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
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

namespace {

// "pid (comm) state ppid ...": the command may hold spaces and parentheses, so it ends at the last ')'.
std::optional<ChildProcess> statOf(pid_t pid, pid_t& parent)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return std::nullopt;
    const auto open = line.find('(');
    const auto close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close + 4 > line.size())
        return std::nullopt;
    ChildProcess process;
    process.pid = pid;
    process.command = line.substr(open + 1, close - open - 1);
    process.state = line[close + 2];
    parent = static_cast<pid_t>(std::strtol(line.c_str() + close + 4, nullptr, 10));
    return process;
}

} // namespace

std::vector<ChildProcess> childrenOf(pid_t parent)
{
    std::vector<ChildProcess> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool number = false;
        const int pid = entry.toInt(&number);
        if (!number)
            continue;
        pid_t itsParent = 0;
        const auto process = statOf(pid, itsParent);
        if (process && itsParent == parent)
            children.push_back(*process);
    }
    return children;
}

std::string describe(const std::vector<ChildProcess>& processes)
{
    std::string text;
    for (const ChildProcess& process : processes)
        text += std::to_string(process.pid) + " " + process.command + " (" + process.state + ") ";
    return text;
}

std::vector<ChildProcess> waitForWorkers(pid_t parent, std::size_t count, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        std::vector<ChildProcess> workers;
        for (const ChildProcess& child : childrenOf(parent)) {
            if (child.command == "calcprof-worker" && child.state != 'Z')
                workers.push_back(child);
        }
        if (workers.size() >= count || std::chrono::steady_clock::now() > deadline)
            return workers;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

long cpuTicksOf(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line) || line.rfind(')') == std::string::npos)
        return -1;
    // After the command: state (field 3) … utime (14), stime (15).
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string field;
    long ticks = 0;
    for (int index = 3; index <= 15 && fields >> field; ++index) {
        if (index >= 14)
            ticks += std::stol(field);
    }
    return ticks;
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

SmallDisk::SmallDisk(const char* size)
{
    if (!m_root.isValid()) {
        m_error = QStringLiteral("cannot make a temporary folder");
        return;
    }
    const QString folder = m_root.filePath(QStringLiteral("disk"));
    if (!QDir().mkdir(folder)) {
        m_error = QStringLiteral("cannot make %1").arg(folder);
        return;
    }
    const QByteArray options = QByteArrayLiteral("mode=0755,size=") + size;
    if (::mount("tmpfs", QFile::encodeName(folder).constData(), "tmpfs", MS_NOSUID | MS_NODEV, options.constData())
        != 0) {
        m_error = QStringLiteral("cannot mount a %1 tmpfs on %2 (%3): this test needs root, as in CI")
                      .arg(QString::fromLatin1(size), folder, QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_path = folder;
}

SmallDisk::~SmallDisk()
{
    if (!m_path.isEmpty() && ::umount2(QFile::encodeName(m_path).constData(), 0) != 0)
        ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
}

QString SmallDisk::filePath(const QString& name) const
{
    return QDir(m_path).filePath(name);
}

std::uint64_t SmallDisk::freeBytes() const
{
    struct statvfs status
    { };
    if (m_path.isEmpty() || ::statvfs(QFile::encodeName(m_path).constData(), &status) != 0)
        return 0;
    return static_cast<std::uint64_t>(status.f_bavail) * status.f_frsize;
}

bool SmallDisk::fillLeaving(std::uint64_t bytes) const
{
    if (m_path.isEmpty() || freeBytes() < bytes)
        return false;
    const std::uint64_t fill = freeBytes() - bytes;
    QFile filler(filePath(QStringLiteral("filler")));
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    const QByteArray chunk(static_cast<qsizetype>(std::min<std::uint64_t>(fill, 4096)), 'x');
    for (std::uint64_t written = 0; written < fill; written += static_cast<std::uint64_t>(chunk.size())) {
        if (filler.write(chunk) != chunk.size())
            return false;
    }
    return filler.flush() && freeBytes() == bytes;
}

IdleFifo::IdleFifo(const QString& path, std::chrono::milliseconds release)
    : m_path(path)
    , m_made(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0)
{
    if (m_made)
        m_guard = std::thread([this, release] { guard(release); });
}

IdleFifo::~IdleFifo()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_stopped.notify_all();
    if (m_guard.joinable())
        m_guard.join();
    if (m_made)
        QFile::remove(m_path);
}

void IdleFifo::guard(std::chrono::milliseconds release)
{
    std::unique_lock lock(m_mutex);
    if (m_stopped.wait_for(lock, release, [this] { return m_stop; }))
        return;
    // A reader is (wrongly) waiting in open(), or is about to: be its writer until one open succeeds
    // (ENXIO while no reader has it open), then close, which gives the reader its end of file.
    const QByteArray name = QFile::encodeName(m_path);
    while (!m_stop) {
        const int fd = ::open(name.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) {
            ::close(fd);
            m_released = true;
            return;
        }
        m_stopped.wait_for(lock, std::chrono::milliseconds(20), [this] { return m_stop; });
    }
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

LockHeldElsewhere::LockHeldElsewhere(const QString& directory)
{
    const QByteArray path = QFile::encodeName(directory);
    int ready[2] = {-1, -1};
    int release[2] = {-1, -1};
    if (::pipe2(ready, O_CLOEXEC) != 0 || ::pipe2(release, O_CLOEXEC) != 0)
        return;
    m_pid = ::fork();
    if (m_pid == 0) {
        // The child: async-signal-safe calls only (the test process has threads).
        const int folder = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const char locked = folder >= 0 && ::flock(folder, LOCK_EX | LOCK_NB) == 0 ? 1 : 0;
        [[maybe_unused]] const ssize_t told = ::write(ready[1], &locked, 1);
        char byte = 0;
        ::close(release[1]);
        [[maybe_unused]] const ssize_t released = ::read(release[0], &byte, 1); // until the test closes its end
        ::_exit(0);
    }
    ::close(ready[1]);
    ::close(release[0]);
    m_release = release[1];
    char locked = 0;
    m_locked = m_pid > 0 && ::read(ready[0], &locked, 1) == 1 && locked == 1;
    ::close(ready[0]);
}

LockHeldElsewhere::~LockHeldElsewhere()
{
    if (m_release >= 0)
        ::close(m_release);
    if (m_pid > 0)
        ::waitpid(m_pid, nullptr, 0);
}

void LockHeldElsewhere::kill()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

} // namespace calcprof::test
