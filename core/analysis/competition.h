#pragma once

#include "core/model/results.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace calcprof {

/// What other processes took of the CPU while runs were measured, in the words the window logs.
struct Competition
{
    /// One line per run they took more than kCompetingShareThreshold of the machine's CPU during:
    /// "Other processes took 23 % of the CPU during 'pool' on set 3 (4 workers, repetition 2)".
    QStringList runs;
    /// "Other processes took up to 23 % of the CPU during 2 runs: rerun on a quieter machine";
    /// empty when no run was competed with.
    QString warning;
};

/// The runs of `runs` that other processes competed with (otherProcessesShare() on `cores` cores
/// above kCompetingShareThreshold, core/model/environment.h), and the warning that sums them up.
Competition findCompetition(const std::vector<SetRun>& runs, int cores);

} // namespace calcprof
