#include "core/report.h"

#include "core/numbersets.h"
#include "core/poolsizes.h"
#include "core/units.h"

namespace calcprof {

const ReportSection* Report::section(const QString& id) const
{
    for (const ReportSection& candidate : sections) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

namespace {

ReportBlock paragraph(const QString& text)
{
    ReportBlock block;
    block.text = text;
    return block;
}

ReportBlock tableBlock(ReportTable table)
{
    ReportBlock block;
    block.kind = ReportBlock::Kind::Table;
    block.table = std::move(table);
    return block;
}

ReportSection machineSection(const Experiment& experiment)
{
    const EnvironmentInfo& environment = experiment.environment;
    const ExperimentPlan& plan = experiment.plan;
    ReportSection section;
    section.id = QStringLiteral("machine");
    section.title = QStringLiteral("Machine and settings");
    ReportTable table;
    table.header = QStringList {QStringLiteral("Setting"), QStringLiteral("Value")};
    table.rows = {
        {QStringLiteral("calcprof"), experiment.version},
        {QStringLiteral("CPU"), QStringLiteral("%1 (%2 cores)").arg(environment.cpu).arg(environment.cores)},
        {QStringLiteral("Operating system"), environment.os},
        {QStringLiteral("Compiler, build"), environment.compiler + QStringLiteral(", ") + environment.buildType},
        {QStringLiteral("Number sets"), formatNumberSets(plan.sets)},
        {QStringLiteral("Strategies"), plan.strategies.join(QStringLiteral(", "))},
        {QStringLiteral("Pool sizes"), formatPoolSizes(plan.poolSizes)},
        {QStringLiteral("Repetitions"),
            QStringLiteral("%1 measured after %2 warm-up").arg(plan.repeat).arg(plan.warmup)},
    };
    section.blocks.push_back(tableBlock(std::move(table)));
    if (experiment.cancelled)
        section.blocks.push_back(paragraph(QStringLiteral(
            "The run was cancelled before it finished: the answers below use what had been measured by then.")));
    return section;
}

} // namespace

Report buildReport(const Experiment& experiment, const ExperimentSummary& summary, const StrategyRegistry& strategies)
{
    (void)summary;
    (void)strategies;
    Report report;
    report.title = QStringLiteral("calcprof report: serial against parallel on %1 cores").arg(summary.cores);
    report.subtitle = QStringLiteral("%1 number sets, %2 strategies, %3 repetitions each")
                          .arg(experiment.plan.sets.size())
                          .arg(experiment.plan.strategies.size())
                          .arg(experiment.plan.repeat);
    report.sections.push_back(machineSection(experiment));
    return report;
}

} // namespace calcprof
