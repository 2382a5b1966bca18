#include "core/exec/workload.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace calcprof;
using namespace std::chrono_literals;

TEST(Fibo, SeedConventionIsOneOne)
{
    EXPECT_EQ(fibo(0), 1U);
    EXPECT_EQ(fibo(1), 1U);
    EXPECT_EQ(fibo(2), 2U);
    EXPECT_EQ(fibo(10), 89U);
    EXPECT_EQ(fibo(30), 1346269U);
}

TEST(Fibo, TaskListForSixIsTheOriginals)
{
    EXPECT_EQ(taskValues(6), (std::vector<FiboValue> {1, 1, 2, 3, 5, 8}));
    EXPECT_EQ(taskValues(10).back(), 55U);
}

TEST(Fibo, TaskOfZeroAndOneAreEmptyAndSingle)
{
    EXPECT_TRUE(taskValues(0).empty());
    EXPECT_EQ(taskValues(1), (std::vector<FiboValue> {1}));
}

TEST(Fibo, NaiveEqualsIterativeReference)
{
    for (int n = 0; n <= 32; ++n)
        EXPECT_EQ(taskValues(n), referenceTaskValues(n)) << "n = " << n;
}

TEST(Fibo, ReferenceReachesTheMaximumExactly)
{
    const auto values = referenceTaskValues(kMaxTaskNumber);
    ASSERT_EQ(values.size(), static_cast<std::size_t>(kMaxTaskNumber));
    EXPECT_EQ(values.back(), 12586269025ULL); // fibo(49)
}

TEST(Fibo, CancellableVersionComputesTheSame)
{
    const std::atomic<bool> stop {false};
    EXPECT_EQ(fibo(30, stop), fibo(30));
    EXPECT_EQ(taskValues(28, stop), taskValues(28));
}

TEST(Fibo, RaisedStopThrowsCancelled)
{
    const std::atomic<bool> stop {true};
    EXPECT_THROW(fibo(40, stop), Cancelled);
    EXPECT_THROW(taskValues(3, stop), Cancelled);
}

// The stop is raised while one fibo(47) runs: 9.6e9 calls, several seconds on any machine this
// runs on, with no item boundary to check at. Only the check inside the recursion can return within
// the (generous: it takes microseconds) bound; without it fibo(47) runs to its end and returns.
TEST(Fibo, AStopRaisedInsideOneLongRecursionLandsWithinASecond)
{
    std::atomic<bool> stop {false};
    std::atomic<bool> started {false};
    bool cancelled = false;
    std::chrono::steady_clock::time_point returned;
    std::thread worker([&] {
        started = true;
        try {
            fibo(47, stop);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        returned = std::chrono::steady_clock::now();
    });
    while (!started)
        std::this_thread::yield();
    std::this_thread::sleep_for(50ms);
    const auto raised = std::chrono::steady_clock::now();
    stop = true;
    worker.join();

    EXPECT_TRUE(cancelled) << "fibo(47) ran to its end: the recursion does not poll its stop flag";
    EXPECT_LT(returned - raised, 1s);
}

TEST(Fibo, LogicalCallCounts)
{
    EXPECT_EQ(fiboCalls(0), 1U);
    EXPECT_EQ(fiboCalls(1), 1U);
    EXPECT_EQ(fiboCalls(2), 3U);
    EXPECT_EQ(fiboCalls(5), 15U); // 2 * fibo(5) - 1 = 2 * 8 - 1
    EXPECT_EQ(taskCalls(3), fiboCalls(0) + fiboCalls(1) + fiboCalls(2));
}
