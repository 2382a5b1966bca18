#pragma once

#include <QString>

#include <cstdint>

/// Human-readable quantities, shared by the console tables and the GUI.
namespace calcprof {

/// "12.3 µs", "4.56 ms", "1.234 s": the unit follows the magnitude (set 1 is microseconds, set 3 seconds).
QString formatSeconds(double seconds);
/// "512 B", "1.20 MB", "8.60 GB" (decimal units, as disks are sold and MB/s is quoted).
QString formatBytes(std::uint64_t bytes);

} // namespace calcprof
