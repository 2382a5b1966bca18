#pragma once

class QLogValueAxis;
class QValueAxis;

namespace calcprof {

/// The largest magnitude an axis shows: a 10^7 s run (the longest a saved run may hold) in µs is
/// 10^13. Past this Qt Charts' arithmetic breaks down (a log axis recursed without end on 1e308).
inline constexpr double kMaxAxisMagnitude = 1e15;
/// The smallest positive value a log axis starts at (a log axis cannot take 0 or less).
inline constexpr double kMinLogAxisValue = 1e-15;

/// Bounds an axis may be given, whatever the data: finite, low < high, within kMaxAxisMagnitude.
struct AxisRange
{
    double low = 0.0;
    double high = 1.0;
};

/// [low, high] made sane for a linear axis: a non-finite end is replaced (0 for low, low + 1 for
/// high), both are clamped to ±kMaxAxisMagnitude, and an empty or reversed range becomes one unit.
AxisRange linearAxisRange(double low, double high);
/// The same for a log axis: both ends within [kMinLogAxisValue, kMaxAxisMagnitude], and an empty or
/// reversed range becomes one decade.
AxisRange logAxisRange(double low, double high);

/// Every range a chart's value axis is given goes through these (the window's views and so the
/// report's figures), so no data can give Qt Charts a range it cannot draw.
void setAxisRange(QValueAxis* axis, double low, double high);
void setAxisRange(QLogValueAxis* axis, double low, double high);

} // namespace calcprof
