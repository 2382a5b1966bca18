#pragma once

#include "core/model/experimentplan.h"
#include "core/model/results.h"

#include <optional>
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
    /// The raw sequential write the CSV stage compares with, when one was measured.
    std::optional<RawWriteReference> rawWrite;
    bool cancelled = false;
};

} // namespace calcprof
