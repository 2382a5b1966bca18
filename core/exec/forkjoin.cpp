#include "core/exec/forkjoin.h"

#include "core/exec/tsanannotations.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_invoke.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <map>
#include <memory>
#include <mutex>

namespace calcprof {

namespace {

/// The arena of `workers` threads, made on first use and kept for the process, as oneTBB keeps its
/// threads. Kept rather than made per run: with oneTBB 2021.8, a worker that served one
/// short-lived arena did not join the next one (measured: every run after the first on one
/// thread), whereas a kept arena gets its workers every run.
oneapi::tbb::task_arena& arenaOf(int workers)
{
    static std::mutex mutex;
    static std::map<int, std::unique_ptr<oneapi::tbb::task_arena>> arenas;
    const std::lock_guard lock(mutex);
    auto& arena = arenas[workers];
    if (!arena)
        arena = std::make_unique<oneapi::tbb::task_arena>(workers);
    return *arena;
}

} // namespace

void runForkJoin(int workers, int count, const std::function<void(int)>& task)
{
    const char handOut = 0;
    char finished = 0;
    announceHandOff(&handOut);
    acceptHandOffAfter(&finished, [&] {
        arenaOf(std::max(workers, 1)).execute([&] {
            oneapi::tbb::task_group group;
            for (int index = 0; index < count; ++index) {
                group.run([&, index] {
                    acceptHandOff(&handOut);
                    const AnnounceHandOffOnExit done(&finished);
                    task(index);
                });
            }
            group.wait();
        });
    });
}

void forkJoinEach(int count, const std::function<void(int)>& work)
{
    const char handOut = 0;
    char finished = 0;
    announceHandOff(&handOut);
    // One task per index (simple_partitioner, grain 1): an item's split recursion is thousands of
    // times its spawn, and idle workers find the next item to steal instead of waiting at a join.
    acceptHandOffAfter(&finished, [&] {
        oneapi::tbb::parallel_for(
            oneapi::tbb::blocked_range<int>(0, count, 1),
            [&](const oneapi::tbb::blocked_range<int>& range) {
                acceptHandOff(&handOut);
                const AnnounceHandOffOnExit done(&finished);
                for (int index = range.begin(); index != range.end(); ++index)
                    work(index);
            },
            oneapi::tbb::simple_partitioner());
    });
}

FiboValue forkJoinFibo(int n, int cutoff, const std::atomic<bool>& stop, const std::function<FiboValue(int)>& leaf)
{
    if (n < cutoff)
        return leaf(n);
    if (stop.load(std::memory_order_relaxed))
        throw Cancelled();
    FiboValue larger = 0;
    FiboValue smaller = 0;
    const char fork = 0;
    char join = 0;
    announceHandOff(&fork);
    // A cancel throws out of a branch: the hand-offs hold on that path too, or the unwinding stack
    // (the caller's SplitTasks among it) would look raced by the branch that read it.
    acceptHandOffAfter(&join, [&] {
        oneapi::tbb::parallel_invoke(
            [&] {
                acceptHandOff(&fork);
                const AnnounceHandOffOnExit done(&join);
                larger = forkJoinFibo(n - 1, cutoff, stop, leaf);
            },
            [&] {
                acceptHandOff(&fork);
                const AnnounceHandOffOnExit done(&join);
                smaller = forkJoinFibo(n - 2, cutoff, stop, leaf);
            });
    });
    return larger + smaller;
}

} // namespace calcprof
