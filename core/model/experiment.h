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

    /// This experiment with the version and machine of this build filled in when it has none yet:
    /// a run says what measured it, and so does what is saved or reported before anything ran.
    [[nodiscard]] Experiment stamped() const&;
    [[nodiscard]] Experiment stamped() &&;
    /// Whether a set run failed, or a CSV stage that was not cancelled: exactly when
    /// describeFailures() (core/analysis/summary.h) has something to say.
    [[nodiscard]] bool hasFailures() const;
};

} // namespace calcprof
