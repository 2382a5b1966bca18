#pragma once

#include <atomic>
#include <thread>
#include <type_traits>
#include <vector>

/// The thread layouts the strategies and CSV modes share. Both return results in index order,
/// whatever order the work finished in, and join every thread before returning (or before an
/// exception from starting a thread propagates).
namespace calcprof {

/// Runs work(0) … work(count - 1) one after another on the calling thread.
template <typename Work> auto runInOrder(int count, Work&& work) -> std::vector<std::invoke_result_t<Work&, int>>
{
    std::vector<std::invoke_result_t<Work&, int>> results;
    results.reserve(static_cast<std::size_t>(count));
    for (int index = 0; index < count; ++index)
        results.push_back(work(index));
    return results;
}

/// Runs work(0) … work(count - 1), each on a std::thread of its own, all started at once.
template <typename Work>
auto runEachOnItsOwnThread(int count, Work&& work) -> std::vector<std::invoke_result_t<Work&, int>>
{
    std::vector<std::invoke_result_t<Work&, int>> results(static_cast<std::size_t>(count));
    {
        std::vector<std::jthread> threads;
        threads.reserve(results.size());
        for (int index = 0; index < count; ++index)
            threads.emplace_back([&work, &results, index] { results[static_cast<std::size_t>(index)] = work(index); });
    } // every jthread joins here
    return results;
}

/// Runs work(0) … work(count - 1) on `workers` threads, each taking the next index from a shared
/// counter until none is left: a bounded pool that hands out the items in order.
template <typename Work>
auto runOnWorkerThreads(int count, int workers, Work&& work) -> std::vector<std::invoke_result_t<Work&, int>>
{
    std::vector<std::invoke_result_t<Work&, int>> results(static_cast<std::size_t>(count));
    std::atomic<int> next {0};
    {
        std::vector<std::jthread> threads;
        threads.reserve(static_cast<std::size_t>(workers));
        for (int worker = 0; worker < workers; ++worker) {
            threads.emplace_back([&work, &results, &next, count] {
                for (int index = next++; index < count; index = next++)
                    results[static_cast<std::size_t>(index)] = work(index);
            });
        }
    } // every jthread joins here
    return results;
}

} // namespace calcprof
