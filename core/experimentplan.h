#pragma once

#include "csv/csvmoderegistry.h"
#include "csv/csvstage.h"
#include "numbersets.h"
#include "strategyregistry.h"

#include <QStringList>

#include <vector>

namespace calcprof {

inline constexpr int kAutoPoolSize = 0;
inline constexpr int kMaxRepeat = 1000;

/// The largest pool size accepted: max(64, 8 x cores), the range of the GUI's slider.
int maxPoolSize();

/// What to run: sets x strategies x repetitions, then optionally one CSV stage.
/// The CLI and the GUI both fill one in and both check it with validatePlan().
struct ExperimentPlan
{
    std::vector<NumberSet> sets = defaultNumberSets();
    QStringList strategies = builtinStrategies().ids();
    int poolSize = kAutoPoolSize; ///< kAutoPoolSize: one worker per task, as Pool(len(set))
    int repeat = 1;
    CsvOptions csv;
};

/// Empty if `plan` can run; otherwise a message naming the offending value and what is allowed.
/// Nothing is written by a check, so a refused plan leaves no trace.
QString validatePlan(const ExperimentPlan& plan, const StrategyRegistry& strategies = builtinStrategies(),
    const CsvModeRegistry& csvModes = builtinCsvModes());

/// The values the CSV stage writes: the chosen set's lists, flattened in result order.
std::vector<FiboValue> csvStageValues(const ExperimentPlan& plan);

/// The pool size the CSV pool mode uses: the setting, with auto = tasks in the CSV set.
int csvPoolSize(const ExperimentPlan& plan);

} // namespace calcprof
