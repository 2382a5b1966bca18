#pragma once

#include "core/exec/workload.h"

#include <atomic>
#include <functional>

/// The naive recursion split into a fork-join tree on oneTBB: the tbb strategy's work, shared with
/// the benchmark that tunes its cutoff.
///
/// ThreadSanitizer: forkjoin.cpp is built without TSan instrumentation (core/CMakeLists.txt), so
/// the oneTBB templates it instantiates count as oneTBB's own code, whose synchronisation inside
/// libtbb TSan cannot see. The callbacks stay instrumented where the caller defines them, and these
/// functions state the edges oneTBB guarantees: a fork happens before its branches, a branch before
/// its join, and the caller's work before every task and every task before the return.
namespace calcprof {

/// Below this n a call runs the plain recursion on one thread (a leaf); from it up, fibo(n - 1) and
/// fibo(n - 2) become two oneTBB tasks. Leaves are then fibo(cutoff - 1) or fibo(cutoff - 2):
/// 0.6 M and 0.4 M calls, about 0.3 and 0.2 ms here, against roughly 1 µs for a task spawn and the
/// leaf's bookkeeping (under 0.5 %), while fibo(40) still splits into some 600 leaves, enough
/// to keep 16 cores busy. bench/fibo_benchmark.cpp (forkJoinFibo) measures the cost per cutoff: on
/// one thread, cutoff 16 cost +58 % over the plain recursion, 20 and up were within the noise (1-4 %).
inline constexpr int kForkJoinCutoff = 28;

/// Runs task(0) … task(count - 1) as the tasks of one oneTBB task_group inside an arena of
/// `workers` threads and returns when every one has finished. The calling thread takes one of the
/// arena's slots: it runs tasks too while it waits, so `workers` counts it. `task` must not throw.
void runForkJoin(int workers, int count, const std::function<void(int)>& task);

/// Runs work(0) … work(count - 1) as parallel tasks of the current arena (one oneTBB task each,
/// stolen by idle workers) and returns when every one has finished. `work` must not throw.
void forkJoinEach(int count, const std::function<void(int)>& work);

/// fibo(n) computed as a fork-join tree: from `cutoff` up, fibo(n - 1) and fibo(n - 2) run as two
/// oneTBB tasks (parallel_invoke), which idle workers of the current arena steal; below it,
/// leaf(n) computes fibo(n) on the thread that reached it. Polls `stop` at every split, and a
/// Cancelled thrown by a leaf (fibo(n, stop) throws within microseconds) cancels the sibling
/// branches and propagates here.
FiboValue forkJoinFibo(int n, int cutoff, const std::atomic<bool>& stop, const std::function<FiboValue(int)>& leaf);

} // namespace calcprof
