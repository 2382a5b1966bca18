#include "core/model/poolsizes.h"

#include <QStringList>
#include <QThread>

#include <algorithm>
#include <optional>

namespace calcprof {

namespace {

const QString kAuto = QStringLiteral("auto");

// A whole decimal number in 1..maxPoolSize(); nullopt for anything else (signs, spaces, 1e3, 0x10…).
std::optional<int> parsePoolSize(const QString& text)
{
    if (text.isEmpty() || text.size() > 9)
        return std::nullopt;
    if (!std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return std::nullopt;
    const int value = text.toInt();
    if (value < 1 || value > maxPoolSize())
        return std::nullopt;
    return value;
}

QString allowed()
{
    return QStringLiteral(
        "use auto, a whole number from 1 to %1, or a range A-B, separated by commas (e.g. 1-4,8,auto)")
        .arg(maxPoolSize());
}

} // namespace

int maxPoolSize()
{
    return std::max(64, 8 * QThread::idealThreadCount());
}

PoolSizesParse parsePoolSizes(const QString& text)
{
    PoolSizesParse result;
    auto fail = [&result](const QString& message) {
        result.poolSizes.clear();
        result.error = message;
        return result;
    };
    auto add = [&result](int value) {
        if (std::find(result.poolSizes.begin(), result.poolSizes.end(), value) == result.poolSizes.end())
            result.poolSizes.push_back(value);
    };

    const QStringList tokens = text.split(u',');
    for (qsizetype index = 0; index < tokens.size(); ++index) {
        const QString token = tokens.at(index).trimmed();
        if (token.isEmpty())
            return fail(QStringLiteral("empty value at item %1 of '%2'; %3").arg(index + 1).arg(text, allowed()));
        if (token == kAuto) {
            add(kAutoPoolSize);
            continue;
        }
        const qsizetype dash = token.indexOf(u'-');
        if (dash < 0) {
            const std::optional<int> value = parsePoolSize(token);
            if (!value)
                return fail(QStringLiteral("'%1' is not allowed; %2").arg(token, allowed()));
            add(*value);
            continue;
        }
        const std::optional<int> low = parsePoolSize(token.left(dash).trimmed());
        const std::optional<int> high = parsePoolSize(token.mid(dash + 1).trimmed());
        if (!low || !high)
            return fail(QStringLiteral("'%1' is not a valid range; %2").arg(token, allowed()));
        if (*low > *high)
            return fail(QStringLiteral("'%1' is not a valid range: it runs backwards; write %2-%3")
                            .arg(token)
                            .arg(*high)
                            .arg(*low));
        for (int value = *low; value <= *high; ++value)
            add(value);
    }
    return result;
}

QString formatPoolSize(int poolSize)
{
    return poolSize == kAutoPoolSize ? kAuto : QString::number(poolSize);
}

QString formatPoolSizes(const std::vector<int>& poolSizes)
{
    QStringList parts;
    for (std::size_t index = 0; index < poolSizes.size();) {
        std::size_t end = index + 1;
        // A run of consecutive numbers (never auto) of three or more reads better as a range.
        while (poolSizes[index] != kAutoPoolSize && end < poolSizes.size() && poolSizes[end] == poolSizes[end - 1] + 1)
            ++end;
        if (end - index >= 3) {
            parts << QStringLiteral("%1-%2").arg(poolSizes[index]).arg(poolSizes[end - 1]);
        } else {
            end = index + 1;
            parts << formatPoolSize(poolSizes[index]);
        }
        index = end;
    }
    return parts.join(u',');
}

} // namespace calcprof
