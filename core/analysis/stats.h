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

/// A conservative interval of the ratio of two medians, numerator / denominator: the numerator's
/// interval over the denominator's, ends crossed. Both ciLow must be above 0 for a finite interval.
struct RatioInterval
{
    double low = 1.0; ///< numerator ciLow / denominator ciHigh
    double high = 1.0; ///< numerator ciHigh / denominator ciLow
};

/// The interval of median(numerator) / median(denominator): a speedup is ratioInterval(baseline,
/// group), a comparison's after/before ratioInterval(after, before).
RatioInterval ratioInterval(const Summary& numerator, const Summary& denominator);

inline constexpr double kConfidence = 0.95;
inline constexpr double kOutlierZScore = 3.5;
inline constexpr int kMinSamplesForOutliers = 5;

/// Summarises `samples` (an empty input gives an all-zero Summary).
Summary summarize(std::vector<double> samples);

/// Below this many samples on either side a comparison says "too few samples", as Google
/// Benchmark's compare.py does rather than quote a test that cannot reach significance.
inline constexpr int kMinComparisonSamples = 5;
/// A difference with a two-sided p-value below this is called significant.
inline constexpr double kSignificanceLevel = 0.05;

struct MannWhitney
{
    double u = 0.0; ///< U of the first sample: pairs (a, b) with a > b, ties counting one half
    double pValue = 1.0; ///< two-sided
    bool exact = false; ///< from the exact distribution of U (small samples, no ties), else the normal approximation
};

/// The two-sided Mann–Whitney U (Wilcoxon rank-sum) test of `a` against `b`: whether one tends to
/// be larger, without assuming a distribution. Like scipy's mannwhitneyu (which compare.py uses):
/// the exact distribution when both samples have at most 8 values and there are no ties, otherwise
/// the normal approximation with tie correction and continuity correction. p = 1 when either
/// sample is empty.
MannWhitney mannWhitneyU(const std::vector<double>& a, const std::vector<double>& b);

} // namespace calcprof
