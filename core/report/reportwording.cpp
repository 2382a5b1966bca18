#include "core/report/reportwording.h"

#include "core/format/units.h"
#include "core/model/numbersets.h"

namespace calcprof::report {

QString quoteTime(const Summary& wall)
{
    if (wall.count <= 1)
        return formatSeconds(wall.median) + QStringLiteral(" (one run)");
    return QStringLiteral("%1 (%2)").arg(formatSeconds(wall.median),
        intervalText(wall.ciConfidence, wall.count, formatSeconds(wall.ciLow), formatSeconds(wall.ciHigh)));
}

QString quoteSpeedup(const GroupSummary& group)
{
    if (!group.speedup)
        return QStringLiteral("-");
    const QString interval = speedupIntervalText(group);
    QString quote = interval.isEmpty() ? formatSpeedup(*group.speedup) + QStringLiteral(" (one run)")
                                       : QStringLiteral("%1 (%2)").arg(formatSpeedup(*group.speedup), interval);
    if (group.aboveCores)
        quote += QStringLiteral(", ") + group.aboveCoresText;
    if (group.notMeasurable)
        quote += QStringLiteral(", ") + group.notMeasurableText;
    return quote;
}

QString timeCell(const Summary& wall)
{
    if (wall.count <= 1)
        return formatSeconds(wall.median);
    return QStringLiteral("%1 [%2, %3]")
        .arg(formatSeconds(wall.median), formatSeconds(wall.ciLow), formatSeconds(wall.ciHigh));
}

QString speedupCell(const GroupSummary& group)
{
    if (!group.speedup)
        return QStringLiteral("-");
    QString cell = speedupIntervalText(group).isEmpty()
        ? formatSpeedup(*group.speedup)
        : QStringLiteral("%1 [%2, %3]")
              .arg(formatSpeedup(*group.speedup), formatSpeedup(*group.speedupLow), formatSpeedup(*group.speedupHigh));
    if (group.aboveCores)
        cell += QStringLiteral(" (") + group.aboveCoresText + u')';
    if (group.notMeasurable)
        cell += QStringLiteral(" (") + group.notMeasurableText + u')';
    return cell;
}

QString efficiencyCell(const GroupSummary& group)
{
    if (!group.efficiency)
        return QStringLiteral("-");
    if (group.aboveCores)
        return QStringLiteral("%1 (capped: %2)").arg(percent(1.0), group.aboveCoresText);
    return percent(*group.efficiency);
}

Verdict verdictAgainstSerial(const GroupSummary& group)
{
    if (group.notMeasurable)
        return Verdict::NotMeasurable;
    if (!group.speedupLow || !group.speedupHigh)
        return Verdict::Unknown;
    if (*group.speedupLow > 1.0)
        return Verdict::Faster;
    if (*group.speedupHigh < 1.0)
        return Verdict::Slower;
    return Verdict::Undecided;
}

QString plural(const QString& unit)
{
    if (unit.endsWith(u'f'))
        return unit.chopped(1) + QStringLiteral("ves");
    return unit + u's';
}

QString groupName(const GroupSummary& group)
{
    if (group.strategy == baselineStrategyId())
        return group.strategy;
    return QStringLiteral("%1 (%2 worker%3)")
        .arg(group.strategy)
        .arg(group.workers)
        .arg(group.workers == 1 ? QString() : QStringLiteral("s"));
}

ReportBlock paragraph(const QString& text)
{
    ReportBlock block;
    block.text = text;
    return block;
}

ReportBlock bullets(const QStringList& items)
{
    ReportBlock block;
    block.kind = ReportBlock::Kind::Bullets;
    block.items = items;
    return block;
}

ReportBlock tableBlock(ReportTable table)
{
    ReportBlock block;
    block.kind = ReportBlock::Kind::Table;
    block.table = std::move(table);
    return block;
}

ReportBlock figureBlock(ReportFigure figure)
{
    ReportBlock block;
    block.kind = ReportBlock::Kind::Figure;
    block.figure = std::move(figure);
    return block;
}

ReportBlock commandBlock(const QString& commandLine)
{
    ReportBlock block;
    block.kind = ReportBlock::Kind::Command;
    block.text = commandLine;
    return block;
}

QString suggestedCommand(const Experiment& experiment, const QString& extraOptions)
{
    return QStringLiteral("calcprof --headless --sets \"%1\" %2 --report report.html")
        .arg(formatNumberSets(experiment.plan.sets), extraOptions);
}

} // namespace calcprof::report
