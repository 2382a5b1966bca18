#pragma once

#include <vector>

/// Summary statistics over repeated measurements.
namespace calcprof {

struct Summary
{
    int count = 0;
    double median = 0.0;
    double mean = 0.0;
    double stddev = 0.0; ///< sample standard deviation (0 for fewer than two samples)
    double min = 0.0;
    double max = 0.0;
};

/// Summarises `samples` (an empty input gives an all-zero Summary).
Summary summarize(std::vector<double> samples);

} // namespace calcprof
