#include "core/processes/workerloop.h"

#include "core/processes/clocks.h"
#include "core/processes/workerprotocol.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string_view>
#include <sys/prctl.h>
#include <unistd.h>

namespace calcprof {

namespace {

using namespace workerprotocol;

enum class ReadOutcome { Complete, EndOfInput, Failed };

ReadOutcome readExactly(int fd, std::byte* into, std::size_t size)
{
    std::size_t got = 0;
    while (got < size) {
        const ssize_t read = ::read(fd, into + got, size - got);
        if (read < 0 && errno == EINTR)
            continue;
        if (read < 0)
            return ReadOutcome::Failed;
        if (read == 0)
            return got == 0 ? ReadOutcome::EndOfInput : ReadOutcome::Failed;
        got += static_cast<std::size_t>(read);
    }
    return ReadOutcome::Complete;
}

int complain(const char* what)
{
    std::fprintf(stderr, "calcprof-worker: %s\n", what);
    return 3;
}

bool parseNumber(const char* text, long& value)
{
    char* end = nullptr;
    errno = 0;
    value = std::strtol(text, &end, 10);
    return errno == 0 && end != text && *end == '\0';
}

} // namespace

int serveTasks(int channel)
{
    std::int64_t cpuMark = clocks::threadCpuNanoseconds();
    Ready ready;
    ready.readyNanoseconds = clocks::steadyNanoseconds();
    if (!sendAll(channel, encode(ready)))
        return complain("cannot tell calcprof it is ready (its end of the socket is closed)");

    std::byte request[kRequestSize];
    for (;;) {
        switch (readExactly(channel, request, kRequestSize)) {
        case ReadOutcome::EndOfInput: return 0; // the parent is done with this worker
        case ReadOutcome::Failed: return complain("lost the socket to calcprof in the middle of a request");
        case ReadOutcome::Complete: break;
        }
        const Request task = decodeRequest(request);
        if (task.n > static_cast<std::uint32_t>(kMaxTaskNumber))
            return complain("asked for a task above the largest allowed number");
        Result result;
        result.index = task.index;
        result.startNanoseconds = clocks::steadyNanoseconds();
        // The plain recursion: a cancel kills this process, so there is no stop flag to poll.
        result.values = taskValues(static_cast<int>(task.n));
        result.endNanoseconds = clocks::steadyNanoseconds();
        const std::int64_t cpuNow = clocks::threadCpuNanoseconds();
        result.cpuNanoseconds = cpuNow - cpuMark;
        cpuMark = cpuNow;
        if (!sendAll(channel, encode(result)))
            return complain("cannot send a result to calcprof (its end of the socket is closed)");
    }
}

int workerMain(int argc, char** argv)
{
    long parent = -1;
    long worker = 0;
    for (int index = 1; index + 1 < argc; index += 2) {
        const std::string_view option(argv[index]);
        const bool parsed = (option == "--parent" && parseNumber(argv[index + 1], parent))
            || (option == "--worker" && parseNumber(argv[index + 1], worker));
        if (!parsed) {
            parent = -1;
            break;
        }
    }
    if (parent <= 0 || argc != 5) {
        std::fputs("calcprof-worker: a worker process of calcprof's processes strategy, started by calcprof itself "
                   "(usage: calcprof-worker --parent PID --worker K, its socket on descriptor 3)\n",
            stderr);
        return 2;
    }
    // Never outlive calcprof: the kernel kills this process when the thread that spawned it ends
    // (calcprof kills its workers before that thread returns, so this fires only when calcprof
    // itself dies). If calcprof died before this line, the signal will never come: check.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != static_cast<pid_t>(parent))
        return 4;
    // Ctrl-C in a terminal reaches the whole process group. calcprof owns it: it raises its stop
    // flag and kills its workers; a worker ended by SIGINT first would read as a crash.
    std::signal(SIGINT, SIG_IGN);
    static_cast<void>(worker); // named on the command line so that `ps` tells the workers apart
    return serveTasks(workerprotocol::kChannelFd);
}

} // namespace calcprof
