#pragma once

#include "core/tsanannotations.h"
#include "core/workload.h"

#include <oneapi/tbb/parallel_invoke.h>

#include <atomic>

/// The naive recursion split into a fork-join tree on oneTBB: the tbb strategy's work, shared with
/// the benchmark that tunes its cutoff.
namespace calcprof {

/// Below this n a call runs the plain recursion on one thread (a leaf); from it up, fibo(n - 1) and
/// fibo(n - 2) become two oneTBB tasks. Leaves are then fibo(cutoff - 1) or fibo(cutoff - 2):
/// 0.6 M and 0.4 M calls, about 0.3 and 0.2 ms here, against roughly 1 µs for a task spawn and the
/// leaf's bookkeeping (under 0.5 %), while fibo(40) still splits into some 600 leaves, enough
/// to keep 16 cores busy. bench/fibo_benchmark.cpp (forkJoinFibo) measures the cost per cutoff: on
/// one thread, cutoff 16 cost +58 % over the plain recursion, 20 and up were within the noise (1-4 %).
inline constexpr int kForkJoinCutoff = 28;

/// fibo(n) computed as a fork-join tree with leaves below `cutoff`. Each leaf runs between
/// `start = beginLeaf()` and `endLeaf(start)`, on the thread that computes it. Polls
/// `stop` at every split and inside the leaves (fibo(n, stop)), so a cancel throws Cancelled within
/// microseconds from every branch; oneTBB cancels the sibling branches and rethrows it here.
template <typename BeginLeaf, typename EndLeaf>
FiboValue forkJoinFibo(
    int n, int cutoff, const std::atomic<bool>& stop, const BeginLeaf& beginLeaf, const EndLeaf& endLeaf)
{
    if (n < cutoff) {
        const auto start = beginLeaf();
        const FiboValue value = fibo(n, stop);
        endLeaf(start);
        return value;
    }
    if (stop.load(std::memory_order_relaxed))
        throw Cancelled();
    FiboValue larger = 0;
    FiboValue smaller = 0;
    // oneTBB hands the branches to its workers inside libtbb, which ThreadSanitizer cannot see:
    // state the two edges it guarantees (the fork before the branches, the branches before the join).
    const char fork = 0;
    char join = 0;
    announceHandOff(&fork);
    oneapi::tbb::parallel_invoke(
        [&] {
            acceptHandOff(&fork);
            larger = forkJoinFibo(n - 1, cutoff, stop, beginLeaf, endLeaf);
            announceHandOff(&join);
        },
        [&] {
            acceptHandOff(&fork);
            smaller = forkJoinFibo(n - 2, cutoff, stop, beginLeaf, endLeaf);
            announceHandOff(&join);
        });
    acceptHandOff(&join);
    return larger + smaller;
}

} // namespace calcprof
