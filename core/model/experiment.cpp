#include "core/model/experiment.h"

#include "core/model/environment.h"

#include <algorithm>
#include <utility>

namespace calcprof {

Experiment Experiment::stamped() const&
{
    return Experiment(*this).stamped();
}

Experiment Experiment::stamped() &&
{
    if (version.isEmpty()) {
        version = QStringLiteral(CALCPROF_VERSION);
        environment = currentEnvironment();
    }
    return std::move(*this);
}

bool Experiment::hasFailures() const
{
    const bool setFailed = std::any_of(runs.begin(), runs.end(), [](const SetRun& run) { return !run.ok(); });
    // A cancelled CSV stage stopped on request: no failure.
    return setFailed
        || (!cancelled && std::any_of(csv.begin(), csv.end(), [](const CsvRun& run) { return !run.ok(); }));
}

} // namespace calcprof
