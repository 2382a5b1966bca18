#include "core/analysis/costs.h"

#include <algorithm>

namespace calcprof {

double fixedCost(const GroupSummary& group, const GroupSummary& serial)
{
    const double schedule = group.bounds ? group.bounds->schedule : 1.0;
    return std::max(0.0, group.wall.median - serial.wall.median / schedule);
}

BreakEven breakEven(const GroupSummary& group, const GroupSummary& serial, int cores)
{
    BreakEven result;
    result.fixedCost = fixedCost(group, serial);
    result.bestSpeedup = std::min<double>(group.workers, cores);
    result.serialWork = result.possible() ? result.fixedCost * result.bestSpeedup / (result.bestSpeedup - 1.0) : 0.0;
    return result;
}

} // namespace calcprof
