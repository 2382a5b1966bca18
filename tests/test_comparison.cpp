#include "core/analysis/comparison.h"
#include "core/analysis/stats.h"
#include "core/analysis/summary.h"

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

SetRun runOf(const QString& strategy, const NumberSet& numbers, int workers, double wallSeconds)
{
    SetRun run;
    run.strategy = strategy;
    run.setIndex = 1;
    run.numbers = numbers;
    run.poolSize = workers;
    run.wallSeconds = wallSeconds;
    run.matchesSerial = true;
    return run;
}

/// `repeat` runs of serial and pool on {20, 18} with wall times around `scale` (a small, fixed spread).
Experiment experimentOf(double scale, int repeat, const QString& cpu = QStringLiteral("cpu A"))
{
    Experiment experiment;
    experiment.version = QStringLiteral("1.0.0");
    experiment.environment.cpu = cpu;
    experiment.environment.cores = 2;
    const double spread[] = {1.00, 1.02, 0.99, 1.01, 0.98, 1.03, 0.97};
    for (int rep = 0; rep < repeat; ++rep) {
        experiment.runs.push_back(runOf(QStringLiteral("serial"), {20, 18}, 1, 0.010 * scale * spread[rep % 7]));
        experiment.runs.push_back(runOf(QStringLiteral("pool"), {20, 18}, 2, 0.006 * scale * spread[(rep + 3) % 7]));
    }
    return experiment;
}

/// The comparison of two experiments' summaries, as the console and the Baseline panel make it.
ExperimentComparison compareRuns(const Experiment& baseline, const Experiment& current, const QString& name = {})
{
    return compareExperiments(summarizeExperiment(baseline), summarizeExperiment(current), name);
}

} // namespace

TEST(MannWhitney, ExactForSmallSamplesWithoutTies)
{
    // Every value of a below every value of b: U = 0, and only 1 of the C(10, 5) = 252 orderings
    // is as extreme on each side.
    const MannWhitney separated = mannWhitneyU({1, 2, 3, 4, 5}, {6, 7, 8, 9, 10});
    EXPECT_DOUBLE_EQ(separated.u, 0.0);
    EXPECT_TRUE(separated.exact);
    EXPECT_NEAR(separated.pValue, 2.0 / 252.0, 1e-12);
    // Interleaved: U = 4 of 9, the middle of the distribution.
    const MannWhitney mixed = mannWhitneyU({3, 1, 2}, {2.5, 0.5, 4});
    EXPECT_DOUBLE_EQ(mixed.u, 4.0);
    EXPECT_DOUBLE_EQ(mixed.pValue, 1.0);
}

TEST(MannWhitney, NormalApproximationWithTies)
{
    // U counted pair by pair (a > b is 1, a tie 1/2) is 8.5; with the tie-corrected variance and
    // the continuity correction p = 0.03263 (computed by hand from scipy's documented formula).
    const MannWhitney ties = mannWhitneyU({1, 2, 2, 3, 4, 5}, {2, 3, 4, 5, 6, 7, 8, 9, 9});
    EXPECT_FALSE(ties.exact);
    EXPECT_DOUBLE_EQ(ties.u, 8.5);
    EXPECT_NEAR(ties.pValue, 0.0326275, 1e-6);
    EXPECT_DOUBLE_EQ(mannWhitneyU({1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1, 1}).pValue, 1.0);
    EXPECT_DOUBLE_EQ(mannWhitneyU({}, {1.0}).pValue, 1.0);
}

TEST(Comparison, AnExperimentAgainstItselfShowsNoSignificantDifference)
{
    const Experiment experiment = experimentOf(1.0, 5);
    const ExperimentComparison comparison = compareRuns(experiment, experiment, QStringLiteral("same.json"));
    ASSERT_EQ(comparison.groups.size(), 2U);
    for (const GroupComparison& group : comparison.groups) {
        EXPECT_DOUBLE_EQ(group.ratio, 1.0);
        EXPECT_TRUE(group.enoughSamples());
        EXPECT_FALSE(group.significant());
        EXPECT_EQ(group.verdict(), QStringLiteral("no significant difference"));
    }
    EXPECT_FALSE(comparison.otherMachine());
    EXPECT_FALSE(comparison.otherBuild());
}

TEST(Comparison, ATwiceSlowerBuildIsSignificantAndAFasterOneToo)
{
    const ExperimentComparison slower = compareRuns(experimentOf(1.0, 5), experimentOf(2.0, 5));
    ASSERT_EQ(slower.groups.size(), 2U);
    for (const GroupComparison& group : slower.groups) {
        EXPECT_NEAR(group.ratio, 2.0, 0.05);
        EXPECT_TRUE(group.significant());
        EXPECT_EQ(group.verdict(), QStringLiteral("slower"));
        EXPECT_LE(group.ratioLow, group.ratio);
        EXPECT_GE(group.ratioHigh, group.ratio);
    }
    const ExperimentComparison faster = compareRuns(experimentOf(1.0, 5), experimentOf(0.5, 5));
    EXPECT_EQ(faster.groups.front().verdict(), QStringLiteral("faster"));
}

TEST(Comparison, BenjaminiHochbergAdjustsEachPForHowManyWereTested)
{
    // By hand: sorted p 0.01, 0.02, 0.03, 0.5 of m = 4 give 0.04, 0.04, 0.04, 0.5 (each p·m/rank, then
    // the smallest of those from its rank up), back in the order given.
    const std::vector<double> adjusted = benjaminiHochberg({0.03, 0.5, 0.01, 0.02});
    ASSERT_EQ(adjusted.size(), 4U);
    EXPECT_NEAR(adjusted[0], 0.04, 1e-12);
    EXPECT_NEAR(adjusted[1], 0.5, 1e-12);
    EXPECT_NEAR(adjusted[2], 0.04, 1e-12);
    EXPECT_NEAR(adjusted[3], 0.04, 1e-12);
    EXPECT_EQ(benjaminiHochberg({0.9, 0.95}), (std::vector<double> {0.95, 0.95}));
    EXPECT_TRUE(benjaminiHochberg({}).empty());
}

TEST(Comparison, OneChanceDifferenceAmongManyGroupsIsNotDeclared)
{
    // Eighteen groups, like a default run's: seventeen the same, one whose samples happen to be
    // shifted by one ordering (p = 0.016 alone, below 0.05, as a build against itself gave once).
    // Adjusted for the eighteen tested, it is no difference; a real one, in every group, still is.
    Experiment before;
    Experiment same;
    for (int set = 0; set < 18; ++set) {
        const NumberSet numbers {20 + set};
        for (int rep = 0; rep < 5; ++rep) {
            before.runs.push_back(runOf(QStringLiteral("serial"), numbers, 1, 0.010 + 0.0001 * rep));
            const bool shifted = set == 7;
            same.runs.push_back(
                runOf(QStringLiteral("serial"), numbers, 1, 0.010 + 0.0001 * rep + (shifted ? 0.00035 : 0.00005)));
        }
    }
    const ExperimentComparison chance = compareRuns(before, same);
    ASSERT_EQ(chance.groups.size(), 18U);
    EXPECT_LT(chance.groups[7].test->pValue, 0.05);
    EXPECT_GE(chance.groups[7].adjustedPValue, 0.05);
    for (const GroupComparison& group : chance.groups)
        EXPECT_EQ(group.verdict(), QStringLiteral("no significant difference")) << group.test->pValue;
    EXPECT_TRUE(comparisonNotes(chance).contains(QStringLiteral("adjusted for the 18 groups tested")))
        << comparisonNotes(chance).toStdString();

    Experiment slower = before;
    for (SetRun& run : slower.runs)
        run.wallSeconds *= 2.0;
    for (const GroupComparison& group : compareRuns(before, slower).groups)
        EXPECT_EQ(group.verdict(), QStringLiteral("slower"));
}

TEST(Comparison, BelowFiveRepetitionsItSaysTooFewSamples)
{
    const ExperimentComparison comparison = compareRuns(experimentOf(1.0, 4), experimentOf(2.0, 5));
    ASSERT_EQ(comparison.groups.size(), 2U);
    EXPECT_FALSE(comparison.groups.front().enoughSamples());
    EXPECT_EQ(comparison.groups.front().verdict(), QStringLiteral("too few samples"));
    EXPECT_NEAR(comparison.groups.front().ratio, 2.0, 0.05); // the ratio is still shown
}

TEST(Comparison, GroupsMeetOnlyWithTheSameNumbersStrategyAndWorkers)
{
    Experiment other = experimentOf(1.0, 5, QStringLiteral("cpu B"));
    for (SetRun& run : other.runs) {
        if (run.strategy == QStringLiteral("pool"))
            run.poolSize = 3; // another pool size: not the same group
    }
    const ExperimentComparison comparison = compareRuns(experimentOf(1.0, 5), other);
    ASSERT_EQ(comparison.groups.size(), 1U);
    EXPECT_EQ(comparison.groups.front().strategy, QStringLiteral("serial"));
    EXPECT_EQ(comparison.onlyInBaseline, 1);
    EXPECT_EQ(comparison.onlyInCurrent, 1);
    EXPECT_TRUE(comparison.otherMachine());
}

TEST(Comparison, ReadsEachGroupFromTheTwoSummaries)
{
    const Experiment before = experimentOf(1.0, 5);
    const Experiment after = experimentOf(2.0, 5);
    const ExperimentSummary beforeSummary = summarizeExperiment(before);
    const ExperimentSummary afterSummary = summarizeExperiment(after);
    const ExperimentComparison comparison = compareExperiments(beforeSummary, afterSummary, QStringLiteral("b.json"));
    EXPECT_EQ(comparison.baselineName, QStringLiteral("b.json"));
    EXPECT_EQ(comparison.baselineVersion, QStringLiteral("1.0.0"));
    EXPECT_EQ(comparison.current.cpu, QStringLiteral("cpu A"));
    ASSERT_EQ(comparison.groups.size(), 2U);
    for (const GroupComparison& group : comparison.groups) {
        const GroupSummary* was = beforeSummary.findGroup(group.numbers, group.strategy, group.workers);
        const GroupSummary* now = afterSummary.findGroup(group.numbers, group.strategy, group.workers);
        ASSERT_NE(was, nullptr);
        ASSERT_NE(now, nullptr);
        // One source: the medians are the summaries', the test runs on the samples they keep.
        EXPECT_EQ(group.before.median, was->wall.median);
        EXPECT_EQ(group.after.median, now->wall.median);
        EXPECT_EQ(group.ratio, now->wall.median / was->wall.median);
        const RatioInterval interval = ratioInterval(now->wall, was->wall);
        EXPECT_EQ(group.ratioLow, interval.low);
        EXPECT_EQ(group.ratioHigh, interval.high);
        ASSERT_TRUE(group.test.has_value());
        EXPECT_EQ(group.test->pValue, mannWhitneyU(now->wallSamples, was->wallSamples).pValue);
    }
}

TEST(Comparison, ListsGroupsInTheOrderTheyWereMeasuredAndSkipsFailedOnes)
{
    Experiment before = experimentOf(1.0, 5);
    Experiment after;
    after.runs.push_back(runOf(QStringLiteral("pool"), {20, 18}, 2, 0.006));
    after.runs.push_back(runOf(QStringLiteral("serial"), {20, 18}, 1, 0.010));
    SetRun failed = runOf(QStringLiteral("threads"), {20, 18}, 2, 0.0);
    failed.error = QStringLiteral("boom");
    after.runs.push_back(failed);
    before.runs.push_back(failed);
    const ExperimentComparison comparison = compareRuns(before, after);
    ASSERT_EQ(comparison.groups.size(), 2U);
    EXPECT_EQ(comparison.groups[0].strategy, QStringLiteral("pool")); // measured first, though serial sorts first
    EXPECT_EQ(comparison.groups[1].strategy, QStringLiteral("serial"));
    EXPECT_EQ(comparison.onlyInBaseline, 0); // a group with failed runs only is measured on neither side
    EXPECT_EQ(comparison.onlyInCurrent, 0);
}
