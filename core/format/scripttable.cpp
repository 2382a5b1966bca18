#include "core/format/scripttable.h"

#include "core/format/runlog.h"
#include "core/format/units.h"

#include <QDir>
#include <QStringList>

#include <algorithm>

namespace calcprof {

QString scriptSamplingNote(const ScriptRun& run)
{
    return QStringLiteral("%1 seen (sampled every %2 ms; sampling used %3 s of CPU)")
        .arg(countOf(run.processes, QStringLiteral("process")))
        .arg(qRound(run.sampleSeconds * 1000.0))
        .arg(run.samplerCpuSeconds, 0, 'f', 3);
}

QString scriptHeadline(const ScriptRun& run, int cores)
{
    const QString first = QStringLiteral("Your program: %1").arg(scriptCommand(run.plan));
    if (!run.error.isEmpty())
        return first + QStringLiteral(" · did not run: ") + run.error;
    if (run.cancelled)
        return first + QStringLiteral(" · cancelled after %1 s").arg(run.wallSeconds, 0, 'f', 2);
    const QString ended = run.exitStatus ? describeExitStatus(*run.exitStatus) : QStringLiteral("ended");
    return first
        + QStringLiteral(" · %1 after %2 s\nCPU %3 s = %4 of %5 cores busy · %6 · peak memory %7 (largest process), %8 "
                         "(all at once)")
              .arg(ended)
              .arg(run.wallSeconds, 0, 'f', 2)
              .arg(run.cpuSeconds(), 0, 'f', 2)
              .arg(run.averageBusyCores(), 0, 'f', 2)
              .arg(cores)
              .arg(QStringLiteral("%1 seen").arg(countOf(run.processes, QStringLiteral("process"))),
                  formatBytes(static_cast<std::uint64_t>(run.peakRssBytes)),
                  formatBytes(static_cast<std::uint64_t>(run.peakTreeRssBytes)));
}

QString formatScriptTable(const ScriptRun& run)
{
    QStringList lines;
    const QString where = run.temporaryDirectory ? QStringLiteral("a fresh temporary folder, removed after")
                                                 : QDir::toNativeSeparators(run.directory);
    lines << QStringLiteral("your program: %1 (in %2)").arg(scriptCommand(run.plan), where);
    if (!run.error.isEmpty()) {
        lines << QStringLiteral("  did not run: %1").arg(run.error);
        return lines.join(u'\n') + u'\n';
    }
    if (run.cancelled) {
        lines << QStringLiteral("  cancelled after %1 s; its processes were ended").arg(run.wallSeconds, 0, 'f', 2);
        return lines.join(u'\n') + u'\n';
    }
    lines << QStringLiteral("  wall %1 s; CPU %2 s (user %3, system %4): %5 cores busy on average; %6")
                 .arg(run.wallSeconds, 0, 'f', 3)
                 .arg(run.cpuSeconds(), 0, 'f', 2)
                 .arg(run.userSeconds, 0, 'f', 2)
                 .arg(run.systemSeconds, 0, 'f', 2)
                 .arg(run.averageBusyCores(), 0, 'f', 2)
                 .arg(scriptSamplingNote(run));
    lines << QStringLiteral("  peak memory: %1 the largest process, %2 all of them at once (sampled)")
                 .arg(formatBytes(static_cast<std::uint64_t>(run.peakRssBytes)),
                     formatBytes(static_cast<std::uint64_t>(run.peakTreeRssBytes)));
    lines << QStringLiteral("  %1").arg(
        run.exitStatus ? describeExitStatus(*run.exitStatus) : QStringLiteral("no exit status"));
    if (run.timings.empty()) {
        lines << QStringLiteral("  no time_me line: the script printed no \"Ran 'NAME' in X secs\"");
    } else {
        int width = 7;
        for (const ScriptTiming& timing : run.timings)
            width = std::max(width, static_cast<int>(timing.name.size()));
        lines << QStringLiteral("  %1  %2  %3  %4")
                     .arg(QStringLiteral("time_me"), -width)
                     .arg(QStringLiteral("seconds"), 10)
                     .arg(QStringLiteral("of wall"), 8)
                     .arg(QStringLiteral("ended at"), 9);
        for (const ScriptTiming& timing : run.timings)
            lines << QStringLiteral("  %1  %2  %3  %4")
                         .arg(timing.name, -width)
                         .arg(timing.seconds, 10, 'f', 4)
                         .arg(percent(run.shareOfWall(timing)), 8)
                         .arg(QStringLiteral("%1 s").arg(timing.endSeconds, 0, 'f', 2), 9);
    }
    for (const LeftoverProcess& process : run.leftovers)
        lines << QStringLiteral("  left running at its exit, ended by calcprof: pid %1 (%2)")
                     .arg(process.pid)
                     .arg(process.command);
    return lines.join(u'\n') + u'\n';
}

} // namespace calcprof
