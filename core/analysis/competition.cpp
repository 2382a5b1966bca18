#include "core/analysis/competition.h"

#include "core/model/environment.h"

#include <QtMath>

#include <algorithm>

namespace calcprof {

Competition findCompetition(const std::vector<SetRun>& runs, int cores)
{
    Competition competition;
    double worst = 0.0;
    for (const SetRun& run : runs) {
        const double share = otherProcessesShare(run, cores);
        if (share <= kCompetingShareThreshold)
            continue;
        worst = std::max(worst, share);
        competition.runs << QStringLiteral("Other processes took %1 % of the CPU during '%2' on set %3 (%4 workers, "
                                           "repetition %5)")
                                .arg(qRound(share * 100.0))
                                .arg(run.strategy)
                                .arg(run.setIndex)
                                .arg(run.poolSize)
                                .arg(run.repetition);
    }
    const auto competed = competition.runs.size();
    if (competed > 0) {
        competition.warning
            = QStringLiteral("Other processes took up to %1 % of the CPU during %2: rerun on a quieter machine")
                  .arg(qRound(worst * 100.0))
                  .arg(competed == 1 ? QStringLiteral("1 run") : QStringLiteral("%1 runs").arg(competed));
    }
    return competition;
}

} // namespace calcprof
