#pragma once

#include <QString>

namespace calcprof {

/// A unit for a time axis: seconds x factor gives the value shown in `name`.
struct TimeUnit
{
    double factor;
    QString name;
};

/// The unit that suits the largest time shown (µs, ms or s), as formatSeconds() does for one value.
TimeUnit unitFor(double maxSeconds);

} // namespace calcprof
