#include "core/analysis/stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace calcprof {

namespace {

double medianOfSorted(const std::vector<double>& sorted)
{
    const std::size_t count = sorted.size();
    return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
}

// P(B <= k) for B ~ Binomial(n, 1/2), summed in doubles: n stays far below where that loses accuracy.
double binomialHalfCdf(int n, int k)
{
    double term = std::pow(0.5, n); // C(n, 0) / 2^n
    double sum = 0.0;
    for (int i = 0; i <= k; ++i) {
        sum += term;
        term = term * static_cast<double>(n - i) / static_cast<double>(i + 1);
    }
    return sum;
}

} // namespace

Summary summarize(std::vector<double> samples)
{
    Summary summary;
    if (samples.empty())
        return summary;
    std::sort(samples.begin(), samples.end());
    const std::size_t count = samples.size();
    const int n = static_cast<int>(count);
    summary.count = n;
    summary.min = samples.front();
    summary.max = samples.back();
    summary.median = medianOfSorted(samples);
    summary.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(count);
    if (count > 1) {
        double squares = 0.0;
        for (const double sample : samples)
            squares += (sample - summary.mean) * (sample - summary.mean);
        summary.stddev = std::sqrt(squares / static_cast<double>(count - 1));
    }
    summary.cv = summary.mean != 0.0 ? summary.stddev / std::abs(summary.mean) : 0.0;

    // [x(j), x(n+1-j)] (1-based) covers the median with probability 1 - 2 P(B <= j - 1).
    int best = 1;
    for (int j = 2; j <= n / 2; ++j) {
        if (1.0 - 2.0 * binomialHalfCdf(n, j - 1) < kConfidence)
            break;
        best = j;
    }
    summary.ciLow = samples[static_cast<std::size_t>(best - 1)];
    summary.ciHigh = samples[count - static_cast<std::size_t>(best)];
    summary.ciConfidence = n > 1 ? 1.0 - 2.0 * binomialHalfCdf(n, best - 1) : 0.0;

    std::vector<double> deviations;
    deviations.reserve(count);
    for (const double sample : samples)
        deviations.push_back(std::abs(sample - summary.median));
    std::sort(deviations.begin(), deviations.end());
    const double mad = medianOfSorted(deviations);
    if (mad > 0.0 && n >= kMinSamplesForOutliers) {
        summary.outliers
            = static_cast<int>(std::count_if(samples.begin(), samples.end(), [&summary, mad](double sample) {
                  return std::abs(0.6745 * (sample - summary.median) / mad) > kOutlierZScore;
              }));
    }
    return summary;
}

namespace {

/// How many ways the first sample's values can rank to give each U, for sizes n1 and n2 with no
/// ties: ways[u] over u = 0 … n1 * n2 (the recursion of Mann and Whitney, 1947).
std::vector<double> exactDistribution(int n1, int n2)
{
    // f(n1, n2, u) = f(n1 - 1, n2, u - n2) + f(n1, n2 - 1, u): the largest value is in the first
    // sample (beating all n2 others) or in the second.
    const int maxU = n1 * n2;
    std::vector<std::vector<std::vector<double>>> f(
        static_cast<std::size_t>(n1) + 1, std::vector<std::vector<double>>(static_cast<std::size_t>(n2) + 1));
    for (int i = 0; i <= n1; ++i) {
        for (int j = 0; j <= n2; ++j) {
            std::vector<double>& ways = f[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
            ways.assign(static_cast<std::size_t>(maxU) + 1, 0.0);
            if (i == 0 || j == 0) {
                ways[0] = 1.0;
                continue;
            }
            const auto& withoutFirst = f[static_cast<std::size_t>(i) - 1][static_cast<std::size_t>(j)];
            const auto& withoutSecond = f[static_cast<std::size_t>(i)][static_cast<std::size_t>(j) - 1];
            for (int u = 0; u <= i * j; ++u) {
                const auto index = static_cast<std::size_t>(u);
                ways[index] = withoutSecond[index] + (u >= j ? withoutFirst[index - static_cast<std::size_t>(j)] : 0.0);
            }
        }
    }
    return f[static_cast<std::size_t>(n1)][static_cast<std::size_t>(n2)];
}

} // namespace

MannWhitney mannWhitneyU(const std::vector<double>& a, const std::vector<double>& b)
{
    MannWhitney result;
    if (a.empty() || b.empty())
        return result;
    const auto n1 = static_cast<double>(a.size());
    const auto n2 = static_cast<double>(b.size());

    // Ranks of the pooled samples, ties sharing their mean rank.
    std::vector<std::pair<double, bool>> pooled; // (value, from a)
    pooled.reserve(a.size() + b.size());
    for (const double value : a)
        pooled.emplace_back(value, true);
    for (const double value : b)
        pooled.emplace_back(value, false);
    std::sort(pooled.begin(), pooled.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    double rankSumA = 0.0;
    double tieTerm = 0.0; // sum of t^3 - t over groups of t tied values
    for (std::size_t start = 0; start < pooled.size();) {
        std::size_t end = start;
        while (end < pooled.size() && pooled[end].first == pooled[start].first)
            ++end;
        const double rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
        const auto tied = static_cast<double>(end - start);
        tieTerm += tied * tied * tied - tied;
        for (std::size_t k = start; k < end; ++k)
            rankSumA += pooled[k].second ? rank : 0.0;
        start = end;
    }
    result.u = rankSumA - n1 * (n1 + 1.0) / 2.0;
    const double meanU = n1 * n2 / 2.0;

    if (a.size() <= 8 && b.size() <= 8 && tieTerm == 0.0) {
        // Two-sided: twice the smaller tail of the exact distribution, at most 1.
        const std::vector<double> ways = exactDistribution(static_cast<int>(a.size()), static_cast<int>(b.size()));
        const double total = std::accumulate(ways.begin(), ways.end(), 0.0);
        const auto u = static_cast<std::size_t>(std::lround(std::max(result.u, n1 * n2 - result.u)));
        double upperTail = 0.0;
        for (std::size_t k = u; k < ways.size(); ++k)
            upperTail += ways[k];
        result.pValue = std::min(1.0, 2.0 * upperTail / total);
        result.exact = true;
        return result;
    }
    const double n = n1 + n2;
    const double variance = n1 * n2 / 12.0 * ((n + 1.0) - tieTerm / (n * (n - 1.0)));
    if (variance <= 0.0)
        return result; // every value the same: no evidence of a difference
    const double z = std::max(std::abs(result.u - meanU) - 0.5, 0.0) / std::sqrt(variance);
    result.pValue = std::min(1.0, std::erfc(z / std::sqrt(2.0)));
    return result;
}

RatioInterval ratioInterval(const Summary& numerator, const Summary& denominator)
{
    return RatioInterval {numerator.ciLow / denominator.ciHigh, numerator.ciHigh / denominator.ciLow};
}

} // namespace calcprof
