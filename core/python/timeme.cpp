#include "core/python/timeme.h"

#include <QRegularExpression>

#include <cmath>

namespace calcprof {

std::optional<TimeMeLine> parseTimeMeLine(QStringView line)
{
    // The name is what sits between the first "Ran '" and the last "' in": a function name, or a
    // label with quotes of its own.
    static const QRegularExpression pattern(QStringLiteral(
        R"(^\s*Ran '(.+)' in ([0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?) secs?\s*$)"));
    const QRegularExpressionMatch match = pattern.match(line.toString());
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double seconds = match.capturedView(2).toDouble(&ok);
    if (!ok || !std::isfinite(seconds))
        return std::nullopt;
    return TimeMeLine {match.captured(1), seconds};
}

} // namespace calcprof
