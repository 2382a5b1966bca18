#include "core/format/runlog.h"

#include "core/csv/csvformat.h"
#include "core/format/units.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace calcprof {

namespace {
// Like the original's "%.4f secs" but with 4 significant digits, so set 1's microseconds do not
// print as 0.0000: 0.0005659, 0.2315, 1.046, 65.91.
QString secondsText(double seconds)
{
    if (seconds <= 0.0 || !std::isfinite(seconds))
        return QStringLiteral("0");
    const int decimals = std::max(0, 3 - static_cast<int>(std::floor(std::log10(seconds))));
    return QString::number(seconds, 'f', decimals);
}

QString failureSuffix(const QString& error)
{
    return error.isEmpty() ? QString() : QStringLiteral(" FAILED: ") + error;
}
} // namespace

QString planLine(const ExperimentPlan& plan)
{
    // With --repeat auto plan.repeat is only the least rounds: the line says what decides the rest.
    const QString repeat = plan.autoRepeat.enabled
        ? QStringLiteral("auto (at least %1 rounds, until ±%2 % or %3 s per set)")
              .arg(plan.repeat)
              .arg(plan.autoRepeat.precision * 100.0, 0, 'g', 3)
              .arg(plan.autoRepeat.maxSecondsPerSet, 0, 'g', 6)
        : QString::number(plan.repeat);
    const QString script
        = plan.script.enabled() ? QStringLiteral("; script %1").arg(scriptCommand(plan.script)) : QString();
    if (plan.strategies.isEmpty() && plan.script.enabled())
        return QStringLiteral("script %1 alone").arg(scriptCommand(plan.script));
    return QStringLiteral("sets %1; strategies %2; pool size %3; repeat %4 (+%5 warm-up); CSV %6%7")
        .arg(formatNumberSets(plan.sets), plan.strategies.join(u','), formatPoolSizes(plan.poolSizes), repeat)
        .arg(plan.warmup)
        .arg(plan.csv.mode, script);
}

QString scriptCommand(const ScriptPlan& plan)
{
    QStringList words {QFileInfo(plan.path).fileName()};
    for (const QString& argument : plan.arguments)
        words << (argument.isEmpty() || argument.contains(u' ') ? u'\'' + argument + u'\'' : argument);
    return words.join(u' ');
}

QString scriptStartLine(const ScriptPlan& plan)
{
    const QString where = plan.workingDirectory.isEmpty() ? QStringLiteral("a fresh temporary folder (removed after)")
                                                          : QDir::toNativeSeparators(plan.workingDirectory);
    return QStringLiteral("Running your script %1 in %2…").arg(scriptCommand(plan), where);
}

QString scriptOutputLine(const QString& line)
{
    return QStringLiteral("  | ") + line;
}

QString runLogLine(const ScriptRun& run)
{
    QString line = QStringLiteral("Ran your script '%1' in %2 secs")
                       .arg(QFileInfo(run.plan.path).fileName(), secondsText(run.wallSeconds));
    if (run.cancelled)
        return QStringLiteral("Cancelled your script '%1' after %2 secs; its processes were ended")
            .arg(QFileInfo(run.plan.path).fileName(), secondsText(run.wallSeconds));
    if (!run.error.isEmpty())
        return QStringLiteral("Your script '%1' did not run").arg(QFileInfo(run.plan.path).fileName())
            + failureSuffix(run.error);
    line += QStringLiteral(": %1, CPU %2 s, %3, peak memory %4 (largest process) / %5 (all at once)")
                .arg(run.exitStatus ? describeExitStatus(*run.exitStatus) : QStringLiteral("no exit status"))
                .arg(run.cpuSeconds(), 0, 'f', 2)
                .arg(countOf(run.processes, QStringLiteral("process")),
                    formatBytes(static_cast<std::uint64_t>(run.peakRssBytes)),
                    formatBytes(static_cast<std::uint64_t>(run.peakTreeRssBytes)));
    line += QStringLiteral(", %1").arg(
        countOf(static_cast<long long>(run.timings.size()), QStringLiteral("time_me line")));
    return line + failureSuffix(run.failure());
}

QString runLogLine(const SetRun& run)
{
    QString line = QStringLiteral("Ran '%1' on set %2 in %3 secs")
                       .arg(run.strategy)
                       .arg(run.setIndex)
                       .arg(secondsText(run.wallSeconds));
    if (run.poolSize > 1)
        line += QStringLiteral(" (%1 workers)").arg(run.poolSize);
    if (run.superseded)
        line += QStringLiteral(", disturbed: superseded by the next attempt");
    return line + failureSuffix(run.error);
}

QString retryLogLine(const SetRun& run, const QString& why, int attempt, int attempts)
{
    return QStringLiteral("Disturbed '%1' on set %2 (%3 workers, repetition %4: %5): measuring it again, retry %6 of "
                          "at most %7")
        .arg(run.strategy)
        .arg(run.setIndex)
        .arg(run.poolSize)
        .arg(run.repetition)
        .arg(why)
        .arg(attempt)
        .arg(attempts);
}

QString runLogLine(const CsvRun& run)
{
    return QStringLiteral("Ran csv '%1' in %2 secs: %3 files, %4, %5 MB/s")
               .arg(run.mode)
               .arg(secondsText(run.wallSeconds))
               .arg(run.files)
               .arg(formatBytes(run.bytes))
               .arg(run.mbPerSecond, 0, 'f', 0)
        + failureSuffix(run.error);
}

QString wroteLine(const CsvFileResult& file)
{
    return QStringLiteral("  wrote %1 (%2) in %3 secs, %4 MB/s")
        .arg(csvFileName(file.index), formatBytes(file.bytes))
        .arg(secondsText(file.wallSeconds))
        .arg(file.mbPerSecond(), 0, 'f', 0);
}

} // namespace calcprof
