#pragma once

#include "core/results.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>
#include <ostream>
#include <string>
#include <sys/types.h>
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

} // namespace calcprof::test
