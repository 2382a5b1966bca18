// The processes strategy: its wire protocol, the worker loop, finding the worker executable, and
// the pool of real worker processes (values, pool size, start-up, cancel, a killed worker, no
// process left behind).
#include "core/exec/experimentrunner.h"
#include "core/model/numbersets.h"
#include "core/processes/workerexecutable.h"
#include "core/processes/workerloop.h"
#include "core/processes/workerprotocol.h"
#include "core/strategies/strategyregistry.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace calcprof;
using namespace calcprof::workerprotocol;
using namespace std::chrono_literals;

using calcprof::test::ChildProcess;
using calcprof::test::childrenOf;
using calcprof::test::cpuTicksOf;
using calcprof::test::describe;
using calcprof::test::waitForWorkers;

namespace {

const Strategy& processes()
{
    return *builtinStrategies().find(QStringLiteral("processes"));
}

// Sets an environment variable for one test and restores it after.
class ScopedEnvironment
{
public:
    ScopedEnvironment(const char* name, const QByteArray& value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnvironment()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    Q_DISABLE_COPY_MOVE(ScopedEnvironment)

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

// The most tasks whose [start, end) intervals overlap at one instant.
int maxOverlappingTasks(const SetRun& run)
{
    std::vector<std::pair<double, int>> events;
    for (const TaskTiming& task : run.tasks) {
        events.emplace_back(task.startSeconds, +1);
        events.emplace_back(task.endSeconds, -1);
    }
    std::sort(events.begin(), events.end()); // an end (-1) before a start at the same instant
    int running = 0;
    int most = 0;
    for (const auto& event : events) {
        running += event.second;
        most = std::max(most, running);
    }
    return most;
}

// A socket pair whose ends close with the test.
struct SocketPair
{
    SocketPair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends), 0); }
    ~SocketPair()
    {
        for (const int end : ends) {
            if (end >= 0)
                ::close(end);
        }
    }
    Q_DISABLE_COPY_MOVE(SocketPair)
    void closeParentEnd()
    {
        ::close(ends[0]);
        ends[0] = -1;
    }
    int ends[2] = {-1, -1};
};

// Reads from `fd` into `decoder` until it yields a message (blocking).
WorkerMessage readMessage(int fd, MessageDecoder& decoder)
{
    WorkerMessage message;
    while (!decoder.next(message)) {
        std::byte buffer[256];
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got <= 0) {
            ADD_FAILURE() << "the worker closed its socket";
            return message;
        }
        decoder.feed(buffer, static_cast<std::size_t>(got));
    }
    return message;
}

} // namespace

// --- Wire protocol -----------------------------------------------------------------------------

TEST(WorkerProtocol, MessagesAreAsSmallAsDocumented)
{
    EXPECT_EQ(encode(Ready {}).size(), 15U);
    EXPECT_EQ(encode(Request {3, 44}).size(), 8U);
    Result result;
    result.values = referenceTaskValues(44);
    EXPECT_EQ(encode(result).size(), 30U + 8U * 44U);
}

TEST(WorkerProtocol, MessagesSurviveAnySplitIntoPieces)
{
    Ready ready;
    ready.readyNanoseconds = 123'456'789'012;
    Result result;
    result.index = 6;
    result.startNanoseconds = -5;
    result.endNanoseconds = 1LL << 40;
    result.cpuNanoseconds = 777;
    result.values = referenceTaskValues(kMaxTaskNumber);
    Result empty;
    empty.index = 2;
    std::vector<std::byte> stream = encode(ready);
    for (const auto& message : {encode(result), encode(empty)})
        stream.insert(stream.end(), message.begin(), message.end());

    for (const std::size_t piece : {std::size_t {1}, std::size_t {7}, stream.size()}) {
        MessageDecoder decoder;
        std::vector<WorkerMessage> messages;
        for (std::size_t at = 0; at < stream.size(); at += piece) {
            decoder.feed(stream.data() + at, std::min(piece, stream.size() - at));
            WorkerMessage message;
            while (decoder.next(message))
                messages.push_back(message);
        }
        EXPECT_EQ(decoder.error(), "");
        EXPECT_EQ(decoder.pending(), 0U);
        ASSERT_EQ(messages.size(), 3U) << "pieces of " << piece;
        EXPECT_EQ(std::get<Ready>(messages[0]), ready);
        EXPECT_EQ(std::get<Result>(messages[1]), result);
        EXPECT_EQ(std::get<Result>(messages[2]), empty);
    }
    EXPECT_EQ(decodeRequest(encode(Request {9, 50}).data()), (Request {9, 50}));
}

TEST(WorkerProtocol, RejectsWhatIsNotOurWorkerSpeaking)
{
    const auto errorFor = [](std::vector<std::byte> bytes) {
        MessageDecoder decoder;
        decoder.feed(bytes.data(), bytes.size());
        WorkerMessage message;
        EXPECT_FALSE(decoder.next(message));
        EXPECT_FALSE(decoder.next(message)); // and stays failed
        return decoder.error();
    };
    Ready stranger;
    stranger.magic = 0x12345678;
    EXPECT_NE(errorFor(encode(stranger)).find("not a calcprof worker"), std::string::npos);
    Ready older;
    older.version = kVersion + 1;
    EXPECT_NE(errorFor(encode(older)).find("protocol version"), std::string::npos);
    EXPECT_NE(errorFor({std::byte {'x'}}).find("unknown type"), std::string::npos);
    std::vector<std::byte> tooMany = encode(Result {});
    tooMany[kResultHeaderSize - 1] = std::byte {kMaxTaskNumber + 1};
    EXPECT_NE(errorFor(tooMany).find("at most 50"), std::string::npos);
    // A message cut short is not an error, only not complete yet.
    MessageDecoder partial;
    const auto ready = encode(Ready {});
    partial.feed(ready.data(), ready.size() - 1);
    WorkerMessage message;
    EXPECT_FALSE(partial.next(message));
    EXPECT_EQ(partial.error(), "");
}

// --- The worker loop, driven over a socket pair in this process ---------------------------------

TEST(WorkerLoop, SaysReadyThenAnswersEveryRequestInOrderUntilTheSocketCloses)
{
    SocketPair sockets;
    int exitCode = -1;
    std::thread worker([&] { exitCode = serveTasks(sockets.ends[1]); });
    MessageDecoder decoder;
    const auto before = std::chrono::steady_clock::now().time_since_epoch();
    const WorkerMessage first = readMessage(sockets.ends[0], decoder);
    ASSERT_TRUE(std::holds_alternative<Ready>(first));
    EXPECT_GE(std::get<Ready>(first).readyNanoseconds, 0);

    for (const std::uint32_t n : {0U, 1U, 12U, 25U}) {
        ASSERT_TRUE(sendAll(sockets.ends[0], encode(Request {n + 100, n})));
        const WorkerMessage answer = readMessage(sockets.ends[0], decoder);
        ASSERT_TRUE(std::holds_alternative<Result>(answer));
        const auto& result = std::get<Result>(answer);
        EXPECT_EQ(result.index, n + 100);
        EXPECT_EQ(result.values, referenceTaskValues(static_cast<int>(n)));
        EXPECT_GE(result.startNanoseconds, std::chrono::nanoseconds(before).count() - 1'000'000'000);
        EXPECT_LE(result.startNanoseconds, result.endNanoseconds);
        EXPECT_GE(result.cpuNanoseconds, 0);
    }
    sockets.closeParentEnd();
    worker.join();
    EXPECT_EQ(exitCode, 0);
}

TEST(WorkerLoop, RefusesATaskAboveTheLargestNumber)
{
    SocketPair sockets;
    int exitCode = -1;
    std::thread worker([&] { exitCode = serveTasks(sockets.ends[1]); });
    MessageDecoder decoder;
    readMessage(sockets.ends[0], decoder);
    ASSERT_TRUE(sendAll(sockets.ends[0], encode(Request {0, kMaxTaskNumber + 1})));
    worker.join();
    EXPECT_NE(exitCode, 0);
}

TEST(WorkerLoop, TheExecutableRefusesToRunWithoutItsParent)
{
    // The real calcprof-worker, started here by hand (not through the strategy).
    const WorkerExecutable worker = locateWorkerExecutable();
    ASSERT_TRUE(worker.ok()) << worker.error.toStdString();
    const auto exitCodeOf = [&worker](const QStringList& arguments, QString* err = nullptr) {
        QProcess process;
        process.start(worker.path, arguments);
        if (!process.waitForFinished(30'000)) {
            process.kill();
            process.waitForFinished();
            return -1;
        }
        if (err)
            *err = QString::fromLocal8Bit(process.readAllStandardError());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };
    // Without the arguments calcprof passes: a usage message and exit status 2.
    QString err;
    EXPECT_EQ(exitCodeOf({}, &err), 2);
    EXPECT_TRUE(err.contains(QStringLiteral("started by calcprof itself"))) << err.toStdString();
    // With a parent that is not its parent (the real one died before it could arm the death signal):
    // it gives up at once, status 4, without waiting for a task.
    EXPECT_EQ(exitCodeOf({QStringLiteral("--parent"), QString::number(::getppid()), QStringLiteral("--worker"),
                  QStringLiteral("1")}),
        4);
}

// --- Finding the worker executable ---------------------------------------------------------------

TEST(WorkerExecutable, FoundInThisBuildTreeWithoutTheVariable)
{
    const ScopedEnvironment unset(kWorkerExecutableVariable, QByteArray());
    const WorkerExecutable found = locateWorkerExecutable();
    ASSERT_TRUE(found.ok()) << found.error.toStdString();
    EXPECT_TRUE(found.path.endsWith(QStringLiteral("/calcprof-worker"))) << found.path.toStdString();
}

TEST(WorkerExecutable, TheVariableNamesItAndABadOneIsAClearError)
{
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    const QString missing = folder.filePath(QStringLiteral("no-such-worker"));
    const QString plain = folder.filePath(QStringLiteral("not-executable"));
    QFile file(plain);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    ASSERT_TRUE(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));

    const struct
    {
        QString path;
        QString says;
    } cases[] = {{missing, QStringLiteral("does not exist")}, {plain, QStringLiteral("is not executable")},
        {folder.path(), QStringLiteral("is not a file")}};
    for (const auto& bad : cases) {
        const ScopedEnvironment variable(kWorkerExecutableVariable, QFile::encodeName(bad.path));
        const WorkerExecutable found = locateWorkerExecutable();
        EXPECT_FALSE(found.ok());
        EXPECT_TRUE(found.error.contains(bad.path)) << found.error.toStdString();
        EXPECT_TRUE(found.error.contains(bad.says)) << found.error.toStdString();
        EXPECT_TRUE(found.error.contains(QStringLiteral("CALCPROF_WORKER"))) << found.error.toStdString();

        // The run fails with that message; the other strategies are not concerned.
        std::atomic<bool> stop {false};
        const SetRun run = ExperimentRunner().runSet(processes(), 1, NumberSet {5, 6}, kAutoPoolSize, stop);
        EXPECT_FALSE(run.ok());
        EXPECT_TRUE(run.error.contains(bad.path)) << run.error.toStdString();
        EXPECT_TRUE(run.error.contains(bad.says)) << run.error.toStdString();
        EXPECT_TRUE(childrenOf(::getpid()).empty()) << describe(childrenOf(::getpid()));
    }
}

TEST(WorkerExecutable, AProgramThatIsNotOurWorkerFailsTheRunQuickly)
{
    // /bin/true starts, ignores everything and exits: never ready.
    const ScopedEnvironment variable(kWorkerExecutableVariable, QByteArrayLiteral("/bin/true"));
    std::atomic<bool> stop {false};
    const auto started = std::chrono::steady_clock::now();
    const SetRun run = ExperimentRunner().runSet(processes(), 1, NumberSet {5, 6}, kAutoPoolSize, stop);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_FALSE(run.ok());
    EXPECT_TRUE(run.error.contains(QStringLiteral("exited with status 0 before it was ready")))
        << run.error.toStdString();
    EXPECT_TRUE(childrenOf(::getpid()).empty()) << describe(childrenOf(::getpid()));
}

// --- The strategy with real worker processes ------------------------------------------------------

TEST(ProcessesStrategy, IsAPoolThatCannotRunAnInjectedTaskFunction)
{
    EXPECT_FALSE(processes().runsTaskFunction());
    EXPECT_TRUE(processes().usesPoolSize());
    EXPECT_EQ(processes().workerCount(kAutoPoolSize, 7), 7);
    EXPECT_EQ(processes().workerCount(3, 7), 3);
    EXPECT_EQ(processes().workerCount(5, 2), 5); // Pool(5) starts 5 processes whatever it maps
}

TEST(ProcessesStrategy, EqualsSerialOnEveryDefaultSet)
{
    std::atomic<bool> stop {false};
    const std::vector<NumberSet> sets = defaultNumberSets();
    for (std::size_t index = 0; index < sets.size(); ++index) {
        const SetRun run
            = ExperimentRunner().runSet(processes(), static_cast<int>(index) + 1, sets[index], kAutoPoolSize, stop);
        EXPECT_TRUE(run.ok()) << run.error.toStdString();
        EXPECT_TRUE(run.matchesSerial) << "set " << index + 1;
    }
    EXPECT_TRUE(childrenOf(::getpid()).empty()) << describe(childrenOf(::getpid()));
}

TEST(ProcessesStrategy, RunsExactlyPoolSizeProcessesAndNeverMoreTasksAtOnce)
{
    // Six tasks of tens of milliseconds on a pool of 2: a sampler watches this test's children.
    const NumberSet numbers {34, 34, 34, 34, 34, 34};
    std::atomic<bool> stop {false};
    std::atomic<bool> sampling {true};
    std::atomic<int> mostWorkers {0};
    std::jthread sampler([&] {
        while (sampling) {
            int workers = 0;
            for (const ChildProcess& child : childrenOf(::getpid()))
                workers += child.command == "calcprof-worker" ? 1 : 0;
            mostWorkers = std::max(mostWorkers.load(), workers);
            std::this_thread::sleep_for(1ms);
        }
    });
    const SetRun run = ExperimentRunner().runSet(processes(), 1, numbers, 2, stop);
    sampling = false;
    sampler.join();
    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_TRUE(run.matchesSerial);
    EXPECT_EQ(run.poolSize, 2);
    EXPECT_EQ(mostWorkers.load(), 2);
    EXPECT_EQ(run.workerStartups.size(), 2U);
    EXPECT_LE(maxOverlappingTasks(run), 2);
    std::set<int> workers;
    for (const TaskTiming& task : run.tasks)
        workers.insert(task.worker);
    EXPECT_LE(workers.size(), 2U);
    EXPECT_GE(*workers.begin(), 1);
    EXPECT_LE(*workers.rbegin(), 2);

    // Pool(3) on two tasks starts three processes, as Python does; at most two ever compute.
    const SetRun wide = ExperimentRunner().runSet(processes(), 1, NumberSet {30, 31}, 3, stop);
    ASSERT_TRUE(wide.ok()) << wide.error.toStdString();
    EXPECT_EQ(wide.workerStartups.size(), 3U);
    EXPECT_LE(maxOverlappingTasks(wide), 2);
    EXPECT_TRUE(childrenOf(::getpid()).empty()) << describe(childrenOf(::getpid()));
}

TEST(ProcessesStrategy, RecordsEachWorkersStartUpAndTheBytesSentBack)
{
    std::atomic<bool> stop {false};
    const NumberSet numbers {20, 18, 22};
    const SetRun run = ExperimentRunner().runSet(processes(), 2, numbers, kAutoPoolSize, stop);
    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    ASSERT_EQ(run.workerStartups.size(), 3U);
    std::size_t ready = 0;
    double lastReady = 0.0;
    for (std::size_t index = 0; index < run.workerStartups.size(); ++index) {
        const WorkerStartup& startup = run.workerStartups[index];
        EXPECT_EQ(startup.worker, static_cast<int>(index) + 1);
        EXPECT_GE(startup.spawnSeconds, 0.0);
        EXPECT_GT(startup.endSeconds, startup.spawnSeconds);
        EXPECT_LE(startup.endSeconds, run.wallSeconds);
        if (startup.ready) {
            ++ready;
            lastReady = std::max(lastReady, startup.endSeconds);
        }
    }
    EXPECT_GE(ready, 1U);
    EXPECT_DOUBLE_EQ(run.startupSeconds, lastReady - run.workerStartups.front().spawnSeconds);
    // Every task starts on a worker after that worker was ready.
    for (const TaskTiming& task : run.tasks) {
        const WorkerStartup& startup = run.workerStartups[static_cast<std::size_t>(task.worker - 1)];
        EXPECT_TRUE(startup.ready);
        EXPECT_GE(task.startSeconds, startup.endSeconds);
        EXPECT_GE(task.cpuSeconds, 0.0);
    }
    // Exactly the protocol: one Ready per worker that got ready, one Result per task.
    std::uint64_t expected = ready * kReadySize;
    for (const int n : numbers)
        expected += kResultHeaderSize + 8U * static_cast<std::uint64_t>(n);
    EXPECT_EQ(run.bytesReceived, expected);
}

TEST(ProcessesStrategy, ACancelMidTaskKillsTheWorkersWithin100Milliseconds)
{
    // Task 46 takes seconds; the cancel comes while a worker is computing it.
    std::atomic<bool> stop {false};
    std::atomic<std::int64_t> stoppedAt {0};
    std::jthread canceller([&] {
        std::this_thread::sleep_for(150ms);
        stoppedAt = std::chrono::steady_clock::now().time_since_epoch().count();
        stop = true;
    });
    const SetRun run = ExperimentRunner().runSet(processes(), 1, NumberSet {46}, kAutoPoolSize, stop);
    const auto returnedAt = std::chrono::steady_clock::now().time_since_epoch().count();
    canceller.join();
    const auto latency = std::chrono::steady_clock::duration(returnedAt - stoppedAt.load());
    EXPECT_EQ(run.error, QStringLiteral("cancelled"));
    std::cout << "cancel to return: " << std::chrono::duration<double, std::milli>(latency).count() << " ms\n";
    // 100 ms is the promise (a 10 ms poll plus a kill and a reap); the bound leaves room for a loaded
    // machine, and still catches a run that waited for its task (seconds).
    EXPECT_LT(latency, 1s);
    EXPECT_TRUE(childrenOf(::getpid()).empty()) << describe(childrenOf(::getpid()));
}

TEST(ProcessesStrategy, AWorkerKilledMidTaskFailsTheRunNamingTaskAndSignal)
{
    std::atomic<bool> stop {false};
    SetRun run;
    std::atomic<bool> returned {false};
    std::thread runner([&] {
        // Two quick tasks first, then task 46 (seconds): the pool of 2 is computing it when killed.
        run = ExperimentRunner().runSet(processes(), 1, NumberSet {46, 5}, 2, stop);
        returned = true;
    });
    const std::vector<ChildProcess> workers = waitForWorkers(::getpid(), 2);
    ASSERT_EQ(workers.size(), 2U) << describe(childrenOf(::getpid()));
    std::this_thread::sleep_for(400ms);
    // Task 46 went to whichever worker was ready first: the one that has used the CPU since. Worker 1
    // was spawned first, so it has the lower pid.
    const bool firstIsBusy = cpuTicksOf(workers[0].pid) > cpuTicksOf(workers[1].pid);
    const pid_t victim = firstIsBusy ? workers[0].pid : workers[1].pid;
    const pid_t other = firstIsBusy ? workers[1].pid : workers[0].pid;
    const int victimId = victim < other ? 1 : 2;
    ASSERT_EQ(::kill(victim, SIGKILL), 0);
    const auto killedAt = std::chrono::steady_clock::now();
    runner.join();
    const auto latency = std::chrono::steady_clock::now() - killedAt;

    EXPECT_FALSE(run.ok());
    EXPECT_LT(latency, 1s) << "the run noticed the death after " << std::chrono::duration<double>(latency).count()
                           << " s";
    const QString expected
        = QStringLiteral("worker process %1 (pid %2) was killed by signal 9 (Killed) while computing "
                         "task 46")
              .arg(victimId)
              .arg(victim);
    EXPECT_EQ(run.error, expected);
    // Task 5 was done by the other worker: kept, with its values.
    ASSERT_EQ(run.tasks.size(), 2U);
    EXPECT_EQ(run.tasks[1].values, referenceTaskValues(5));
    EXPECT_TRUE(run.tasks[0].values.empty());
    // No process left: neither alive nor a zombie.
    EXPECT_TRUE(childrenOf(::getpid()).empty()) << describe(childrenOf(::getpid()));

    // The next run of the same strategy is not affected.
    const SetRun next = ExperimentRunner().runSet(processes(), 1, NumberSet {10, 12}, kAutoPoolSize, stop);
    EXPECT_TRUE(next.ok()) << next.error.toStdString();
}
