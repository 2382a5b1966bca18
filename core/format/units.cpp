#include "core/format/units.h"

#include <cmath>

namespace calcprof {

QString formatSeconds(double seconds)
{
    const double magnitude = std::abs(seconds);
    // Beyond 11 days no digit after the point means anything, and 1e308 in fixed notation is 309.
    if (!std::isfinite(seconds) || magnitude >= 1e6)
        return QString::number(seconds, 'g', 4) + QStringLiteral(" s");
    if (magnitude < 1e-3)
        return QString::number(seconds * 1e6, 'f', 1) + QStringLiteral(" µs");
    if (magnitude < 1.0)
        return QString::number(seconds * 1e3, 'f', 2) + QStringLiteral(" ms");
    return QString::number(seconds, 'f', 3) + QStringLiteral(" s");
}

QString formatBytes(std::uint64_t bytes)
{
    const auto value = static_cast<double>(bytes);
    if (bytes < 1000)
        return QString::number(bytes) + QStringLiteral(" B");
    if (bytes < 1000ULL * 1000)
        return QString::number(value / 1e3, 'f', 2) + QStringLiteral(" kB");
    if (bytes < 1000ULL * 1000 * 1000)
        return QString::number(value / 1e6, 'f', 2) + QStringLiteral(" MB");
    return QString::number(value / 1e9, 'f', 2) + QStringLiteral(" GB");
}

QString percent(double share)
{
    return QString::number(std::lround(share * 100.0)) + QStringLiteral(" %");
}

namespace {
// Below 6 runs no order statistics inside the range reach 95 %: the interval is the range.
bool isRange(double confidence)
{
    constexpr double kFullConfidence = 0.95;
    return confidence < kFullConfidence;
}
} // namespace

QString intervalLabel(double confidence, int runs)
{
    if (runs <= 1)
        return {};
    if (isRange(confidence))
        return QStringLiteral("%1 interval (range of %2 runs)").arg(percent(confidence)).arg(runs);
    return QStringLiteral("%1 interval").arg(percent(confidence));
}

QString intervalText(double confidence, int runs, const QString& low, const QString& high)
{
    if (runs <= 1)
        return {};
    const QString ends = QStringLiteral("%1 interval %2–%3").arg(percent(confidence), low, high);
    return isRange(confidence) ? ends + QStringLiteral(", range of %1 runs").arg(runs) : ends;
}

QString formatSpeedup(double speedup)
{
    if (!std::isfinite(speedup))
        return QStringLiteral("-");
    if (std::abs(speedup) >= 0.1)
        return QString::number(speedup, 'f', 2) + u'x';
    return QString::number(speedup, 'g', 2) + u'x';
}

QString countOf(long long count, const QString& noun)
{
    // "process" takes "es", as every noun ending in s, x, ch or sh.
    const bool es = noun.endsWith(u's') || noun.endsWith(u'x') || noun.endsWith(QStringLiteral("ch"))
        || noun.endsWith(QStringLiteral("sh"));
    return QString::number(count) + u' ' + noun
        + (count == 1 ? QString()
                : es  ? QStringLiteral("es")
                      : QStringLiteral("s"));
}

} // namespace calcprof
