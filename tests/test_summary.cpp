#include "core/analysis/summary.h"
#include "core/analysis/viewdata.h"
#include "core/exec/experimentrunner.h"
#include "core/format/units.h"
#include "core/model/poolsizes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace calcprof;

namespace {

// A successful run of `strategy` on `numbers` with the given wall time, whose tasks took
// `taskSeconds` (serial runs) back to back.
SetRun runOf(const QString& strategy, const NumberSet& numbers, int workers, double wall,
    const std::vector<double>& taskSeconds = {})
{
    SetRun run;
    run.strategy = strategy;
    run.setIndex = numbers.size() == 3 ? 3 : 2;
    run.numbers = numbers;
    run.poolSize = workers;
    run.wallSeconds = wall;
    run.cpuSeconds = wall;
    run.matchesSerial = true;
    double start = 0.0;
    for (std::size_t index = 0; index < numbers.size(); ++index) {
        TaskTiming task;
        task.n = numbers[index];
        task.wallSeconds = index < taskSeconds.size() ? taskSeconds[index] : 0.0;
        task.startSeconds = start;
        task.endSeconds = start + task.wallSeconds;
        start = task.endSeconds;
        run.tasks.push_back(task);
    }
    return run;
}

const NumberSet kSet3 {40, 38, 42};
const QString kSerial = QStringLiteral("serial");
const QString kPool = QStringLiteral("pool");

Experiment set3Experiment()
{
    Experiment experiment;
    experiment.environment.cores = 2;
    // Serial: 1.0, 1.1, 0.9, 1.0, 1.0 s; tasks always 0.25 / 0.10 / 0.65.
    for (const double wall : {1.0, 1.1, 0.9, 1.0, 1.0})
        experiment.runs.push_back(runOf(kSerial, kSet3, 1, wall, {0.25 * wall, 0.10 * wall, 0.65 * wall}));
    // Pool with 2 workers: 0.80 s median; with 3 workers: 0.70 s median.
    for (const double wall : {0.80, 0.82, 0.78, 0.80, 0.81})
        experiment.runs.push_back(runOf(kPool, kSet3, 2, wall));
    for (const double wall : {0.70, 0.69, 0.71, 0.70, 0.72})
        experiment.runs.push_back(runOf(kPool, kSet3, 3, wall));
    return experiment;
}

} // namespace

TEST(ExperimentSummary, GroupsBySetStrategyAndWorkers)
{
    const ExperimentSummary summary = summarizeExperiment(set3Experiment());
    ASSERT_EQ(summary.groups.size(), 3U);
    EXPECT_EQ(summary.groups[0].strategy, kSerial);
    EXPECT_EQ(summary.groups[1].workers, 2);
    EXPECT_EQ(summary.groups[2].workers, 3);
    EXPECT_EQ(summary.groups[1].wall.count, 5);
    EXPECT_DOUBLE_EQ(summary.groups[1].wall.median, 0.80);
    EXPECT_TRUE(summary.groups[1].usesPoolSize);
    EXPECT_FALSE(summary.groups[0].usesPoolSize);
}

TEST(ExperimentSummary, SpeedupIsTheBaselineMedianOverThisMedianWithAConservativeInterval)
{
    const ExperimentSummary summary = summarizeExperiment(set3Experiment());
    const GroupSummary* pool3 = summary.findGroup(kSet3, kPool, 3);
    ASSERT_NE(pool3, nullptr);
    ASSERT_TRUE(pool3->speedup.has_value());
    EXPECT_DOUBLE_EQ(*pool3->speedup, 1.0 / 0.70);
    // Five samples: the intervals are the ranges (serial 0.9..1.1, pool 0.69..0.72).
    EXPECT_DOUBLE_EQ(*pool3->speedupLow, 0.9 / 0.72);
    EXPECT_DOUBLE_EQ(*pool3->speedupHigh, 1.1 / 0.69);
    EXPECT_DOUBLE_EQ(*pool3->efficiency, (1.0 / 0.70) / 2.0); // min(3 workers, 2 cores)
    EXPECT_DOUBLE_EQ(*summary.findGroup(kSet3, kSerial, 1)->speedup, 1.0);
}

TEST(ExperimentSummary, BoundsComeFromTheExactWorkAtTheMeasuredSerialRate)
{
    const ExperimentSummary summary = summarizeExperiment(set3Experiment());
    const SetSummary* set = summary.findSet(kSet3);
    ASSERT_NE(set, nullptr);
    // Task 42 is 1 402 817 422 of the set's 2 143 314 242 calls: 65.45 %, whatever the timings say.
    ASSERT_EQ(set->taskCalls, (std::vector<std::uint64_t> {taskCalls(40), taskCalls(38), taskCalls(42)}));
    const double share = 1'402'817'422.0 / 2'143'314'242.0;
    // The rate: the set's calls over serial's measured task medians (1.0 s in all).
    EXPECT_NEAR(summary.serialCallsPerSecond, 2'143'314'242.0, 1e-3);
    ASSERT_EQ(set->serialTaskSeconds.size(), 3U);
    EXPECT_NEAR(set->serialTaskSeconds[2], share, 1e-12);
    EXPECT_DOUBLE_EQ(set->measuredTaskSeconds[2], 0.65); // as timed, shown but not used
    EXPECT_EQ(set->largestTaskN, 42);
    EXPECT_NEAR(set->largestTaskShare, share, 1e-12);

    const GroupSummary* pool2 = summary.findGroup(kSet3, kPool, 2);
    ASSERT_TRUE(pool2->bounds.has_value());
    EXPECT_DOUBLE_EQ(pool2->bounds->ideal, 2.0);
    EXPECT_NEAR(pool2->bounds->wholeTask, 1.0 / share, 1e-12);
    // In set order on 2 workers: 40 and 38 start, 38 ends, 42 follows it: 38 + 42 is 75 % of the work.
    EXPECT_NEAR(pool2->bounds->schedule, 2'143'314'242.0 / (204'668'270.0 + 1'402'817'422.0), 1e-9);
    EXPECT_EQ(boundCaption(*set, 2),
        QStringLiteral("set 3: task 42 is 65 % of the work, so no schedule of whole tasks beats 1.53x on 2 cores"));
}

TEST(ExperimentSummary, SetOnesLargestTaskIsTwelveWhateverItsTimingsSay)
{
    // Set 1's tasks take microseconds: their timings are mostly noise (in the issue, one run's caption
    // named task 10). Timings drawn at random, each run's and each task's, must not move the caption.
    const NumberSet set1 {10, 12, 5, 7, 4, 3, 2};
    std::mt19937 random(18);
    std::uniform_real_distribution<double> noise(1e-6, 3e-5);
    for (int trial = 0; trial < 50; ++trial) {
        Experiment experiment;
        experiment.environment.cores = 2;
        for (int repetition = 0; repetition < 5; ++repetition) {
            std::vector<double> taskSeconds;
            for (std::size_t task = 0; task < set1.size(); ++task)
                taskSeconds.push_back(noise(random));
            SetRun run = runOf(kSerial, set1, 1, 1e-4, taskSeconds);
            run.setIndex = 1;
            run.repetition = repetition;
            experiment.runs.push_back(run);
        }
        const ExperimentSummary summary = summarizeExperiment(experiment);
        const SetSummary& set = summary.sets.front();
        // Task 12: 740 of the set's 1 111 calls, so whole tasks reach at most 1111 / 740 = 1.50x.
        EXPECT_EQ(boundCaption(set, 2),
            QStringLiteral("set 1: task 12 is 67 % of the work, so no schedule of whole tasks beats 1.50x on 2 cores"))
            << "trial " << trial;
        const SpeedupBounds bounds
            = speedupBounds(set.serialTaskSeconds, set.numbers, ScheduleModel::WholeTasksInSetOrder, 2, 2);
        EXPECT_NEAR(bounds.wholeTask, 1111.0 / 740.0, 1e-12);
    }
}

TEST(ExperimentSummary, NoBaselineMeansNoSpeedupAndNoBounds)
{
    Experiment experiment = set3Experiment();
    std::erase_if(experiment.runs, [](const SetRun& run) { return run.strategy == kSerial; });
    const ExperimentSummary summary = summarizeExperiment(experiment);
    ASSERT_EQ(summary.groups.size(), 2U);
    EXPECT_FALSE(summary.groups[0].speedup.has_value());
    EXPECT_FALSE(summary.groups[0].bounds.has_value());
    EXPECT_TRUE(boundCaption(*summary.findSet(kSet3), 2).isEmpty());
}

TEST(ExperimentSummary, FailedRunsAreCountedButNotMeasured)
{
    Experiment experiment = set3Experiment();
    SetRun failed = runOf(kPool, kSet3, 2, 9.0);
    failed.error = QStringLiteral("task 42 failed: boom");
    experiment.runs.push_back(failed);
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const GroupSummary* pool2 = summary.findGroup(kSet3, kPool, 2);
    EXPECT_EQ(pool2->runs, 6);
    EXPECT_EQ(pool2->failures, 1);
    EXPECT_EQ(pool2->wall.count, 5);
    EXPECT_DOUBLE_EQ(pool2->wall.median, 0.80);
    EXPECT_EQ(describeFailures(experiment), QStringLiteral("'pool' on set 3: task 42 failed: boom"));
}

TEST(ExperimentSummary, WarnsAboutNoiseImpossibleSpeedupsAndABusyMachine)
{
    Experiment experiment = set3Experiment();
    const ExperimentSummary quiet = summarizeExperiment(experiment);
    EXPECT_TRUE(quiet.findGroup(kSet3, kPool, 2)->warnings.isEmpty());

    // Pool with 3 workers "measured" at 0.5 s: 2x, far beyond the whole-task bound of 1.54x.
    for (SetRun& run : experiment.runs) {
        if (run.strategy == kPool && run.poolSize == 3)
            run.wallSeconds = 0.5;
        if (run.strategy == kPool && run.poolSize == 2)
            run.otherProcessesCpuSeconds = 0.5 * run.wallSeconds; // a quarter of two cores
    }
    experiment.runs.push_back(runOf(kSerial, kSet3, 1, 3.0, {0.75, 0.3, 1.95})); // CV jumps
    const ExperimentSummary noisy = summarizeExperiment(experiment);
    EXPECT_TRUE(noisy.findGroup(kSet3, kPool, 3)->warnings.join(u'|').contains(QStringLiteral("bound per task")));
    EXPECT_TRUE(noisy.findGroup(kSet3, kPool, 2)->warnings.join(u'|').contains(QStringLiteral("busy machine")));
    EXPECT_NEAR(noisy.findGroup(kSet3, kPool, 2)->otherProcessesShare, 0.25, 1e-12);
    EXPECT_TRUE(noisy.findGroup(kSet3, kSerial, 1)->warnings.join(u'|').contains(QStringLiteral("noisy")));
}

TEST(ExperimentSummary, RerunsOfTheSameNumbersPoolTheirSamples)
{
    Experiment experiment = set3Experiment();
    SetRun again = runOf(kPool, kSet3, 3, 0.70);
    again.setIndex = 1; // the same numbers at another position of another sets text
    again.requestedPoolSize = kAutoPoolSize;
    experiment.runs.push_back(again);
    const ExperimentSummary summary = summarizeExperiment(experiment);
    EXPECT_EQ(summary.groups.size(), 3U);
    EXPECT_EQ(summary.findGroup(kSet3, kPool, 3)->wall.count, 6);
}

TEST(ExperimentSummary, KeepsEachGroupsSamplesAndTheRunThatMeasuredItFirst)
{
    Experiment experiment = set3Experiment();
    experiment.version = QStringLiteral("1.2.3");
    experiment.environment.cpu = QStringLiteral("cpu A");
    const ExperimentSummary summary = summarizeExperiment(experiment);
    EXPECT_EQ(summary.version, QStringLiteral("1.2.3"));
    EXPECT_EQ(summary.environment.cpu, QStringLiteral("cpu A"));
    const GroupSummary* pool2 = summary.findGroup(kSet3, kPool, 2);
    ASSERT_NE(pool2, nullptr);
    EXPECT_EQ(pool2->wallSamples, (std::vector<double> {0.80, 0.82, 0.78, 0.80, 0.81})); // in run order
    EXPECT_EQ(pool2->firstMeasuredRun, 5); // after serial's five
    EXPECT_EQ(summary.findGroup(kSet3, kSerial, 1)->firstMeasuredRun, 0);
}

TEST(ExperimentSummary, EfficiencyIsTheSpeedupOverTheWorkersTheCoresLetRun)
{
    EXPECT_DOUBLE_EQ(efficiency(1.5, 3, 2), 0.75);
    EXPECT_DOUBLE_EQ(efficiency(1.5, 2, 8), 0.75);
    EXPECT_DOUBLE_EQ(efficiency(1.5, 0, 8), 1.5); // at least one
    const ExperimentSummary summary = summarizeExperiment(set3Experiment());
    const GroupSummary* pool3 = summary.findGroup(kSet3, kPool, 3);
    EXPECT_EQ(*pool3->efficiency, efficiency(*pool3->speedup, 3, summary.cores));
}

// The runner skips a pool size whose workers another size already ran (auto = 4 on a 4-task set when
// 4 ran; mapped's auto = the cores): the group still answers to it, so the Time view's "auto" finds
// every strategy on every set (it drew empty slivers and left mapped and tbb out).
TEST(ExperimentSummary, APoolSizeSkippedAsADuplicateFindsTheGroupThatRanIt)
{
    ExperimentPlan plan;
    plan.sets = {{10, 12, 5, 7}, {11, 13}};
    plan.strategies = {kSerial, kPool, QStringLiteral("mapped")};
    plan.poolSizes = {1, 2, 4, kAutoPoolSize};
    plan.repeat = 1;
    plan.warmup = 0;
    const Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false});
    const ExperimentSummary summary = summarizeExperiment(experiment);

    const GroupSummary* poolOfFour = summary.findGroup(plan.sets[0], kPool, 4);
    ASSERT_NE(poolOfFour, nullptr);
    EXPECT_EQ(poolOfFour->requestedPoolSizes, (std::vector<int> {4, kAutoPoolSize}));
    const TimeFigure automatic = timeFigure(summary, kAutoPoolSize);
    ASSERT_EQ(automatic.bars.size(), 3U);
    for (const TimeFigure::Bars& bars : automatic.bars) {
        for (std::size_t set = 0; set < plan.sets.size(); ++set)
            EXPECT_TRUE(bars.values[set].has_value()) << bars.name.toStdString() << " on set " << set + 1;
    }
    EXPECT_EQ(automatic.bars[1].values[0]->y, poolOfFour->wall.median);
}

namespace {

/// Rounds on set 3 as the runner measures them: each round serial once, then pool with 2 workers
/// once, both slowed by the round's factor of the machine (`drift`); the pool's run of a round in
/// `poolFails` failed.
Experiment driftingRounds(
    const std::vector<double>& drift, double serialSeconds, double poolSeconds, const std::vector<int>& poolFails = {})
{
    Experiment experiment;
    experiment.environment.cores = 2;
    for (std::size_t round = 0; round < drift.size(); ++round) {
        const double factor = drift[round];
        SetRun serial = runOf(kSerial, kSet3, 1, serialSeconds * factor,
            {0.25 * serialSeconds * factor, 0.10 * serialSeconds * factor, 0.65 * serialSeconds * factor});
        // Each round's own small jitter, so that no two runs are equal.
        SetRun pool = runOf(kPool, kSet3, 2, poolSeconds * factor * (round % 2 == 0 ? 1.005 : 0.995));
        serial.repetition = pool.repetition = static_cast<int>(round);
        if (std::find(poolFails.begin(), poolFails.end(), static_cast<int>(round)) != poolFails.end())
            pool.error = QStringLiteral("worker crashed");
        experiment.runs.push_back(serial);
        experiment.runs.push_back(pool);
    }
    return experiment;
}

} // namespace

TEST(ExperimentSummary, PairedRoundsCancelAMachineThatDrifts)
{
    // The machine slows down steadily, 2.5x from the first round to the last: every run of round k
    // is slowed by 1 + 0.25 k. The pool is 1.82x serial in every round.
    const Experiment experiment = driftingRounds({1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5}, 1.0, 0.55);
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const GroupSummary* pool = summary.findGroup(kSet3, kPool, 2);
    ASSERT_NE(pool, nullptr);
    ASSERT_TRUE(pool->speedup && pool->ratioOfMedians);
    EXPECT_EQ(pool->estimator, SpeedupEstimator::PairedRounds);
    EXPECT_EQ(pool->speedupSamples, 7);
    EXPECT_NEAR(*pool->speedup, 1.0 / 0.55, 0.01 / 0.55);
    // The per-round ratios hardly vary: a tight interval, clearly above 1.
    EXPECT_GT(*pool->speedupLow, 1.78);
    EXPECT_LT(*pool->speedupHigh, 1.86);
    EXPECT_GE(pool->speedupConfidence, 0.95);
    // The ratio of medians stays available, and the drift makes its interval useless: it straddles 1.
    EXPECT_LT(*pool->ratioOfMediansLow, 1.0);
    EXPECT_GT(*pool->ratioOfMediansHigh, 3.0);
}

TEST(ExperimentSummary, PairedRoundsStayRightWhereTheRatioOfMediansDoesNot)
{
    // Three quiet rounds, then the machine runs 3x slower; the pool's runs of two slow rounds failed,
    // so its median comes from the quiet rounds and serial's from both halves.
    const Experiment experiment = driftingRounds({1.0, 1.0, 1.0, 3.0, 3.0, 3.0}, 1.0, 0.5, {4, 5});
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const GroupSummary* pool = summary.findGroup(kSet3, kPool, 2);
    ASSERT_TRUE(pool->speedup && pool->ratioOfMedians);
    EXPECT_EQ(pool->estimator, SpeedupEstimator::PairedRounds);
    EXPECT_NEAR(*pool->speedup, 2.0, 0.02); // the truth in every round
    EXPECT_FALSE(pool->aboveCores);
    // Serial's median (1 + 3) / 2 = 2 s over the pool's 0.5 s: "4x" on 2 cores.
    EXPECT_NEAR(*pool->ratioOfMedians, 4.0, 0.05);
}

TEST(ExperimentSummary, FewerThanTwoRoundsHoldingBothGiveTheRatioOfMedians)
{
    // set3Experiment() runs everything as one round (one repetition index, one set): nothing pairs.
    const ExperimentSummary summary = summarizeExperiment(set3Experiment());
    const GroupSummary* pool3 = summary.findGroup(kSet3, kPool, 3);
    EXPECT_EQ(pool3->estimator, SpeedupEstimator::RatioOfMedians);
    EXPECT_EQ(pool3->speedup, pool3->ratioOfMedians);
    EXPECT_EQ(pool3->speedupLow, pool3->ratioOfMediansLow);
    // Both medians' ranges of 5 runs cover them with 93.75 % each: the ratio's with at least the product.
    EXPECT_NEAR(pool3->speedupConfidence, 0.9375 * 0.9375, 1e-12);
    EXPECT_EQ(speedupIntervalText(*pool3), QStringLiteral("ratio of medians; 88 % interval 1.25x–1.59x"));
}

TEST(ExperimentSummary, ASpeedupAboveWhatTheCoresAllowIsFlaggedAsNoiseAndNeverTheFastest)
{
    Experiment experiment = set3Experiment();
    for (SetRun& run : experiment.runs) {
        if (run.strategy == kPool && run.poolSize == 3)
            run.wallSeconds *= 0.4 / 0.7; // 2.5x serial with 3 workers on 2 cores
    }
    SetRun single = runOf(kPool, kSet3, 1, 0.9); // 1.11x with one worker: within the 5 % tolerance?
    experiment.runs.push_back(single);
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const GroupSummary* pool2 = summary.findGroup(kSet3, kPool, 2);
    const GroupSummary* pool3 = summary.findGroup(kSet3, kPool, 3);
    const GroupSummary* pool1 = summary.findGroup(kSet3, kPool, 1);
    EXPECT_FALSE(pool2->aboveCores);
    EXPECT_TRUE(quotable(*pool2));
    ASSERT_TRUE(pool3->aboveCores);
    EXPECT_EQ(pool3->coresUsable, 2);
    EXPECT_EQ(pool3->aboveCoresText, QStringLiteral("above what 2 cores allow: noise"));
    EXPECT_TRUE(pool3->warnings.contains(QStringLiteral("above what 2 cores allow: noise")));
    EXPECT_FALSE(quotable(*pool3));
    // One worker on 2 cores can reach 1x at most: 1.11x is beyond the 5 % tolerance.
    ASSERT_TRUE(pool1->aboveCores);
    EXPECT_EQ(pool1->aboveCoresText, QStringLiteral("above what 1 worker allows: noise"));
    // pool3 has the lowest median, but the fastest is the fastest quotable one.
    EXPECT_EQ(fastestGroup({pool1, pool3, pool2}), pool2);
    EXPECT_EQ(fastestGroup({pool1, pool3}), nullptr);
}

TEST(ExperimentSummary, ASpeedupWithinTheToleranceIsNotFlagged)
{
    Experiment experiment = set3Experiment();
    for (SetRun& run : experiment.runs) {
        if (run.strategy == kPool && run.poolSize == 2)
            run.wallSeconds *= (1.0 / 2.08) / 0.80; // 2.08x on 2 cores: 4 % above, within 5 %
    }
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const GroupSummary* pool2 = summary.findGroup(kSet3, kPool, 2);
    ASSERT_NE(pool2, nullptr);
    EXPECT_NEAR(*pool2->speedup, 2.08, 1e-9);
    EXPECT_FALSE(pool2->aboveCores);
    EXPECT_TRUE(pool2->aboveCoresText.isEmpty());
}

namespace {

const QString kPySerial = QStringLiteral("py-serial");
const QString kPyPool = QStringLiteral("py-pool");

// Serial, py-serial (90x slower) and py-pool on set 3, in rounds: each round runs every one once.
Experiment pythonExperiment(bool withPySerial)
{
    Experiment experiment;
    experiment.environment.cores = 2;
    const std::vector<double> serialWalls {1.0, 1.1, 0.9, 1.0, 1.02};
    const std::vector<double> pythonWalls {90.0, 97.0, 88.0, 91.0, 93.0};
    const std::vector<double> poolWalls {60.0, 61.0, 59.0, 64.0, 62.0};
    for (std::size_t round = 0; round < serialWalls.size(); ++round) {
        SetRun serial = runOf(kSerial, kSet3, 1, serialWalls[round], {0.25, 0.10, 0.65});
        serial.repetition = static_cast<int>(round);
        experiment.runs.push_back(serial);
        if (withPySerial) {
            SetRun python = runOf(kPySerial, kSet3, 1, pythonWalls[round]);
            python.repetition = static_cast<int>(round);
            experiment.runs.push_back(python);
        }
        SetRun pool = runOf(kPyPool, kSet3, 3, poolWalls[round]);
        pool.repetition = static_cast<int>(round);
        experiment.runs.push_back(pool);
    }
    return experiment;
}

} // namespace

// Issue 19 item 4: a py-* strategy's speedup is against py-serial (its own language) where py-serial
// measured the same numbers, so py-pool's speedup says what the pool did, not what the language did.
TEST(ExperimentSummary, PythonSpeedupsAreAgainstPySerialWhenItRan)
{
    const Experiment experiment = pythonExperiment(true);
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const GroupSummary* pool = summary.findGroup(kSet3, kPyPool, 3);
    ASSERT_NE(pool, nullptr);
    ASSERT_TRUE(pool->speedup.has_value());
    EXPECT_EQ(pool->speedupBaseline, kPySerial);
    ASSERT_TRUE(pool->ratioOfMedians.has_value());
    EXPECT_DOUBLE_EQ(*pool->ratioOfMedians, 91.0 / 61.0);
    EXPECT_GT(*pool->speedup, 1.0);
    EXPECT_EQ(summary.findGroup(kSet3, kSerial, 1)->speedupBaseline, kSerial);
    // A run's own speedup (the table's) is against the same baseline.
    const SetRun& firstPoolRun = experiment.runs[2];
    EXPECT_DOUBLE_EQ(*runSpeedup(summary, firstPoolRun), 91.0 / 60.0);
    EXPECT_EQ(speedupBaselineNote(summary),
        QStringLiteral("py-* speedups are against py-serial (their own language) on set 3"));
}

TEST(ExperimentSummary, PythonSpeedupsAreAgainstSerialWithoutPySerial)
{
    const ExperimentSummary summary = summarizeExperiment(pythonExperiment(false));
    const GroupSummary* pool = summary.findGroup(kSet3, kPyPool, 3);
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(pool->speedupBaseline, kSerial);
    EXPECT_DOUBLE_EQ(*pool->ratioOfMedians, 1.0 / 61.0);
    EXPECT_FALSE(summary.sets.front().languageFactor.has_value());
    EXPECT_EQ(speedupBaselineNote(summary),
        QStringLiteral("py-* speedups are against serial on set 3 (py-serial not measured there)"));
    EXPECT_TRUE(languageFactorLine(summary).isEmpty());
}

// The language factor is py-serial's median over serial's, with the interval of that ratio.
TEST(ExperimentSummary, LanguageFactorIsTheRatioOfTheMedians)
{
    const ExperimentSummary summary = summarizeExperiment(pythonExperiment(true));
    ASSERT_EQ(summary.sets.size(), 1U);
    const SetSummary& set = summary.sets.front();
    ASSERT_TRUE(set.languageFactor.has_value());
    const GroupSummary* serial = summary.findGroup(kSet3, kSerial, 1);
    const GroupSummary* python = summary.findGroup(kSet3, kPySerial, 1);
    EXPECT_DOUBLE_EQ(set.languageFactor->ratioOfMedians, python->wall.median / serial->wall.median);
    EXPECT_DOUBLE_EQ(set.languageFactor->ratioOfMedians, 91.0 / 1.0);
    EXPECT_LT(set.languageFactor->ratioOfMediansLow, set.languageFactor->ratioOfMedians);
    EXPECT_GT(set.languageFactor->ratioOfMediansHigh, set.languageFactor->ratioOfMedians);
    EXPECT_TRUE(set.languageFactor->paired()); // five rounds held both
    EXPECT_TRUE(languageFactorText(set).startsWith(formatSpeedup(91.0) + QStringLiteral(" [")))
        << languageFactorText(set).toStdString();
    EXPECT_TRUE(languageFactorLine(summary).contains(QStringLiteral("set 3 ") + languageFactorText(set)));
}
