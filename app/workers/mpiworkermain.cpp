#include "core/exec/workload.h"
#include "core/mpi/mpiprotocol.h"
#include "core/processes/clocks.h"

#include <mpi.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>
#include <sys/prctl.h>
#include <thread>
#include <unistd.h>
#include <vector>

// calcprof-mpi-worker: every rank of the mpi strategy's job (see core/mpi/mpijob.h). Rank 0 is the
// coordinator: it hands the set's tasks out one at a time to whichever worker rank asks first
// (MPI_ANY_SOURCE), and prints what happens as protocol lines (core/mpi/mpiprotocol.h) that mpirun
// forwards to calcprof. Ranks 1..W compute. Started by calcprof also as `--launch PARENT mpirun …`,
// the shim that ties mpirun's life to calcprof's (below).
namespace {

using namespace calcprof;
using namespace std::chrono_literals;
namespace protocol = calcprof::mpiprotocol;

enum Tag : int { kReadyTag = 1, kTaskTag, kResultTag, kStopTag, kPingTag, kPongTag };

std::string hostName()
{
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0)
        return "unknown";
    return name;
}

void say(const protocol::Event& event)
{
    const std::string line = protocol::encode(event);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout); // calcprof reads each event as it happens, not when a buffer fills
}

// Waits for a message without spinning: MPI_Recv would busy-poll a core (Open MPI's default), which on
// a 2-core machine takes a core from the ranks that compute. Probe, then sleep a little longer each
// time up to 1 ms: a hand-out waits at most that, against tasks of milliseconds to seconds.
MPI_Status waitForMessage(int source)
{
    MPI_Status status {};
    auto pause = 5us;
    for (;;) {
        int arrived = 0;
        MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
        if (arrived)
            return status;
        std::this_thread::sleep_for(pause);
        pause = std::min<std::chrono::microseconds>(pause * 2, 1ms);
    }
}

int coordinate(int workers, const std::vector<int>& numbers)
{
    const std::string host = hostName();
    say(protocol::Clock {host, getpid(), clocks::steadyNanoseconds()});
    std::vector<std::int64_t> offsets(static_cast<std::size_t>(workers) + 1, 0); // rank clock minus ours
    std::size_t next = 0;
    int stopped = 0;
    const auto handOut = [&](int rank) {
        if (next < numbers.size()) {
            const std::int64_t task[2] = {static_cast<std::int64_t>(next), numbers[next]};
            MPI_Send(task, 2, MPI_INT64_T, rank, kTaskTag, MPI_COMM_WORLD);
            say(protocol::Sent {static_cast<int>(next), rank});
            ++next;
        } else {
            MPI_Send(nullptr, 0, MPI_INT64_T, rank, kStopTag, MPI_COMM_WORLD);
            ++stopped;
        }
    };
    while (stopped < workers) {
        const MPI_Status status = waitForMessage(MPI_ANY_SOURCE);
        const int rank = status.MPI_SOURCE;
        int count = 0;
        MPI_Get_count(&status, MPI_INT64_T, &count);
        std::vector<std::int64_t> message(static_cast<std::size_t>(count));
        MPI_Recv(message.data(), count, MPI_INT64_T, rank, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (status.MPI_TAG == kReadyTag && count >= 2) {
            // [ready ns, pid, host bytes…]: the host travels as one character per element, short as it is.
            const std::string workerHost(message.begin() + 2, message.end());
            auto& offset = offsets[static_cast<std::size_t>(rank)];
            if (workerHost != host) {
                // Another machine, another clock: the midpoint of a round trip (Cristian's algorithm).
                const std::int64_t sent = clocks::steadyNanoseconds();
                MPI_Send(nullptr, 0, MPI_INT64_T, rank, kPingTag, MPI_COMM_WORLD);
                std::int64_t theirs = 0;
                MPI_Recv(&theirs, 1, MPI_INT64_T, rank, kPongTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                offset = theirs - (sent + clocks::steadyNanoseconds()) / 2;
            }
            say(protocol::Ready {rank, workerHost, message[1], message[0] - offset});
            handOut(rank);
        } else if (status.MPI_TAG == kResultTag && count >= 4) {
            const std::int64_t offset = offsets[static_cast<std::size_t>(rank)];
            protocol::Result result {static_cast<int>(message[0]), rank, message[1] - offset, message[2] - offset,
                message[3], {message.begin() + 4, message.end()}};
            say(result);
            handOut(rank);
        } else {
            say(protocol::Failed {"rank " + std::to_string(rank) + " sent an unexpected message"});
            return 3;
        }
    }
    return 0;
}

int compute()
{
    std::int64_t cpuMark = clocks::threadCpuNanoseconds();
    const std::string host = hostName();
    std::vector<std::int64_t> ready {clocks::steadyNanoseconds(), getpid()};
    ready.insert(ready.end(), host.begin(), host.end());
    MPI_Send(ready.data(), static_cast<int>(ready.size()), MPI_INT64_T, 0, kReadyTag, MPI_COMM_WORLD);
    for (;;) {
        const MPI_Status status = waitForMessage(0);
        std::int64_t task[2] = {0, 0};
        MPI_Recv(task, 2, MPI_INT64_T, 0, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (status.MPI_TAG == kStopTag)
            return 0;
        if (status.MPI_TAG == kPingTag) {
            const std::int64_t now = clocks::steadyNanoseconds();
            MPI_Send(&now, 1, MPI_INT64_T, 0, kPongTag, MPI_COMM_WORLD);
            continue;
        }
        const std::int64_t start = clocks::steadyNanoseconds();
        const std::vector<FiboValue> values = taskValues(static_cast<int>(task[1]));
        const std::int64_t end = clocks::steadyNanoseconds();
        const std::int64_t cpuNow = clocks::threadCpuNanoseconds();
        std::vector<std::int64_t> result {task[0], start, end, cpuNow - cpuMark};
        cpuMark = cpuNow;
        for (const FiboValue value : values)
            result.push_back(static_cast<std::int64_t>(value)); // fibo(49) fits: far below 2^63
        MPI_Send(result.data(), static_cast<int>(result.size()), MPI_INT64_T, 0, kResultTag, MPI_COMM_WORLD);
    }
}

// `--launch PARENT PROGRAM ARGS…`: becomes PROGRAM (mpirun) with a parent-death signal, so that if
// calcprof dies without a chance to end the job, mpirun gets SIGTERM and takes its ranks and remote
// daemons down with it. The signal survives exec; posix_spawn alone cannot set it.
int launch(int argc, char** argv)
{
    if (argc < 4)
        return 2;
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != static_cast<pid_t>(std::stol(argv[2])))
        return 4;
    execvp(argv[3], argv + 3);
    std::perror("calcprof-mpi-worker: cannot start the MPI launcher");
    return 127;
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc >= 2 && std::string_view(argv[1]) == "--launch")
        return launch(argc, argv);
    std::vector<int> numbers;
    if (argc != 3 || std::string_view(argv[1]) != "--numbers" || !protocol::parseNumbers(argv[2], numbers)) {
        std::fputs("calcprof-mpi-worker: a rank of calcprof's mpi strategy, started by mpirun for calcprof "
                   "(usage: mpirun -n W+1 calcprof-mpi-worker --numbers 40,38,42)\n",
            stderr);
        return 2;
    }
    // A rank never outlives its launcher (mpirun here, Open MPI's orted on another host): if it dies,
    // the kernel kills this rank, even in the middle of a task.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() == 1)
        return 4;
    MPI_Init(&argc, &argv);
    int rank = 0;
    int size = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int status = 0;
    if (size < 2) {
        if (rank == 0)
            say(protocol::Failed {
                "the MPI job needs a coordinator and at least one worker rank (mpirun -n 2 or more)"});
        status = 2;
    } else {
        status = rank == 0 ? coordinate(size - 1, numbers) : compute();
    }
    if (status != 0)
        MPI_Abort(MPI_COMM_WORLD, status);
    MPI_Finalize();
    return 0;
}
