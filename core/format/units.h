#pragma once

#include <QString>

#include <cstdint>

/// Human-readable quantities, shared by the console tables and the GUI.
namespace calcprof {

/// "12.3 µs", "4.56 ms", "1.234 s": the unit follows the magnitude (set 1 is microseconds, set 3 seconds).
QString formatSeconds(double seconds);
/// "512 B", "1.20 MB", "8.60 GB" (decimal units, as disks are sold and MB/s is quoted).
QString formatBytes(std::uint64_t bytes);

/// "41 %": a share (0.41) in whole percent.
QString percent(double share);
/// The one wording of an interval of a median, wherever one is quoted: "95 % interval" (its real
/// coverage, 95 % or more from 6 runs on), "94 % interval (range of 5 runs)" when the interval is
/// the range of the runs and covers less; empty for a single run (no interval).
QString intervalLabel(double confidence, int runs);
/// The same with its ends, as every sentence quotes one: "95 % interval 405–420 ms", "94 % interval
/// 405–420 ms, range of 5 runs"; empty for a single run.
QString intervalText(double confidence, int runs, const QString& low, const QString& high);

/// "1.42x", "0.0053x": two decimals, or two significant digits below 0.1 so a tiny speedup never
/// reads as 0.00x.
QString formatSpeedup(double speedup);

/// "1 worker", "7 workers", "3 processes": a count with its noun, singular for one (`noun` is the
/// singular; the plural adds an s, or es after s, x, ch, sh).
QString countOf(long long count, const QString& noun);

} // namespace calcprof
