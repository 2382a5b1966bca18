#include "core/format/summarytable.h"

#include "core/analysis/ratioestimate.h"
#include "core/analysis/stats.h"
#include "core/format/units.h"
#include "core/model/numbersets.h"

namespace calcprof {

QStringList summaryTableHeader()
{
    return {QStringLiteral("set"), QStringLiteral("numbers"), QStringLiteral("strategy"), QStringLiteral("workers"),
        QStringLiteral("runs"), QStringLiteral("wall (median)"), QStringLiteral("interval of median"),
        QStringLiteral("cpu (median)"), QStringLiteral("speedup"), QStringLiteral("interval"),
        QStringLiteral("estimator"), QStringLiteral("schedule model"), QStringLiteral("bound of its unit"),
        QStringLiteral("check")};
}

QString summaryCheckCell(const GroupSummary& group)
{
    if (group.failures > 0)
        return QStringLiteral("FAILED x%1").arg(group.failures);
    if (!group.allMatch)
        return QStringLiteral("MISMATCH");
    if (group.notMeasurable)
        return group.notMeasurableText;
    return group.aboveCores ? group.aboveCoresText : QStringLiteral("ok");
}

QStringList summaryTableRow(const GroupSummary& group)
{
    const QString none = QStringLiteral("-");
    const bool measured = group.measured();
    // The interval needs at least two samples; with fewer than six it is the range, below 95 %.
    const QString interval = group.wall.count > 1
        ? formatSeconds(group.wall.ciLow) + QStringLiteral(" – ") + formatSeconds(group.wall.ciHigh)
            + (group.wall.ciConfidence < kConfidence ? QStringLiteral(" *") : QString())
        : none;
    const bool speedupInterval = group.speedupLow && group.speedupSamples > 1;
    return {QString::number(group.setIndex), formatNumberSet(group.numbers), group.strategy,
        QString::number(group.workers), QString::number(group.wall.count),
        measured ? formatSeconds(group.wall.median) : none, interval, measured ? formatSeconds(group.cpu.median) : none,
        group.speedup ? formatSpeedup(*group.speedup) : none,
        speedupInterval ? formatSpeedup(*group.speedupLow) + QStringLiteral(" – ") + formatSpeedup(*group.speedupHigh)
                        : none,
        group.speedup ? estimatorName(group.estimator) : none,
        group.bounds ? formatSpeedup(group.bounds->schedule) : none,
        group.bounds ? formatSpeedup(group.bounds->unit) + QStringLiteral(" per ") + group.workUnit : none,
        summaryCheckCell(group)};
}

std::vector<std::optional<double>> summaryTableSortKeys(const GroupSummary& group)
{
    using Key = std::optional<double>;
    const bool measured = group.measured();
    const auto when = [](bool present, double value) { return present ? Key(value) : std::nullopt; };
    return {double(group.setIndex), std::nullopt, std::nullopt, double(group.workers), double(group.wall.count),
        when(measured, group.wall.median), when(group.wall.count > 1, group.wall.ciLow),
        when(measured, group.cpu.median), group.speedup, group.speedupSamples > 1 ? group.speedupLow : std::nullopt,
        std::nullopt, when(group.bounds.has_value(), group.bounds ? group.bounds->schedule : 0.0),
        when(group.bounds.has_value(), group.bounds ? group.bounds->unit : 0.0), std::nullopt};
}

} // namespace calcprof
