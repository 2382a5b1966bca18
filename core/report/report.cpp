#include "core/report/report.h"

#include "core/model/environment.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"
#include "core/report/reportcsv.h"
#include "core/report/reportperformance.h"
#include "core/report/reportpoolsize.h"
#include "core/report/reportwording.h"

namespace calcprof {

const ReportSection* Report::section(const QString& id) const
{
    for (const ReportSection& candidate : sections) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

namespace report {

namespace {

/// The summary's warnings, one line per kind ("noisy", "busy machine", …) with how many groups it
/// concerns and the first few: a busy machine flags dozens of groups, and a list of dozens is read
/// by nobody.
QStringList caveatsOf(const ExperimentSummary& summary)
{
    constexpr int kExamples = 3;
    QStringList kinds;
    std::vector<QStringList> examples;
    for (const GroupSummary& group : summary.groups) {
        for (const QString& warning : group.warnings) {
            const QString kind = warning.section(u'(', 0, 0).trimmed();
            qsizetype index = kinds.indexOf(kind);
            if (index < 0) {
                kinds << kind;
                examples.emplace_back();
                index = kinds.size() - 1;
            }
            examples[static_cast<std::size_t>(index)]
                << QStringLiteral("set %1, %2: %3").arg(group.setIndex).arg(groupName(group), warning);
        }
    }
    QStringList caveats;
    for (qsizetype index = 0; index < kinds.size(); ++index) {
        const QStringList& all = examples[static_cast<std::size_t>(index)];
        caveats << (all.size() <= kExamples ? all.join(QStringLiteral("; "))
                                            : QStringLiteral("%1 groups: %2; …")
                                                  .arg(all.size())
                                                  .arg(all.mid(0, kExamples).join(QStringLiteral("; "))));
    }
    return caveats;
}

/// The machine and the settings: what the numbers below were measured on.
ReportSection machineSection(const Measurements& measurements)
{
    const Experiment& experiment = measurements.experiment();
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
        {QStringLiteral("Python"),
            environment.python.interpreter.isEmpty() ? QStringLiteral("not run") : describePython(environment.python)},
        {QStringLiteral("Number sets"), formatNumberSets(plan.sets)},
        {QStringLiteral("Strategies"), plan.strategies.join(QStringLiteral(", "))},
        {QStringLiteral("Pool sizes"), formatPoolSizes(plan.poolSizes)},
        {QStringLiteral("Repetitions"),
            QStringLiteral("%1 measured after %2 warm-up").arg(plan.repeat).arg(plan.warmup)},
    };
    section.blocks.push_back(tableBlock(std::move(table)));
    section.blocks.push_back(paragraph(QStringLiteral(
        "Times are medians of the repetitions, each with the median's 95 % interval, in brackets in the tables "
        "(distribution-free; with fewer than 6 runs it is the range of the runs, at the lower confidence the "
        "answers state). A speedup is serial's median time over the strategy's, with the conservative interval "
        "serial's low over the strategy's high to serial's high over the strategy's low.")));
    if (experiment.cancelled)
        section.blocks.push_back(paragraph(QStringLiteral(
            "The run was cancelled before it finished: the answers below use what had been measured by then.")));
    if (const QString failures = describeFailures(experiment); !failures.isEmpty())
        section.blocks.push_back(bullets(
            QStringList {QStringLiteral("Failed, and left out of every figure below:")} + failures.split(u'\n')));
    if (const QStringList caveats = caveatsOf(measurements.summary()); !caveats.isEmpty()) {
        section.blocks.push_back(paragraph(QStringLiteral("Before trusting the figures, note:")));
        section.blocks.push_back(bullets(caveats));
    }
    return section;
}

} // namespace

} // namespace report

Report buildReport(const Experiment& experiment, const ExperimentSummary& summary, const StrategyRegistry& strategies)
{
    const report::Measurements measurements(experiment, summary, strategies);
    Report result;
    result.title = QStringLiteral("Serial against parallel: the calc exercise on %1 cores").arg(summary.cores);
    result.subtitle = QStringLiteral("calcprof %1 · %2 · %3 number sets, %4 strategies, %5 repetitions each")
                          .arg(experiment.version, experiment.environment.cpu)
                          .arg(experiment.plan.sets.size())
                          .arg(experiment.plan.strategies.size())
                          .arg(experiment.plan.repeat);
    for (auto* build : {report::machineSection, report::beforeAfterSection, report::timeSpentSection,
             report::setSizeSection, report::poolSizeSection, report::alternativesSection, report::csvSection})
        result.sections.push_back(build(measurements));
    return result;
}

} // namespace calcprof
