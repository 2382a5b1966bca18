#pragma once

#include <QString>

#include <chrono>
#include <spawn.h>
#include <string>
#include <sys/types.h>

// What the strategies that run child processes (the processes strategy's workers, the mpi strategy's
// mpirun) share about them: errors and exit statuses in words, and reaping one that may not go.
namespace calcprof::childprocess {

/// strerror()'s text for an errno value.
std::string errorText(int error);

/// A wait status in words: "exited with status 3", "was killed by signal 9 (Killed)".
QString describeStatus(int status);

/// waitpid() until it answers, through signals that interrupt it.
pid_t waitFor(pid_t pid, int options, int& status);

/// posix_spawn() attributes for a child that starts clean: no signal blocked (the spawning thread may
/// block some) and the default action for those calcprof handles or ignores (an ignored signal stays
/// ignored across exec); optionally in a process group of its own.
class SpawnAttributes
{
public:
    enum class Group { Inherited, Own };
    explicit SpawnAttributes(Group group);
    ~SpawnAttributes();
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;
    SpawnAttributes(SpawnAttributes&&) = delete;
    SpawnAttributes& operator=(SpawnAttributes&&) = delete;

    [[nodiscard]] const posix_spawnattr_t* get() const { return &m_attributes; }

private:
    posix_spawnattr_t m_attributes {};
};

/// Whether a SIGKILL after the grace goes to the child alone or to its whole process group too (a
/// child that leads a group of its own, as mpirun does, with what it started).
enum class KillScope { Child, Group };

/// Reaps `pid`, letting it exit on its own for up to `grace`; one that has not by then is SIGKILLed
/// and reaped. Returns its wait status.
int reapWithin(pid_t pid, std::chrono::milliseconds grace, KillScope scope = KillScope::Child);

} // namespace calcprof::childprocess
