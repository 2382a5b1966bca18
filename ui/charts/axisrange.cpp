#include "ui/charts/axisrange.h"

#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace calcprof {

AxisRange linearAxisRange(double low, double high)
{
    AxisRange range;
    range.low = std::isfinite(low) ? std::clamp(low, -kMaxAxisMagnitude, kMaxAxisMagnitude) : 0.0;
    // A non-finite high end leaves the range empty, made one unit wide below.
    range.high = std::isfinite(high) ? std::clamp(high, -kMaxAxisMagnitude, kMaxAxisMagnitude) : range.low;
    if (range.high <= range.low) {
        range.low = std::min(range.low, kMaxAxisMagnitude - 1.0);
        range.high = range.low + 1.0;
    }
    return range;
}

AxisRange logAxisRange(double low, double high)
{
    constexpr double kDecade = 10.0;
    AxisRange range;
    range.low = std::isfinite(low) ? std::clamp(low, kMinLogAxisValue, kMaxAxisMagnitude / kDecade) : kMinLogAxisValue;
    range.high = std::isfinite(high) ? std::clamp(high, kMinLogAxisValue, kMaxAxisMagnitude) : range.low * kDecade;
    if (range.high <= range.low)
        range.high = range.low * kDecade;
    return range;
}

void setAxisRange(QValueAxis* axis, double low, double high)
{
    const AxisRange range = linearAxisRange(low, high);
    axis->setRange(range.low, range.high);
}

void setAxisRange(QLogValueAxis* axis, double low, double high)
{
    const AxisRange range = logAxisRange(low, high);
    axis->setRange(range.low, range.high);
}

} // namespace calcprof
