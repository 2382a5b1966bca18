#include "stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace calcprof {

Summary summarize(std::vector<double> samples)
{
    Summary summary;
    if (samples.empty())
        return summary;
    std::sort(samples.begin(), samples.end());
    const std::size_t count = samples.size();
    summary.count = static_cast<int>(count);
    summary.min = samples.front();
    summary.max = samples.back();
    summary.median = count % 2 == 1 ? samples[count / 2] : (samples[count / 2 - 1] + samples[count / 2]) / 2.0;
    summary.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(count);
    if (count > 1) {
        double squares = 0.0;
        for (const double sample : samples)
            squares += (sample - summary.mean) * (sample - summary.mean);
        summary.stddev = std::sqrt(squares / static_cast<double>(count - 1));
    }
    return summary;
}

} // namespace calcprof
