#include "core/exec/workload.h"

namespace calcprof {

namespace {
// Subtrees below this depth run unchecked: fibo(21) is ~35k calls (~15 µs), so a cancel lands
// within microseconds while the checks cost nothing measurable. Keep it even: GCC 12 -O3 code for
// the recursion ran ~10 % slower below odd thresholds (21, 23, 25, 27) on the reference machine.
constexpr int kCancelCheckDepth = 22;

// Deliberately the plain exponential recursion: the point of the exercise is CPU-bound work.
FiboValue naiveFibo(int n)
{
    return n <= 1 ? 1 : naiveFibo(n - 1) + naiveFibo(n - 2);
}

// The one out-of-line entry into the recursion, so that the plain and the cancellable versions run
// the very same machine code below their top levels.
[[gnu::noinline]] FiboValue plainFibo(int n)
{
    return naiveFibo(n);
}

FiboValue cancellableFibo(int n, const std::atomic<bool>& stop)
{
    if (n < kCancelCheckDepth)
        return plainFibo(n);
    if (stop.load(std::memory_order_relaxed))
        throw Cancelled();
    return cancellableFibo(n - 1, stop) + cancellableFibo(n - 2, stop);
}
} // namespace

FiboValue fibo(int n)
{
    return plainFibo(n);
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
        values.push_back(plainFibo(i));
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
    // The recursion's own recurrence: a call for n makes itself plus the calls for n - 1 and n - 2;
    // n <= 1 returns at once. calls(kMaxTaskNumber) is about 4e10: far inside 64 bits.
    std::uint64_t previous = 1; // calls(i - 1)
    std::uint64_t current = 1; // calls(i)
    for (int i = 2; i <= n; ++i) {
        const std::uint64_t next = current + previous + 1;
        previous = current;
        current = next;
    }
    return current;
}

std::uint64_t taskCalls(int n)
{
    std::uint64_t calls = 0;
    for (int i = 0; i < n; ++i)
        calls += fiboCalls(i);
    return calls;
}

} // namespace calcprof
