#pragma once

#include "core/experimentplan.h"
#include "core/results.h"

#include <vector>

namespace calcprof {

/// Everything one invocation measured, with the plan it ran.
struct Experiment
{
    QString version;
    EnvironmentInfo environment;
    ExperimentPlan plan;
    std::vector<SetRun> runs; ///< measured runs only: warm-up runs are not recorded
    std::vector<CsvRun> csv;
    bool cancelled = false;
};

} // namespace calcprof
