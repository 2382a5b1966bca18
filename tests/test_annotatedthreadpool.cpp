#include "core/exec/annotatedthreadpool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace calcprof;

TEST(AnnotatedThreadPool, RunsEveryJobBeforeWaitForDoneReturns)
{
    AnnotatedThreadPool pool(3);
    std::vector<int> done(50, 0);
    for (std::size_t index = 0; index < done.size(); ++index)
        pool.start([&done, index] { done[index] = static_cast<int>(index) + 1; });
    pool.waitForDone();
    for (std::size_t index = 0; index < done.size(); ++index)
        EXPECT_EQ(done[index], static_cast<int>(index) + 1);
}

TEST(AnnotatedThreadPool, StartsJobsInTheOrderTheyWereQueued)
{
    AnnotatedThreadPool pool(1);
    std::mutex mutex;
    std::vector<int> order;
    for (int index = 0; index < 20; ++index) {
        pool.start([&, index] {
            const std::lock_guard lock(mutex);
            order.push_back(index);
        });
    }
    pool.waitForDone();
    std::vector<int> expected(20);
    for (int index = 0; index < 20; ++index)
        expected[static_cast<std::size_t>(index)] = index;
    EXPECT_EQ(order, expected);
}

TEST(AnnotatedThreadPool, RunsAsManyJobsAtOnceAsItsThreadsAndNeverMore)
{
    AnnotatedThreadPool pool(2);
    std::atomic<int> running {0};
    std::atomic<int> most {0};
    std::atomic<int> started {0};
    for (int index = 0; index < 8; ++index) {
        pool.start([&] {
            const int now = ++running;
            int seen = most.load();
            while (now > seen && !most.compare_exchange_weak(seen, now)) { }
            // The first two jobs wait for each other (for 10 s at most), so two at once is seen
            // however slowly the second thread starts; a third would raise `most` to 3.
            ++started;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (started.load() < 2 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            --running;
        });
    }
    pool.waitForDone();
    EXPECT_EQ(most.load(), 2);
    EXPECT_EQ(pool.maxThreadCount(), 2);
}

TEST(AnnotatedThreadPool, RethrowsTheFirstExceptionFromWaitForDoneAndRunsTheOtherJobs)
{
    AnnotatedThreadPool pool(1);
    std::atomic<int> ran {0};
    pool.start([] { throw std::runtime_error("first"); });
    pool.start([] { throw std::logic_error("second"); });
    pool.start([&ran] { ++ran; });
    try {
        pool.waitForDone();
        FAIL() << "the job's exception was lost";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "first");
    }
    EXPECT_EQ(ran.load(), 1);
    EXPECT_NO_THROW(pool.waitForDone()); // reported once
}

TEST(AnnotatedThreadPool, DestructorWaitsForQueuedJobs)
{
    std::atomic<int> ran {0};
    {
        std::latch release(1); // before the pool, so it outlives the pool's wait for the jobs
        AnnotatedThreadPool pool(1);
        pool.start([&] {
            release.wait();
            ++ran;
        });
        pool.start([&] { ++ran; });
        release.count_down();
    }
    EXPECT_EQ(ran.load(), 2);
}
