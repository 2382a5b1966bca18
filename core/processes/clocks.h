#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>

// The clocks a worker process reads a task's times from (the processes strategy's workers, the mpi
// strategy's ranks), and calcprof places them with. Qt-free: the workers link no Qt.
namespace calcprof::clocks {

/// steady_clock (CLOCK_MONOTONIC) in nanoseconds: one clock for every process on a machine, so the
/// times a worker sends place directly on calcprof's timeline.
inline std::int64_t steadyNanoseconds()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// The calling thread's CPU time in nanoseconds. A worker computes on one thread, so this is its work
/// and nothing else.
inline std::int64_t threadCpuNanoseconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace calcprof::clocks
