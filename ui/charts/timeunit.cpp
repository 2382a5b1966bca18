#include "ui/charts/timeunit.h"

namespace calcprof {

TimeUnit unitFor(double maxSeconds)
{
    if (maxSeconds < 1e-3)
        return {1e6, QStringLiteral("µs")};
    if (maxSeconds < 1.0)
        return {1e3, QStringLiteral("ms")};
    return {1.0, QStringLiteral("s")};
}

} // namespace calcprof
