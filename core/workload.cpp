#include "workload.h"

namespace calcprof {

namespace {
constexpr int kCancelCheckDepth = 25;

// Deliberately the plain exponential recursion: the point of the exercise is CPU-bound work.
FiboValue naiveFibo(int n)
{
    return n <= 1 ? 1 : naiveFibo(n - 1) + naiveFibo(n - 2);
}

FiboValue cancellableFibo(int n, const std::atomic<bool>& stop)
{
    if (n < kCancelCheckDepth)
        return naiveFibo(n);
    if (stop.load(std::memory_order_relaxed))
        throw Cancelled();
    return cancellableFibo(n - 1, stop) + cancellableFibo(n - 2, stop);
}
} // namespace

FiboValue fibo(int n)
{
    return naiveFibo(n);
}

FiboValue fibo(int n, const std::atomic<bool>& stop)
{
    return cancellableFibo(n, stop);
}

std::vector<FiboValue> taskValues(int n)
{
    std::vector<FiboValue> values;
    values.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        values.push_back(naiveFibo(i));
    return values;
}

std::vector<FiboValue> taskValues(int n, const std::atomic<bool>& stop)
{
    std::vector<FiboValue> values;
    values.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        if (stop.load(std::memory_order_relaxed))
            throw Cancelled();
        values.push_back(cancellableFibo(i, stop));
    }
    return values;
}

std::vector<FiboValue> referenceTaskValues(int n)
{
    std::vector<FiboValue> values;
    values.reserve(static_cast<std::size_t>(n));
    FiboValue previous = 1;
    FiboValue current = 1;
    for (int i = 0; i < n; ++i) {
        if (i >= 2) {
            const FiboValue next = previous + current;
            previous = current;
            current = next;
        }
        values.push_back(current);
    }
    return values;
}

std::uint64_t fiboCalls(int n)
{
    const auto values = referenceTaskValues(n + 1);
    return 2 * values.back() - 1;
}

std::uint64_t taskCalls(int n)
{
    std::uint64_t calls = 0;
    for (const FiboValue value : referenceTaskValues(n))
        calls += 2 * value - 1;
    return calls;
}

} // namespace calcprof
