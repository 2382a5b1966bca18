#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace calcprof {

/// One line of the course's time_me decorator: `Ran 'do_parallel' in 0.1786 secs`.
struct TimeMeLine
{
    QString name;
    double seconds = 0.0;
};

/// The line's name and seconds when it is a time_me line (surrounding whitespace and a carriage
/// return allowed; the seconds as Python prints a float, exponent included: `1.2e-05`); nullopt otherwise.
std::optional<TimeMeLine> parseTimeMeLine(QStringView line);

} // namespace calcprof
