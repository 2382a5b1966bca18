#include "core/report/reportcontext.h"

#include "core/format/units.h"
#include "core/model/numbersets.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace calcprof::report {

const GroupSummary* Context::defaultGroup(const SetSummary& set, const QString& strategy) const
{
    const std::vector<const GroupSummary*> groups = groupsOf(set, strategy);
    for (const GroupSummary* group : groups) {
        if (!group->usesPoolSize
            || std::ranges::find(group->requestedPoolSizes, kAutoPoolSize) != group->requestedPoolSizes.end())
            return group;
    }
    // A sweep without "auto" still measured the auto worker count when it asked for it by number.
    const Strategy* known = m_strategies.find(strategy);
    if (known == nullptr)
        return nullptr;
    const int autoWorkers = known->workerCount(kAutoPoolSize, static_cast<int>(set.numbers.size()));
    for (const GroupSummary* group : groups) {
        if (group->workers == autoWorkers)
            return group;
    }
    return nullptr;
}

std::vector<const GroupSummary*> Context::groupsOf(const SetSummary& set, const QString& strategy) const
{
    std::vector<const GroupSummary*> groups;
    for (const GroupSummary& group : m_summary.groups) {
        if (group.numbers == set.numbers && group.strategy == strategy && group.measured())
            groups.push_back(&group);
    }
    return groups;
}

const SetSummary* Context::heaviestSet() const
{
    const SetSummary* heaviest = nullptr;
    for (const SetSummary& set : m_summary.sets) {
        if (set.hasTaskTimes() && (heaviest == nullptr || set.serialWorkSeconds > heaviest->serialWorkSeconds))
            heaviest = &set;
    }
    return heaviest;
}

const SetSummary* Context::lightestSet() const
{
    const SetSummary* lightest = nullptr;
    for (const SetSummary& set : m_summary.sets) {
        if (set.hasTaskTimes() && (lightest == nullptr || set.serialWorkSeconds < lightest->serialWorkSeconds))
            lightest = &set;
    }
    return lightest;
}

int Context::typicalRun(const GroupSummary& group) const
{
    int typical = -1;
    double distance = std::numeric_limits<double>::infinity();
    const std::vector<SetRun>& runs = m_experiment.runs;
    for (std::size_t index = 0; index < runs.size(); ++index) {
        const SetRun& run = runs[index];
        if (!run.ok() || run.numbers != group.numbers || run.strategy != group.strategy
            || run.poolSize != group.workers)
            continue;
        const double gap = std::abs(run.wallSeconds - group.wall.median);
        if (gap < distance) {
            distance = gap;
            typical = static_cast<int>(index);
        }
    }
    return typical;
}

int Context::positionOf(const SetSummary& set) const
{
    return static_cast<int>(&set - m_summary.sets.data());
}

QStringList Context::parallelStrategies() const
{
    QStringList ids;
    for (const Strategy* strategy : m_strategies.all()) {
        if (strategy->id() == baselineStrategyId())
            continue;
        for (const GroupSummary& group : m_summary.groups) {
            if (group.strategy == strategy->id() && group.measured()) {
                ids << strategy->id();
                break;
            }
        }
    }
    return ids;
}

QString percent(double share)
{
    return QString::number(std::lround(share * 100.0)) + QStringLiteral(" %");
}

namespace {

QString intervalLabel(double confidence)
{
    return QStringLiteral("%1 interval").arg(percent(confidence));
}

} // namespace

QString quoteTime(const Summary& wall)
{
    if (wall.count <= 1)
        return formatSeconds(wall.median) + QStringLiteral(" (one run)");
    return QStringLiteral("%1 (%2 %3–%4)")
        .arg(formatSeconds(wall.median), intervalLabel(wall.ciConfidence), formatSeconds(wall.ciLow),
            formatSeconds(wall.ciHigh));
}

QString quoteSpeedup(const GroupSummary& group)
{
    if (!group.speedup)
        return QStringLiteral("-");
    if (!group.speedupLow || !group.speedupHigh || group.wall.count <= 1)
        return formatSpeedup(*group.speedup);
    return QStringLiteral("%1 (interval %2–%3)")
        .arg(formatSpeedup(*group.speedup), formatSpeedup(*group.speedupLow), formatSpeedup(*group.speedupHigh));
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
    if (!group.speedupLow || !group.speedupHigh || group.wall.count <= 1)
        return formatSpeedup(*group.speedup);
    return QStringLiteral("%1 [%2, %3]")
        .arg(formatSpeedup(*group.speedup), formatSpeedup(*group.speedupLow), formatSpeedup(*group.speedupHigh));
}

Verdict verdictAgainstSerial(const GroupSummary& group)
{
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
