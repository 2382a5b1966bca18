#include "core/analysis/timeline.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

SetRun run(std::vector<TaskTiming> tasks, double wallSeconds)
{
    SetRun result;
    result.strategy = QStringLiteral("pool");
    result.setIndex = 3;
    for (const TaskTiming& timing : tasks)
        result.numbers.push_back(timing.n);
    result.poolSize = 2;
    result.wallSeconds = wallSeconds;
    result.tasks = std::move(tasks);
    return result;
}

} // namespace

// Pool(2).map on set 3: 40 and 38 start at once, 42 waits for 38's worker; the other lane idles
// from the end of 40 until the end of 42. Times are binary fractions so the sums are exact.
TEST(Timeline, TwoWorkersOnSetThreeShowTheLastTaskStartingLate)
{
    const RunTimeline timeline
        = timelineOf(run({test::taskTiming(40, 1, 0.125, 2.125), test::taskTiming(38, 2, 0.125, 1.125),
                             test::taskTiming(42, 2, 1.125, 6.125)},
            6.25));

    RunTimeline expected;
    expected.lanes = {{1, 2.0, 4.25}, {2, 6.0, 0.25}};
    expected.bars = {{0, 40, 0, 0.125, 2.125}, {1, 38, 1, 0.125, 1.125}, {1, 42, 2, 1.125, 6.125}};
    expected.wallSeconds = 6.25;
    expected.firstTaskSeconds = 0.125;
    expected.tailSeconds = 0.125;
    expected.workSeconds = 8.0;
    expected.idleSeconds = 4.5; // 2 lanes x 6.25 s minus 8 s of work
    expected.longestTaskN = 42;
    expected.longestTaskSeconds = 5.0;
    EXPECT_EQ(timeline, expected);
}

TEST(Timeline, LanesAreSortedByWorkerAndBarsStayInSetOrder)
{
    // Worker 3 ran the first task of the set: bars keep set order, lanes follow the worker ids.
    const RunTimeline timeline = timelineOf(run(
        {test::taskTiming(5, 3, 0.0, 1.0), test::taskTiming(7, 1, 0.0, 2.0), test::taskTiming(4, 2, 0.5, 1.0)}, 2.0));
    ASSERT_EQ(timeline.lanes.size(), 3U);
    EXPECT_EQ(timeline.lanes[0].worker, 1);
    EXPECT_EQ(timeline.lanes[1].worker, 2);
    EXPECT_EQ(timeline.lanes[2].worker, 3);
    ASSERT_EQ(timeline.bars.size(), 3U);
    EXPECT_EQ(timeline.bars[0].n, 5);
    EXPECT_EQ(timeline.bars[0].lane, 2);
    EXPECT_EQ(timeline.bars[1].lane, 0);
    EXPECT_EQ(timeline.bars[2].lane, 1);
    EXPECT_EQ(timeline.bars[2].taskIndex, 2);
    EXPECT_DOUBLE_EQ(timeline.idleSeconds, 3.0 * 2.0 - 3.5);
    // The lanes' idle times add up to the run's.
    double idle = 0.0;
    for (const TimelineLane& lane : timeline.lanes)
        idle += lane.idleSeconds;
    EXPECT_DOUBLE_EQ(idle, timeline.idleSeconds);
}

TEST(Timeline, SingleTaskIsOneLaneWithStartUpAndTail)
{
    const RunTimeline timeline = timelineOf(run({test::taskTiming(10, 1, 0.25, 0.75)}, 1.0));
    ASSERT_EQ(timeline.lanes.size(), 1U);
    EXPECT_EQ(timeline.lanes[0], (TimelineLane {1, 0.5, 0.5}));
    ASSERT_EQ(timeline.bars.size(), 1U);
    EXPECT_EQ(timeline.bars[0], (TimelineBar {0, 10, 0, 0.25, 0.75}));
    EXPECT_DOUBLE_EQ(timeline.firstTaskSeconds, 0.25);
    EXPECT_DOUBLE_EQ(timeline.tailSeconds, 0.25);
    EXPECT_DOUBLE_EQ(timeline.idleSeconds, 0.5);
    EXPECT_EQ(timeline.longestTaskN, 10);
    EXPECT_DOUBLE_EQ(timeline.longestTaskSeconds, 0.5);
}

TEST(Timeline, FailedRunWithoutTasksIsAllStartUp)
{
    SetRun failed = run({}, 0.5);
    failed.error = QStringLiteral("strategy 'pool' failed: no threads");
    const RunTimeline timeline = timelineOf(failed);
    EXPECT_TRUE(timeline.lanes.empty());
    EXPECT_TRUE(timeline.bars.empty());
    EXPECT_DOUBLE_EQ(timeline.wallSeconds, 0.5);
    EXPECT_DOUBLE_EQ(timeline.firstTaskSeconds, 0.5);
    EXPECT_DOUBLE_EQ(timeline.tailSeconds, 0.0);
    EXPECT_DOUBLE_EQ(timeline.workSeconds, 0.0);
    EXPECT_DOUBLE_EQ(timeline.idleSeconds, 0.0);
    EXPECT_EQ(timeline.longestTaskN, -1);
}

TEST(Timeline, CancelledRunDrawsOnlyTheTasksThatRan)
{
    // The pool strategy returns one timing per task; those that never started keep worker 0.
    SetRun cancelled = run(
        {test::taskTiming(40, 1, 0.0, 1.5), test::taskTiming(38, 0, 0.0, 0.0), test::taskTiming(42, 0, 0.0, 0.0)}, 1.5);
    cancelled.error = QStringLiteral("cancelled");
    const RunTimeline timeline = timelineOf(cancelled);
    ASSERT_EQ(timeline.lanes.size(), 1U);
    ASSERT_EQ(timeline.bars.size(), 1U);
    EXPECT_EQ(timeline.bars[0].n, 40);
    EXPECT_DOUBLE_EQ(timeline.workSeconds, 1.5);
    EXPECT_DOUBLE_EQ(timeline.idleSeconds, 0.0);
    EXPECT_DOUBLE_EQ(timeline.tailSeconds, 0.0);
}

TEST(Timeline, ZeroWallTimeGivesZerosNotNaN)
{
    // Set 1's smallest tasks can measure 0 s on a coarse clock.
    const RunTimeline timeline
        = timelineOf(run({test::taskTiming(2, 1, 0.0, 0.0), test::taskTiming(3, 1, 0.0, 0.0)}, 0.0));
    ASSERT_EQ(timeline.lanes.size(), 1U);
    EXPECT_EQ(timeline.bars.size(), 2U);
    EXPECT_EQ(timeline.wallSeconds, 0.0);
    EXPECT_EQ(timeline.firstTaskSeconds, 0.0);
    EXPECT_EQ(timeline.tailSeconds, 0.0);
    EXPECT_EQ(timeline.idleSeconds, 0.0);
    EXPECT_EQ(timeline.lanes[0].idleSeconds, 0.0);
    EXPECT_EQ(timeline.longestTaskN, 2); // the first of equals
}

TEST(Timeline, WallNeverEndsBeforeTheLastTask)
{
    // A set run's wall time missing or rounded below its tasks' ends must not give negative tails.
    const RunTimeline timeline
        = timelineOf(run({test::taskTiming(30, 1, 0.0, 1.0), test::taskTiming(35, 2, 0.0, 2.0)}, 1.5));
    EXPECT_DOUBLE_EQ(timeline.wallSeconds, 2.0);
    EXPECT_DOUBLE_EQ(timeline.tailSeconds, 0.0);
    EXPECT_DOUBLE_EQ(timeline.lanes[0].idleSeconds, 1.0);
    EXPECT_DOUBLE_EQ(timeline.idleSeconds, 1.0);
}

// The processes strategy on a small set: worker 1 was ready at 0.5 s and ran both tasks; worker 2
// was still starting when the run ended and was killed. Both have a lane; start-ups are not idle.
TEST(Timeline, WorkerProcessesHaveALaneWithTheirStartUpEvenWithoutATask)
{
    SetRun processes = run({test::taskTiming(10, 1, 0.5, 0.75), test::taskTiming(12, 1, 0.75, 1.0)}, 1.5);
    processes.workerStartups = {{1, 0.0, 0.5, true}, {2, 0.25, 1.25, false}};

    const RunTimeline timeline = timelineOf(processes);

    ASSERT_EQ(timeline.lanes.size(), 2U);
    EXPECT_EQ(timeline.lanes[0], (TimelineLane {1, 0.5, 0.5, 0.0, 0.5, true}));
    EXPECT_EQ(timeline.lanes[1], (TimelineLane {2, 0.0, 0.5, 0.25, 1.25, false}));
    EXPECT_EQ(timeline.bars.size(), 2U);
    EXPECT_EQ(timeline.firstTaskSeconds, 0.5); // until the first task started
    EXPECT_EQ(timeline.idleSeconds, 1.0); // 2 lanes x 1.5 s, minus 0.5 s of work and 1.5 s of start-ups
}

// Issue 19 item 4: a py-* worker's result travels back after its task (pickling and transfer): the
// timeline keeps each trip on its bar, after the task's end, and their sum.
TEST(Timeline, PythonResultsReturnTripsFollowTheirTasks)
{
    std::vector<TaskTiming> tasks {test::taskTiming(10, 1, 0.1, 0.5), test::taskTiming(12, 2, 0.1, 0.9)};
    tasks[0].returnTripSeconds = 0.002;
    tasks[1].returnTripSeconds = 0.003;
    const RunTimeline timeline = timelineOf(run(tasks, 1.0));
    ASSERT_EQ(timeline.bars.size(), 2U);
    EXPECT_DOUBLE_EQ(timeline.bars[0].returnTripSeconds, 0.002);
    EXPECT_DOUBLE_EQ(timeline.bars[1].returnTripSeconds, 0.003);
    EXPECT_DOUBLE_EQ(timeline.returnTripSeconds, 0.005);
    // Work is the tasks' own time: the trips are not counted in it.
    EXPECT_DOUBLE_EQ(timeline.workSeconds, 0.4 + 0.8);
    // A thread's task never travels: -1 (no trip) draws nothing.
    EXPECT_DOUBLE_EQ(timelineOf(run({test::taskTiming(10, 1, 0.1, 0.5)}, 1.0)).returnTripSeconds, 0.0);
}
