#pragma once

#include <QString>

#include <vector>

/// Text syntax of pool sizes, shared by the CLI's --pool-size and the window's sweep box:
/// comma-separated values, each `auto` (one worker per task, as Pool(len(set))), a whole number N or
/// a range A-B (A <= B), mixable: "1-4,8,auto". Whitespace around tokens is allowed.
namespace calcprof {

inline constexpr int kAutoPoolSize = 0;

/// The largest pool size accepted: max(64, 8 x cores), the range of the GUI's slider.
int maxPoolSize();

struct PoolSizesParse
{
    /// In the order given, each value once (kAutoPoolSize for auto).
    std::vector<int> poolSizes;
    /// Empty when the text is valid; otherwise names the offending token and what is allowed.
    QString error;

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// Parses `text`; never throws.
PoolSizesParse parsePoolSizes(const QString& text);

/// The canonical text, which parsePoolSizes() reads back to the same list: consecutive runs of three
/// or more numbers become ranges ("1-4,8,auto").
QString formatPoolSizes(const std::vector<int>& poolSizes);

/// "auto" or the number.
QString formatPoolSize(int poolSize);

} // namespace calcprof
