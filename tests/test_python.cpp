// The py-* strategies: calcprof's Python runner under a real python3 (tiny sets), and every fault of
// the interpreter with fake interpreters (small shell scripts): missing, not Python, crashing,
// hanging, printing garbage, leaving processes behind.
#include "core/exec/experimentrunner.h"
#include "core/model/experimentplan.h"
#include "core/python/planestimate.h"
#include "core/python/pythoninterpreter.h"
#include "core/python/pythonjob.h"
#include "core/python/pythonprocess.h"
#include "core/strategies/strategyregistry.h"
#include "pythontestsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <future>
#include <thread>

namespace calcprof {
namespace {

using namespace std::chrono_literals;

const QStringList kPythonStrategies {QStringLiteral("py-serial"), QStringLiteral("py-pool"),
    QStringLiteral("py-threads"), QStringLiteral("py-futures"), QStringLiteral("py-asyncio")};

const char* const kSpanStart = "hello; printf '{\"span_start\":%s}\\n' \"$(date +%s%N)\" >&3; ";

SetRun runWith(const QString& strategy, const NumberSet& numbers, int poolSize, const std::atomic<bool>& stop,
    const QString& interpreter = {})
{
    StrategyOptions options;
    options.python.interpreter = interpreter;
    const ExperimentRunner runner;
    return runner.runSet(*builtinStrategies().find(strategy), 1, numbers, poolSize, stop, {}, options);
}

TEST(PythonStrategies, AreRegisteredButNotInTheDefaultPlan)
{
    for (const QString& id : kPythonStrategies) {
        ASSERT_NE(builtinStrategies().find(id), nullptr) << id.toStdString();
        EXPECT_FALSE(ExperimentPlan {}.strategies.contains(id)) << id.toStdString();
    }
}

TEST(PythonStrategies, EveryOneMatchesTheSerialReference)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    const std::atomic<bool> stop {false};
    for (const QString& id : kPythonStrategies) {
        const SetRun run = runWith(id, {12, 5, 0, 3}, 2, stop);
        EXPECT_TRUE(run.ok()) << id.toStdString() << ": " << run.error.toStdString();
        EXPECT_TRUE(run.matchesSerial) << id.toStdString();
        ASSERT_EQ(run.tasks.size(), 4U);
        // The runner's own timed span, not the interpreter's start-up: set 1's tasks take microseconds.
        EXPECT_GT(run.wallSeconds, 0.0);
        // Its CPU is its tasks', not calcprof's around the interpreter (spawning it, ending its group).
        double tasksCpu = 0.0;
        for (const TaskTiming& task : run.tasks)
            tasksCpu += task.cpuSeconds;
        EXPECT_DOUBLE_EQ(run.cpuSeconds, tasksCpu) << id.toStdString();
        for (const TaskTiming& task : run.tasks) {
            EXPECT_GE(task.startSeconds, -1e-3) << id.toStdString();
            EXPECT_LE(task.endSeconds, run.wallSeconds + 1e-3) << id.toStdString();
            EXPECT_GE(task.worker, 1);
        }
    }
}

TEST(PythonStrategies, PoolRecordsWorkerStartupsAndReturnTrips)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    const std::atomic<bool> stop {false};
    const SetRun run = runWith(QStringLiteral("py-pool"), {10, 12, 5}, kAutoPoolSize, stop);
    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_EQ(run.poolSize, 3);
    ASSERT_FALSE(run.workerStartups.empty());
    for (const WorkerStartup& startup : run.workerStartups)
        EXPECT_GT(startup.endSeconds, startup.spawnSeconds);
    for (const TaskTiming& task : run.tasks)
        EXPECT_GE(task.returnTripSeconds, 0.0);
    EXPECT_GT(run.bytesReceived, 0U);
}

TEST(PythonStrategies, ExperimentRecordsTheInterpreter)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    ExperimentPlan plan;
    plan.sets = {{5, 3}};
    plan.strategies = {QStringLiteral("py-serial")};
    plan.repeat = 1;
    plan.warmup = 0;
    ASSERT_EQ(validatePlan(plan), QString());
    const std::atomic<bool> stop {false};
    const Experiment experiment = ExperimentRunner().run(plan, stop);
    EXPECT_FALSE(experiment.environment.python.version.isEmpty());
    EXPECT_EQ(experiment.environment.python.implementation, QStringLiteral("cpython"));
    ASSERT_EQ(experiment.runs.size(), 1U);
    EXPECT_TRUE(experiment.runs.front().matchesSerial);
}

TEST(PythonStrategies, CancelEndsTheInterpreterAndItsPoolWithin100Milliseconds)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    // A copy of the runner of this test's own: other tests running beside it start runners too, and
    // only this path's processes are this run's.
    QString error;
    const QTemporaryDir own;
    const QString runner = own.filePath(QStringLiteral("calcprof_runner.py"));
    ASSERT_TRUE(QFile::copy(locatePythonRunner(error), runner)) << error.toStdString();
    qputenv(kPythonRunnerVariable, QFile::encodeName(runner));
    forgetPythonProbes();
    std::atomic<bool> stop {false};
    // Two tasks of seconds each in Python: the pool's workers are computing when the cancel comes.
    auto run = std::async(std::launch::async, [&] { return runWith(QStringLiteral("py-pool"), {33, 33}, 2, stop); });
    // Three runner processes three times in a row: the run's probe is a runner process too, for a moment.
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    int seenInARow = 0;
    while (seenInARow < 3 && std::chrono::steady_clock::now() < deadline) {
        seenInARow = processesRunning(runner).size() >= 3 ? seenInARow + 1 : 0;
        std::this_thread::sleep_for(20ms);
    }
    ASSERT_GE(processesRunning(runner).size(), 3U) << "the interpreter and its two workers";
    std::this_thread::sleep_for(100ms);
    const auto cancelled = std::chrono::steady_clock::now();
    stop = true;
    const SetRun result = run.get();
    const auto took = std::chrono::steady_clock::now() - cancelled;
    EXPECT_EQ(result.error, QStringLiteral("cancelled"));
    EXPECT_LT(took, 100ms) << std::chrono::duration<double, std::milli>(took).count() << " ms";
    EXPECT_TRUE(processesRunning(runner).empty()) << "no process of the run is left";
    qunsetenv(kPythonRunnerVariable);
    forgetPythonProbes();
}

TEST(PythonInterpreter, MissingOneIsUnavailableWithTheReason)
{
    ExperimentPlan plan;
    plan.strategies = {QStringLiteral("py-serial")};
    plan.strategyOptions.python.interpreter = QStringLiteral("/nonexistent/python3");
    EXPECT_EQ(validatePlan(plan),
        QStringLiteral(
            "strategy 'py-serial' is unavailable: the Python interpreter /nonexistent/python3 does not exist"));
    plan.strategyOptions.python.interpreter = QStringLiteral("no-such-python-calcprof");
    EXPECT_TRUE(validatePlan(plan).contains(QStringLiteral("was not found on PATH")));
    plan.strategyOptions.python.interpreter.clear();
    plan.strategyOptions.python.startMethod = QStringLiteral("vfork");
    EXPECT_TRUE(validatePlan(plan).contains(QStringLiteral("unknown Python start method 'vfork'")));
}

TEST(PythonInterpreter, OneThatIsNotPythonIsUnavailable)
{
    QTemporaryDir folder;
    const QString garbage = folder.filePath(QStringLiteral("garbage"));
    const QString silent = folder.filePath(QStringLiteral("silent"));
    for (const auto& [path, body] : {std::pair {garbage, "echo 'this is not python' >&3"}, {silent, "echo hi"}}) {
        QFile script(path);
        ASSERT_TRUE(script.open(QIODevice::WriteOnly));
        script.write(QByteArray("#!/bin/sh\n") + body + "\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    forgetPythonProbes();
    EXPECT_EQ(probePythonInterpreter(garbage).error,
        garbage + QStringLiteral(" is not a Python interpreter calcprof can use: it answered 'this is not python'"));
    const QString error = probePythonInterpreter(silent).error;
    EXPECT_TRUE(error.contains(QStringLiteral("exited with status 0: hi without answering"))) << error.toStdString();
}

TEST(PythonFaults, InterpreterThatCrashesFailsTheRunAndLeavesNothing)
{
    // It starts a child that would outlive it, then dies of a segfault as a broken interpreter would.
    const FakePython crash(QString::fromLatin1(kSpanStart)
        + QStringLiteral("sleep 1000 & sleep 0.05; echo 'Fatal Python error: Segmentation fault' >&2; kill -SEGV $$"));
    const std::atomic<bool> stop {false};
    const SetRun run = runWith(QStringLiteral("py-serial"), {5, 3}, 1, stop, crash.path());
    EXPECT_TRUE(run.error.contains(QStringLiteral("was killed by signal 11"))) << run.error.toStdString();
    EXPECT_TRUE(run.error.contains(QStringLiteral("Fatal Python error"))) << run.error.toStdString();
    EXPECT_TRUE(run.error.contains(QStringLiteral("task 5 had not come back"))) << run.error.toStdString();
    EXPECT_TRUE(processesRunning(QStringLiteral("sleep 1000")).empty()) << "its child was killed with it";
}

TEST(PythonFaults, GarbageOnThePipeFailsTheRun)
{
    const FakePython fake(
        QString::fromLatin1(kSpanStart) + QStringLiteral("echo 'Traceback (most recent call' >&3; sleep 1000"));
    const std::atomic<bool> stop {false};
    const auto started = std::chrono::steady_clock::now();
    const SetRun run = runWith(QStringLiteral("py-pool"), {5, 3}, 2, stop, fake.path());
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s) << "the sleeping fake was killed, not waited for";
    EXPECT_TRUE(run.error.contains(QStringLiteral("broke the protocol: it printed 'Traceback (most recent call'")))
        << run.error.toStdString();
    EXPECT_FALSE(run.matchesSerial);
}

TEST(PythonFaults, HangBeforeAnsweringTimesOut)
{
    const FakePython fake(QStringLiteral("sleep 1000"));
    PythonJob::setHelloTimeout(200ms);
    const std::atomic<bool> stop {false};
    const SetRun run = runWith(QStringLiteral("py-serial"), {5}, 1, stop, fake.path());
    PythonJob::setHelloTimeout(10s);
    EXPECT_TRUE(run.error.contains(QStringLiteral("did not answer within 200 ms"))) << run.error.toStdString();
    EXPECT_TRUE(processesRunning(fake.path()).empty());
}

TEST(PythonFaults, CancelKillsTheWholeProcessGroupWithin100Milliseconds)
{
    // The fake starts two children that would outlive it, writes their pids, then hangs.
    QTemporaryDir folder;
    const QString pids = folder.filePath(QStringLiteral("pids"));
    const FakePython fake(QString::fromLatin1(kSpanStart)
        + QStringLiteral("sleep 1000 & a=$!; sleep 1000 & echo \"$a $!\" > %1; wait").arg(pids));
    std::atomic<bool> stop {false};
    auto run = std::async(
        std::launch::async, [&] { return runWith(QStringLiteral("py-serial"), {5}, 1, stop, fake.path()); });
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    QFile file(pids);
    while (!(file.exists() && file.size() > 3) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(2ms);
    std::this_thread::sleep_for(20ms);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList children = QString::fromLatin1(file.readAll()).simplified().split(u' ');
    ASSERT_EQ(children.size(), 2);
    const auto cancelled = std::chrono::steady_clock::now();
    stop = true;
    const SetRun result = run.get();
    const auto took = std::chrono::steady_clock::now() - cancelled;
    EXPECT_EQ(result.error, QStringLiteral("cancelled"));
    EXPECT_LT(took, 100ms) << std::chrono::duration<double, std::milli>(took).count() << " ms";
    for (const QString& child : children)
        EXPECT_FALSE(processAlive(child.toInt())) << "child " << child.toStdString() << " outlived the cancel";
}

TEST(PlanEstimate, PredictsPythonFromTheCalibratedRate)
{
    if (!havePython())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    ExperimentPlan plan;
    plan.sets = {{25, 25}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("py-serial"), QStringLiteral("py-threads")};
    plan.repeat = 2;
    plan.warmup = 0;
    const PlanEstimate estimate = estimatePlan(plan);
    ASSERT_TRUE(estimate.ok()) << estimate.error.toStdString();
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) // sanitized C++ runs 5-40x slower
    EXPECT_GT(estimate.cppRate, estimate.pythonRate * 5) << "C++ is far faster than Python";
#endif
    const double calls = 2.0 * static_cast<double>(taskCalls(25));
    // py-serial and py-threads (the GIL: no parallelism) both take all the calls at Python's rate, twice,
    // and every run starts an interpreter.
    const double startup = probePythonInterpreter({}).startupSeconds;
    EXPECT_GT(startup, 0.0);
    EXPECT_NEAR(estimate.pythonSeconds, 2 * 2 * (calls / estimate.pythonRate + startup), 1e-6);
    EXPECT_GT(estimate.seconds, estimate.pythonSeconds);
    EXPECT_TRUE(estimate.describe().startsWith(QStringLiteral("about "))) << estimate.describe().toStdString();
    EXPECT_FALSE(planRunsPython(ExperimentPlan {}));
    plan.autoRepeat.enabled = true; // --repeat auto: its least rounds are all that is known before
    EXPECT_TRUE(estimatePlan(plan).describe().startsWith(QStringLiteral("at least ")));
}

TEST(PlanEstimate, FormatsForPeople)
{
    EXPECT_EQ(formatEstimate(0.2), QStringLiteral("under a second"));
    EXPECT_EQ(formatEstimate(45.4), QStringLiteral("45 s"));
    EXPECT_EQ(formatEstimate(200), QStringLiteral("3 min 20 s"));
    EXPECT_EQ(formatEstimate(3900), QStringLiteral("1 h 05 min"));
}

} // namespace
} // namespace calcprof
