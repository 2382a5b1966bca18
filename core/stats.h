#pragma once

#include <vector>

/// Summary statistics over repeated measurements: what hyperfine and Google Benchmark report.
namespace calcprof {

struct Summary
{
    int count = 0;
    double median = 0.0;
    double mean = 0.0;
    double stddev = 0.0; ///< sample standard deviation (0 for fewer than two samples)
    double min = 0.0;
    double max = 0.0;
    double cv = 0.0; ///< coefficient of variation, stddev / mean (0 when the mean is 0)
    /// A distribution-free interval of the median: the order statistics [x(j), x(n+1-j)] with the
    /// largest j whose binomial coverage is still >= 95 %. Below 6 samples no such j exists, and
    /// the interval is [min, max] with its true, lower coverage in ciConfidence.
    double ciLow = 0.0;
    double ciHigh = 0.0;
    double ciConfidence = 0.0; ///< coverage of [ciLow, ciHigh]: >= 0.95 from 6 samples on
    /// Samples whose modified Z-score, 0.6745 (x - median) / MAD, exceeds 3.5 in magnitude
    /// (Iglewicz and Hoaglin, as hyperfine warns). None when the MAD is 0 or with fewer than
    /// kMinSamplesForOutliers samples, too few to tell an outlier from the spread.
    int outliers = 0;
};

inline constexpr double kConfidence = 0.95;
inline constexpr double kOutlierZScore = 3.5;
inline constexpr int kMinSamplesForOutliers = 5;

/// Summarises `samples` (an empty input gives an all-zero Summary).
Summary summarize(std::vector<double> samples);

} // namespace calcprof
