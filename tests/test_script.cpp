// --script: the user's own program under calcprof's runner, with small real Python scripts (a
// time_me user, one that raises, one that leaves a child or a daemon running, one cancelled), and the
// time_me line parser.
#include "core/python/scriptrunner.h"
#include "core/python/timeme.h"
#include "pythontestsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace calcprof {
namespace {

using namespace std::chrono_literals;

// The course's decorator, as students write it.
const char* const kTimeMe = R"(import time
def time_me(function):
    def timed(*args, **kwargs):
        start = time.time()
        result = function(*args, **kwargs)
        print("Ran '%s' in %.4f secs" % (function.__name__, time.time() - start))
        return result
    return timed
)";

class Script
{
public:
    explicit Script(const QString& body)
    {
        m_path = m_folder.filePath(QStringLiteral("student.py"));
        QFile file(m_path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(body.toUtf8());
    }
    [[nodiscard]] ScriptPlan plan() const { return ScriptPlan {m_path, {}, {}}; }
    /// Its own path: what only its processes' command lines hold (tests run in parallel).
    [[nodiscard]] QString path() const { return m_path; }

private:
    QTemporaryDir m_folder;
    QString m_path;
};

ScriptRun run(const ScriptPlan& plan, const ScriptCallbacks& callbacks = {})
{
    const std::atomic<bool> stop {false};
    return runScript(plan, {}, stop, callbacks);
}

} // namespace

TEST(TimeMeLine, ReadsTheCoursesFormat)
{
    const auto line = parseTimeMeLine(u"Ran 'do_parallel' in 0.1786 secs");
    ASSERT_TRUE(line);
    EXPECT_EQ(line->name, QStringLiteral("do_parallel"));
    EXPECT_DOUBLE_EQ(line->seconds, 0.1786);
    EXPECT_DOUBLE_EQ(parseTimeMeLine(u"  Ran 'f' in 1.2e-05 secs\r")->seconds, 1.2e-05);
    EXPECT_DOUBLE_EQ(parseTimeMeLine(u"Ran 'f' in 3 sec")->seconds, 3.0);
    EXPECT_EQ(parseTimeMeLine(u"Ran 'save 'all'' in 2.5 secs")->name, QStringLiteral("save 'all'"));
    EXPECT_FALSE(parseTimeMeLine(u"Ran do_serial in 0.1 secs"));
    EXPECT_FALSE(parseTimeMeLine(u"Ran 'f' in fast secs"));
    EXPECT_FALSE(parseTimeMeLine(u"Ran 'f' in -1 secs"));
    EXPECT_FALSE(parseTimeMeLine(u"print: Ran 'f' in 1 secs"));
    EXPECT_FALSE(parseTimeMeLine(u"Ran '' in 1 secs"));
}

TEST(ScriptRun, EveryTimeMeLineIsATimingAndTheTreeIsMeasured)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    const Script script(QString::fromLatin1(kTimeMe) + QStringLiteral(R"(
import os, sys
from multiprocessing import Pool
def fibo(n):
    return 1 if n <= 1 else fibo(n - 1) + fibo(n - 2)
def slow_fibo(n):
    time.sleep(0.3)  # long enough for the tree's sampling to see each worker
    return fibo(n)
@time_me
def do_serial(numbers):
    return [fibo(n) for n in numbers]
@time_me
def do_parallel(numbers):
    with Pool(2) as p:
        return p.map(slow_fibo, numbers)
if __name__ == "__main__":
    print("working in", os.getcwd(), "with", sys.argv[1:])
    assert do_serial([20, 21]) == do_parallel([20, 21])
)"));
    ScriptPlan plan = script.plan();
    plan.arguments = {QStringLiteral("one"), QStringLiteral("two words")};
    QStringList printed;
    std::vector<ScriptTiming> streamed;

    const ScriptRun result = run(plan,
        {[&](const QString& line) { printed << line; },
            [&](const ScriptTiming& timing) { streamed.push_back(timing); }});

    EXPECT_EQ(result.failure(), QString());
    EXPECT_EQ(result.exitStatus, 0);
    ASSERT_EQ(result.timings.size(), 2U);
    EXPECT_EQ(result.timings[0].name, QStringLiteral("do_serial"));
    EXPECT_EQ(result.timings[1].name, QStringLiteral("do_parallel"));
    EXPECT_EQ(streamed, result.timings);
    // Each line was read after the call it times ended, and before the script did.
    EXPECT_LE(result.timings[0].seconds, result.timings[0].endSeconds + 0.001);
    EXPECT_LE(result.timings[0].endSeconds, result.timings[1].endSeconds);
    EXPECT_LE(result.timings[1].endSeconds, result.wallSeconds);
    // The script, its pool's two workers (and the resource tracker or forkserver, if any).
    EXPECT_GE(result.processes, 3);
    EXPECT_GT(result.cpuSeconds(), 0.0);
    EXPECT_GT(result.samplerCpuSeconds, 0.0);
    EXPECT_LT(result.samplerCpuSeconds, result.wallSeconds);
    EXPECT_GT(result.peakRssBytes, 1 << 20);
    EXPECT_GE(result.peakTreeRssBytes, result.peakRssBytes / 2);
    EXPECT_TRUE(result.leftovers.empty());
    // Run as it is, in a fresh folder (removed after), with its arguments.
    EXPECT_TRUE(result.temporaryDirectory);
    EXPECT_FALSE(QFileInfo::exists(result.directory));
    EXPECT_TRUE(printed.contains(QStringLiteral("working in %1 with ['one', 'two words']").arg(result.directory)))
        << printed.join(u'\n').toStdString();
}

TEST(ScriptRun, AnInterpreterBehindAShellWrapperCountsOnlyTheScriptsCpu)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    // As pyenv's shim: a shell that runs helpers of its own, then execs Python in the same process,
    // whose children's CPU the kernel has counted already when the runner starts.
    const QTemporaryDir folder;
    const QString wrapper = folder.filePath(QStringLiteral("python3"));
    QFile file(wrapper);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("#!/bin/sh\n(i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done)\nexec ")
        + QFile::encodeName(probePythonInterpreter({}).interpreter) + " \"$@\"\n");
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    forgetPythonProbes();
    const Script script(QStringLiteral("import time\ntime.sleep(0.2)\n"));
    const std::atomic<bool> stop {false};

    const ScriptRun result = runScript(script.plan(), wrapper, stop);

    EXPECT_EQ(result.failure(), QString());
    EXPECT_LT(result.cpuSeconds(), result.wallSeconds) << "a sleeping script's CPU, not the wrapper's busy loop";
}

TEST(ScriptRun, AScriptThatRaisesFailsWithItsExceptionAndExitStatus)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    const Script script(QStringLiteral("print('before')\n1 / 0\n"));

    const ScriptRun result = run(script.plan());

    EXPECT_EQ(result.exitStatus, 1);
    EXPECT_TRUE(result.timings.empty());
    EXPECT_EQ(result.failure(), QStringLiteral("the script exited with status 1: ZeroDivisionError: division by zero"));
}

TEST(ScriptRun, AChildLeftRunningIsReportedAndEnded)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    // One child left as it is, and one daemon (double fork, new session): an orphan that only a
    // subreaper still sees.
    const Script script(QStringLiteral(R"(import os, subprocess, time
subprocess.Popen(["sleep", "31"])
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "32"])
    os._exit(0)
os.wait()
time.sleep(0.2)
)"));

    const ScriptRun result = run(script.plan());

    EXPECT_EQ(result.exitStatus, 0);
    ASSERT_EQ(result.leftovers.size(), 2U) << result.failure().toStdString();
    QStringList commands;
    for (const LeftoverProcess& process : result.leftovers) {
        commands << process.command;
        EXPECT_FALSE(processAlive(static_cast<pid_t>(process.pid))) << process.command.toStdString();
    }
    commands.sort();
    EXPECT_EQ(commands, QStringList({QStringLiteral("sleep 31"), QStringLiteral("sleep 32")}));
    EXPECT_TRUE(result.failure().startsWith(QStringLiteral("it left 2 processes running when it exited")))
        << result.failure().toStdString();
    EXPECT_TRUE(processesRunning(QStringLiteral("sleep 31")).empty());
    EXPECT_TRUE(processesRunning(QStringLiteral("sleep 32")).empty());
}

TEST(ScriptRun, CancelEndsTheWholeTreeAtOnce)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    const Script script(QStringLiteral(R"(import subprocess, time
subprocess.Popen(["sleep", "33"])
print("started", flush=True)
time.sleep(30)
)"));
    std::atomic<bool> stop {false};
    std::chrono::steady_clock::time_point raised;
    ScriptCallbacks callbacks;
    callbacks.output = [&](const QString& line) {
        if (line == QStringLiteral("started")) {
            raised = std::chrono::steady_clock::now();
            stop.store(true);
        }
    };

    const ScriptRun result = runScript(script.plan(), {}, stop, callbacks);

    const auto took = std::chrono::steady_clock::now() - raised;
    EXPECT_TRUE(result.cancelled);
    EXPECT_FALSE(result.exitStatus);
    EXPECT_EQ(result.failure(), QString()); // a cancel is no failure
    EXPECT_LT(took, 1s);
    EXPECT_TRUE(processesRunning(QStringLiteral("sleep 33")).empty());
    EXPECT_TRUE(processesRunning(script.path()).empty());
}

TEST(ScriptRun, AChosenFolderIsKeptWithWhatTheScriptWrote)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    const QTemporaryDir folder;
    const Script script(QStringLiteral("open('res1.txt', 'w').write('h,55,f')\n"));
    ScriptPlan plan = script.plan();
    plan.workingDirectory = folder.path();

    const ScriptRun result = run(plan);

    EXPECT_EQ(result.failure(), QString());
    EXPECT_FALSE(result.temporaryDirectory);
    EXPECT_EQ(result.directory, folder.path());
    EXPECT_TRUE(QFileInfo::exists(folder.filePath(QStringLiteral("res1.txt"))));
}

// Two calcprof running their scripts in one --script-dir would mix the files both write.
TEST(ScriptRun, AFolderInUseByAnotherCalcprofIsRefusedNamingItsPidAndNothingRuns)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    const QTemporaryDir folder;
    const Script script(QStringLiteral("open('res1.txt', 'w').write('h,55,f')\n"));
    ScriptPlan plan = script.plan();
    plan.workingDirectory = folder.path();
    {
        const test::LockHeldElsewhere other(folder.path());
        ASSERT_TRUE(other.locked());

        const ScriptRun refused = run(plan);

        EXPECT_EQ(refused.failure(),
            QStringLiteral("script folder %1 is in use by another calcprof (pid %2); two runs in one folder would mix "
                           "the files their scripts write: wait until it ends or choose another folder")
                .arg(folder.path())
                .arg(other.pid()));
        EXPECT_FALSE(refused.exitStatus);
        EXPECT_FALSE(QFileInfo::exists(folder.filePath(QStringLiteral("res1.txt"))));
    }
    const ScriptRun after = run(plan); // the other one has ended: the folder is free again
    EXPECT_EQ(after.failure(), QString());
    EXPECT_TRUE(QFileInfo::exists(folder.filePath(QStringLiteral("res1.txt"))));
}

TEST(ScriptRun, BadPathsAreRefusedBeforeAnythingRuns)
{
    const QTemporaryDir folder;
    const QString fifo = folder.filePath(QStringLiteral("fifo.py"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    EXPECT_EQ(checkScriptPlan({QStringLiteral("/nonexistent/student.py"), {}, {}}),
        QStringLiteral("the script /nonexistent/student.py does not exist"));
    EXPECT_EQ(checkScriptPlan({folder.path(), {}, {}}),
        QStringLiteral("the script %1 is not a regular file").arg(folder.path()));
    EXPECT_EQ(checkScriptPlan({fifo, {}, {}}), QStringLiteral("the script %1 is not a regular file").arg(fifo));
    const Script script(QStringLiteral("print(1)\n"));
    ScriptPlan plan = script.plan();
    plan.workingDirectory = fifo;
    EXPECT_EQ(checkScriptPlan(plan), QStringLiteral("the script folder %1 is not a folder").arg(fifo));
    plan.workingDirectory = QStringLiteral("/nonexistent");
    EXPECT_EQ(checkScriptPlan(plan), QStringLiteral("the script folder /nonexistent does not exist"));
    // runScript() says the same, and runs nothing.
    const ScriptRun result = run({QStringLiteral("/nonexistent/student.py"), {}, {}});
    EXPECT_EQ(result.failure(), QStringLiteral("the script /nonexistent/student.py does not exist"));
    EXPECT_FALSE(result.exitStatus);
}

TEST(ScriptRun, AMissingInterpreterIsTheRunsError)
{
    const Script script(QStringLiteral("print(1)\n"));
    const std::atomic<bool> stop {false};

    const ScriptRun result = runScript(script.plan(), QStringLiteral("/nonexistent/python3"), stop);

    EXPECT_EQ(result.failure(), QStringLiteral("the Python interpreter /nonexistent/python3 does not exist"));
}

TEST(ScriptRun, AnInterpreterThatCrashesFailsTheRunAndLeavesNothing)
{
    const FakePython crashing(QStringLiteral("hello; sleep 60 & kill -SEGV $$"));
    const Script script(QStringLiteral("print(1)\n"));
    const std::atomic<bool> stop {false};

    const ScriptRun result = runScript(script.plan(), crashing.path(), stop);

    EXPECT_TRUE(result.failure().contains(QStringLiteral("while running the script")))
        << result.failure().toStdString();
    EXPECT_TRUE(result.failure().contains(QStringLiteral("signal 11"))) << result.failure().toStdString();
    EXPECT_FALSE(result.exitStatus);
    EXPECT_TRUE(processesRunning(crashing.path()).empty());
}

} // namespace calcprof
