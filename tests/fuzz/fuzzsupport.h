#pragma once

// Shared by the libFuzzer targets: property checks that stop the fuzzer with a readable reason.

#include <QString>

#include <cstdio>
#include <cstdlib>

namespace calcprof::fuzz {

/// A property failed: say which, then abort() so that libFuzzer saves the input as a crash artifact.
[[noreturn]] inline void fail(const char* property, const QString& detail = {})
{
    std::fprintf(stderr, "\n*** property violated: %s\n", property);
    if (!detail.isEmpty())
        std::fprintf(stderr, "    %s\n", detail.toUtf8().constData());
    std::fflush(stderr);
    std::abort();
}

inline void require(bool condition, const char* property, const QString& detail = {})
{
    if (!condition)
        fail(property, detail);
}

/// How many QString::arg() placeholders ("%1".."%99") `text` holds. A message built with chained
/// .arg() calls must hold no more of them than the user's own text did: a leftover "%2" means that a
/// placeholder typed by the user was substituted instead of the message's own.
inline int placeholderCount(const QString& text)
{
    int count = 0;
    for (qsizetype index = 0; index + 1 < text.size(); ++index) {
        if (text.at(index) == u'%' && text.at(index + 1) >= u'0' && text.at(index + 1) <= u'9')
            ++count;
    }
    return count;
}

} // namespace calcprof::fuzz
