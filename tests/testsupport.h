#pragma once

#include "core/model/results.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

// Lets GoogleTest print Qt strings in failure messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& text, std::ostream* out)
{
    *out << '"' << text.toStdString() << '"';
}
QT_END_NAMESPACE

namespace calcprof::test {

/// File names in `directory` (not recursive, hidden files included), sorted.
QStringList filesIn(const QString& directory);

/// Every entry in `directory` (files, folders, hidden ones; not . and ..), sorted by name.
QStringList everythingIn(const QString& directory);

/// Reads a whole file; empty if it cannot be read.
QByteArray readFile(const QString& path);

/// A finished task: n, run by `worker`, from `start` to `end` seconds after its set run began.
TaskTiming taskTiming(int n, int worker, double start, double end);

/// A process as /proc/PID/stat describes it.
struct ChildProcess
{
    pid_t pid = 0;
    std::string command; ///< the kernel's 15-character name: "calcprof-worker" fits
    char state = '?'; ///< 'R', 'S', … 'Z' for a zombie
};

/// Every process (zombies included) whose parent is `parent`.
std::vector<ChildProcess> childrenOf(pid_t parent);

/// "1234 calcprof-worker (S) …", for failure messages.
std::string describe(const std::vector<ChildProcess>& processes);

/// Waits (bounded) until `parent` has at least `count` live children named calcprof-worker; returns them.
std::vector<ChildProcess> waitForWorkers(
    pid_t parent, std::size_t count, std::chrono::milliseconds limit = std::chrono::seconds(10));

/// User plus system CPU ticks process `pid` has used, or -1 when it is gone.
long cpuTicksOf(pid_t pid);

/// An empty folder that calcprof may not write into. Root may write anywhere a permission would
/// stop others, so as root it is a read-only tmpfs (mounted here, unmounted by the destructor);
/// otherwise a folder without write permission. path() is empty, and error() says why, when it
/// could not be made (root without the right to mount).
class UnwritableFolder
{
public:
    UnwritableFolder();
    ~UnwritableFolder();
    UnwritableFolder(const UnwritableFolder&) = delete;
    UnwritableFolder& operator=(const UnwritableFolder&) = delete;
    UnwritableFolder(UnwritableFolder&&) = delete;
    UnwritableFolder& operator=(UnwritableFolder&&) = delete;

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QString error() const { return m_error; }

private:
    QTemporaryDir m_root;
    QString m_path;
    QString m_error;
    bool m_mounted = false;
};

/// A small tmpfs (64 KiB unless told), mounted in a temporary folder and unmounted by the destructor:
/// a disk that fills up for real. Needs root; path() is empty, and error() says why, otherwise.
/// fillLeaving() fills it with a file "filler" until only `bytes` (whole 4 KiB pages) are free.
class SmallDisk
{
public:
    explicit SmallDisk(const char* size = "64k");
    ~SmallDisk();
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    SmallDisk(SmallDisk&&) = delete;
    SmallDisk& operator=(SmallDisk&&) = delete;

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString filePath(const QString& name) const;
    /// Bytes the file system still takes; true when exactly `bytes` are left.
    bool fillLeaving(std::uint64_t bytes) const;
    [[nodiscard]] std::uint64_t freeBytes() const;

private:
    QTemporaryDir m_root;
    QString m_path;
    QString m_error;
};

/// A FIFO that no one writes to, for the tests that calcprof refuses one instead of waiting on it. A
/// reader that wrongly opens it would wait for a writer forever: after `release` the guard opens it
/// for writing and closes it at once, so such a reader reads an end of file and its test fails
/// instead of hanging the suite. released() says whether it had to.
class IdleFifo
{
public:
    explicit IdleFifo(const QString& path, std::chrono::milliseconds release = std::chrono::seconds(5));
    ~IdleFifo();
    IdleFifo(const IdleFifo&) = delete;
    IdleFifo& operator=(const IdleFifo&) = delete;
    IdleFifo(IdleFifo&&) = delete;
    IdleFifo& operator=(IdleFifo&&) = delete;

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] bool ok() const { return m_made; } ///< mkfifo() succeeded
    [[nodiscard]] bool released() const { return m_released; }

private:
    void guard(std::chrono::milliseconds release);

    QString m_path;
    bool m_made = false;
    std::atomic<bool> m_released {false};
    std::mutex m_mutex;
    std::condition_variable m_stopped;
    bool m_stop = false;
    std::thread m_guard;
};

/// Another process holding an exclusive flock() on `directory`, as a second calcprof writing its CSV
/// files there holds it (FolderLock): a child forked for it, which keeps the lock until this
/// object is destroyed, or release() or kill() ends it earlier.
class LockHeldElsewhere
{
public:
    explicit LockHeldElsewhere(const QString& directory);
    ~LockHeldElsewhere();
    LockHeldElsewhere(const LockHeldElsewhere&) = delete;
    LockHeldElsewhere& operator=(const LockHeldElsewhere&) = delete;
    LockHeldElsewhere(LockHeldElsewhere&&) = delete;
    LockHeldElsewhere& operator=(LockHeldElsewhere&&) = delete;

    /// Whether the child got the lock.
    [[nodiscard]] bool locked() const { return m_locked; }
    [[nodiscard]] pid_t pid() const { return m_pid; }
    /// Ends the child with SIGKILL (no chance to unlock anything itself) and reaps it.
    void kill();

private:
    pid_t m_pid = -1;
    int m_release = -1; // the child holds the lock until this pipe end is closed
    bool m_locked = false;
};

/// Whether a skipped test must fail instead: in CI (the environment variable CI is "true"), where
/// the machine is set up so that every test can run (root, mount, disk space).
bool skipsAreFailures();

/// The message before the reason of a skip that fails (empty where a skip is allowed).
const char* skipFailurePrefix();

} // namespace calcprof::test

/// GTEST_SKIP() for a test that proves a docs/RELIABILITY.md promise: `CALCPROF_SKIP_PROOF() << why;`.
/// Outside CI the test is skipped with the reason (a developer without root still gets a green
/// suite); under CI=true it is a fatal failure with the same reason, so CI can never count a proof
/// that did not run as passed. Every skip in tests/ goes through it (scripts/lint checks).
// Written like GTEST_SKIP() and GTEST_FAIL() themselves (gtest.h), with the result type chosen at
// run time: both are `return` of the same assert helper.
#define CALCPROF_SKIP_PROOF()                                                                                          \
    return ::testing::internal::AssertHelper(::calcprof::test::skipsAreFailures()                                      \
                   ? ::testing::TestPartResult::kFatalFailure                                                          \
                   : ::testing::TestPartResult::kSkip,                                                                 \
               __FILE__, __LINE__, ::calcprof::test::skipFailurePrefix())                                              \
        = ::testing::Message()
