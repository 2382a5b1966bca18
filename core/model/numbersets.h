#pragma once

#include "core/exec/workload.h"

#include <QString>

#include <vector>

/// Text syntax of number sets, shared by the CLI and the GUI:
/// sets separated by ';', numbers by ',', whitespace allowed anywhere between tokens,
/// e.g. "10,12,5,7,4,3,2; 35,30,25,40; 40,38,42".
namespace calcprof {

inline constexpr int kMaxSets = 64;
inline constexpr int kMaxNumbersPerSet = 256;

/// The three sets of the original program.
inline constexpr const char* kDefaultNumberSets = "10,12,5,7,4,3,2; 35,30,25,40; 40,38,42";

struct NumberSetsParse
{
    std::vector<NumberSet> sets;
    /// Empty when the text is valid; otherwise names the offending token and its position.
    QString error;
    /// 1-based character position of the offending token (0 when valid).
    int errorPosition = 0;

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// Parses `text`; never throws. Only plain ASCII decimal numbers 0..kMaxTaskNumber are accepted.
NumberSetsParse parseNumberSets(const QString& text);

/// The canonical text for `sets`, which parseNumberSets() reads back to the same sets.
QString formatNumberSets(const std::vector<NumberSet>& sets);
QString formatNumberSet(const NumberSet& set);

std::vector<NumberSet> defaultNumberSets();

} // namespace calcprof
