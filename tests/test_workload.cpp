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

namespace {

// The workload's recursion (n <= 1 ? 1 : fibo(n - 1) + fibo(n - 2)), counting every call it makes.
FiboValue countedFibo(int n, std::uint64_t& calls)
{
    ++calls;
    return n <= 1 ? 1 : countedFibo(n - 1, calls) + countedFibo(n - 2, calls);
}

} // namespace

TEST(Fibo, CallCountsEqualAnInstrumentedRecursion)
{
    for (int n = 0; n <= 25; ++n) {
        std::uint64_t calls = 0;
        EXPECT_EQ(countedFibo(n, calls), fibo(n)) << "n = " << n;
        EXPECT_EQ(fiboCalls(n), calls) << "n = " << n;
    }
    // A task is the list fibo(0) … fibo(n - 1): its work is the sum over the list.
    for (int n = 0; n <= 20; ++n) {
        std::uint64_t calls = 0;
        for (int i = 0; i < n; ++i)
            countedFibo(i, calls);
        EXPECT_EQ(taskCalls(n), calls) << "task " << n;
    }
}

TEST(Fibo, CallCountsStayExactUpToTheLargestTask)
{
    // 2 * fibo(n) - 1 from the O(n) reference values: exact in 64 bits for every allowed n.
    const std::vector<FiboValue> values = referenceTaskValues(kMaxTaskNumber + 1);
    std::uint64_t task = 0;
    for (int n = 0; n <= kMaxTaskNumber; ++n) {
        EXPECT_EQ(fiboCalls(n), 2 * values[static_cast<std::size_t>(n)] - 1) << "n = " << n;
        EXPECT_EQ(taskCalls(n), task) << "task " << n;
        task += fiboCalls(n);
    }
    EXPECT_EQ(fiboCalls(50), 40'730'022'147U); // 2 * fibo(50) - 1, fibo(50) = 20 365 011 074
}
