#pragma once

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <vector>

/// The workload of the original "calc" exercise: naive recursive Fibonacci.
namespace calcprof {

using FiboValue = std::uint64_t;
using NumberSet = std::vector<int>;

/// Largest n a task may have. A task makes sum(2 * fibo(i) - 1) logical calls, 1.6x more per step:
/// task 50 is 6.6e10 calls, about 33 s on one core of the reference 2-core machine (2.0 G calls/s
/// measured), while task 51 would take about 53 s. So 50 keeps every single task under a minute,
/// and fibo(49) = 12 586 269 025 leaves 64-bit values far from overflow.
inline constexpr int kMaxTaskNumber = 50;

/// Thrown out of a cancellable computation when its stop flag is raised.
class Cancelled : public std::runtime_error
{
public:
    Cancelled()
        : std::runtime_error("cancelled")
    { }
};

/// fibo(n) exactly as the original: fibo(0) = fibo(1) = 1, naive exponential recursion.
FiboValue fibo(int n);

/// The same recursion, but it polls `stop` at every call for n >= 22 (the subtrees below are
/// ~35 k calls, ~15 µs) and throws Cancelled when it is raised: a cancel lands within microseconds
/// and the checks cost nothing measurable.
FiboValue fibo(int n, const std::atomic<bool>& stop);

/// A task for n: the list fibo(0) ... fibo(n - 1) (empty for n = 0), computed naively.
std::vector<FiboValue> taskValues(int n);
std::vector<FiboValue> taskValues(int n, const std::atomic<bool>& stop);

/// The same list computed iteratively in O(n): the reference every strategy is checked against.
std::vector<FiboValue> referenceTaskValues(int n);

/// Logical calls of the naive recursion for fibo(n), exact: calls(n-1) + calls(n-2) + 1, calls(0|1) = 1.
std::uint64_t fiboCalls(int n);

/// A task's exact work: the calls of its list fibo(0) … fibo(n - 1), the sum of fiboCalls(i) for i < n.
std::uint64_t taskCalls(int n);

} // namespace calcprof
