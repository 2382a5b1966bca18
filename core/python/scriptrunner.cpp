#include "core/python/scriptrunner.h"

#include "core/io/folderlock.h"
#include "core/python/pythoninterpreter.h"
#include "core/python/pythonprocess.h"
#include "core/python/timeme.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>

namespace calcprof {

namespace {

using namespace std::chrono_literals;

// The last lines of output kept with the run: a traceback's end, what a failure is explained with.
constexpr int kOutputTailLines = 20;

QString text(const char* literal)
{
    return QString::fromLatin1(literal);
}

qint64 steadyNanoseconds()
{
    // steady_clock is CLOCK_MONOTONIC on Linux: the clock of the runner's time.monotonic_ns().
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// Reads the runner's lines for one script and fills `run` from them.
class ScriptSession
{
public:
    ScriptSession(
        ScriptRun& run, PythonProcess& process, const std::atomic<bool>& stop, const ScriptCallbacks& callbacks)
        : m_run(run)
        , m_process(process)
        , m_stop(stop)
        , m_callbacks(callbacks)
    {
        m_process.setOutputSink([this](const QString& line) { onOutput(line); });
    }

    void run(const QJsonObject& request)
    {
        m_process.start(request);
        QJsonObject message;
        for (;;) {
            // Ten seconds for the interpreter to start; the script itself may take as long as it takes.
            const auto timeout = m_startNs ? std::chrono::milliseconds(24h * 365) : std::chrono::milliseconds(10s);
            const PythonProcess::Next next = m_process.next(message, timeout, &m_stop);
            if (next == PythonProcess::Next::Stopped) {
                m_run.cancelled = true;
                if (m_startNs)
                    m_run.wallSeconds = static_cast<double>(steadyNanoseconds() - m_startNs) * 1e-9;
                m_process.terminate(3s);
                return;
            }
            if (next != PythonProcess::Next::Message) {
                fail(next);
                return;
            }
            if (message.contains(text("error"))) {
                m_run.error = text("calcprof's Python runner could not run the script: %1")
                                  .arg(message.value(text("error")).toString());
                m_process.finish(2s);
                return;
            }
            if (message.contains(text("script_start"))) {
                m_startNs = message.value(text("script_start")).toInteger();
            } else if (message.contains(text("script_end"))) {
                finished(message);
                m_process.finish(2s); // the output the script printed last is read on the way
                clampTimings();
                return;
            }
        }
    }

private:
    void onOutput(const QString& line)
    {
        m_run.outputTail << line;
        if (m_run.outputTail.size() > kOutputTailLines)
            m_run.outputTail.removeFirst();
        if (m_callbacks.output)
            m_callbacks.output(line);
        const std::optional<TimeMeLine> timeMe = parseTimeMeLine(line);
        if (!timeMe || !m_startNs)
            return;
        const ScriptTiming timing {
            timeMe->name, timeMe->seconds, static_cast<double>(steadyNanoseconds() - m_startNs) * 1e-9};
        m_run.timings.push_back(timing);
        if (m_callbacks.timing)
            m_callbacks.timing(timing);
    }

    void finished(const QJsonObject& message)
    {
        const qint64 end = message.value(text("script_end")).toInteger();
        m_run.wallSeconds = static_cast<double>(end - m_startNs) * 1e-9;
        m_run.exitStatus = message.value(text("status")).toInt();
        m_run.userSeconds = message.value(text("user")).toDouble();
        m_run.systemSeconds = message.value(text("system")).toDouble();
        m_run.peakRssBytes = message.value(text("peak_rss_bytes")).toInteger();
        m_run.peakTreeRssBytes = message.value(text("peak_tree_rss_bytes")).toInteger();
        m_run.processes = message.value(text("processes")).toInt();
        m_run.sampleSeconds = message.value(text("sample_seconds")).toDouble();
        m_run.samplerCpuSeconds = message.value(text("sampler_cpu_seconds")).toDouble();
        const QJsonArray leftovers = message.value(text("leftovers")).toArray();
        for (const auto& leftover : leftovers) {
            const QJsonObject process = leftover.toObject();
            m_run.leftovers.push_back(
                LeftoverProcess {process.value(text("pid")).toInteger(), process.value(text("command")).toString()});
        }
    }

    /// A line read after the script ended (the last ones come with its end) ended no later than it did.
    void clampTimings()
    {
        for (ScriptTiming& timing : m_run.timings)
            timing.endSeconds = std::min(timing.endSeconds, m_run.wallSeconds);
    }

    void fail(PythonProcess::Next next)
    {
        if (next == PythonProcess::Next::Garbage)
            m_run.error = text("%1 broke the protocol: it printed '%2' on calcprof's channel")
                              .arg(m_process.describeEnd(-1), m_process.garbage());
        else if (next == PythonProcess::Next::Timeout)
            m_run.error = text("%1 did not start the script within 10 s").arg(m_process.describeEnd(-1));
        else
            m_run.error = m_process.describeEnd(m_process.finish(500ms)) + text(" while running the script");
        m_process.stop();
    }

    ScriptRun& m_run;
    PythonProcess& m_process;
    const std::atomic<bool>& m_stop;
    const ScriptCallbacks& m_callbacks;
    qint64 m_startNs = 0;
};

} // namespace

QString checkScriptPlan(const ScriptPlan& plan)
{
    const QFileInfo script(plan.path);
    if (!script.exists())
        return text("the script %1 does not exist").arg(QDir::toNativeSeparators(plan.path));
    if (!script.isFile())
        return text("the script %1 is not a regular file").arg(QDir::toNativeSeparators(plan.path));
    if (!script.isReadable())
        return text("the script %1 cannot be read").arg(QDir::toNativeSeparators(plan.path));
    if (!plan.workingDirectory.isEmpty()) {
        const QFileInfo folder(plan.workingDirectory);
        const QString shown = QDir::toNativeSeparators(plan.workingDirectory);
        if (!folder.exists())
            return text("the script folder %1 does not exist").arg(shown);
        if (!folder.isDir())
            return text("the script folder %1 is not a folder").arg(shown);
        if (!folder.isWritable())
            return text("the script folder %1 is not writable").arg(shown);
    }
    return {};
}

ScriptRun runScript(
    const ScriptPlan& plan, const QString& interpreter, const std::atomic<bool>& stop, const ScriptCallbacks& callbacks)
{
    ScriptRun run;
    run.plan = plan;
    if (const QString problem = checkScriptPlan(plan); !problem.isEmpty()) {
        run.error = problem;
        return run;
    }
    const PythonInfo python = probePythonInterpreter(interpreter);
    if (!python.ok()) {
        run.error = python.error;
        return run;
    }
    std::optional<QTemporaryDir> temporary;
    // The user's folder is this script's while it runs: a second calcprof running a script there
    // would mix the files both write. (A fresh folder of our own needs no lock.)
    std::optional<FolderLock> folderLock;
    run.directory = plan.workingDirectory;
    if (!run.directory.isEmpty()) {
        folderLock.emplace(run.directory, FolderUse::Script);
        if (!folderLock->locked()) {
            run.error = folderLock->error();
            return run;
        }
    } else {
        temporary.emplace(QDir(QDir::tempPath()).filePath(text("calcprof-script-XXXXXX")));
        if (!temporary->isValid()) {
            run.error = text("cannot make a temporary folder for the script: %1").arg(temporary->errorString());
            return run;
        }
        run.directory = temporary->path();
        run.temporaryDirectory = true;
    }
    const QJsonObject request {{text("mode"), text("script")},
        {text("script"), QFileInfo(plan.path).absoluteFilePath()},
        {text("arguments"), QJsonArray::fromStringList(plan.arguments)},
        {text("directory"), QFileInfo(run.directory).absoluteFilePath()}};
    PythonProcess process(python.interpreter, python.runner);
    try {
        ScriptSession(run, process, stop, callbacks).run(request);
    } catch (const std::runtime_error& error) {
        run.error = QString::fromLocal8Bit(error.what());
    }
    return run;
}

} // namespace calcprof
