#include "core/analysis/costs.h"

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

GroupSummary groupOf(int workers, double median, std::optional<double> schedule = std::nullopt)
{
    GroupSummary group;
    group.workers = workers;
    group.wall.count = 5;
    group.wall.median = median;
    if (schedule) {
        group.bounds = SpeedupBounds {};
        group.bounds->schedule = *schedule;
    }
    return group;
}

} // namespace

TEST(Costs, FixedCostIsTheTimeBeyondTheModelScheduleOfTheWork)
{
    const GroupSummary serial = groupOf(1, 0.010);
    EXPECT_DOUBLE_EQ(fixedCost(groupOf(2, 0.025, 2.0), serial), 0.020); // 25 ms - 10 ms / 2
    EXPECT_DOUBLE_EQ(fixedCost(groupOf(2, 0.025), serial), 0.015); // without bounds: against serial itself
    EXPECT_DOUBLE_EQ(fixedCost(groupOf(2, 0.004, 2.0), serial), 0.0); // never below 0
}

TEST(Costs, BreakEvenIsWhereTheSavedWorkPaysTheFixedCost)
{
    const GroupSummary serial = groupOf(1, 0.010);
    // cost 20 ms, s = min(4 workers, 2 cores) = 2: w / 2 + 0.020 < w from w = 0.040 on.
    const BreakEven point = breakEven(groupOf(4, 0.025, 2.0), serial, 2);
    EXPECT_DOUBLE_EQ(point.fixedCost, 0.020);
    EXPECT_DOUBLE_EQ(point.bestSpeedup, 2.0);
    EXPECT_TRUE(point.possible());
    EXPECT_DOUBLE_EQ(point.serialWork, 0.040);

    const BreakEven never = breakEven(groupOf(1, 0.025), serial, 8);
    EXPECT_FALSE(never.possible());
    EXPECT_DOUBLE_EQ(never.serialWork, 0.0);
}
