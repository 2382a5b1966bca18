#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace calcprof {

/// One run of calcprof's Python runner (resources/calcprof_runner.py) under an interpreter:
/// `INTERPRETER RUNNER --parent PID`, its request on stdin, its protocol lines (one JSON object each)
/// on file descriptor 3, its stdout and stderr kept for messages (the last few kilobytes).
///
/// The interpreter leads a process group of its own, and everything it starts (a Pool's workers, a
/// forkserver, the resource tracker) stays in it: stop() kills the whole group with one SIGKILL and
/// waits until none of it is left, so a cancel ends the interpreter and its workers at once and no
/// process outlives the run. The runner also arms a parent-death signal in the interpreter and in
/// every pool worker, for a calcprof that is itself killed.
class PythonProcess
{
public:
    PythonProcess(QString interpreter, QString runner);
    ~PythonProcess();
    Q_DISABLE_COPY_MOVE(PythonProcess)

    /// Starts the interpreter and hands it `request` (one JSON object). Throws std::runtime_error,
    /// naming the interpreter, when it cannot be started.
    void start(const QJsonObject& request);

    enum class Next { Message, Timeout, Stopped, Ended, Garbage };
    /// Waits up to `timeout` for the next protocol line: Message (in `message`), Timeout, Stopped
    /// (`stop` was raised), Ended (the channel closed: the interpreter exited or died) or Garbage (a
    /// line that is not a JSON object; `message` is empty and garbage() says what it was).
    Next next(QJsonObject& message, std::chrono::milliseconds timeout, const std::atomic<bool>* stop = nullptr);

    /// Kills the interpreter's whole process group and reaps the interpreter; returns its wait
    /// status, or -1 when it had already been reaped. Waits until no process of the group is left.
    int stop();
    /// Waits up to `grace` for the interpreter to exit by itself, then stops it; returns its wait status.
    int finish(std::chrono::milliseconds grace);
    /// Asks the interpreter to end (SIGTERM: the runner ends what it started first), then finish(grace).
    int terminate(std::chrono::milliseconds grace);

    /// Called with each line the interpreter prints on stdout or stderr (without its line end) as it is
    /// read, a last line without one included: a script's output streamed to the log. Set before start().
    void setOutputSink(std::function<void(const QString& line)> sink) { m_outputSink = std::move(sink); }

    /// "the Python interpreter /usr/bin/python3 (pid 123) exited with status 1: <its last output line>"
    [[nodiscard]] QString describeEnd(int status) const;
    /// What the interpreter printed on stdout and stderr (the last few kilobytes), trimmed.
    [[nodiscard]] QString output() const;
    /// The start of the line that broke the protocol.
    [[nodiscard]] QString garbage() const { return m_garbage; }
    [[nodiscard]] pid_t pid() const { return m_pid; }
    /// Bytes read on the protocol channel.
    [[nodiscard]] std::uint64_t bytesReceived() const { return m_bytesReceived; }
    [[nodiscard]] const QString& interpreter() const { return m_interpreter; }

private:
    bool takeLine(QJsonObject& message, Next& outcome);
    /// Reads what the channel holds; false once it has ended (every writer closed it, or an error).
    bool readChannel();
    /// Whether the interpreter has exited (reaped now or before; its status in m_status).
    bool reapIfExited();
    void readOutput();
    /// Hands the sink the complete lines of `bytes`; `ended`: the output is over, the rest is a line too.
    void feedSink(const char* bytes, std::size_t size, bool ended);
    void closeChannels();

    QString m_interpreter;
    QString m_runner;
    pid_t m_pid = -1;
    bool m_reaped = false; ///< the interpreter exited and was reaped; its group may still hold processes
    int m_status = -1; ///< its wait status once reaped
    int m_channel = -1; ///< fd 3 of the interpreter: protocol lines
    int m_output = -1; ///< its stdout and stderr
    std::string m_lineBuffer;
    std::string m_outputTail;
    std::function<void(const QString&)> m_outputSink;
    std::string m_outputLine; ///< a line the sink has not had yet: its end is still to come
    QString m_garbage;
    std::uint64_t m_bytesReceived = 0;
};

/// The live (not zombie) processes of process group `group` (from /proc): what stop() waits to be
/// empty, and what the tests check is left after a run.
std::vector<pid_t> liveProcessesInGroup(pid_t group);

} // namespace calcprof
