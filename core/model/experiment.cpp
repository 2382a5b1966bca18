#include "core/model/experiment.h"

#include "core/model/environment.h"

#include <QFileInfo>

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

QString roundsStopName(RoundsStop stop)
{
    switch (stop) {
    case RoundsStop::Precise: return QStringLiteral("precise");
    case RoundsStop::TimeBudget: return QStringLiteral("time budget");
    case RoundsStop::RoundCap: return QStringLiteral("round cap");
    case RoundsStop::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<RoundsStop> roundsStopFromName(const QString& name)
{
    for (const RoundsStop stop :
        {RoundsStop::Precise, RoundsStop::TimeBudget, RoundsStop::RoundCap, RoundsStop::Cancelled}) {
        if (roundsStopName(stop) == name)
            return stop;
    }
    return std::nullopt;
}

QStringList Experiment::failures() const
{
    QStringList lines;
    for (const SetRun& run : runs) {
        if (!run.ok())
            lines << QStringLiteral("'%1' on set %2: %3").arg(run.strategy).arg(run.setIndex).arg(run.error);
    }
    for (const SetRun& run : failedWarmups) {
        lines << QStringLiteral("'%1' on set %2, warm-up %3 of %4: %5")
                     .arg(run.strategy)
                     .arg(run.setIndex)
                     .arg(run.repetition + plan.warmup + 1)
                     .arg(plan.warmup)
                     .arg(run.error);
    }
    for (const CsvRun& run : csv) {
        if (!run.ok() && !cancelled)
            lines << QStringLiteral("CSV stage '%1': %2").arg(run.mode, run.error);
    }
    if (script) {
        if (const QString failure = script->failure(); !failure.isEmpty())
            lines << QStringLiteral("your script %1: %2").arg(QFileInfo(script->plan.path).fileName(), failure);
    }
    return lines;
}

} // namespace calcprof
