#include "core/bounds.h"

#include <gtest/gtest.h>

using namespace calcprof;

namespace {
constexpr auto kInOrder = ScheduleModel::WholeTasksInSetOrder;
// Set 3's tasks in units of task 38: fibo work grows by the golden ratio per step, so 40 and 42 are
// phi^2 and phi^4 times task 38.
const std::vector<double> kSet3 {2.618034, 1.0, 6.854102}; // 40, 38, 42
} // namespace

TEST(ScheduleSimulator, OneWorkerRunsTheTasksBackToBack)
{
    EXPECT_DOUBLE_EQ(simulateMakespan({1.0, 2.0, 3.0}, kInOrder, 1, 2), 6.0);
}

TEST(ScheduleSimulator, TwoWorkersInSetOrderStartTask42Last)
{
    // 40 and 38 start; 38 ends at 1, then 42 runs from 1 to 7.854: speedup 10.47 / 7.85 = 1.33x.
    EXPECT_NEAR(simulateMakespan(kSet3, kInOrder, 2, 2), 1.0 + 6.854102, 1e-9);
    EXPECT_NEAR(speedupBounds(kSet3, kInOrder, 2, 2).schedule, 1.333, 1e-3);
}

TEST(ScheduleSimulator, MoreWorkersThanCoresShareTheCores)
{
    // Three tasks on two cores at 2/3 speed each: 38 ends at 1.5; then two tasks at full speed, and 42
    // (5.854 left) ends at 7.354: 1.42x.
    EXPECT_NEAR(simulateMakespan(kSet3, kInOrder, 3, 2), 1.5 + 5.854102, 1e-9);
    EXPECT_NEAR(speedupBounds(kSet3, kInOrder, 3, 2).schedule, 1.424, 1e-3);
}

TEST(ScheduleSimulator, MoreWorkersThanTasksChangeNothing)
{
    EXPECT_DOUBLE_EQ(simulateMakespan(kSet3, kInOrder, 3, 2), simulateMakespan(kSet3, kInOrder, 8, 2));
}

TEST(ScheduleSimulator, EqualTasksOnEnoughCoresFinishTogether)
{
    EXPECT_DOUBLE_EQ(simulateMakespan({2.0, 2.0, 2.0, 2.0}, kInOrder, 4, 4), 2.0);
    // Four equal tasks, four workers, two cores: all at half speed.
    EXPECT_DOUBLE_EQ(simulateMakespan({2.0, 2.0, 2.0, 2.0}, kInOrder, 4, 2), 4.0);
}

TEST(SpeedupBounds, OneDominantTaskCapsEveryBound)
{
    // Set 2: task 40 is 91 % of the work.
    const std::vector<double> tasks {0.0902, 0.0081, 0.0007, 1.0};
    const SpeedupBounds bounds = speedupBounds(tasks, kInOrder, 4, 2);
    EXPECT_DOUBLE_EQ(bounds.ideal, 2.0);
    EXPECT_NEAR(bounds.wholeTask, 1.099, 1e-3);
    EXPECT_LE(bounds.schedule, bounds.wholeTask + 1e-12);
}

TEST(SpeedupBounds, WholeTaskBoundOfSet3OnTwoAndSixteenCores)
{
    EXPECT_NEAR(speedupBounds(kSet3, kInOrder, 3, 2).wholeTask, 10.472136 / 6.854102, 1e-6); // 1.53x
    const SpeedupBounds sixteen = speedupBounds(kSet3, kInOrder, 16, 16);
    EXPECT_DOUBLE_EQ(sixteen.ideal, 16.0);
    EXPECT_NEAR(sixteen.wholeTask, 1.528, 1e-3); // more cores change nothing: task 42 is the limit
    EXPECT_NEAR(sixteen.schedule, 1.528, 1e-3);
}

TEST(SpeedupBounds, OneWorkerIsNoFasterThanSerial)
{
    const SpeedupBounds bounds = speedupBounds(kSet3, kInOrder, 1, 2);
    EXPECT_DOUBLE_EQ(bounds.ideal, 1.0);
    EXPECT_DOUBLE_EQ(bounds.wholeTask, 1.0);
    EXPECT_NEAR(bounds.schedule, 1.0, 1e-12);
}

TEST(SpeedupBounds, NoWorkAtAllGivesTheIdeal)
{
    const SpeedupBounds bounds = speedupBounds({0.0, 0.0}, kInOrder, 2, 2);
    EXPECT_DOUBLE_EQ(bounds.wholeTask, 2.0);
    EXPECT_DOUBLE_EQ(bounds.schedule, 2.0);
}
