#include "core/model/numbersets.h"

#include <QStringList>

#include <algorithm>
#include <optional>

namespace calcprof {

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

struct Token
{
    QString raw; // the piece between separators, untrimmed
    qsizetype rawStart = 0; // 0-based index of `raw` in the whole text
    QString text; // `raw` trimmed
    qsizetype position = 0; // 0-based index of the first non-space character
};

// Splits `text` at `separator`, keeping each piece's offset so errors can point at it.
std::vector<Token> split(const QString& text, qsizetype offset, QChar separator)
{
    std::vector<Token> tokens;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i) == separator) {
            const QString piece = text.mid(start, i - start);
            qsizetype lead = 0;
            while (lead < piece.size() && piece.at(lead).isSpace())
                ++lead;
            if (lead == piece.size())
                lead = 0; // an empty piece is reported where it begins
            tokens.push_back({piece, offset + start, piece.trimmed(), offset + start + lead});
            start = i + 1;
        }
    }
    return tokens;
}

QString describeRange()
{
    return QStringLiteral("numbers must be whole numbers from 0 to %1").arg(kMaxTaskNumber);
}

// Why the text is refused, and where (0-based).
struct ParseError
{
    qsizetype position = 0;
    QString message;
};

// One number of set `setIndex` (0-based) into `value`, or why it is not an allowed one.
std::optional<ParseError> parseNumber(const Token& token, std::size_t setIndex, int& value)
{
    const qsizetype position = token.position;
    if (token.text.isEmpty())
        return ParseError {position,
            QStringLiteral("missing number at position %1 in set %2 "
                           "(two commas in a row, or a comma at an end)")
                .arg(position + 1)
                .arg(setIndex + 1)};
    const bool negative = token.text.startsWith(u'-') && token.text.size() > 1;
    const QString digits = negative ? token.text.mid(1) : token.text;
    const bool allDigits = std::all_of(digits.cbegin(), digits.cend(), isAsciiDigit);
    if (!allDigits)
        return ParseError {position,
            QStringLiteral("'%1' at position %2 is not a whole number; %3")
                .arg(token.text, QString::number(position + 1), describeRange())};
    if (negative)
        return ParseError {position,
            QStringLiteral("'%1' at position %2 is negative; %3")
                .arg(token.text, QString::number(position + 1), describeRange())};
    // Compare digit strings, not parsed values, so that 20-digit numbers cannot overflow.
    QString significant = digits;
    while (significant.size() > 1 && significant.startsWith(u'0'))
        significant.remove(0, 1);
    value = significant.size() <= 3 ? significant.toInt() : kMaxTaskNumber + 1;
    if (value > kMaxTaskNumber)
        return ParseError {position,
            QStringLiteral("'%1' at position %2 is above the maximum %3 "
                           "(each step costs 1.6x the last; task %3 alone "
                           "already takes about half a minute)")
                .arg(token.text, QString::number(position + 1), QString::number(kMaxTaskNumber))};
    return std::nullopt;
}

// Set `setIndex` (0-based) into `set`, or why it is refused.
std::optional<ParseError> parseSet(const Token& setToken, std::size_t setIndex, NumberSet& set)
{
    const qsizetype setStart = setToken.position;
    if (setToken.text.isEmpty())
        return ParseError {setStart,
            QStringLiteral("set %1 at position %2 is empty; every set needs at "
                           "least one number (sets are separated by ';')")
                .arg(setIndex + 1)
                .arg(setStart + 1)};

    const std::vector<Token> numberTokens = split(setToken.raw, setToken.rawStart, u',');
    if (static_cast<int>(numberTokens.size()) > kMaxNumbersPerSet)
        return ParseError {numberTokens[kMaxNumbersPerSet].position,
            QStringLiteral("set %1 has too many numbers: %2 given, at most %3 allowed")
                .arg(setIndex + 1)
                .arg(numberTokens.size())
                .arg(kMaxNumbersPerSet)};
    for (const Token& token : numberTokens) {
        int value = 0;
        if (std::optional<ParseError> error = parseNumber(token, setIndex, value))
            return error;
        set.push_back(value);
    }
    return std::nullopt;
}

} // namespace

NumberSetsParse parseNumberSets(const QString& text)
{
    NumberSetsParse result;
    auto fail = [&result](const ParseError& error) {
        result.sets.clear();
        result.errorPosition = static_cast<int>(error.position) + 1;
        result.error = error.message;
        return result;
    };

    if (text.trimmed().isEmpty())
        return fail({0,
            QStringLiteral("no number sets given; expected e.g. \"%1\"").arg(QLatin1StringView(kDefaultNumberSets))});

    const std::vector<Token> setTokens = split(text, 0, u';');
    if (static_cast<int>(setTokens.size()) > kMaxSets)
        return fail({setTokens[kMaxSets].position,
            QStringLiteral("too many sets: %1 given, at most %2 allowed").arg(setTokens.size()).arg(kMaxSets)});

    for (std::size_t setIndex = 0; setIndex < setTokens.size(); ++setIndex) {
        NumberSet set;
        if (const std::optional<ParseError> error = parseSet(setTokens[setIndex], setIndex, set))
            return fail(*error);
        result.sets.push_back(std::move(set));
    }
    return result;
}

QString formatNumberSet(const NumberSet& set)
{
    QStringList numbers;
    for (const int n : set)
        numbers << QString::number(n);
    return numbers.join(u',');
}

QString formatNumberSets(const std::vector<NumberSet>& sets)
{
    QStringList parts;
    for (const NumberSet& set : sets)
        parts << formatNumberSet(set);
    return parts.join(QStringLiteral("; "));
}

std::vector<NumberSet> defaultNumberSets()
{
    return parseNumberSets(QLatin1StringView(kDefaultNumberSets)).sets;
}

} // namespace calcprof
