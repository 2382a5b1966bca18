#pragma once

#include "core/model/experiment.h"
#include "core/model/experimentplan.h"

/// What a report lacks to answer every question, and the plan that runs it: the window offers to
/// run the missing parts before it saves a report (File → Save report…).
namespace calcprof {

struct ReportGaps
{
    /// No strategy that uses the pool size ran with two pool sizes or more on one set: question 3
    /// (what does Pool(size) change?) has no sweep to read.
    bool sweep = false;
    /// No CSV stage finished: the CSV writer section has nothing to compare.
    bool csv = false;

    [[nodiscard]] bool any() const { return sweep || csv; }
    bool operator==(const ReportGaps&) const = default;
};

/// The gaps of `experiment` (nothing run at all: both).
ReportGaps findReportGaps(const Experiment& experiment, const StrategyRegistry& strategies = builtinStrategies());

/// `plan` extended to fill `gaps`: the sweep runs pool sizes 1..max(8, tasks in the largest set)
/// (and adds the pool strategy if no strategy of the plan uses the pool size); the CSV stage runs
/// the parallel mode with the plan's CSV settings (set, folder, row sizes, fsync).
ExperimentPlan planFillingGaps(
    ExperimentPlan plan, const ReportGaps& gaps, const StrategyRegistry& strategies = builtinStrategies());

} // namespace calcprof
