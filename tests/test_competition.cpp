#include "core/analysis/competition.h"

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

/// A run of one second during which other processes used `otherCpuSeconds` of the CPU.
SetRun runWithOthers(double otherCpuSeconds, const QString& strategy = QStringLiteral("pool"))
{
    SetRun run;
    run.strategy = strategy;
    run.setIndex = 3;
    run.poolSize = 4;
    run.repetition = 2;
    run.wallSeconds = 1.0;
    run.otherProcessesCpuSeconds = otherCpuSeconds;
    return run;
}

} // namespace

TEST(Competition, NoneBelowTheThresholdOrUnknown)
{
    SetRun unknown = runWithOthers(1.0);
    unknown.otherProcessesCpuSeconds = -1.0;
    const Competition competition = findCompetition({runWithOthers(0.1), unknown}, 2); // 5 %, unknown
    EXPECT_TRUE(competition.runs.isEmpty());
    EXPECT_TRUE(competition.warning.isEmpty());
}

TEST(Competition, OneLinePerRunAndAWarningWithTheWorstShare)
{
    const Competition competition
        = findCompetition({runWithOthers(0.46), runWithOthers(0.1), runWithOthers(0.3, QStringLiteral("threads"))}, 2);
    EXPECT_EQ(competition.runs,
        (QStringList {
            QStringLiteral("Other processes took 23 % of the CPU during 'pool' on set 3 (4 workers, repetition 2)"),
            QStringLiteral(
                "Other processes took 15 % of the CPU during 'threads' on set 3 (4 workers, repetition 2)")}));
    EXPECT_EQ(competition.warning,
        QStringLiteral("Other processes took up to 23 % of the CPU during 2 runs: rerun on a quieter machine"));
    EXPECT_EQ(findCompetition({runWithOthers(0.3)}, 2).warning,
        QStringLiteral("Other processes took up to 15 % of the CPU during 1 run: rerun on a quieter machine"));
}
