#include "core/processes/childprocess.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <thread>

namespace calcprof::childprocess {

std::string errorText(int error)
{
    return std::strerror(error); // NOLINT(concurrency-mt-unsafe): glibc's is thread-safe for errno values
}

QString describeStatus(int status)
{
    if (WIFSIGNALED(status)) {
        const int signal = WTERMSIG(status);
        // sigdescr_np: strsignal()'s text without its thread-unsafe buffer.
        const char* name = sigdescr_np(signal);
        return QStringLiteral("was killed by signal %1 (%2)")
            .arg(signal)
            .arg(name ? QString::fromLocal8Bit(name) : QStringLiteral("unknown"));
    }
    if (WIFEXITED(status))
        return QStringLiteral("exited with status %1").arg(WEXITSTATUS(status));
    return QStringLiteral("ended with wait status %1").arg(status);
}

SpawnAttributes::SpawnAttributes(Group group)
{
    posix_spawnattr_init(&m_attributes);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (const int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD})
        sigaddset(&defaults, signal);
    posix_spawnattr_setsigmask(&m_attributes, &none);
    posix_spawnattr_setsigdefault(&m_attributes, &defaults);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (group == Group::Own) {
        posix_spawnattr_setpgroup(&m_attributes, 0);
        flags |= POSIX_SPAWN_SETPGROUP;
    }
    posix_spawnattr_setflags(&m_attributes, flags);
}

SpawnAttributes::~SpawnAttributes()
{
    posix_spawnattr_destroy(&m_attributes);
}

pid_t waitFor(pid_t pid, int options, int& status)
{
    for (;;) {
        const pid_t reaped = ::waitpid(pid, &status, options);
        if (reaped >= 0 || errno != EINTR)
            return reaped;
    }
}

int reapWithin(pid_t pid, std::chrono::milliseconds grace, KillScope scope)
{
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (waitFor(pid, WNOHANG, status) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            if (scope == KillScope::Group)
                ::kill(-pid, SIGKILL);
            ::kill(pid, SIGKILL);
            waitFor(pid, 0, status);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return status;
}

} // namespace calcprof::childprocess
