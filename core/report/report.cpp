#include "core/report/report.h"

#include "core/format/units.h"
#include "core/model/environment.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"
#include "core/report/reportcsv.h"
#include "core/report/reportperformance.h"
#include "core/report/reportpoolsize.h"
#include "core/report/reportpython.h"
#include "core/report/reportscript.h"
#include "core/report/reportwording.h"

#include <QFileInfo>

#include <algorithm>

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

/// "1 of 40 runs disturbed (other processes above 10 % of the machine, or steal above 5 %); 3 attempts
/// measured again (--retry-disturbed 2)": the summary's counts, for the settings table.
QString disturbedRunsText(const ExperimentSummary& summary, const Experiment& experiment)
{
    int disturbed = 0;
    int kept = 0;
    for (const GroupSummary& group : summary.groups) {
        disturbed += group.disturbedRuns;
        kept += group.wall.count;
    }
    const auto superseded = std::ranges::count_if(experiment.runs, [](const SetRun& run) { return run.superseded; });
    return QStringLiteral("%1 of %2 runs disturbed (other processes above %3 of the machine, or steal above %4); %5 "
                          "attempts measured again (--retry-disturbed %6)")
        .arg(disturbed)
        .arg(kept)
        .arg(percent(kCompetingShareThreshold), percent(kStealShareThreshold))
        .arg(superseded)
        .arg(experiment.plan.retryDisturbed);
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
        {QStringLiteral("Disturbed runs"), disturbedRunsText(measurements.summary(), experiment)},
    };
    section.blocks.push_back(tableBlock(std::move(table)));
    section.blocks.push_back(paragraph(QStringLiteral(
        "Times are medians of the repetitions, each with the median's distribution-free interval, in brackets in "
        "the tables: 95 % from 6 runs on; with fewer runs it is the range of the runs, at the lower confidence "
        "the answers state (\"94 % interval, range of 5 runs\"). A speedup is estimated from paired rounds: "
        "each round runs serial and every strategy once, and the speedup is the median of the rounds' ratios "
        "serial / strategy, with that median's interval, so slow drift of the machine cancels; with fewer than "
        "2 rounds holding both it is serial's median over the strategy's (ratio of medians, with the conservative "
        "interval of the two medians' intervals). Each quoted speedup names its estimator. On C cores no speedup "
        "of W workers can exceed min(W, C): one above it by more than 5 % is noise, flagged \"above what C cores "
        "allow: noise\", and never quoted as a result or picked as the fastest. The work of every task is known "
        "exactly (the calls of its naive recursion): shares, the largest task, every bound and the schedule "
        "models come from it at serial's measured rate (%1 G calls/s), never from the timings.")
                                           .arg(measurements.summary().serialCallsPerSecond / 1e9, 0, 'f', 2)));
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
    // After the alternatives, before the CSV: only when the exercise also ran in its own language.
    if (report::pythonMeasured(measurements))
        result.sections.insert(result.sections.end() - 1, report::pythonSection(measurements));
    if (report::scriptMeasured(measurements)) {
        const QString script = QFileInfo(experiment.script->plan.path).fileName();
        if (experiment.runs.empty()) { // the script alone: the exercise's questions had no runs
            result.title = QStringLiteral("Your program: %1 on %2 cores").arg(script).arg(summary.cores);
            result.subtitle = QStringLiteral("calcprof %1 · %2").arg(experiment.version, experiment.environment.cpu);
            result.sections = {report::scriptSection(measurements)};
        } else {
            result.sections.push_back(report::scriptSection(measurements));
        }
    }
    return result;
}

} // namespace calcprof
