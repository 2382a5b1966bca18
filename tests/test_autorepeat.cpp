#include "core/analysis/autorepeat.h"
#include "core/exec/experimentrunner.h"
#include "core/exec/workload.h"
#include "core/io/resultsjson.h"
#include "core/io/resultsjsonreader.h"

#include <QBuffer>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace calcprof;
using namespace std::chrono_literals;

namespace {

SetRun runOf(const QString& strategy, int workers, double seconds, bool ok = true)
{
    SetRun run;
    run.strategy = strategy;
    run.setIndex = 1;
    run.poolSize = workers;
    run.wallSeconds = seconds;
    if (!ok)
        run.error = QStringLiteral("worker crashed");
    return run;
}

/// A plan of one set of two tasks, serial and pool with 2 workers, under --repeat auto.
ExperimentPlan autoPlan(double precision, double maxSeconds)
{
    ExperimentPlan plan;
    plan.sets = {{5, 6}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.poolSizes = {2};
    plan.warmup = 0;
    plan.repeat = kMinAutoRepeat;
    plan.autoRepeat = {true, precision, maxSeconds};
    plan.retryDisturbed = 0; // the rounds are counted exactly: no disturbed run measured again
    return plan;
}

/// A runner whose every task sleeps `sleep`: each run's time is known to a few milliseconds.
ExperimentRunner sleepingRunner(std::chrono::milliseconds sleep)
{
    ExperimentRunner runner;
    runner.setTaskFunction([sleep](int n, const std::atomic<bool>& /*stop*/) {
        std::this_thread::sleep_for(sleep);
        return referenceTaskValues(n);
    });
    return runner;
}

} // namespace

TEST(AutoRepeat, PrecisionIsTheFartherEndOfTheMediansIntervalRelativeToIt)
{
    Summary wall;
    wall.count = 5;
    wall.median = 2.0;
    wall.ciLow = 1.9;
    wall.ciHigh = 2.3;
    EXPECT_DOUBLE_EQ(relativePrecision(wall), 0.15);
    EXPECT_TRUE(std::isinf(relativePrecision(Summary {})));
}

TEST(AutoRepeat, OnlyGroupsWiderThanThePrecisionAreImpreciseAndFailedRunsDoNotCount)
{
    std::vector<SetRun> runs;
    for (const double seconds : {1.00, 1.01, 0.99, 1.00, 1.02}) // within ±2 %
        runs.push_back(runOf(QStringLiteral("serial"), 1, seconds));
    for (const double seconds : {1.0, 1.5, 0.7, 1.2, 0.9}) // ±50 %
        runs.push_back(runOf(QStringLiteral("pool"), 2, seconds));
    runs.push_back(runOf(QStringLiteral("pool"), 3, 1.0, false)); // nothing to make precise
    SetRun otherSet = runOf(QStringLiteral("threads"), 2, 9.0);
    otherSet.setIndex = 2;
    runs.push_back(otherSet);

    const std::vector<ImpreciseGroup> imprecise = impreciseGroups(runs, 1, 0.03);
    ASSERT_EQ(imprecise.size(), 1U);
    EXPECT_EQ(imprecise[0].strategy, QStringLiteral("pool"));
    EXPECT_EQ(imprecise[0].workers, 2);
    EXPECT_NEAR(imprecise[0].precision, 0.5, 1e-9);
    EXPECT_TRUE(impreciseGroups(runs, 1, 0.6).empty());
}

TEST(AutoRepeat, StopsWhenPreciseOrWhenAnotherRoundWouldPassTheBudgetOrAtTheCap)
{
    const AutoRepeat policy {true, 0.03, 10.0};
    EXPECT_EQ(roundsStopAfter(policy, 5, 9.9, true), RoundsStop::Precise);
    EXPECT_EQ(roundsStopAfter(policy, 5, 4.0, false), std::nullopt); // the next round ends at 4.8 s
    EXPECT_EQ(roundsStopAfter(policy, 5, 9.0, false), RoundsStop::TimeBudget); // it would end at 10.8 s
    EXPECT_EQ(roundsStopAfter(policy, kMaxRepeat, 1.0, false), RoundsStop::RoundCap);
}

TEST(AutoRepeat, TheRunnerStopsAtTheLeastRoundsWhenTheyArePrecise)
{
    // 50 ms a task, so a run is 50-100 ms: within ±50 % unless a sleep overshoots by 25 ms or more.
    const Experiment experiment = sleepingRunner(50ms).run(autoPlan(kMaxPrecision, 60.0), std::atomic<bool> {false});
    ASSERT_EQ(experiment.setRounds.size(), 1U);
    EXPECT_EQ(experiment.setRounds[0].stop, RoundsStop::Precise);
    const int rounds = experiment.setRounds[0].rounds;
    EXPECT_EQ(experiment.runs.size(), static_cast<std::size_t>(2 * rounds));
    // On a quiet machine that is the least rounds; on a loaded one a late wake-up may widen the interval
    // for a round or two. Either way the runner stopped after the first round that was precise.
    const auto firstRounds = [&experiment](int count) {
        return std::vector<SetRun>(experiment.runs.begin(), experiment.runs.begin() + 2 * count);
    };
    EXPECT_TRUE(impreciseGroups(firstRounds(rounds), 1, kMaxPrecision).empty());
    for (int earlier = kMinAutoRepeat; earlier < rounds; ++earlier)
        EXPECT_FALSE(impreciseGroups(firstRounds(earlier), 1, kMaxPrecision).empty()) << earlier << " rounds";
}

TEST(AutoRepeat, TheRunnerAddsRoundsUntilTheBudgetAndSaysWhyItStopped)
{
    // ±0.1 % of a sleep of 2 ms is 2 µs: never reached, so rounds go on until the 1 s budget.
    const AutoRepeat policy {true, kMinPrecision, 1.0};
    const Experiment experiment
        = sleepingRunner(2ms).run(autoPlan(policy.precision, policy.maxSecondsPerSet), std::atomic<bool> {false});
    ASSERT_EQ(experiment.setRounds.size(), 1U);
    const SetRounds& rounds = experiment.setRounds[0];
    EXPECT_EQ(rounds.stop, RoundsStop::TimeBudget);
    EXPECT_GT(rounds.rounds, kMinAutoRepeat);
    EXPECT_LE(rounds.seconds, 1.0 + 2.0 * rounds.seconds / rounds.rounds); // at most about one round over
    EXPECT_EQ(experiment.runs.size(), static_cast<std::size_t>(2 * rounds.rounds));
    EXPECT_EQ(experiment.runs.back().repetition, rounds.rounds - 1);

    const QStringList lines = autoRepeatLines(summarizeExperiment(experiment));
    ASSERT_EQ(lines.size(), 1);
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("set 1: %1 rounds in ").arg(rounds.rounds)))
        << lines[0].toStdString();
    // With a hundred rounds of a sleep one group may reach ±0.1 % by chance: the line names exactly the
    // groups that did not, whichever they are.
    const std::vector<ImpreciseGroup> imprecise = impreciseGroups(experiment.runs, 1, kMinPrecision);
    ASSERT_FALSE(imprecise.empty());
    EXPECT_TRUE(lines[0].contains(
        QStringLiteral("the 1 s budget ran out with %1 of 2 groups not within ±0.1 %").arg(imprecise.size())))
        << lines[0].toStdString();
    for (const ImpreciseGroup& group : imprecise)
        EXPECT_TRUE(lines[0].contains(QStringLiteral("%1 %2 worker").arg(group.strategy).arg(group.workers)))
            << lines[0].toStdString();
}

TEST(AutoRepeat, WithoutItTheRunnerRunsExactlyTheRepeatAndRecordsNoRounds)
{
    ExperimentPlan plan = autoPlan(kMaxPrecision, 60.0);
    plan.autoRepeat.enabled = false;
    plan.repeat = 2;
    const Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false});
    EXPECT_TRUE(experiment.setRounds.empty());
    EXPECT_EQ(experiment.runs.size(), 4U);
    EXPECT_TRUE(autoRepeatLines(summarizeExperiment(experiment)).isEmpty());
}

TEST(AutoRepeat, ThePolicyAndTheRoundsSurviveTheJson)
{
    Experiment experiment = ExperimentRunner().run(autoPlan(0.25, 2.0), std::atomic<bool> {false});
    experiment.setRounds = {{1, 7, 1.5, RoundsStop::TimeBudget}};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    ASSERT_TRUE(buffer.open(QIODevice::WriteOnly));
    ASSERT_TRUE(writeJson(experiment, buffer));
    const ExperimentRead read = experimentFromJson(bytes, QStringLiteral("auto.json"));
    ASSERT_TRUE(read.error.isEmpty()) << read.error.toStdString();
    EXPECT_EQ(read.experiment.plan.autoRepeat, experiment.plan.autoRepeat);
    EXPECT_EQ(read.experiment.setRounds, experiment.setRounds);

    // A stop reason it does not know is refused, with the field named.
    QByteArray bad = bytes;
    bad.replace("\"time budget\"", "\"bored\"");
    const ExperimentRead refused = experimentFromJson(bad, QStringLiteral("auto.json"));
    EXPECT_TRUE(refused.error.contains(QStringLiteral("set_rounds[0].stop"))) << refused.error.toStdString();
}
