#include "core/report/reportscript.h"

#include "core/format/runlog.h"
#include "core/format/scripttable.h"
#include "core/format/units.h"
#include "core/model/environment.h"
#include "core/report/reportwording.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace calcprof::report {

namespace {

// Over this many times the cores, CPU over wall time cannot be real (the kernel's counts are exact).
constexpr double kPhysicalSlack = 1.05;

QString seconds(double value)
{
    return QStringLiteral("%1 s").arg(value, 0, 'f', value < 10.0 ? 3 : 2);
}

/// The one-line answer: how long it ran, how busy the machine was, its longest time_me call.
QString answerOf(const ScriptRun& run, int cores)
{
    const QString name = QFileInfo(run.plan.path).fileName();
    if (!run.error.isEmpty())
        return QStringLiteral("%1 did not run: %2.").arg(name, run.error);
    if (run.cancelled)
        return QStringLiteral("%1 was cancelled after %2; nothing of it is measured.")
            .arg(name, seconds(run.wallSeconds));
    QString answer = QStringLiteral("%1 ran for %2 and kept %3 of the %4 cores busy on average (CPU %5 over its "
                                    "whole process tree)")
                         .arg(name, seconds(run.wallSeconds))
                         .arg(run.averageBusyCores(), 0, 'f', 2)
                         .arg(cores)
                         .arg(seconds(run.cpuSeconds()));
    const auto longest = std::max_element(run.timings.begin(), run.timings.end(),
        [](const ScriptTiming& a, const ScriptTiming& b) { return a.seconds < b.seconds; });
    if (longest != run.timings.end())
        answer += QStringLiteral("; its longest time_me call, %1, took %2 (%3 of the run)")
                      .arg(longest->name, seconds(longest->seconds), percent(run.shareOfWall(*longest)));
    else
        answer += QStringLiteral("; it printed no time_me line");
    if (const QString failure = run.failure(); !failure.isEmpty())
        answer += QStringLiteral(". It failed: %1").arg(failure);
    return answer + u'.';
}

/// What the busy cores say, from the numbers alone.
QString readingOf(const ScriptRun& run, int cores)
{
    const double busy = run.averageBusyCores();
    if (busy > cores * kPhysicalSlack)
        return QStringLiteral("CPU over wall time is %1 cores on a %2-core machine: more than the machine can give, "
                              "so a count is off (the figures of this run are not to be trusted).")
            .arg(busy, 0, 'f', 2)
            .arg(cores);
    if (run.processes > 1 && busy < 1.2)
        return QStringLiteral("It ran %1, yet kept only %2 cores busy on average: its processes mostly ran one at "
                              "a time or waited (start-up, the longest task, pickling and transfer), or its "
                              "parallel part is a small share of the run.")
            .arg(countOf(run.processes, QStringLiteral("process")))
            .arg(busy, 0, 'f', 2);
    if (busy >= 1.2)
        return QStringLiteral("%1 cores busy on average: part of the run did use several cores at once. A run that "
                              "kept all %2 busy all the time would show %2.")
            .arg(busy, 0, 'f', 2)
            .arg(cores);
    return QStringLiteral("About one core busy on average: the run was serial, or waited.");
}

ReportTable timingsTable(const ScriptRun& run)
{
    ReportTable table;
    table.header = QStringList {QStringLiteral("time_me call"), QStringLiteral("Seconds"),
        QStringLiteral("Share of the run"), QStringLiteral("Ended at")};
    for (const ScriptTiming& timing : run.timings)
        table.rows.push_back(QStringList {timing.name, QString::number(timing.seconds, 'f', 4),
            percent(run.shareOfWall(timing)), seconds(timing.endSeconds)});
    table.caption = QStringLiteral("Each \"Ran 'NAME' in X secs\" line the script printed, in order; \"ended at\" "
                                   "is when calcprof read it, from the script's start.");
    return table;
}

ReportTable treeTable(const ScriptRun& run)
{
    ReportTable table;
    table.header = QStringList {QStringLiteral("Measure"), QStringLiteral("Value")};
    table.rows = {
        {QStringLiteral("Wall time"), seconds(run.wallSeconds)},
        {QStringLiteral("CPU, whole tree"),
            QStringLiteral("%1 (user %2, system %3)")
                .arg(seconds(run.cpuSeconds()), seconds(run.userSeconds), seconds(run.systemSeconds))},
        {QStringLiteral("Busy cores on average"), QString::number(run.averageBusyCores(), 'f', 2)},
        {QStringLiteral("Processes"), scriptSamplingNote(run)},
        {QStringLiteral("Peak memory, largest process"), formatBytes(static_cast<std::uint64_t>(run.peakRssBytes))},
        {QStringLiteral("Peak memory, all processes at once (sampled)"),
            formatBytes(static_cast<std::uint64_t>(run.peakTreeRssBytes))},
        {QStringLiteral("How it ended"),
            run.exitStatus ? describeExitStatus(*run.exitStatus) : QStringLiteral("no exit status")},
    };
    table.caption = QStringLiteral("The tree is the script and every process it started, orphans included: the "
                                   "CPU is the kernel's exact count of each; the processes and the memory of all "
                                   "at once are sampled.");
    return table;
}

} // namespace

bool scriptMeasured(const Measurements& measurements)
{
    return measurements.experiment().script.has_value();
}

ReportSection scriptSection(const Measurements& measurements)
{
    const ScriptRun& run = *measurements.experiment().script;
    const int cores = std::max(1, measurements.experiment().environment.cores);
    ReportSection section;
    section.id = QStringLiteral("your-program");
    section.title = QStringLiteral("Your program: %1").arg(QFileInfo(run.plan.path).fileName());
    section.answer = answerOf(run, cores);
    const QString where = run.temporaryDirectory ? QStringLiteral("a fresh temporary folder, removed after")
                                                 : QDir::toNativeSeparators(run.directory);
    section.blocks.push_back(paragraph(
        QStringLiteral("calcprof ran %1 as it is, with %2, in %3.")
            .arg(scriptCommand(run.plan), describePython(measurements.experiment().environment.python), where)));
    if (!run.error.isEmpty() || run.cancelled)
        return section;
    if (!run.timings.empty())
        section.blocks.push_back(tableBlock(timingsTable(run)));
    else
        section.blocks.push_back(paragraph(QStringLiteral(
            "It printed no \"Ran 'NAME' in X secs\" line: decorate the functions to time with the course's "
            "time_me, and each call becomes a row here.")));
    section.blocks.push_back(tableBlock(treeTable(run)));
    section.blocks.push_back(paragraph(readingOf(run, cores)));
    if (!run.leftovers.empty()) {
        QStringList items {QStringLiteral("It left processes running when it exited (calcprof ended them; what they "
                                          "did after the exit is not in the wall time):")};
        for (const LeftoverProcess& process : run.leftovers)
            items << QStringLiteral("pid %1: %2").arg(process.pid).arg(process.command);
        section.blocks.push_back(bullets(items));
    }
    if (run.exitStatus && *run.exitStatus != 0 && !run.outputTail.isEmpty()) {
        section.blocks.push_back(paragraph(QStringLiteral("Its last lines of output:")));
        section.blocks.push_back(
            commandBlock(run.outputTail.mid(std::max<qsizetype>(0, run.outputTail.size() - 5)).join(u'\n')));
    }
    return section;
}

} // namespace calcprof::report
