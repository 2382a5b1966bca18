// What the cancellation check costs: the plain recursion against the cancellable one that every
// strategy runs (it polls a stop flag at each call above depth 22). scripts/bench prints the ratio.
#include "core/workload.h"

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

} // namespace

BENCHMARK(plainFibo)->Arg(32)->Arg(38)->Unit(benchmark::kMillisecond);
BENCHMARK(cancellableFibo)->Arg(32)->Arg(38)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
