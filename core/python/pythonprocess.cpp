#include "core/python/pythonprocess.h"

#include "core/processes/childprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <cerrno>
#include <csignal>
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

using namespace childprocess;
using namespace std::chrono_literals;

// The runner's protocol channel is its file descriptor 3 (calcprof_runner.py, _CHANNEL_FD).
constexpr int kRunnerChannelFd = 3;
// How much of the interpreter's own output is kept for messages (a traceback's end).
constexpr std::size_t kOutputTail = 4096;
// A protocol line longer than this is garbage (a task's line is a few hundred bytes).
constexpr std::size_t kMaxLine = 1 << 20;
// After the group's SIGKILL, how long to wait for its processes to be gone before giving up on one
// stuck in the kernel rather than hang the run.
constexpr auto kGroupExitGrace = 2s;

// A pipe whose ends sit above the descriptors the child's are dup2()ed to (0..3), close-on-exec.
void pipeAbove(int ends[2])
{
    int raw[2] = {-1, -1};
    if (::pipe2(raw, O_CLOEXEC) != 0)
        throw std::runtime_error("cannot create a pipe for the Python interpreter: " + errorText(errno));
    for (int side = 0; side < 2; ++side) {
        ends[side] = ::fcntl(raw[side], F_DUPFD_CLOEXEC, kRunnerChannelFd + 1);
        ::close(raw[side]);
    }
}

void closeFd(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

std::vector<pid_t> liveProcessesInGroup(pid_t group)
{
    std::vector<pid_t> live;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool isPid = false;
        const pid_t pid = entry.toInt(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
        const QByteArray line = stat.readAll();
        const auto fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 2 && fields[0] != "Z" && fields[0] != "X" && fields[2].toInt() == group)
            live.push_back(pid);
    }
    return live;
}

PythonProcess::PythonProcess(QString interpreter, QString runner)
    : m_interpreter(std::move(interpreter))
    , m_runner(std::move(runner))
{ }

PythonProcess::~PythonProcess()
{
    stop();
}

void PythonProcess::start(const QJsonObject& request)
{
    int input[2] = {-1, -1};
    int channel[2] = {-1, -1};
    int output[2] = {-1, -1};
    pipeAbove(input);
    pipeAbove(channel);
    pipeAbove(output);
    m_channel = channel[0];
    m_output = output[0];
    // Ours are read as far as they go, never waited on: poll() says when there is more.
    ::fcntl(m_channel, F_SETFL, O_NONBLOCK);
    ::fcntl(m_output, F_SETFL, O_NONBLOCK);

    // The request goes into the pipe before the interpreter exists: about a kilobyte at most (256
    // numbers), far below a pipe's capacity, so the write cannot block, and it cannot meet an
    // interpreter already gone (no SIGPIPE, in a program that does not ignore it either).
    const QByteArray line = QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n';
    const ssize_t written = ::write(input[1], line.constData(), static_cast<std::size_t>(line.size()));
    closeFd(input[1]);
    if (written != static_cast<ssize_t>(line.size())) {
        const int writeError = errno;
        for (int* fd : {&input[0], &channel[1], &output[1]})
            closeFd(*fd);
        closeChannels();
        throw std::runtime_error("cannot hand the Python interpreter its request: " + errorText(writeError));
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&actions, channel[1], kRunnerChannelFd);
    posix_spawn_file_actions_addclosefrom_np(&actions, kRunnerChannelFd + 1);
    // A group of its own: one kill(-group) ends the interpreter and every process it started, and a
    // terminal's Ctrl-C reaches calcprof, which ends the run in order.
    const SpawnAttributes attributes(SpawnAttributes::Group::Own);

    std::string program = QFile::encodeName(m_interpreter).toStdString();
    std::string script = QFile::encodeName(m_runner).toStdString();
    std::string parentOption = "--parent";
    std::string parent = std::to_string(::getpid());
    char* arguments[] = {program.data(), script.data(), parentOption.data(), parent.data(), nullptr};
    const int error = ::posix_spawn(&m_pid, program.c_str(), &actions, attributes.get(), arguments, environ);
    posix_spawn_file_actions_destroy(&actions);
    for (int* fd : {&input[0], &channel[1], &output[1]})
        closeFd(*fd);
    if (error != 0) {
        m_pid = -1;
        closeChannels();
        throw std::runtime_error("cannot start the Python interpreter " + program + ": " + errorText(error));
    }
}

bool PythonProcess::takeLine(QJsonObject& message, Next& outcome)
{
    const std::size_t end = m_lineBuffer.find('\n');
    if (end == std::string::npos) {
        if (m_lineBuffer.size() > kMaxLine) {
            m_garbage = QString::fromUtf8(m_lineBuffer.substr(0, 80));
            outcome = Next::Garbage;
            return true;
        }
        return false;
    }
    const QByteArray line = QByteArray::fromStdString(m_lineBuffer.substr(0, end));
    m_lineBuffer.erase(0, end + 1);
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        m_garbage = QString::fromUtf8(line.left(80));
        message = {};
        outcome = Next::Garbage;
        return true;
    }
    message = document.object();
    outcome = Next::Message;
    return true;
}

void PythonProcess::readOutput()
{
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(m_output, buffer, sizeof buffer);
        if (got > 0) {
            feedSink(buffer, static_cast<std::size_t>(got), false);
            m_outputTail.append(buffer, static_cast<std::size_t>(got));
            if (m_outputTail.size() > kOutputTail)
                m_outputTail.erase(0, m_outputTail.size() - kOutputTail);
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got == 0) {
            feedSink(nullptr, 0, true);
            closeFd(m_output);
        }
        return;
    }
}

void PythonProcess::feedSink(const char* bytes, std::size_t size, bool ended)
{
    if (!m_outputSink)
        return;
    // A line longer than this is handed over in pieces: a script printing without line ends must not
    // grow calcprof's memory without bound.
    constexpr std::size_t kMaxOutputLine = std::size_t {64} * 1024;
    m_outputLine.append(bytes, size);
    std::size_t begin = 0;
    for (;;) {
        std::size_t end = m_outputLine.find('\n', begin);
        if (end == std::string::npos && m_outputLine.size() - begin > kMaxOutputLine)
            end = begin + kMaxOutputLine;
        if (end == std::string::npos)
            break;
        std::size_t length = end - begin;
        if (length > 0 && m_outputLine[begin + length - 1] == '\r')
            --length;
        m_outputSink(QString::fromUtf8(m_outputLine.data() + begin, static_cast<qsizetype>(length)));
        begin = end < m_outputLine.size() && m_outputLine[end] == '\n' ? end + 1 : end;
    }
    m_outputLine.erase(0, begin);
    if (ended && !m_outputLine.empty()) {
        m_outputSink(QString::fromUtf8(m_outputLine.data(), static_cast<qsizetype>(m_outputLine.size())));
        m_outputLine.clear();
    }
}

bool PythonProcess::readChannel()
{
    char buffer[8192];
    for (;;) {
        const ssize_t got = ::read(m_channel, buffer, sizeof buffer);
        if (got > 0) {
            m_bytesReceived += static_cast<std::uint64_t>(got);
            m_lineBuffer.append(buffer, static_cast<std::size_t>(got));
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        return got < 0 && errno == EAGAIN; // 0: every writer closed it; another error: nothing more comes
    }
}

bool PythonProcess::reapIfExited()
{
    if (m_pid > 0 && !m_reaped && waitFor(m_pid, WNOHANG, m_status) == m_pid)
        m_reaped = true;
    return m_reaped;
}

PythonProcess::Next PythonProcess::next(
    QJsonObject& message, std::chrono::milliseconds timeout, const std::atomic<bool>* stop)
{
    // How often a wait looks at the stop flag: a cancel lands within it.
    constexpr int kStopCheckMilliseconds = 10;
    Next outcome = Next::Timeout;
    if (takeLine(message, outcome))
        return outcome;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (m_channel >= 0) {
        if (stop && stop->load())
            return Next::Stopped;
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() < 0)
            return Next::Timeout;
        pollfd polls[2] = {{m_channel, POLLIN, 0}, {m_output, POLLIN, 0}};
        const int wait = static_cast<int>(std::min<long long>(left.count(), kStopCheckMilliseconds));
        if (::poll(polls, m_output >= 0 ? 2 : 1, wait) < 0 && errno != EINTR)
            return Next::Ended;
        if (m_output >= 0 && polls[1].revents != 0)
            readOutput();
        if (polls[0].revents == 0) {
            // A process the interpreter started may hold the channel open after the interpreter died
            // (a crash leaves its children): the interpreter's own end is the channel's end then.
            // Everything it wrote before it exited is in the pipe already.
            if (reapIfExited()) {
                readChannel();
                closeFd(m_channel);
            }
            continue;
        }
        if (!readChannel())
            closeFd(m_channel);
        if (takeLine(message, outcome))
            return outcome;
    }
    if (takeLine(message, outcome)) // lines read together with the interpreter's end
        return outcome;
    if (!m_lineBuffer.empty()) { // a last line without its newline: cut off
        m_garbage = QString::fromUtf8(m_lineBuffer.substr(0, 80));
        m_lineBuffer.clear();
        return Next::Garbage;
    }
    return Next::Ended;
}

int PythonProcess::stop()
{
    int status = -1;
    if (m_pid > 0) {
        ::kill(-m_pid, SIGKILL); // the interpreter and everything it started
        if (m_reaped) { // it had ended by itself: its status is known, its group may still live
            status = m_status;
        } else {
            ::kill(m_pid, SIGKILL);
            waitFor(m_pid, 0, status);
        }
        // Its workers are orphans now, killed already: wait until the kernel has taken them all down,
        // so that nothing of the run is left when it returns.
        const auto stopped = std::chrono::steady_clock::now();
        while (!liveProcessesInGroup(m_pid).empty() && std::chrono::steady_clock::now() - stopped < kGroupExitGrace) {
            ::kill(-m_pid, SIGKILL);
            std::this_thread::sleep_for(1ms);
        }
        m_pid = -1;
    }
    if (m_output >= 0)
        readOutput();
    closeChannels();
    return status;
}

int PythonProcess::terminate(std::chrono::milliseconds grace)
{
    if (m_pid > 0 && !m_reaped)
        ::kill(m_pid, SIGTERM);
    return finish(grace);
}

int PythonProcess::finish(std::chrono::milliseconds grace)
{
    if (m_pid <= 0)
        return -1;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (!reapIfExited() && std::chrono::steady_clock::now() < deadline) {
        if (m_output >= 0)
            readOutput();
        std::this_thread::sleep_for(1ms);
    }
    // Ended or not, its group goes now: it may still hold what it started (a worker that outlived a
    // crash); stop() returns the status of an interpreter that had exited by itself.
    return stop();
}

QString PythonProcess::output() const
{
    return QString::fromUtf8(m_outputTail).trimmed();
}

QString PythonProcess::describeEnd(int status) const
{
    QString text = QStringLiteral("the Python interpreter %1").arg(m_interpreter);
    if (status != -1)
        text += u' ' + describeStatus(status);
    const QString said = output();
    if (!said.isEmpty())
        text += QStringLiteral(": ") + said.section(u'\n', -1).trimmed();
    return text;
}

void PythonProcess::closeChannels()
{
    if (m_output >= 0)
        feedSink(nullptr, 0, true); // a last line cut off by the end
    closeFd(m_channel);
    closeFd(m_output);
}

} // namespace calcprof
