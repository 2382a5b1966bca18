#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "core/format/runlog.h"
#include "core/model/environment.h"
#include "core/model/experimentplan.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"
#include "core/strategies/strategy.h"
#include "testsupport.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

using namespace calcprof;

namespace {

ExperimentPlan smallPlan()
{
    ExperimentPlan plan;
    plan.sets = {{5, 3, 0}, {12, 10}};
    plan.repeat = 2;
    // The runs are counted: a run disturbed on a busy machine (mpi's launch takes a quarter of a
    // second) would be measured again (ADisturbedRun… tests that).
    plan.retryDisturbed = 0;
    return plan;
}

// Records what a ExperimentRunner reports, from whichever thread reports it.
class RecordingObserver final : public RunObserver
{
public:
    void runStarted(const ExperimentPlan& /*plan*/, int totalSteps) override { total = totalSteps; }
    void taskFinished(const QString&, int, int, int, const TaskTiming&) override { ++tasks; }
    void setFinished(const SetRun& run) override
    {
        const std::lock_guard lock(mutex);
        finished.push_back(run.strategy + QStringLiteral("@%1").arg(run.setIndex));
    }
    void progress(int done, int /*total*/) override
    {
        int seen = maxDone.load();
        while (done > seen && !maxDone.compare_exchange_weak(seen, done)) { }
    }
    void runFinished(const Experiment& /*experiment*/) override { ++runsFinished; }

    std::mutex mutex;
    QStringList finished;
    int total = 0;
    std::atomic<int> tasks {0};
    std::atomic<int> maxDone {0};
    int runsFinished = 0;
};

} // namespace

TEST(ExperimentRunner, RunsEverySetRepetitionAndStrategyInOrder)
{
    const ExperimentPlan plan = smallPlan();
    ASSERT_TRUE(validatePlan(plan).isEmpty());
    RecordingObserver observer;
    const std::atomic<bool> stop {false};
    const Experiment experiment = ExperimentRunner().run(plan, stop, &observer);

    const auto strategies = static_cast<std::size_t>(plan.strategies.size());
    ASSERT_GE(strategies, 2U);
    ASSERT_EQ(experiment.runs.size(), 2U * 2U * strategies); // sets x repetitions x strategies
    EXPECT_FALSE(experiment.cancelled);
    EXPECT_EQ(experiment.version, QStringLiteral(CALCPROF_VERSION));
    EXPECT_GE(experiment.environment.cores, 1);
    EXPECT_EQ(experiment.runs[0].strategy, QStringLiteral("serial"));
    EXPECT_EQ(experiment.runs[1].strategy, QStringLiteral("pool"));
    EXPECT_EQ(experiment.runs[strategies].repetition, 1);
    EXPECT_EQ(experiment.runs[2 * strategies].setIndex, 2);
    for (const SetRun& run : experiment.runs) {
        EXPECT_TRUE(run.ok()) << run.error.toStdString();
        EXPECT_TRUE(run.matchesSerial);
    }
    // Progress counts the warm-up repetition too; only measured tasks are reported.
    const int perRepetition = (3 + 2) * static_cast<int>(strategies); // tasks of both sets, every strategy
    EXPECT_EQ(observer.total, perRepetition * (2 + 1));
    EXPECT_EQ(observer.tasks.load(), perRepetition * 2);
    EXPECT_EQ(observer.maxDone.load(), observer.total);
    EXPECT_EQ(observer.finished.size(), static_cast<qsizetype>(experiment.runs.size()));
    EXPECT_EQ(observer.runsFinished, 1);
}

TEST(ExperimentRunner, ResolvesPoolSizeAsTheOriginal)
{
    ExperimentPlan plan;
    plan.sets = {{10, 12, 5, 7, 4, 3, 2}};
    const std::atomic<bool> stop {false};
    const Experiment automatic = ExperimentRunner().run(plan, stop);
    EXPECT_EQ(automatic.runs[0].poolSize, 1); // serial
    EXPECT_EQ(automatic.runs[1].poolSize, 7); // Pool(len(set))
    plan.poolSizes = {3};
    EXPECT_EQ(ExperimentRunner().run(plan, stop).runs[1].poolSize, 3);
}

TEST(ExperimentRunner, AWrongResultIsReportedAsAMismatch)
{
    ExperimentRunner runner;
    runner.setTaskFunction([](int n, const std::atomic<bool>&) {
        auto values = referenceTaskValues(n);
        if (!values.empty())
            values.back() += 1;
        return values;
    });
    const SetRun run = runner.runSet(
        *builtinStrategies().find(QStringLiteral("pool")), 3, NumberSet {4, 5}, 0, std::atomic<bool> {false});
    EXPECT_FALSE(run.matchesSerial);
    EXPECT_TRUE(run.error.contains(QStringLiteral("'pool' on set 3"))) << run.error.toStdString();
    EXPECT_TRUE(run.error.contains(QStringLiteral("differ from serial"))) << run.error.toStdString();
}

TEST(ExperimentRunner, AThrowingTaskFailsOnlyItsRunAndTheOthersStillRun)
{
    ExperimentRunner runner;
    std::atomic<int> calls {0};
    runner.setTaskFunction([&calls](int n, const std::atomic<bool>&) {
        if (++calls == 2)
            throw std::runtime_error("injected fault");
        return referenceTaskValues(n);
    });
    ExperimentPlan plan;
    plan.sets = {{3}};
    plan.repeat = 1;
    plan.warmup = 0;
    plan.retryDisturbed = 0; // the runs are counted
    const Experiment experiment = runner.run(plan, std::atomic<bool> {false});
    ASSERT_EQ(experiment.runs.size(), static_cast<std::size_t>(plan.strategies.size()));
    EXPECT_TRUE(experiment.runs[0].ok());
    EXPECT_FALSE(experiment.runs[1].ok());
    EXPECT_FALSE(experiment.runs[1].matchesSerial);
    EXPECT_TRUE(experiment.runs[1].error.contains(QStringLiteral("injected fault")))
        << experiment.runs[1].error.toStdString();
    for (std::size_t index = 2; index < experiment.runs.size(); ++index)
        EXPECT_TRUE(experiment.runs[index].ok()) << experiment.runs[index].error.toStdString();
}

// A warm-up measures nothing, but its failure (here a throwing task; a worker killed mid warm-up
// is the same) is the experiment's: listed by failures(), naming strategy, set and warm-up.
TEST(ExperimentRunner, AFailedWarmUpIsAFailureNamedAsAWarmUp)
{
    ExperimentRunner runner;
    std::atomic<int> calls {0};
    runner.setTaskFunction([&calls](int n, const std::atomic<bool>&) {
        if (++calls == 1) // the very first task run: the first warm-up's
            throw std::runtime_error("injected fault");
        return referenceTaskValues(n);
    });
    ExperimentPlan plan;
    plan.sets = {{3}};
    plan.strategies = {QStringLiteral("serial")};
    plan.repeat = 1;
    plan.warmup = 2;

    const Experiment experiment = runner.run(plan, std::atomic<bool> {false});

    ASSERT_EQ(experiment.runs.size(), 1U); // the measured run itself went well
    EXPECT_TRUE(experiment.runs[0].ok());
    ASSERT_EQ(experiment.failedWarmups.size(), 1U);
    EXPECT_EQ(experiment.failedWarmups[0].repetition, -2);
    EXPECT_EQ(experiment.failures(),
        QStringList {QStringLiteral("'serial' on set 1, warm-up 1 of 2: task 3 failed: injected fault")});
}

// A strategy that fails in a way no task can: with something that is not a std::exception.
class StrategyThrowingANonStandardException final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("broken"); }
    QString displayName() const override { return id(); }
    QString description() const override { return id(); }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    int workerCount(int /*requestedPoolSize*/, int /*taskCount*/) const override { return 1; }
    std::vector<TaskTiming> run(TimedTasks& /*execution*/, int /*workers*/) const override { throw 42; }
};

TEST(ExperimentRunner, AStrategyThrowingAnythingFailsItsRunWithAMessage)
{
    const ExperimentRunner runner;
    const SetRun run
        = runner.runSet(StrategyThrowingANonStandardException(), 2, NumberSet {4, 5}, 0, std::atomic<bool> {false});
    EXPECT_FALSE(run.ok());
    EXPECT_FALSE(run.matchesSerial);
    EXPECT_TRUE(run.error.contains(QStringLiteral("strategy 'broken' failed with an unknown exception")))
        << run.error.toStdString();
}

TEST(ExperimentRunner, ACancelEndsTheExperimentEarly)
{
    ExperimentPlan plan;
    plan.sets = {{46}, {46}};
    std::atomic<bool> stop {false};
    std::jthread canceller([&stop] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        stop = true;
    });
    const Experiment experiment = ExperimentRunner().run(plan, stop);
    EXPECT_TRUE(experiment.cancelled);
    EXPECT_TRUE(experiment.runs.empty()); // the only run started was cut short, so measures nothing
}

// The window's session keeps every set run it is handed: the runner's own copy of the tasks would
// hold the largest experiment's ~65 MB of them twice (issue 20, docs/PERFORMANCE.md).
TEST(ExperimentRunner, WithoutKeepTasksTheObserverGetsTheTasksAndTheExperimentOnlyTheRuns)
{
    class TaskCounter final : public RunObserver
    {
    public:
        void setFinished(const SetRun& run) override { tasksHanded.push_back(run.tasks.size()); }
        std::vector<std::size_t> tasksHanded;
    };
    const ExperimentPlan plan = smallPlan();
    TaskCounter observer;
    ExperimentRunner runner;
    runner.setKeepTasks(false);
    const Experiment experiment = runner.run(plan, std::atomic<bool> {false}, &observer);

    ASSERT_EQ(experiment.runs.size(), observer.tasksHanded.size());
    ASSERT_FALSE(experiment.runs.empty());
    for (std::size_t index = 0; index < experiment.runs.size(); ++index) {
        const SetRun& run = experiment.runs[index];
        EXPECT_EQ(observer.tasksHanded[index], run.numbers.size()); // the observer had every task
        EXPECT_TRUE(run.tasks.empty());
        EXPECT_EQ(run.tasks.capacity(), 0U); // freed, not only emptied
        EXPECT_TRUE(run.ok()) << run.error.toStdString(); // how it went is still there
        EXPECT_TRUE(run.matchesSerial);
        EXPECT_GT(run.wallSeconds, 0.0);
    }
    EXPECT_FALSE(experiment.hasFailures());
    // By default the experiment keeps them.
    const Experiment kept = ExperimentRunner().run(plan, std::atomic<bool> {false});
    ASSERT_FALSE(kept.runs.empty());
    EXPECT_EQ(kept.runs.front().tasks.size(), kept.runs.front().numbers.size());
}

TEST(ExperimentRunner, TotalStepsCountTasksAndCsvFiles)
{
    ExperimentPlan plan;
    plan.sets = {{10, 12, 5, 7, 4, 3, 2}, {1}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.repeat = 3;
    plan.warmup = 1;
    EXPECT_EQ(ExperimentRunner().totalSteps(plan), 8 * 2 * 4);
    plan.csv.mode = QStringLiteral("serial");
    EXPECT_EQ(ExperimentRunner().totalSteps(plan), 8 * 2 * 4 + 43);
    plan.csv.mode = QStringLiteral("serial,parallel");
    EXPECT_EQ(ExperimentRunner().totalSteps(plan), 8 * 2 * 4 + 2 * 43 * kDefaultCsvRepeatSeveralModes);
    plan.csv.repeat = 5;
    EXPECT_EQ(ExperimentRunner().totalSteps(plan), 8 * 2 * 4 + 2 * 43 * 5);
    plan.csv.repeat = 0;
    // A sweep runs pool once per distinct worker count of each set; serial once. On the one-task
    // set, auto and 1 are the same single worker.
    plan.csv.mode = QStringLiteral("none");
    plan.poolSizes = {1, 2, kAutoPoolSize};
    EXPECT_EQ(ExperimentRunner().totalSteps(plan), (7 * (1 + 3) + 1 * (1 + 2)) * 4);
}

TEST(ExperimentRunner, SeveralCsvModesRunOneStageEachPerRoundInARotatingOrder)
{
    const QTemporaryDir directory;
    ExperimentPlan plan;
    plan.sets = {{6, 4}};
    plan.strategies = {QStringLiteral("serial")};
    plan.repeat = 1;
    plan.warmup = 0;
    plan.csv.mode = QStringLiteral("serial, parallel,pool");
    plan.csv.directory = directory.path();
    plan.csv.row = CsvRowSpec {1000, 2000};
    ASSERT_EQ(validatePlan(plan), QString());
    const std::atomic<bool> stop {false};
    const Experiment experiment = ExperimentRunner().run(plan, stop);
    // Three rounds by default; each runs the three modes and the raw write, rotated by its number.
    ASSERT_EQ(experiment.csv.size(), 9U);
    ASSERT_EQ(experiment.rawWrites.size(), 3U);
    std::vector<QStringList> rounds(3);
    for (const CsvRun& stage : experiment.csv) {
        EXPECT_TRUE(stage.ok()) << stage.error.toStdString();
        EXPECT_EQ(stage.files, 10);
        ASSERT_TRUE(stage.round >= 0 && stage.round < 3);
        QStringList& order = rounds[static_cast<std::size_t>(stage.round)];
        EXPECT_EQ(stage.order, order.size() + (order.size() >= 3 - stage.round ? 1 : 0)) << stage.mode.toStdString();
        order << stage.mode;
    }
    const QString serial = QStringLiteral("serial");
    const QString parallel = QStringLiteral("parallel");
    const QString pool = QStringLiteral("pool");
    EXPECT_EQ(rounds[0], (QStringList {serial, parallel, pool}));
    EXPECT_EQ(rounds[1], (QStringList {parallel, pool, serial}));
    EXPECT_EQ(rounds[2], (QStringList {pool, serial, parallel}));
    for (int round = 0; round < 3; ++round) { // the raw write takes the place the rotation gives it
        EXPECT_EQ(experiment.rawWrites[static_cast<std::size_t>(round)].round, round);
        EXPECT_EQ(experiment.rawWrites[static_cast<std::size_t>(round)].order, 3 - round);
        EXPECT_EQ(experiment.rawWrites[static_cast<std::size_t>(round)].bytes, experiment.csv.front().bytes);
    }
    EXPECT_TRUE(QDir(directory.path()).entryList(QDir::Files | QDir::Hidden).isEmpty()); // each stage cleaned up
}

// The runner locks a --csv-dir for all its CSV stages (the window runs through it too): a folder
// another process is writing in is refused with that process's pid, and nothing is written there.
TEST(ExperimentRunner, ACsvFolderInUseByAnotherProcessIsRefusedNamingItsPid)
{
    const QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    const test::LockHeldElsewhere other(directory.path());
    ASSERT_TRUE(other.locked());
    ExperimentPlan plan;
    plan.sets = {{6, 4}};
    plan.strategies = {QStringLiteral("serial")};
    plan.repeat = 1;
    plan.warmup = 0;
    plan.csv.mode = QStringLiteral("serial,parallel");
    plan.csv.directory = directory.path();
    plan.csv.row = CsvRowSpec {10, 10};

    const Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false});

    ASSERT_EQ(experiment.csv.size(), 1U); // no mode's stage ran
    EXPECT_EQ(experiment.csv[0].mode, QStringLiteral("serial"));
    const QString inUse = QStringLiteral("CSV stage 'serial': output folder %1 is in use by another calcprof (pid %2)")
                              .arg(directory.path())
                              .arg(other.pid());
    ASSERT_EQ(experiment.failures().size(), 1);
    EXPECT_TRUE(experiment.failures()[0].startsWith(inUse)) << experiment.failures()[0].toStdString();
    EXPECT_TRUE(QDir(directory.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
}

TEST(ExperimentPlan, SeveralCsvModesAreCheckedOneByOne)
{
    ExperimentPlan plan;
    plan.csv.mode = QStringLiteral("serial,zip");
    EXPECT_TRUE(validatePlan(plan).contains(QStringLiteral("'zip'"))) << validatePlan(plan).toStdString();
    plan.csv.mode = QStringLiteral("serial,parallel,serial");
    EXPECT_TRUE(validatePlan(plan).contains(QStringLiteral("'serial' is listed twice")));
    plan.csv.mode = QStringLiteral("serial,parallel");
    plan.csv.keepFiles = true;
    EXPECT_TRUE(validatePlan(plan).contains(QStringLiteral("one CSV mode"))) << validatePlan(plan).toStdString();
    plan.csv.keepFiles = false;
    plan.csv.row = CsvRowSpec {10, 10};
    EXPECT_EQ(validatePlan(plan), QString());
}

TEST(ExperimentPlan, DefaultsAreTheOriginalWorkload)
{
    const ExperimentPlan plan;
    EXPECT_EQ(plan.sets, defaultNumberSets());
    // Every C++ strategy; the py-* ones (~90x slower) only when named.
    QStringList cppStrategies;
    for (const Strategy* strategy : builtinStrategies().all()) {
        if (strategy->language() == TaskLanguage::Cpp)
            cppStrategies << strategy->id();
    }
    EXPECT_EQ(plan.strategies, cppStrategies);
    EXPECT_EQ(plan.poolSizes, std::vector<int> {kAutoPoolSize});
    EXPECT_EQ(plan.repeat, 5);
    EXPECT_EQ(plan.warmup, 1);
    EXPECT_FALSE(plan.csv.enabled());
    EXPECT_EQ(plan.csv.setIndex, 1);
    EXPECT_EQ(plan.csv.row.headerBytes, 100'000'000U);
    EXPECT_TRUE(validatePlan(plan).isEmpty());
}

TEST(ExperimentPlan, PlanIssuesGiveEachFieldItsOwnMessage)
{
    ExperimentPlan plan;
    plan.sets = {{51}};
    plan.strategies = {QStringLiteral("fork")};
    plan.poolSizes = {-1};
    plan.repeat = 0;
    plan.csv.mode = QStringLiteral("zip");
    const PlanIssues issues = planIssues(plan);
    EXPECT_EQ(issues.sets, QStringLiteral("number 51 in set 1 is outside 0..%1").arg(kMaxTaskNumber));
    EXPECT_TRUE(issues.strategies.startsWith(QStringLiteral("unknown strategy 'fork'; choose from ")));
    EXPECT_EQ(issues.poolSizes, QStringLiteral("pool size -1 is out of range; use auto or 1 to %1").arg(maxPoolSize()));
    EXPECT_EQ(issues.repetitions, QStringLiteral("repeat 0 is out of range; use 1 to %1").arg(kMaxRepeat));
    EXPECT_TRUE(issues.csv.startsWith(QStringLiteral("unknown CSV mode 'zip'")));
    EXPECT_EQ(issues.first(), issues.sets);
    EXPECT_EQ(validatePlan(plan), issues.sets);

    // Each field alone gives validatePlan()'s message, word for word.
    auto only = [](auto change) {
        ExperimentPlan alone;
        change(alone);
        return std::pair {planIssues(alone), validatePlan(alone)};
    };
    const auto [strategies, strategiesMessage] = only([](ExperimentPlan& p) { p.strategies.clear(); });
    EXPECT_EQ(strategies.strategies, strategiesMessage);
    EXPECT_TRUE(strategies.sets.isEmpty() && strategies.poolSizes.isEmpty() && strategies.csv.isEmpty());
    const auto [pools, poolsMessage] = only([](ExperimentPlan& p) { p.poolSizes = {2, 2}; });
    EXPECT_EQ(pools.poolSizes, poolsMessage);
    EXPECT_EQ(poolsMessage, QStringLiteral("pool size 2 is listed twice"));
    const auto [warmup, warmupMessage] = only([](ExperimentPlan& p) { p.warmup = -1; });
    EXPECT_EQ(warmup.repetitions, warmupMessage);
    const auto [csv, csvMessage] = only([](ExperimentPlan& p) {
        p.csv.mode = QStringLiteral("serial");
        p.csv.setIndex = 9;
    });
    EXPECT_EQ(csv.csv, csvMessage);
    EXPECT_TRUE(csvMessage.startsWith(QStringLiteral("CSV set 9 does not exist")));
    EXPECT_EQ(only([](ExperimentPlan&) {}).first.first(), QString());
}

TEST(ExperimentPlan, TheCsvChecksThatNeedTheSetsWaitForValidSets)
{
    ExperimentPlan plan;
    plan.sets.clear();
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.setIndex = 9;
    EXPECT_EQ(planIssues(plan).csv, QString()); // which set 9? the sets' own message says what to fix
    plan.csv.mode = QStringLiteral("zip");
    EXPECT_TRUE(planIssues(plan).csv.contains(QStringLiteral("'zip'")));
}

TEST(ExperimentPlan, ValidationNamesTheOffendingValue)
{
    auto errorFor = [](auto change) {
        ExperimentPlan plan;
        change(plan);
        return validatePlan(plan).toStdString();
    };
    EXPECT_NE(errorFor([](ExperimentPlan& p) { p.sets.clear(); }).find("no number sets"), std::string::npos);
    EXPECT_NE(errorFor([](ExperimentPlan& p) { p.sets = {{51}}; }).find("51"), std::string::npos);
    EXPECT_NE(
        errorFor([](ExperimentPlan& p) { p.strategies = {QStringLiteral("fork")}; }).find("'fork'"), std::string::npos);
    EXPECT_NE(errorFor([](ExperimentPlan& p) { p.strategies.clear(); }).find("no strategies"), std::string::npos);
    EXPECT_NE(errorFor([](ExperimentPlan& p) {
        p.strategies = {QStringLiteral("pool"), QStringLiteral("pool")};
    }).find("twice"),
        std::string::npos);
    EXPECT_NE(errorFor([](ExperimentPlan& p) { p.poolSizes = {-1}; }).find("pool size -1"), std::string::npos);
    EXPECT_NE(
        errorFor([](ExperimentPlan& p) { p.poolSizes = {maxPoolSize() + 1}; }).find("pool size"), std::string::npos);
    EXPECT_NE(errorFor([](ExperimentPlan& p) { p.repeat = 0; }).find("repeat 0"), std::string::npos);
    EXPECT_NE(errorFor([](ExperimentPlan& p) { p.csv.mode = QStringLiteral("zip"); }).find("'zip'"), std::string::npos);
    EXPECT_NE(errorFor([](ExperimentPlan& p) {
        p.csv.mode = QStringLiteral("serial");
        p.csv.setIndex = 4;
    }).find("CSV set 4"),
        std::string::npos);
    EXPECT_NE(errorFor([](ExperimentPlan& p) {
        p.csv.mode = QStringLiteral("serial");
        p.csv.directory = QStringLiteral("/nonexistent/calcprof");
    }).find("does not exist"),
        std::string::npos);
}

TEST(Experiment, StampedFillsInThisBuildAndMachineOnlyWhenMissing)
{
    const Experiment fresh = Experiment {}.stamped();
    EXPECT_EQ(fresh.version, QStringLiteral(CALCPROF_VERSION));
    EXPECT_EQ(fresh.environment.cpu, currentEnvironment().cpu);
    EXPECT_EQ(fresh.environment.cores, currentEnvironment().cores);

    Experiment saved;
    saved.version = QStringLiteral("0.9.0");
    saved.environment.cpu = QStringLiteral("another CPU");
    const Experiment kept = saved.stamped();
    EXPECT_EQ(kept.version, QStringLiteral("0.9.0"));
    EXPECT_EQ(kept.environment.cpu, QStringLiteral("another CPU"));
}

TEST(Experiment, HasFailuresWhenDescribeFailuresHasSomethingToSay)
{
    Experiment experiment;
    experiment.runs.resize(2);
    experiment.csv.resize(1);
    EXPECT_FALSE(experiment.hasFailures());
    experiment.csv.front().error = QStringLiteral("cancelled");
    EXPECT_TRUE(experiment.hasFailures());
    experiment.cancelled = true; // a cancelled CSV stage is no failure
    EXPECT_FALSE(experiment.hasFailures());
    experiment.runs.back().error = QStringLiteral("wrong values");
    EXPECT_TRUE(experiment.hasFailures());
    EXPECT_EQ(experiment.hasFailures(), !describeFailures(experiment).isEmpty());
}

TEST(RunLog, PlanLineSaysWhatARunMeasures)
{
    ExperimentPlan plan;
    plan.sets = {{10, 12}, {25}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.poolSizes = {1, 2, 4};
    plan.repeat = 5;
    plan.warmup = 1;
    plan.csv.mode = QStringLiteral("none");
    EXPECT_EQ(planLine(plan),
        QStringLiteral("sets %1; strategies serial,pool; pool size %2; repeat 5 (+1 warm-up); CSV none")
            .arg(formatNumberSets(plan.sets), formatPoolSizes(plan.poolSizes)));

    // Under --repeat auto the repeat is the least rounds, and the line says what stops them.
    plan.autoRepeat = {true, 0.025, 90.0};
    EXPECT_TRUE(planLine(plan).contains(
        QStringLiteral("repeat auto (at least 5 rounds, until ±2.5 % or 90 s per set) (+1 warm-up)")))
        << planLine(plan).toStdString();
}

namespace {

// Every task sleeps long enough that /proc/stat's share of the run can be told (kMinSecondsForShare).
std::vector<FiboValue> slowTask(int n, const std::atomic<bool>& /*stop*/)
{
    std::this_thread::sleep_for(std::chrono::duration<double>(kMinSecondsForShare + 0.01));
    return referenceTaskValues(n);
}

// A machine where other processes take 1000 s of CPU during each of the first `disturbedRuns` runs
// (the counters are read twice per run) and nothing during the later ones.
ExperimentRunner::MachineCpuReader busyDuringFirstRuns(int disturbedRuns)
{
    auto reads = std::make_shared<int>(0);
    return [reads, disturbedRuns] {
        const int read = (*reads)++;
        const int run = read / 2;
        const int disturbed = std::min(run + (read % 2), disturbedRuns); // runs disturbed up to this read
        return MachineCpuTimes {1000.0 * disturbed, 0.0};
    };
}

class RetryObserver final : public RunObserver
{
public:
    void runRetried(const SetRun& run, const QString& why, int attempt, int attempts) override
    {
        lines << retryLogLine(run, why, attempt, attempts);
    }
    QStringList lines;
};

ExperimentPlan slowSerialPlan(int retries)
{
    ExperimentPlan plan;
    plan.sets = {{3}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.repeat = 1;
    plan.warmup = 0;
    plan.retryDisturbed = retries;
    return plan;
}

} // namespace

TEST(ExperimentRunner, ADisturbedRunIsMeasuredAgainAtTheEndOfItsRoundAndTheRetryKept)
{
    ExperimentRunner runner;
    runner.setTaskFunction(slowTask);
    runner.setMachineCpuReader(busyDuringFirstRuns(1)); // serial's first attempt only
    RetryObserver observer;
    const Experiment experiment = runner.run(slowSerialPlan(2), std::atomic<bool> {false}, &observer);

    ASSERT_EQ(experiment.runs.size(), 3U);
    const int cores = experiment.environment.cores;
    // pool ran in its turn; serial's disturbed attempt waited for the end of the round, then its retry.
    EXPECT_EQ(experiment.runs[0].strategy, QStringLiteral("pool"));
    EXPECT_FALSE(experiment.runs[0].superseded);
    EXPECT_EQ(experiment.runs[1].strategy, QStringLiteral("serial"));
    EXPECT_TRUE(experiment.runs[1].superseded);
    EXPECT_TRUE(isDisturbed(experiment.runs[1], cores));
    EXPECT_EQ(experiment.runs[2].strategy, QStringLiteral("serial"));
    EXPECT_FALSE(experiment.runs[2].superseded);
    EXPECT_FALSE(isDisturbed(experiment.runs[2], cores));
    EXPECT_EQ(experiment.runs[2].repetition, experiment.runs[1].repetition);
    EXPECT_EQ(experiment.runs[2].stealSeconds, 0.0);
    EXPECT_GE(experiment.runs[2].involuntaryContextSwitches, 0);
    ASSERT_EQ(observer.lines.size(), 1);
    EXPECT_TRUE(observer.lines.front().contains(QStringLiteral("Disturbed 'serial' on set 1")))
        << observer.lines.front().toStdString();
    EXPECT_TRUE(observer.lines.front().contains(QStringLiteral("retry 1 of at most 2")))
        << observer.lines.front().toStdString();

    // The summary reads the kept attempt only: one serial run, not disturbed, paired with pool's.
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const GroupSummary* serial = summary.findGroup(NumberSet {3}, QStringLiteral("serial"), 1);
    ASSERT_NE(serial, nullptr);
    EXPECT_EQ(serial->runs, 1);
    EXPECT_EQ(serial->disturbedRuns, 0);
    EXPECT_DOUBLE_EQ(serial->wall.median, experiment.runs[2].wallSeconds);
    EXPECT_FALSE(serial->notMeasurable);
}

TEST(ExperimentRunner, ARunStillDisturbedAfterItsRetriesIsKeptAndCounted)
{
    ExperimentRunner runner;
    runner.setTaskFunction(slowTask);
    runner.setMachineCpuReader(busyDuringFirstRuns(100)); // every run
    ExperimentPlan plan = slowSerialPlan(1);
    plan.strategies = {QStringLiteral("serial")};
    const Experiment experiment = runner.run(plan, std::atomic<bool> {false});
    ASSERT_EQ(experiment.runs.size(), 2U); // one retry at most
    EXPECT_TRUE(experiment.runs[0].superseded);
    EXPECT_FALSE(experiment.runs[1].superseded);
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const GroupSummary* serial = summary.findGroup(NumberSet {3}, QStringLiteral("serial"), 1);
    ASSERT_NE(serial, nullptr);
    EXPECT_EQ(serial->disturbedRuns, 1);
    EXPECT_TRUE(serial->notMeasurable);
    EXPECT_FALSE(quotable(*serial));
    EXPECT_TRUE(serial->notMeasurableText.startsWith(QStringLiteral("not measurable now: 1 of 1 runs disturbed")))
        << serial->notMeasurableText.toStdString();
}

TEST(ExperimentRunner, NoRetryWhenRetriesAreOff)
{
    ExperimentRunner runner;
    runner.setTaskFunction(slowTask);
    runner.setMachineCpuReader(busyDuringFirstRuns(100));
    ExperimentPlan plan = slowSerialPlan(0);
    plan.strategies = {QStringLiteral("serial")};
    const Experiment experiment = runner.run(plan, std::atomic<bool> {false});
    ASSERT_EQ(experiment.runs.size(), 1U);
    EXPECT_FALSE(experiment.runs[0].superseded);
    EXPECT_TRUE(isDisturbed(experiment.runs[0], experiment.environment.cores));
}
