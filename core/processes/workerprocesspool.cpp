#include "core/processes/workerprocesspool.h"

#include "core/processes/childprocess.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace calcprof {

namespace {

using namespace workerprotocol;
using namespace childprocess;
using namespace std::chrono_literals;

// How often the poll loop looks at the stop flag while no worker speaks: a cancel lands within it.
constexpr int kStopCheckMilliseconds = 10;
// A worker that has not said it is ready after this long never will (a wrong executable that
// waits for something): the run fails rather than hang. Generous: a sanitizer build starts slowly.
constexpr auto kReadyTimeout = 30s;
// A worker whose socket closed is exiting; if it still has not after this long, it is killed.
constexpr auto kExitGrace = 500ms;

// The descriptor the child's socket must not sit on before it is dup2()ed there: dup2(fd, fd) would
// keep its close-on-exec flag on C libraries older than glibc 2.29.
int awayFromChannelFd(int fd)
{
    if (fd != kChannelFd)
        return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, kChannelFd + 1);
    ::close(fd);
    return moved;
}

} // namespace

WorkerProcessPool::WorkerProcessPool(QString executable, int workers, TimedTasks& execution)
    : m_executable(std::move(executable))
    , m_execution(execution)
    , m_workers(static_cast<std::size_t>(std::max(workers, 1)))
{
    for (std::size_t index = 0; index < m_workers.size(); ++index)
        m_workers[index].id = static_cast<int>(index) + 1;
}

WorkerProcessPool::~WorkerProcessPool()
{
    stop();
}

void WorkerProcessPool::spawn(Worker& worker)
{
    int sockets[2] = {-1, -1};
    // A socket pair rather than two pipes: one descriptor each way, and send(MSG_NOSIGNAL) to a dead
    // worker is an error to report instead of a SIGPIPE that would kill calcprof. Close-on-exec: no
    // other worker (or anything else calcprof runs) inherits it.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
        throw std::runtime_error(
            "cannot create a socket for worker process " + std::to_string(worker.id) + ": " + errorText(errno));
    }
    worker.channel = sockets[0];
    const int childEnd = awayFromChannelFd(sockets[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, childEnd, kChannelFd);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    // Whatever else calcprof has open without close-on-exec (Qt's, a library's) stays out of the worker.
    posix_spawn_file_actions_addclosefrom_np(&actions, kChannelFd + 1);

    const SpawnAttributes attributes(SpawnAttributes::Group::Inherited);

    const QByteArray path = QFile::encodeName(m_executable);
    std::string parentArgument = std::to_string(::getpid());
    std::string workerArgument = std::to_string(worker.id);
    std::string parentOption = "--parent";
    std::string workerOption = "--worker";
    std::string program = path.toStdString();
    char* arguments[] = {program.data(), parentOption.data(), parentArgument.data(), workerOption.data(),
        workerArgument.data(), nullptr};

    worker.spawnSeconds = m_execution.secondsSinceStart();
    pid_t pid = -1;
    // glibc's posix_spawn runs the child on a vfork-like clone and returns once exec succeeded or
    // with exec's error: no fork of a multithreaded process, and a bad executable is an error here.
    const int error = ::posix_spawn(&pid, path.constData(), &actions, attributes.get(), arguments, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(childEnd);
    if (error != 0) {
        throw std::runtime_error("cannot start worker process " + std::to_string(worker.id) + " from "
            + path.toStdString() + ": " + errorText(error));
    }
    worker.pid = pid;
}

void WorkerProcessPool::stop()
{
    // Kill them all first, then reap: their teardowns overlap. A worker not ready yet (the run
    // needed fewer workers than it started, as Pool(7) on set 1 can) is recorded as killed starting.
    const double now = m_execution.secondsSinceStart();
    for (Worker& worker : m_workers) {
        if (worker.pid > 0 && !worker.ready)
            m_execution.recordWorkerStartup(WorkerStartup {worker.id, worker.spawnSeconds, now, false, {}});
        if (worker.pid > 0)
            ::kill(worker.pid, SIGKILL);
        if (worker.channel >= 0) {
            ::close(worker.channel);
            worker.channel = -1;
        }
    }
    for (Worker& worker : m_workers) {
        if (worker.pid <= 0)
            continue;
        int status = 0;
        waitFor(worker.pid, 0, status);
        worker.pid = -1;
    }
    if (m_bytesReceived > 0) {
        m_execution.addBytesReceived(m_bytesReceived);
        m_bytesReceived = 0;
    }
}

std::vector<pid_t> WorkerProcessPool::pids() const
{
    std::vector<pid_t> pids;
    pids.reserve(m_workers.size());
    for (const Worker& worker : m_workers)
        pids.push_back(worker.pid);
    return pids;
}

QString WorkerProcessPool::nameOf(const Worker& worker)
{
    return QStringLiteral("worker process %1 (pid %2)").arg(worker.id).arg(worker.pid);
}

double WorkerProcessPool::secondsSinceStart(std::int64_t steadyNanoseconds) const
{
    const std::int64_t origin
        = std::chrono::duration_cast<std::chrono::nanoseconds>(m_execution.startTime().time_since_epoch()).count();
    return static_cast<double>(steadyNanoseconds - origin) * 1e-9;
}

WorkerProcessPool::ReadOutcome WorkerProcessPool::readFrom(Worker& worker)
{
    std::byte buffer[4096];
    for (;;) {
        const ssize_t got = ::recv(worker.channel, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got > 0) {
            m_bytesReceived += static_cast<std::uint64_t>(got);
            worker.decoder.feed(buffer, static_cast<std::size_t>(got));
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return ReadOutcome::Open;
        return ReadOutcome::Closed; // 0: end of stream; anything else: the socket is unusable
    }
}

bool WorkerProcessPool::handOutNext(Worker& worker)
{
    if (m_next >= static_cast<int>(m_timings.size()))
        return true;
    const int index = m_next++;
    worker.task = index;
    const Request request {static_cast<std::uint32_t>(index),
        static_cast<std::uint32_t>(m_execution.numbers()[static_cast<std::size_t>(index)])};
    return sendAll(worker.channel, encode(request));
}

QString WorkerProcessPool::reapDead(Worker& worker)
{
    // Its socket closes while the kernel tears it down; its exit status follows within microseconds.
    const int status = reapWithin(worker.pid, kExitGrace);
    QString description = nameOf(worker) + u' ' + describeStatus(status);
    worker.pid = -1;
    ::close(worker.channel);
    worker.channel = -1;
    return description;
}

void WorkerProcessPool::fail(const QString& message, int task)
{
    m_execution.failTask(m_timings, m_done, task, message);
    stop();
}

bool WorkerProcessPool::serve(int timeoutMilliseconds)
{
    if (m_execution.stopRequested()) {
        int inFlight = -1;
        for (const Worker& worker : m_workers)
            inFlight = worker.task >= 0 ? worker.task : inFlight;
        fail(QStringLiteral("cancelled"), inFlight);
        return false;
    }
    std::vector<pollfd> polls;
    std::vector<Worker*> polled;
    bool allReady = true;
    for (Worker& worker : m_workers) {
        allReady = allReady && worker.ready;
        if (worker.channel >= 0) {
            polls.push_back(pollfd {worker.channel, POLLIN, 0});
            polled.push_back(&worker);
        }
    }
    if (!allReady && std::chrono::steady_clock::now() - m_started > kReadyTimeout && failUnready())
        return false;
    if (::poll(polls.data(), polls.size(), timeoutMilliseconds) < 0 && errno != EINTR) {
        fail(QStringLiteral("cannot wait for the worker processes: %1")
                 .arg(QString::fromLocal8Bit(errorText(errno).c_str())),
            -1);
        return false;
    }
    for (std::size_t position = 0; position < polls.size(); ++position) {
        if (polls[position].revents != 0 && !serveWorker(*polled[position]))
            return false;
    }
    return true;
}

bool WorkerProcessPool::failUnready()
{
    const auto unready
        = std::find_if(m_workers.begin(), m_workers.end(), [](const Worker& worker) { return !worker.ready; });
    if (unready == m_workers.end())
        return false;
    fail(nameOf(*unready)
            + QStringLiteral(" was not ready after %1 s (is %2 calcprof's worker?)")
                  .arg(std::chrono::seconds(kReadyTimeout).count())
                  .arg(m_executable),
        -1);
    return true;
}

bool WorkerProcessPool::serveWorker(Worker& worker)
{
    const ReadOutcome outcome = readFrom(worker);
    WorkerMessage message;
    bool alive = outcome == ReadOutcome::Open;
    // Messages first: a worker may answer and then die; its answer still counts.
    while (worker.decoder.next(message)) {
        if (const auto* ready = std::get_if<Ready>(&message)) {
            worker.ready = true;
            m_execution.recordWorkerStartup(
                WorkerStartup {worker.id, worker.spawnSeconds, secondsSinceStart(ready->readyNanoseconds), true, {}});
        } else if (!recordResult(worker, std::get<Result>(message))) {
            return false;
        }
        // Ready or done: it takes the next task in set order (map with a chunk size of 1).
        if (alive && !handOutNext(worker))
            alive = false;
    }
    if (!worker.decoder.error().empty()) {
        fail(nameOf(worker) + QStringLiteral(" broke the protocol: ") + QString::fromStdString(worker.decoder.error()),
            worker.task);
        return false;
    }
    if (!alive) {
        failDead(worker);
        return false;
    }
    return true;
}

bool WorkerProcessPool::recordResult(Worker& worker, workerprotocol::Result& result)
{
    const auto index = static_cast<int>(result.index);
    if (index != worker.task) {
        fail(nameOf(worker) + QStringLiteral(" answered task #%1 while computing task #%2").arg(index).arg(worker.task),
            worker.task);
        return false;
    }
    TaskTiming timing;
    timing.worker = worker.id;
    timing.startSeconds = secondsSinceStart(result.startNanoseconds);
    timing.endSeconds = secondsSinceStart(result.endNanoseconds);
    timing.cpuSeconds = static_cast<double>(result.cpuNanoseconds) * 1e-9;
    timing.values = std::move(result.values);
    m_timings[static_cast<std::size_t>(index)] = m_execution.completeTask(index, std::move(timing));
    m_done[static_cast<std::size_t>(index)] = true;
    ++m_finished;
    worker.task = -1;
    return true;
}

void WorkerProcessPool::failDead(Worker& worker)
{
    const int task = worker.task;
    const bool wasReady = worker.ready;
    const QString ended = reapDead(worker);
    // Ctrl-C reaches the whole process group: a worker may die of it before the stop
    // flag is seen; the run was cancelled, not broken.
    if (m_execution.stopRequested()) {
        fail(QStringLiteral("cancelled"), task);
        return;
    }
    QString context = QStringLiteral(" while waiting for a task");
    if (task >= 0)
        context = QStringLiteral(" while computing task %1").arg(m_execution.numbers()[static_cast<std::size_t>(task)]);
    else if (!wasReady)
        context = QStringLiteral(" before it was ready");
    fail(ended + context, task);
}

std::vector<TaskTiming> WorkerProcessPool::map()
{
    const auto count = m_execution.taskCount();
    m_timings.assign(static_cast<std::size_t>(count), TaskTiming {});
    m_done.assign(static_cast<std::size_t>(count), false);
    m_next = 0;
    m_finished = 0;
    m_started = std::chrono::steady_clock::now();

    // Python's Pool(size) starts all its processes, then map() hands out the tasks. Here the first
    // workers already take tasks while the later ones are spawned: still `size` processes per run,
    // but the work overlaps the start-up instead of waiting for the last spawn.
    for (Worker& worker : m_workers) {
        spawn(worker);
        if (!serve(0))
            return m_timings;
    }
    while (m_finished < count) {
        if (!serve(kStopCheckMilliseconds))
            return m_timings;
    }
    // The end of `with Pool(size)`: the workers go with the run.
    stop();
    return m_timings;
}

} // namespace calcprof
