// What the cancellation check costs: the plain recursion against the cancellable one that every
// strategy runs (it polls a stop flag at each call above depth 22). scripts/bench prints the ratio.
// And what the tbb strategy's fork-join split costs per cutoff: fibo(38) split into tasks below
// each cutoff, on one thread (an arena of 1), against the plain recursion: the cost of its task
// spawns and leaf bookkeeping, with no parallelism to hide it.
#include "core/exec/forkjoin.h"
#include "core/exec/workload.h"

#include <chrono>
#include <functional>

#include <benchmark/benchmark.h>

#include <atomic>

namespace {

void plainFibo(benchmark::State& state)
{
    const int n = static_cast<int>(state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(calcprof::fibo(n));
    state.counters["calls/s"] = benchmark::Counter(
        static_cast<double>(calcprof::fiboCalls(n)), benchmark::Counter::kIsIterationInvariantRate);
}

void cancellableFibo(benchmark::State& state)
{
    const int n = static_cast<int>(state.range(0));
    const std::atomic<bool> stop {false};
    for (auto _ : state)
        benchmark::DoNotOptimize(calcprof::fibo(n, stop));
    state.counters["calls/s"] = benchmark::Counter(
        static_cast<double>(calcprof::fiboCalls(n)), benchmark::Counter::kIsIterationInvariantRate);
}

void forkJoinFibo(benchmark::State& state)
{
    const int n = 38;
    const auto cutoff = static_cast<int>(state.range(0));
    const std::atomic<bool> stop {false};
    // The strategy reads the clock twice per leaf (and a CPU clock once): the steady clock stands in.
    const std::function<calcprof::FiboValue(int)> leaf = [&stop](int leafN) {
        const auto start = std::chrono::steady_clock::now();
        const calcprof::FiboValue value = calcprof::fibo(leafN, stop);
        benchmark::DoNotOptimize(std::chrono::steady_clock::now() - start);
        return value;
    };
    for (auto _ : state) {
        // On one thread (an arena of 1): the split's cost with no parallelism to hide it.
        calcprof::runForkJoin(
            1, 1, [&](int) { benchmark::DoNotOptimize(calcprof::forkJoinFibo(n, cutoff, stop, leaf)); });
    }
    state.counters["calls/s"] = benchmark::Counter(
        static_cast<double>(calcprof::fiboCalls(n)), benchmark::Counter::kIsIterationInvariantRate);
}

} // namespace

BENCHMARK(forkJoinFibo)->DenseRange(16, 32, 4)->Arg(calcprof::kForkJoinCutoff)->Unit(benchmark::kMillisecond);
BENCHMARK(plainFibo)->Arg(32)->Arg(38)->Unit(benchmark::kMillisecond);
BENCHMARK(cancellableFibo)->Arg(32)->Arg(38)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
