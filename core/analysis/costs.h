#pragma once

#include "core/analysis/summary.h"

/// What a parallel run costs before it saves anything, and from which amount of work on it pays:
/// the report's question 2 quotes these, computed here from the summary.
namespace calcprof {

/// A strategy's fixed cost (start-up, hand-outs, shutdown), from a set with little work: its median
/// time beyond what its own model schedule of that work needs, serial's median / the schedule's
/// speedup (1 without bounds). `serial` is serial's group on the same set. Never below 0.
double fixedCost(const GroupSummary& group, const GroupSummary& serial);

/// Where parallel starts to pay: serial work w finishes sooner in parallel once w / s + cost < w,
/// with s = min(workers, cores) the best speedup the workers could reach.
struct BreakEven
{
    double fixedCost = 0.0;
    double bestSpeedup = 1.0; ///< min(workers, cores)
    double serialWork = 0.0; ///< cost · s / (s − 1): the break-even work; 0 when never (s <= 1)

    /// False with one worker or one core: no work is large enough.
    [[nodiscard]] bool possible() const { return bestSpeedup > 1.0; }
};

/// The break-even of `group` (measured on a light set, with `serial` its serial group there) on
/// `cores` cores.
BreakEven breakEven(const GroupSummary& group, const GroupSummary& serial, int cores);

} // namespace calcprof
