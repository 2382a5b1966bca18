// libFuzzer target for calcprof::parseNumberSets(), the number-set syntax shared by --sets and the GUI.
//
// The input bytes are read as UTF-8 (what a command line or a text field gives), as Latin-1 (every
// byte one character: NUL, NBSP, controls) and as raw UTF-16 (lone surrogates, any BMP character).
// For each text the parse is compared with an independent reference reading of the syntax:
//   - it never throws;
//   - it accepts exactly the texts the reference accepts, with the same sets, all of 1..kMaxSets sets
//     of 1..kMaxNumbersPerSet numbers in 0..kMaxTaskNumber, and formatNumberSets() reads back to them;
//   - a refusal has no sets, a non-empty error, errorPosition in 1..text.size()+1 at the reference's
//     offending token, and a message that names that token and position verbatim.

#include "core/model/numbersets.h"
#include "fuzzsupport.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <vector>

namespace {

using calcprof::fuzz::fail;
using calcprof::fuzz::require;

// The reference reading, written from the README's description of the syntax rather than from the parser.
struct Expected
{
    enum class Kind {
        Ok,
        Blank,
        TooManySets,
        EmptySet,
        TooManyNumbers,
        MissingNumber,
        NotWhole,
        Negative,
        AboveMaximum
    };
    Kind kind = Kind::Ok;
    std::vector<calcprof::NumberSet> sets;
    qsizetype position = 0; ///< 0-based index of the offending token's first non-space character
    QString token; ///< the offending token, without surrounding whitespace
    qsizetype count = 0; ///< sets or numbers given, for the "too many" errors
    std::size_t set = 0; ///< 1-based set of the error
};

struct Range
{
    qsizetype begin;
    qsizetype end;
};

std::vector<Range> pieces(const QString& text, Range range, char16_t separator)
{
    std::vector<Range> result;
    qsizetype begin = range.begin;
    for (qsizetype index = range.begin; index < range.end; ++index) {
        if (text.at(index) == separator) {
            result.push_back({begin, index});
            begin = index + 1;
        }
    }
    result.push_back({begin, range.end});
    return result;
}

// First and one-past-last non-space characters; an all-space range is reported where it begins.
Range content(const QString& text, Range range)
{
    qsizetype begin = range.begin;
    while (begin < range.end && text.at(begin).isSpace())
        ++begin;
    if (begin == range.end)
        return {range.begin, range.begin};
    qsizetype end = range.end;
    while (text.at(end - 1).isSpace())
        --end;
    return {begin, end};
}

bool allAsciiDigits(const QString& text, qsizetype begin, qsizetype end)
{
    if (begin >= end)
        return false;
    for (qsizetype index = begin; index < end; ++index) {
        if (text.at(index).unicode() < u'0' || text.at(index).unicode() > u'9')
            return false;
    }
    return true;
}

Expected reference(const QString& text)
{
    Expected expected;
    auto refuse = [&expected](Expected::Kind kind, qsizetype position) {
        expected.kind = kind;
        expected.position = position;
        expected.sets.clear();
        return expected;
    };
    const Range whole {0, text.size()};
    if (content(text, whole).begin == content(text, whole).end)
        return refuse(Expected::Kind::Blank, 0);

    const std::vector<Range> setRanges = pieces(text, whole, u';');
    if (setRanges.size() > static_cast<std::size_t>(calcprof::kMaxSets)) {
        expected.count = static_cast<qsizetype>(setRanges.size());
        return refuse(Expected::Kind::TooManySets, content(text, setRanges[calcprof::kMaxSets]).begin);
    }
    for (std::size_t setIndex = 0; setIndex < setRanges.size(); ++setIndex) {
        expected.set = setIndex + 1;
        const Range setContent = content(text, setRanges[setIndex]);
        if (setContent.begin == setContent.end)
            return refuse(Expected::Kind::EmptySet, setContent.begin);
        const std::vector<Range> numberRanges = pieces(text, setRanges[setIndex], u',');
        if (numberRanges.size() > static_cast<std::size_t>(calcprof::kMaxNumbersPerSet)) {
            expected.count = static_cast<qsizetype>(numberRanges.size());
            return refuse(
                Expected::Kind::TooManyNumbers, content(text, numberRanges[calcprof::kMaxNumbersPerSet]).begin);
        }
        calcprof::NumberSet set;
        for (const Range numberRange : numberRanges) {
            const Range token = content(text, numberRange);
            if (token.begin == token.end)
                return refuse(Expected::Kind::MissingNumber, token.begin);
            expected.token = text.mid(token.begin, token.end - token.begin);
            if (!allAsciiDigits(text, token.begin, token.end)) {
                const bool negative = text.at(token.begin) == u'-' && allAsciiDigits(text, token.begin + 1, token.end);
                return refuse(negative ? Expected::Kind::Negative : Expected::Kind::NotWhole, token.begin);
            }
            qsizetype first = token.begin;
            while (first + 1 < token.end && text.at(first) == u'0')
                ++first;
            int value = calcprof::kMaxTaskNumber + 1;
            if (token.end - first <= 2)
                value = text.mid(first, token.end - first).toInt();
            if (value > calcprof::kMaxTaskNumber)
                return refuse(Expected::Kind::AboveMaximum, token.begin);
            set.push_back(value);
        }
        expected.sets.push_back(set);
    }
    expected.token.clear();
    return expected;
}

QString describe(const QString& text)
{
    // Multi-argument arg(): a "%1" in the text must not be substituted in turn.
    return QStringLiteral("text '%1' (%2 UTF-16 units)").arg(text, QString::number(text.size()));
}

void checkValidSets(const std::vector<calcprof::NumberSet>& sets, const QString& text)
{
    require(!sets.empty() && sets.size() <= static_cast<std::size_t>(calcprof::kMaxSets), "1..kMaxSets sets",
        describe(text));
    for (const calcprof::NumberSet& set : sets) {
        require(!set.empty() && set.size() <= static_cast<std::size_t>(calcprof::kMaxNumbersPerSet),
            "1..kMaxNumbersPerSet numbers per set", describe(text));
        for (const int n : set)
            require(n >= 0 && n <= calcprof::kMaxTaskNumber, "numbers in 0..kMaxTaskNumber", describe(text));
    }
}

void checkText(const QString& text)
{
    calcprof::NumberSetsParse parsed;
    try {
        parsed = calcprof::parseNumberSets(text);
    } catch (const std::exception& error) {
        fail("parseNumberSets never throws", QString::fromUtf8(error.what()));
    } catch (...) {
        fail("parseNumberSets never throws");
    }
    const Expected expected = reference(text);

    if (parsed.ok()) {
        require(expected.kind == Expected::Kind::Ok, "accepts only what the reference accepts", describe(text));
        require(parsed.errorPosition == 0, "errorPosition is 0 when valid", describe(text));
        checkValidSets(parsed.sets, text);
        require(parsed.sets == expected.sets, "the reference's sets", describe(text));
        const QString canonical = calcprof::formatNumberSets(parsed.sets);
        const calcprof::NumberSetsParse again = calcprof::parseNumberSets(canonical);
        require(again.ok() && again.sets == parsed.sets, "formatNumberSets() reads back to the same sets",
            describe(text) + QStringLiteral(" -> '") + canonical + u'\'');
        for (const calcprof::NumberSet& set : parsed.sets) {
            const calcprof::NumberSetsParse one = calcprof::parseNumberSets(calcprof::formatNumberSet(set));
            require(one.ok() && one.sets.size() == 1 && one.sets.front() == set,
                "formatNumberSet() reads back to the same set", describe(text));
        }
        return;
    }

    const QString detail
        = describe(text) + QStringLiteral(" -> '") + parsed.error + QStringLiteral("' at %1").arg(parsed.errorPosition);
    require(expected.kind != Expected::Kind::Ok, "refuses only what the reference refuses", detail);
    require(parsed.sets.empty(), "no sets when refused", detail);
    require(!parsed.error.isEmpty(), "a refusal says why", detail);
    require(parsed.errorPosition >= 1 && parsed.errorPosition <= text.size() + 1, "errorPosition in 1..size+1", detail);
    require(parsed.errorPosition == expected.position + 1, "errorPosition at the offending token", detail);
    require(calcprof::fuzz::placeholderCount(parsed.error) <= calcprof::fuzz::placeholderCount(text),
        "no unsubstituted %N placeholder in the message", detail);

    const QString position = QString::number(expected.position + 1);
    QString prefix;
    switch (expected.kind) {
    case Expected::Kind::Ok: break;
    case Expected::Kind::Blank: prefix = QStringLiteral("no number sets given"); break;
    case Expected::Kind::TooManySets:
        prefix = QStringLiteral("too many sets: ") + QString::number(expected.count) + QStringLiteral(" given");
        break;
    case Expected::Kind::EmptySet:
        prefix = QStringLiteral("set ") + QString::number(expected.set) + QStringLiteral(" at position ") + position
            + QStringLiteral(" is empty");
        break;
    case Expected::Kind::TooManyNumbers:
        prefix = QStringLiteral("set ") + QString::number(expected.set) + QStringLiteral(" has too many numbers: ")
            + QString::number(expected.count) + QStringLiteral(" given");
        break;
    case Expected::Kind::MissingNumber:
        prefix = QStringLiteral("missing number at position ") + position + QStringLiteral(" in set ")
            + QString::number(expected.set);
        break;
    case Expected::Kind::NotWhole:
    case Expected::Kind::Negative:
    case Expected::Kind::AboveMaximum:
        prefix = u'\'' + expected.token + QStringLiteral("' at position ") + position
            + (expected.kind == Expected::Kind::NotWhole        ? QStringLiteral(" is not a whole number")
                    : expected.kind == Expected::Kind::Negative ? QStringLiteral(" is negative")
                                                                : QStringLiteral(" is above the maximum"));
        break;
    }
    require(parsed.error.startsWith(prefix), "the message names the offending token and its position",
        detail + QStringLiteral("; expected it to start with '") + prefix + u'\'');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto* chars = reinterpret_cast<const char*>(data);
    const auto length = static_cast<qsizetype>(size);
    checkText(QString::fromUtf8(chars, length));
    checkText(QString::fromLatin1(chars, length));
    if (size >= 2) {
        std::vector<char16_t> units(size / 2);
        for (std::size_t index = 0; index < units.size(); ++index)
            units[index] = static_cast<char16_t>(data[2 * index] | (data[2 * index + 1] << 8));
        checkText(QString::fromUtf16(units.data(), static_cast<qsizetype>(units.size())));
    }
    return 0;
}
