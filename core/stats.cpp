#include "core/stats.h"

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

} // namespace calcprof
