#include "app/cli/consolereporter.h"

#include "core/analysis/autorepeat.h"
#include "core/analysis/csvsummary.h"
#include "core/analysis/summary.h"
#include "core/format/runlog.h"
#include "core/format/scripttable.h"
#include "core/format/summarytable.h"
#include "core/format/units.h"
#include "core/model/environment.h"
#include "core/model/experimentplan.h"
#include "core/model/numbersets.h"

#include <QStringList>

#include <algorithm>
#include <map>
#include <unistd.h>

namespace calcprof {

namespace {

constexpr qint64 kProgressIntervalMs = 200;

// Left-aligned text columns, two spaces apart, right-aligning the columns listed in `numeric`.
QString alignColumns(const std::vector<QStringList>& rows, const std::vector<int>& numeric)
{
    std::vector<qsizetype> widths;
    for (const QStringList& row : rows) {
        widths.resize(std::max<std::size_t>(widths.size(), static_cast<std::size_t>(row.size())));
        for (qsizetype column = 0; column < row.size(); ++column)
            widths[static_cast<std::size_t>(column)]
                = std::max(widths[static_cast<std::size_t>(column)], row[column].size());
    }
    QString text;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype column = 0; column < row.size(); ++column) {
            const auto width = widths[static_cast<std::size_t>(column)];
            const bool right = std::find(numeric.begin(), numeric.end(), column) != numeric.end();
            line += (right ? row[column].rightJustified(width) : row[column].leftJustified(width));
            if (column + 1 < row.size())
                line += QStringLiteral("  ");
        }
        while (line.endsWith(u' '))
            line.chop(1);
        text += line + u'\n';
    }
    return text;
}

} // namespace

ConsoleReporter::ConsoleReporter(std::FILE* out, std::FILE* err, bool quiet)
    : m_out(out)
    , m_err(err)
    , m_quiet(quiet)
    , m_showProgress(!quiet && ::isatty(::fileno(err)) == 1)
{ }

void ConsoleReporter::compareWith(const Experiment& baseline, const QString& name)
{
    m_baseline = summarizeExperiment(baseline);
    m_baselineName = name;
}

void ConsoleReporter::reportContext(const ReportContext& context)
{
    if (!context.savedPath.isEmpty()) {
        // A saved run is named whatever --quiet says: it is the heading of the tables.
        std::fprintf(m_out, "%s: calcprof %s, %zu set runs\n", qPrintable(context.savedPath),
            qPrintable(context.version), context.savedRuns);
        return;
    }
    if (m_quiet)
        return;
    printLine(QStringLiteral("calcprof %1: %2").arg(context.version, planLine(context.plan)));
}

void ConsoleReporter::reportRun(const SetRun& run)
{
    if (!m_quiet)
        printLine(runLogLine(run));
}

void ConsoleReporter::reportCsvRun(const CsvRun& run)
{
    if (!m_quiet)
        printLine(runLogLine(run));
}

QString ConsoleReporter::finalize(const Experiment& experiment, const ExperimentSummary& summary)
{
    printTables(experiment, summary);
    // The run's own failures are not the console's: the front end's exit code says them.
    const QString failures = describeFailures(experiment);
    for (const QString& failure : failures.split(u'\n', Qt::SkipEmptyParts))
        std::fprintf(m_err, "calcprof: %s\n", qPrintable(failure));
    return {};
}

void ConsoleReporter::printTables(const Experiment& experiment, const ExperimentSummary& summary)
{
    const EnvironmentInfo& machine = experiment.environment;
    std::fprintf(m_out, "\nmachine: %s, %d cores; %s; %s, %s build\n", qPrintable(machine.cpu), machine.cores,
        qPrintable(machine.os), qPrintable(machine.compiler), qPrintable(machine.buildType));
    if (!machine.python.interpreter.isEmpty())
        std::fprintf(m_out, "python: %s\n", qPrintable(describePython(machine.python)));
    if (!summary.groups.empty() || !experiment.script)
        std::fprintf(m_out, "%s", formatSummaryTable(summary).toLocal8Bit().constData());
    if (experiment.script)
        std::fprintf(m_out, "\n%s", formatScriptTable(*experiment.script).toLocal8Bit().constData());
    if (!experiment.csv.empty())
        std::fprintf(m_out, "\n%s", formatCsvTable(experiment).toLocal8Bit().constData());
    if (m_baseline) {
        std::fprintf(m_out, "\n%s",
            formatComparisonTable(compareExperiments(*m_baseline, summary, m_baselineName)).toLocal8Bit().constData());
    }
    std::fflush(m_out);
}

void ConsoleReporter::runStarted(const ExperimentPlan& /*plan*/, int /*totalSteps*/)
{
    m_elapsed.start();
}

void ConsoleReporter::runRetried(const SetRun& run, const QString& why, int attempt, int attempts)
{
    if (!m_quiet)
        printLine(retryLogLine(run, why, attempt, attempts));
}

void ConsoleReporter::csvRoundStarted(int round, int rounds, const QStringList& order)
{
    if (!m_quiet && rounds > 1)
        printLine(
            QStringLiteral("CSV round %1 of %2: %3").arg(round + 1).arg(rounds).arg(order.join(QStringLiteral(", "))));
}

void ConsoleReporter::csvRawWriteFinished(const RawWriteReference& raw, const QString& error)
{
    // Even when quiet: the reference the CSV table is read against, or why it is missing from it.
    if (!error.isEmpty())
        printLine(QStringLiteral("calcprof: raw sequential write (the CSV modes' reference) failed: %1").arg(error));
    else
        printLine(QStringLiteral("raw sequential write: %1 in %2, %3 MB/s%4 (the reference for the CSV modes)")
                      .arg(formatBytes(raw.bytes), formatSeconds(raw.wallSeconds))
                      .arg(raw.mbPerSecond, 0, 'f', 0)
                      .arg(raw.fsync ? QStringLiteral(" with fsync") : QString()));
}

void ConsoleReporter::csvStageStarted(const QString& mode, int files, std::uint64_t bytes)
{
    if (!m_quiet)
        printLine(QStringLiteral("Writing %1 CSV files (%2) in mode '%3'…").arg(files).arg(formatBytes(bytes), mode));
}

void ConsoleReporter::csvFileWritten(const CsvFileResult& file)
{
    if (!m_quiet)
        printLine(wroteLine(file));
}

void ConsoleReporter::scriptStarted(const ScriptPlan& plan)
{
    if (!m_quiet)
        printLine(scriptStartLine(plan));
}

// The script's own output is the point of running it: shown even with --quiet, as it prints.
void ConsoleReporter::scriptOutput(const QString& line)
{
    printLine(scriptOutputLine(line));
}

void ConsoleReporter::scriptFinished(const ScriptRun& run)
{
    if (!m_quiet)
        printLine(runLogLine(run));
}

void ConsoleReporter::progress(int done, int total)
{
    if (!m_showProgress)
        return;
    const std::lock_guard lock(m_mutex);
    const qint64 now = m_elapsed.elapsed();
    if (done < total && m_lastProgressMs >= 0 && now - m_lastProgressMs < kProgressIntervalMs)
        return;
    m_lastProgressMs = now;
    const int percent = total > 0 ? static_cast<int>(100LL * done / total) : 100;
    std::fprintf(m_err, "\r[%d/%d] %3d%%  %s elapsed", done, total, percent,
        qPrintable(formatSeconds(static_cast<double>(now) / 1000.0)));
    std::fflush(m_err);
    m_progressShown = true;
}

void ConsoleReporter::clearProgress()
{
    if (m_progressShown) {
        std::fputs("\r\033[K", m_err);
        std::fflush(m_err);
        m_progressShown = false;
    }
}

void ConsoleReporter::printLine(const QString& line)
{
    const std::lock_guard lock(m_mutex);
    clearProgress();
    std::fprintf(m_out, "%s\n", line.toLocal8Bit().constData());
    std::fflush(m_out);
}

namespace {

/// "* 5 runs: 94 % interval (range of 5 runs)", one line per run count whose interval is the range.
QStringList rangeNotes(const ExperimentSummary& summary)
{
    std::map<int, double> ranges; // run count -> its coverage
    for (const GroupSummary& group : summary.groups) {
        if (group.wall.count > 1 && group.wall.ciConfidence < kConfidence)
            ranges.emplace(group.wall.count, group.wall.ciConfidence);
    }
    QStringList notes;
    for (const auto& [runs, confidence] : ranges)
        notes << QStringLiteral("* %1 runs: %2").arg(runs).arg(intervalLabel(confidence, runs));
    return notes;
}

} // namespace

QString formatSummaryTable(const ExperimentSummary& summary)
{
    std::vector<QStringList> rows {summaryTableHeader()};
    for (const GroupSummary& group : summary.groups)
        rows.push_back(summaryTableRow(group));
    QString text = alignColumns(rows, {0, 3, 4, 5, 6, 7, 8, 9, 11, 12});

    QStringList notes;
    for (const GroupSummary& group : summary.groups) {
        if (!group.warnings.isEmpty())
            notes << QStringLiteral("warning: set %1, %2, %3: %4")
                         .arg(QString::number(group.setIndex), group.strategy,
                             countOf(group.workers, QStringLiteral("worker")),
                             group.warnings.join(QStringLiteral("; ")));
    }
    if (!notes.isEmpty())
        notes << QStringLiteral("(rerun with more repetitions, on a quieter machine, before trusting those numbers)");
    for (const QString& note : rangeNotes(summary))
        text += note + u'\n';
    text += QStringLiteral("speedup: median of the rounds' ratios serial / strategy (paired rounds), else serial's "
                           "median / the strategy's (ratio of medians); above min(workers, cores) by more than "
                           "%1 it is noise\n")
                .arg(percent(kPhysicsTolerance));
    for (const QString& line : {speedupBaselineNote(summary), languageFactorLine(summary)}) {
        if (!line.isEmpty())
            text += line + u'\n';
    }
    for (const SetSummary& set : summary.sets) {
        if (const QString caption = boundCaption(set, summary.cores); !caption.isEmpty())
            text += caption + u'\n';
    }
    for (const SetSummary& set : summary.sets) {
        std::vector<const GroupSummary*> parallel;
        for (const GroupSummary& group : summary.groups) {
            if (group.numbers == set.numbers && group.strategy != baselineStrategyId()
                && group.strategy != pythonBaselineStrategyId())
                parallel.push_back(&group);
        }
        if (const GroupSummary* fastest = fastestGroup(parallel))
            text += QStringLiteral("fastest on set %1: %2 with %3, %4 against %5\n")
                        .arg(QString::number(set.setIndex), fastest->strategy,
                            countOf(fastest->workers, QStringLiteral("worker")),
                            fastest->speedup ? formatSpeedup(*fastest->speedup) : QStringLiteral("-"),
                            fastest->speedupBaseline.isEmpty() ? baselineStrategyId() : fastest->speedupBaseline);
        else if (const QString disturbed = disturbedReason(parallel); !disturbed.isEmpty())
            text += QStringLiteral("no verdict on set %1: %2\n").arg(set.setIndex).arg(disturbed);
    }
    if (const QStringList lines = autoRepeatLines(summary); !lines.isEmpty()) {
        text += QStringLiteral("repeat auto (until every median is within ±%1 %, at most %2 s a set):\n")
                    .arg(summary.autoRepeat.precision * 100.0, 0, 'f', 1)
                    .arg(summary.autoRepeat.maxSecondsPerSet, 0, 'g', 4);
        for (const QString& line : lines)
            text += QStringLiteral("  ") + line + u'\n';
    }
    for (const QString& note : notes)
        text += note + u'\n';
    return text;
}

namespace {

QString csvRatioCell(const std::optional<CsvRatio>& ratio)
{
    if (!ratio)
        return QStringLiteral("-");
    return ratioCellText(*ratio);
}

QStringList csvRow(const CsvEntrySummary& entry)
{
    const Summary& wall = entry.seconds;
    return {entry.mode, QString::number(entry.writers), QString::number(entry.rounds), QString::number(entry.failures),
        QString::number(entry.files), formatBytes(entry.bytes),
        wall.count > 1 ? QStringLiteral("%1 [%2, %3]")
                             .arg(formatSeconds(wall.median), formatSeconds(wall.ciLow), formatSeconds(wall.ciHigh))
                       : formatSeconds(wall.median),
        QString::number(entry.mbPerSecond, 'f', 0), csvRatioCell(entry.againstSerial), csvRatioCell(entry.againstRaw),
        entry.peakRssBytes > 0 ? formatBytes(static_cast<std::uint64_t>(entry.peakRssBytes)) : QStringLiteral("-")};
}

/// Below the table: what failed, what was kept, how to read it.
QString csvTableNotes(const Experiment& experiment, const CsvSummary& summary)
{
    QString text;
    for (const CsvRun& run : experiment.csv) {
        if (!run.ok())
            text += QStringLiteral("  FAILED: '%1' in round %2: %3\n").arg(run.mode).arg(run.round + 1).arg(run.error);
        else if (run.keptFiles)
            text += QStringLiteral("  the files of '%1' (round %2) are kept in %3\n")
                        .arg(run.mode)
                        .arg(run.round + 1)
                        .arg(run.directory);
    }
    text += QStringLiteral("  medians of %1 round(s), each running every mode and the raw write once in an order "
                           "rotated round by round; ratios (time of save_serial or of the raw write over the mode's) "
                           "are medians of per-round ratios [interval]\n")
                .arg(summary.rounds);
    if (!summary.fsync)
        text += QStringLiteral("  without --fsync these are page-cache (memory) speeds, not the disk's: the disk "
                               "question needs --fsync\n");
    return text;
}

} // namespace

QString formatCsvTable(const Experiment& experiment)
{
    const CsvSummary summary = summarizeCsv(experiment);
    std::vector<QStringList> rows {
        {QStringLiteral("csv mode"), QStringLiteral("writers"), QStringLiteral("rounds"), QStringLiteral("failed"),
            QStringLiteral("files"), QStringLiteral("bytes"), QStringLiteral("wall (median)"), QStringLiteral("MB/s"),
            QStringLiteral("vs save_serial"), QStringLiteral("vs raw write"), QStringLiteral("peak RSS")}};
    for (const CsvEntrySummary& entry : summary.modes)
        rows.push_back(csvRow(entry));
    if (summary.raw)
        rows.push_back(csvRow(*summary.raw));
    QString text = rows.size() > 1 ? alignColumns(rows, {1, 2, 3, 4, 5, 6, 7, 10}) : QString();
    return text + csvTableNotes(experiment, summary);
}

QString formatComparisonTable(const ExperimentComparison& comparison)
{
    QString text = QStringLiteral("comparison with the baseline %1\n").arg(comparison.baselineName);
    text += QStringLiteral("  baseline: %1\n  this run: %2\n")
                .arg(describeEnvironment(comparison.baselineVersion, comparison.baseline),
                    describeEnvironment(comparison.currentVersion, comparison.current));
    if (const QString context = comparisonContext(comparison); !context.isEmpty())
        text += QStringLiteral("  ") + context + u'\n';
    if (comparison.groups.empty()) {
        text += QStringLiteral("  no group (set numbers, strategy, workers) was measured in both\n");
        return text;
    }
    std::vector<QStringList> rows {comparisonColumns()};
    for (const GroupComparison& group : comparison.groups)
        rows.push_back(comparisonCells(group));
    return text + alignColumns(rows, comparisonNumericColumns()) + comparisonNotes(comparison);
}

} // namespace calcprof
