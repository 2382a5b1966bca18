#include "core/analysis/autorepeat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace calcprof {

namespace {

QString percentText(double fraction)
{
    return QStringLiteral("±%1 %").arg(fraction * 100.0, 0, 'f', 1);
}

} // namespace

double relativePrecision(const Summary& wall)
{
    if (wall.count == 0 || wall.median <= 0.0)
        return std::numeric_limits<double>::infinity();
    return std::max(wall.median - wall.ciLow, wall.ciHigh - wall.median) / wall.median;
}

std::vector<ImpreciseGroup> impreciseGroups(const std::vector<SetRun>& runs, int setIndex, double precision)
{
    std::map<std::pair<QString, int>, std::vector<double>> walls; // by strategy and workers
    for (const SetRun& run : runs) {
        if (run.setIndex == setIndex && run.ok()
            && !run.superseded) // a disturbed attempt measured again is not a sample
            walls[{run.strategy, run.poolSize}].push_back(run.wallSeconds);
    }
    std::vector<ImpreciseGroup> imprecise;
    for (const auto& [key, seconds] : walls) {
        const double reached = relativePrecision(summarize(seconds));
        if (reached > precision)
            imprecise.push_back({key.first, key.second, reached});
    }
    return imprecise;
}

std::optional<RoundsStop> roundsStopAfter(const AutoRepeat& policy, int rounds, double seconds, bool precise)
{
    if (precise)
        return RoundsStop::Precise;
    if (rounds >= kMaxRepeat)
        return RoundsStop::RoundCap;
    const double nextRound = rounds > 0 ? seconds / rounds : 0.0;
    if (seconds + nextRound > policy.maxSecondsPerSet)
        return RoundsStop::TimeBudget;
    return std::nullopt;
}

QStringList autoRepeatLines(const ExperimentSummary& summary)
{
    const AutoRepeat& policy = summary.autoRepeat;
    QStringList lines;
    for (const SetSummary& set : summary.sets) {
        if (!set.autoRounds)
            continue;
        const SetRounds& rounds = *set.autoRounds;
        QStringList imprecise;
        int groups = 0;
        for (const GroupSummary& group : summary.groups) {
            if (group.setIndex != set.setIndex || !group.measured())
                continue;
            ++groups;
            if (const double reached = relativePrecision(group.wall); reached > policy.precision)
                imprecise << QStringLiteral("%1 %2 %3")
                                 .arg(group.strategy)
                                 .arg(group.workers == 1 ? QStringLiteral("1 worker")
                                                         : QStringLiteral("%1 workers").arg(group.workers))
                                 .arg(std::isfinite(reached) ? percentText(reached) : QStringLiteral("(no interval)"));
        }
        QString line = QStringLiteral("set %1: %2 rounds in %3 s; ")
                           .arg(set.setIndex)
                           .arg(rounds.rounds)
                           .arg(rounds.seconds, 0, 'f', 1);
        if (imprecise.isEmpty()) {
            line += QStringLiteral("every group within %1").arg(percentText(policy.precision));
        } else {
            const QString why = rounds.stop == RoundsStop::TimeBudget
                ? QStringLiteral("the %1 s budget ran out").arg(policy.maxSecondsPerSet, 0, 'g', 4)
                : rounds.stop == RoundsStop::RoundCap  ? QStringLiteral("the most rounds allowed ran")
                : rounds.stop == RoundsStop::Cancelled ? QStringLiteral("the run was cancelled")
                                                       : QStringLiteral("its other runs failed");
            line += QStringLiteral("%1 with %2 of %3 groups not within %4: %5")
                        .arg(why)
                        .arg(imprecise.size())
                        .arg(groups)
                        .arg(percentText(policy.precision), imprecise.join(QStringLiteral(", ")));
        }
        lines << line;
    }
    return lines;
}

} // namespace calcprof
