#include "core/analysis/summary.h"
#include "core/analysis/viewdata.h"
#include "core/exec/experimentrunner.h"
#include "core/format/units.h"
#include "core/model/poolsizes.h"

#include <gtest/gtest.h>

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

TEST(ExperimentSummary, BoundsComeFromTheSerialTaskMedians)
{
    const ExperimentSummary summary = summarizeExperiment(set3Experiment());
    const SetSummary* set = summary.findSet(kSet3);
    ASSERT_NE(set, nullptr);
    ASSERT_EQ(set->serialTaskSeconds.size(), 3U);
    EXPECT_DOUBLE_EQ(set->serialTaskSeconds[2], 0.65);
    EXPECT_EQ(set->largestTaskN, 42);
    EXPECT_NEAR(set->largestTaskShare, 0.65, 1e-12);

    const GroupSummary* pool2 = summary.findGroup(kSet3, kPool, 2);
    ASSERT_TRUE(pool2->bounds.has_value());
    EXPECT_DOUBLE_EQ(pool2->bounds->ideal, 2.0);
    EXPECT_NEAR(pool2->bounds->wholeTask, 1.0 / 0.65, 1e-12);
    // In set order on 2 workers: 40 and 38 start, 38 ends at 0.10, 42 ends at 0.75.
    EXPECT_NEAR(pool2->bounds->schedule, 1.0 / 0.75, 1e-12);
    EXPECT_EQ(boundCaption(*set, 2),
        QStringLiteral("set 3: task 42 is 65 % of the work, so no schedule of whole tasks beats 1.54x on 2 cores"));
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
