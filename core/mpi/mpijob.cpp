#include "core/mpi/mpijob.h"

#include "core/mpi/mpiprotocol.h"
#include "core/processes/childprocess.h"
#include "core/processes/clocks.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSysInfo>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace calcprof {

namespace {

using namespace std::chrono_literals;
namespace protocol = mpiprotocol;
using namespace childprocess;

// How often the poll loop looks at the stop flag while mpirun says nothing: a cancel lands within it.
constexpr int kStopCheckMilliseconds = 10;
// Ranks not all ready after this long never will be (a host that does not answer and an ssh that
// does not give up): the run fails rather than hang.
constexpr auto kReadyTimeout = 60s;
// mpirun given SIGTERM ends its ranks and daemons within milliseconds; one that has not by then is
// killed. Short enough that a cancel ends the whole job well within a second.
constexpr auto kTerminateGrace = 300ms;
// After every task came back, mpirun and its ranks finish MPI_Finalize on their own.
constexpr auto kExitGrace = 5s;
// How long the ranks on this machine may take to go after mpirun went (the kernel kills them).
constexpr auto kRankExitGrace = 1s;
constexpr std::size_t kErrorTextLimit = 4096;

// The environment of the job: ours, plus what Open MPI needs to run as root (CI's containers run as
// root; mpirun refuses otherwise). Only the job's: calcprof's own environment is left as it is.
std::vector<std::string> jobEnvironment(const std::string& jobMarker)
{
    std::vector<std::string> variables;
    for (char** entry = environ; entry && *entry; ++entry)
        variables.emplace_back(*entry);
    // Marks every process of the job (mpirun passes its environment on to the local ranks) with the
    // process that launched it, so that one job can be told from another running beside it: the
    // tests that check a job leaves nothing behind look for their own processes only.
    variables.emplace_back("CALCPROF_MPI_LAUNCHER=" + std::to_string(::getpid()));
    // And with the job itself: calcprof finds and ends every local process of it by this mark, also
    // those that have not said anything yet (a rank still in MPI_Init when the run is cancelled).
    variables.push_back(jobMarker);
    if (::geteuid() == 0) {
        variables.emplace_back("OMPI_ALLOW_RUN_AS_ROOT=1");
        variables.emplace_back("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1");
    }
    return variables;
}

std::vector<char*> pointersTo(std::vector<std::string>& strings)
{
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (std::string& text : strings)
        pointers.push_back(text.data());
    pointers.push_back(nullptr);
    return pointers;
}

// mpirun's reason, in a line: what it says outside its banners (ssh's "Could not resolve hostname …")
// and the first paragraph of each banner ("mpirun noticed that process rank 2 … exited on signal 9"),
// without the advice that follows.
QString summarise(const std::string& errors)
{
    QStringList kept;
    bool inBanner = false;
    bool inHeadline = false;
    for (const QString& line : QString::fromLocal8Bit(errors).split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QStringLiteral("---"))) {
            inBanner = !inBanner;
            inHeadline = inBanner;
            continue;
        }
        if (trimmed.isEmpty()) {
            inHeadline = false;
            continue;
        }
        if (!inBanner || inHeadline)
            kept << trimmed;
    }
    QString text = kept.join(u' ');
    constexpr qsizetype kLimit = 600;
    if (text.size() > kLimit)
        text = text.left(kLimit) + QStringLiteral(" …");
    return text;
}

// Whether `pid` still runs: a zombie does not (an orphaned rank waits as one until init reaps it).
bool alive(pid_t pid)
{
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype end = text.lastIndexOf(") ");
    const char state = end >= 0 && end + 2 < text.size() ? text.at(end + 2) : 'X';
    return state != 'Z' && state != 'X';
}

// The processes on this machine whose environment holds `marker` (mpirun passes its environment on to
// the ranks it starts here): every local process of one job, whether or not it is ready.
std::vector<pid_t> processesMarked(const std::string& marker)
{
    std::vector<pid_t> found;
    const QByteArray entry = QByteArray::fromStdString(marker);
    for (const QString& name : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const auto pid = static_cast<pid_t>(name.toInt(&isPid));
        if (!isPid || pid == ::getpid())
            continue;
        QFile environment(QStringLiteral("/proc/%1/environ").arg(pid));
        if (environment.open(QIODevice::ReadOnly) && environment.readAll().split('\0').contains(entry))
            found.push_back(pid);
    }
    return found;
}

// A mark no other job shares, even one this calcprof runs beside it.
std::string newJobMarker()
{
    static std::atomic<int> jobs {0};
    return "CALCPROF_MPI_JOB=" + std::to_string(::getpid()) + '.' + std::to_string(++jobs);
}

} // namespace

QStringList mpirunArguments(const MpiLaunch& launch, const NumberSet& numbers)
{
    const int ranks = launch.workers + 1; // rank 0 coordinates
    QStringList arguments {QStringLiteral("-n"), QString::number(ranks)};
    if (ranks > launch.slots)
        arguments << QStringLiteral("--oversubscribe");
    if (launch.hostfile.isEmpty()) {
        // Count this machine's slots as calcprof does (hardware threads), not Open MPI's cores only.
        arguments << QStringLiteral("--use-hwthread-cpus");
    } else {
        // BatchMode: a host that wants a password fails at once instead of waiting at a prompt no one
        // sees; ConnectTimeout: one that does not answer fails in seconds, with ssh's reason.
        arguments << QStringLiteral("--hostfile") << launch.hostfile << QStringLiteral("--mca")
                  << QStringLiteral("plm_rsh_args") << QStringLiteral("-o BatchMode=yes -o ConnectTimeout=10");
    }
    // Unbound ranks float over the cores like the processes strategy's workers, and the coordinator,
    // which mostly sleeps, pins nobody's core.
    arguments << QStringLiteral("--bind-to") << QStringLiteral("none");
    // A rank blocked in MPI (MPI_Init's and MPI_Finalize's exchanges) polls by default, taking a whole
    // core: on a 2-core machine that is the core a computing rank needs. Yielding gives it back.
    arguments << QStringLiteral("--mca") << QStringLiteral("mpi_yield_when_idle") << QStringLiteral("1");
    // The messages are a few bytes per task: ob1 over shared memory or TCP carries them everywhere,
    // while UCX's start-up alone costs a quarter of a second per job here.
    arguments << QStringLiteral("--mca") << QStringLiteral("pml") << QStringLiteral("ob1");
    QStringList list;
    for (const int n : numbers)
        list << QString::number(n);
    arguments << launch.worker << QStringLiteral("--numbers") << list.join(u',');
    return arguments;
}

MpiJob::MpiJob(MpiLaunch launch, TimedTasks& execution)
    : m_launch(std::move(launch))
    , m_execution(execution)
    , m_jobMarker(newJobMarker())
{ }

MpiJob::~MpiJob()
{
    stop();
}

void MpiJob::spawn()
{
    int output[2] = {-1, -1};
    int errors[2] = {-1, -1};
    if (::pipe2(output, O_CLOEXEC) != 0 || ::pipe2(errors, O_CLOEXEC) != 0)
        throw std::runtime_error("cannot create the pipes for mpirun: " + errorText(errno));
    m_output = output[0];
    m_errors = errors[0];

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, errors[1], STDERR_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);

    // Its own process group: a terminal's Ctrl-C goes to calcprof, which ends the job in order.
    const SpawnAttributes attributes(SpawnAttributes::Group::Own);

    // The worker executable in its --launch role execs mpirun with a parent-death signal.
    std::vector<std::string> arguments {QFile::encodeName(m_launch.worker).toStdString(), "--launch",
        std::to_string(::getpid()), QFile::encodeName(m_launch.launcher).toStdString()};
    for (const QString& argument : mpirunArguments(m_launch, m_execution.numbers()))
        arguments.push_back(argument.toStdString());
    std::vector<std::string> environment = jobEnvironment(m_jobMarker);
    const std::vector<char*> argv = pointersTo(arguments);
    const std::vector<char*> envp = pointersTo(environment);

    m_spawnSeconds = m_execution.secondsSinceStart();
    const int error = ::posix_spawn(&m_pid, argv.front(), &actions, attributes.get(), argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(output[1]);
    ::close(errors[1]);
    if (error != 0) {
        m_pid = -1;
        throw std::runtime_error("cannot start " + arguments[3] + " through " + arguments[0] + ": " + errorText(error));
    }
}

int MpiJob::stop()
{
    int status = -1;
    if (m_pid > 0) {
        // The ranks on this machine go at once (a cancel must end the job within a second, and
        // mpirun's own teardown of a computing rank takes longer); then SIGTERM: mpirun ends what is
        // left and, on other hosts, its daemons and their ranks.
        for (const pid_t rank : processesMarked(m_jobMarker)) {
            if (rank != m_pid)
                ::kill(rank, SIGKILL);
        }
        ::kill(m_pid, SIGTERM);
        // The group too: the shim's exec of mpirun leads one, with what it started.
        status = reapWithin(m_pid, kTerminateGrace, KillScope::Group);
        m_pid = -1;
    }
    // The ranks on this machine die with mpirun (their parent-death signal), a rank started just
    // before the stop included: wait until every process of the job has gone, so that nothing of it
    // is left when run() returns.
    // One that has not gone within the grace is killed; one that cannot be (stuck in the kernel) is
    // left after a second grace rather than hang the run.
    const auto stopped = std::chrono::steady_clock::now();
    for (;;) {
        std::vector<pid_t> left = processesMarked(m_jobMarker);
        std::erase_if(left, [](pid_t pid) { return !alive(pid); });
        const auto waited = std::chrono::steady_clock::now() - stopped;
        if (left.empty() || waited > 2 * kRankExitGrace)
            break;
        if (waited > kRankExitGrace) {
            for (const pid_t straggler : left)
                ::kill(straggler, SIGKILL);
        }
        std::this_thread::sleep_for(5ms);
    }
    for (int* fd : {&m_output, &m_errors}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
    if (m_bytesReceived > 0) {
        m_execution.addBytesReceived(m_bytesReceived);
        m_bytesReceived = 0;
    }
    return status;
}

double MpiJob::toSeconds(std::int64_t rankZeroNanoseconds) const
{
    const std::int64_t origin
        = std::chrono::duration_cast<std::chrono::nanoseconds>(m_execution.startTime().time_since_epoch()).count();
    return static_cast<double>(rankZeroNanoseconds - m_clockOffset - origin) * 1e-9;
}

QString MpiJob::rankName(int rank) const
{
    const auto host = m_hosts.find(rank);
    return host == m_hosts.end() ? QStringLiteral("rank %1").arg(rank)
                                 : QStringLiteral("rank %1 (%2)").arg(rank).arg(host->second);
}

void MpiJob::fail(const QString& message, int task)
{
    m_failed = true;
    m_execution.failTask(m_timings, m_done, task, message);
    stop();
}

bool MpiJob::readFrom(Stream stream)
{
    char buffer[4096];
    const int fd = stream == Stream::Output ? m_output : m_errors;
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (got <= 0)
            return false;
        if (stream == Stream::Errors) {
            m_errorText.append(buffer, static_cast<std::size_t>(got));
            if (m_errorText.size() > kErrorTextLimit)
                m_errorText.erase(0, m_errorText.size() - kErrorTextLimit);
        } else {
            m_bytesReceived += static_cast<std::uint64_t>(got);
            m_lineBuffer.append(buffer, static_cast<std::size_t>(got));
        }
        if (static_cast<std::size_t>(got) < sizeof buffer)
            return true;
    }
}

bool MpiJob::handleLine(const std::string& line)
{
    std::string error;
    std::optional<protocol::Event> event = protocol::decode(line, error);
    if (!error.empty()) {
        fail(QString::fromStdString(error), -1);
        return false;
    }
    if (!event)
        return true; // not a protocol line: something a library printed
    if (const auto* clock = std::get_if<protocol::Clock>(&*event)) {
        // The same machine shares CLOCK_MONOTONIC exactly; another one's is placed by when its first
        // line arrived (off by the forwarding delay, milliseconds at most).
        const QString host = QString::fromStdString(clock->host);
        m_clockOffset = host == QSysInfo::machineHostName() ? 0 : clock->nanoseconds - clocks::steadyNanoseconds();
        if (host == QSysInfo::machineHostName())
            m_coordinator = static_cast<pid_t>(clock->pid);
        m_sawClock = true;
    } else if (const auto* ready = std::get_if<protocol::Ready>(&*event)) {
        const QString host = QString::fromStdString(ready->host);
        m_hosts[ready->rank] = host;
        m_execution.recordWorkerStartup(
            WorkerStartup {ready->rank, m_spawnSeconds, toSeconds(ready->nanoseconds), true, host});
        ++m_ready;
    } else if (const auto* sent = std::get_if<protocol::Sent>(&*event)) {
        m_inFlight[sent->rank] = sent->index;
    } else if (auto* result = std::get_if<protocol::Result>(&*event)) {
        const int index = result->index;
        if (index < 0 || index >= static_cast<int>(m_timings.size()) || m_done[static_cast<std::size_t>(index)]) {
            fail(QStringLiteral("the MPI job answered task #%1, which it was not computing").arg(index), -1);
            return false;
        }
        TaskTiming timing;
        timing.worker = result->rank;
        timing.startSeconds = toSeconds(result->startNanoseconds);
        timing.endSeconds = toSeconds(result->endNanoseconds);
        timing.cpuSeconds = static_cast<double>(result->cpuNanoseconds) * 1e-9;
        timing.values = std::move(result->values);
        m_timings[static_cast<std::size_t>(index)] = m_execution.completeTask(index, std::move(timing));
        m_done[static_cast<std::size_t>(index)] = true;
        m_inFlight.erase(result->rank);
        ++m_finished;
    } else {
        fail(QStringLiteral("the MPI job's coordinator failed: %1")
                 .arg(QString::fromStdString(std::get<protocol::Failed>(*event).message)),
            -1);
        return false;
    }
    return true;
}

void MpiJob::jobEnded()
{
    // mpirun says which rank ended the job ("process rank 2 with PID … exited on signal 9").
    const int status = stop();
    const QString reason = summarise(m_errorText);
    static const QRegularExpression rankPattern(QStringLiteral("rank (\\d+)"));
    const QRegularExpressionMatch match = rankPattern.match(reason);
    const int rank = match.hasMatch() ? match.captured(1).toInt() : -1;
    const auto inFlight = m_inFlight.find(rank);
    QString message;
    int task = -1;
    if (inFlight != m_inFlight.end()) {
        task = inFlight->second;
        message = QStringLiteral("MPI %1 died while computing task %2")
                      .arg(rankName(rank))
                      .arg(m_execution.numbers()[static_cast<std::size_t>(task)]);
    } else if (m_ready < m_launch.workers) {
        message = QStringLiteral("the MPI job ended before its ranks were ready");
    } else {
        message = QStringLiteral("the MPI job ended before every task was done");
    }
    message += QStringLiteral(" (%1 %2)").arg(m_launch.launcher, status >= 0 ? describeStatus(status) : QString());
    if (!reason.isEmpty())
        message += QStringLiteral(": ") + reason;
    fail(message, task);
}

bool MpiJob::serve(int timeoutMilliseconds)
{
    if (m_execution.stopRequested()) {
        const int task = m_inFlight.empty() ? -1 : m_inFlight.begin()->second;
        fail(QStringLiteral("cancelled"), task);
        return false;
    }
    if (m_ready < m_launch.workers && std::chrono::steady_clock::now() - m_started > kReadyTimeout) {
        fail(QStringLiteral("the MPI job's ranks were not all ready after %1 s (%2 of %3): %4")
                 .arg(std::chrono::seconds(kReadyTimeout).count())
                 .arg(m_ready)
                 .arg(m_launch.workers)
                 .arg(summarise(m_errorText)),
            -1);
        return false;
    }
    if (coordinatorDied()) {
        readRemainingErrors();
        jobEnded();
        return false;
    }
    pollfd polls[2] = {{m_output, POLLIN, 0}, {m_errors, POLLIN, 0}};
    if (::poll(polls, m_errors >= 0 ? 2 : 1, timeoutMilliseconds) < 0 && errno != EINTR) {
        fail(QStringLiteral("cannot wait for mpirun: %1").arg(QString::fromLocal8Bit(errorText(errno).c_str())), -1);
        return false;
    }
    if (polls[1].revents != 0 && !readFrom(Stream::Errors)) {
        ::close(m_errors);
        m_errors = -1;
    }
    if (polls[0].revents == 0)
        return true;
    const bool open = readFrom(Stream::Output);
    for (std::size_t end = m_lineBuffer.find('\n'); end != std::string::npos; end = m_lineBuffer.find('\n')) {
        const std::string line = m_lineBuffer.substr(0, end);
        m_lineBuffer.erase(0, end + 1);
        if (!handleLine(line))
            return false;
    }
    if (open)
        return true;
    if (m_finished < static_cast<int>(m_timings.size())) {
        readRemainingErrors();
        jobEnded();
    }
    return false;
}

void MpiJob::readRemainingErrors()
{
    // mpirun's stderr may still hold the reason: read what is left before mpirun is ended.
    while (m_errors >= 0 && readFrom(Stream::Errors)) {
        pollfd more {m_errors, POLLIN, 0};
        if (::poll(&more, 1, 200) <= 0)
            break;
    }
}

bool MpiJob::coordinatorDied()
{
    // mpirun ends the job when a rank dies, but Open MPI 4.1's mpirun can then deadlock in its own
    // teardown (PMIx_server_finalize) and never close its output: without this look at rank 0, the
    // run would wait for it forever. Rank 0's last lines may still be on their way through mpirun
    // when it exits, so the job counts as ended only once rank 0 has been gone for a while. Looked
    // at every so often: it reads /proc.
    constexpr auto kInterval = 100ms;
    constexpr auto kForwardingGrace = 2s;
    const auto now = std::chrono::steady_clock::now();
    if (m_coordinator <= 0 || now - m_coordinatorChecked < kInterval)
        return false;
    m_coordinatorChecked = now;
    if (alive(m_coordinator))
        return false;
    if (!m_coordinatorGone)
        m_coordinatorGone = now;
    return now - *m_coordinatorGone > kForwardingGrace;
}

std::vector<TaskTiming> MpiJob::run()
{
    const auto count = m_execution.taskCount();
    m_timings.assign(static_cast<std::size_t>(count), TaskTiming {});
    m_done.assign(static_cast<std::size_t>(count), false);
    m_started = std::chrono::steady_clock::now();
    spawn();
    ::fcntl(m_output, F_SETFL, O_NONBLOCK);
    ::fcntl(m_errors, F_SETFL, O_NONBLOCK);
    while (m_finished < count && serve(kStopCheckMilliseconds)) { }
    if (m_failed)
        return m_timings;
    // Every task is back: the ranks finish MPI_Finalize and mpirun exits on its own (the end of the
    // job is part of its cost, as a pool's teardown is); one that does not is ended.
    const auto deadline = std::chrono::steady_clock::now() + kExitGrace;
    int status = 0;
    while (m_pid > 0 && std::chrono::steady_clock::now() < deadline) {
        if (waitFor(m_pid, WNOHANG, status) == m_pid)
            m_pid = -1; // reaped: nothing left to signal
        else
            std::this_thread::sleep_for(1ms);
    }
    stop();
    return m_timings;
}

} // namespace calcprof
