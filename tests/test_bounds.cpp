#include "core/analysis/bounds.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

using namespace calcprof;

namespace {
constexpr auto kInOrder = ScheduleModel::WholeTasksInSetOrder;
// Set 3's tasks in units of task 38: fibo work grows by the golden ratio per step, so 40 and 42 are
// phi^2 and phi^4 times task 38.
const std::vector<double> kSet3 {2.618034, 1.0, 6.854102}; // 40, 38, 42
const NumberSet kSet3Numbers {40, 38, 42};

// Set 3 at exactly one nanosecond per call, so every estimate below is exact.
std::vector<double> set3AtOneNanosecondPerCall()
{
    std::vector<double> seconds;
    for (const int n : kSet3Numbers)
        seconds.push_back(static_cast<double>(taskCalls(n)) * 1e-9);
    return seconds;
}
} // namespace

TEST(ScheduleSimulator, OneWorkerRunsTheTasksBackToBack)
{
    EXPECT_DOUBLE_EQ(simulateMakespan({1.0, 2.0, 3.0}, 1, 2), 6.0);
}

TEST(ScheduleSimulator, TwoWorkersInSetOrderStartTask42Last)
{
    // 40 and 38 start; 38 ends at 1, then 42 runs from 1 to 7.854: speedup 10.47 / 7.85 = 1.33x.
    EXPECT_NEAR(simulateMakespan(kSet3, 2, 2), 1.0 + 6.854102, 1e-9);
    EXPECT_NEAR(speedupBounds(kSet3, kSet3Numbers, kInOrder, 2, 2).schedule, 1.333, 1e-3);
}

TEST(ScheduleSimulator, MoreWorkersThanCoresShareTheCores)
{
    // Three tasks on two cores at 2/3 speed each: 38 ends at 1.5; then two tasks at full speed, and 42
    // (5.854 left) ends at 7.354: 1.42x.
    EXPECT_NEAR(simulateMakespan(kSet3, 3, 2), 1.5 + 5.854102, 1e-9);
    EXPECT_NEAR(speedupBounds(kSet3, kSet3Numbers, kInOrder, 3, 2).schedule, 1.424, 1e-3);
}

TEST(ScheduleSimulator, MoreWorkersThanTasksChangeNothing)
{
    EXPECT_DOUBLE_EQ(simulateMakespan(kSet3, 3, 2), simulateMakespan(kSet3, 8, 2));
}

TEST(ScheduleSimulator, EqualTasksOnEnoughCoresFinishTogether)
{
    EXPECT_DOUBLE_EQ(simulateMakespan({2.0, 2.0, 2.0, 2.0}, 4, 4), 2.0);
    // Four equal tasks, four workers, two cores: all at half speed.
    EXPECT_DOUBLE_EQ(simulateMakespan({2.0, 2.0, 2.0, 2.0}, 4, 2), 4.0);
}

TEST(SpeedupBounds, OneDominantTaskCapsEveryBound)
{
    // Set 2: task 40 is 91 % of the work.
    const std::vector<double> tasks {0.0902, 0.0081, 0.0007, 1.0};
    const SpeedupBounds bounds = speedupBounds(tasks, {}, kInOrder, 4, 2);
    EXPECT_DOUBLE_EQ(bounds.ideal, 2.0);
    EXPECT_NEAR(bounds.wholeTask, 1.099, 1e-3);
    EXPECT_LE(bounds.schedule, bounds.wholeTask + 1e-12);
}

TEST(SpeedupBounds, WholeTaskBoundOfSet3OnTwoAndSixteenCores)
{
    EXPECT_NEAR(speedupBounds(kSet3, kSet3Numbers, kInOrder, 3, 2).wholeTask, 10.472136 / 6.854102, 1e-6); // 1.53x
    const SpeedupBounds sixteen = speedupBounds(kSet3, kSet3Numbers, kInOrder, 16, 16);
    EXPECT_DOUBLE_EQ(sixteen.ideal, 16.0);
    EXPECT_NEAR(sixteen.wholeTask, 1.528, 1e-3); // more cores change nothing: task 42 is the limit
    EXPECT_NEAR(sixteen.schedule, 1.528, 1e-3);
}

TEST(SpeedupBounds, OneWorkerIsNoFasterThanSerial)
{
    const SpeedupBounds bounds = speedupBounds(kSet3, kSet3Numbers, kInOrder, 1, 2);
    EXPECT_DOUBLE_EQ(bounds.ideal, 1.0);
    EXPECT_DOUBLE_EQ(bounds.wholeTask, 1.0);
    EXPECT_NEAR(bounds.schedule, 1.0, 1e-12);
}

TEST(SpeedupBounds, NoWorkAtAllGivesTheIdeal)
{
    const SpeedupBounds bounds = speedupBounds({0.0, 0.0}, {}, kInOrder, 2, 2);
    EXPECT_DOUBLE_EQ(bounds.wholeTask, 2.0);
    EXPECT_DOUBLE_EQ(bounds.schedule, 2.0);
}

TEST(WorkUnits, ItemsGoLargestFirstAndAddUpToTheTasks)
{
    const std::vector<double> tasks = set3AtOneNanosecondPerCall();
    const std::vector<double> items = workUnits(tasks, kSet3Numbers, ScheduleModel::ItemsLargestFirst);
    ASSERT_EQ(items.size(), 40U + 38U + 42U);
    EXPECT_TRUE(std::is_sorted(items.rbegin(), items.rend()));
    EXPECT_NEAR(items.front(), static_cast<double>(fiboCalls(41)) * 1e-9, 1e-12); // fibo(41) of task 42
    EXPECT_NEAR(
        std::accumulate(items.begin(), items.end(), 0.0), std::accumulate(tasks.begin(), tasks.end(), 0.0), 1e-9);
    EXPECT_EQ(workUnits(tasks, kSet3Numbers, kInOrder), tasks);
}

TEST(SpeedupBounds, ItemsLiftTheWholeTaskBoundOfSet3)
{
    const std::vector<double> tasks = set3AtOneNanosecondPerCall();
    const double total = std::accumulate(tasks.begin(), tasks.end(), 0.0);
    // Task 42 is 65 % of the work, its largest item fibo(41) 38 % of the task: 25 % of the set.
    const SpeedupBounds sixteen = speedupBounds(tasks, kSet3Numbers, ScheduleModel::ItemsLargestFirst, 16, 16);
    EXPECT_NEAR(sixteen.wholeTask, 1.528, 1e-3);
    EXPECT_NEAR(sixteen.unit, total / (static_cast<double>(fiboCalls(41)) * 1e-9), 1e-9);
    EXPECT_NEAR(sixteen.unit, 4.0, 0.05); // why mapped stops near 4x on 16 cores
    EXPECT_LE(sixteen.schedule, sixteen.unit + 1e-9);
    // On 2 cores the items fill both: largest first leaves only small items for the end.
    const SpeedupBounds two = speedupBounds(tasks, kSet3Numbers, ScheduleModel::ItemsLargestFirst, 2, 2);
    EXPECT_DOUBLE_EQ(two.unit, 2.0);
    EXPECT_GT(two.schedule, 1.99);
    EXPECT_LE(two.schedule, 2.0 + 1e-9);
}

TEST(SpeedupBounds, ASplitRecursionIsBoundedByTheCoresOnly)
{
    const std::vector<double> tasks = set3AtOneNanosecondPerCall();
    const SpeedupBounds sixteen = speedupBounds(tasks, kSet3Numbers, ScheduleModel::SplitRecursion, 16, 16);
    EXPECT_NEAR(sixteen.wholeTask, 1.528, 1e-3);
    EXPECT_DOUBLE_EQ(sixteen.unit, 16.0); // the largest leaf is 0.3 ms of 10 s
    EXPECT_DOUBLE_EQ(sixteen.schedule, sixteen.unit);
    // A set of small tasks (none splits): each task's items are one unit, the whole-task bound again.
    const NumberSet small {20, 10};
    const std::vector<double> smallTasks {
        static_cast<double>(taskCalls(20)) * 1e-9, static_cast<double>(taskCalls(10)) * 1e-9};
    const SpeedupBounds unsplit = speedupBounds(smallTasks, small, ScheduleModel::SplitRecursion, 2, 2);
    EXPECT_DOUBLE_EQ(unsplit.unit, unsplit.wholeTask);
}

TEST(SpeedupBounds, WholeTasksAreTheirOwnUnit)
{
    const SpeedupBounds bounds = speedupBounds(kSet3, kSet3Numbers, kInOrder, 3, 2);
    EXPECT_DOUBLE_EQ(bounds.unit, bounds.wholeTask);
    EXPECT_STREQ(workUnitName(kInOrder), "task");
    EXPECT_STREQ(workUnitName(ScheduleModel::ItemsLargestFirst), "item");
    EXPECT_STREQ(workUnitName(ScheduleModel::SplitRecursion), "leaf");
}

TEST(ScheduleSimulator, OrderSpeedupIsTheTotalOverTheMakespanOfThatOrder)
{
    // 2 workers, set order 1, 1, 4: the 4 starts at 1 and ends at 5, total 6 → 1.2x; largest first
    // (4, 1, 1) ends at 4 → 1.5x.
    EXPECT_DOUBLE_EQ(orderSpeedup({1.0, 1.0, 4.0}, 2, 2), 6.0 / 5.0);
    EXPECT_DOUBLE_EQ(orderSpeedup({4.0, 1.0, 1.0}, 2, 2), 6.0 / 4.0);
    EXPECT_DOUBLE_EQ(orderSpeedup({}, 2, 2), 1.0); // no work
}
