#include "app/cli/consolereporter.h"

#include "core/analysis/summary.h"
#include "core/format/runlog.h"
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
    std::fprintf(m_out, "%s", formatSummaryTable(summary).toLocal8Bit().constData());
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

QString formatSummaryTable(const ExperimentSummary& summary)
{
    std::vector<QStringList> rows {
        {QStringLiteral("set"), QStringLiteral("numbers"), QStringLiteral("strategy"), QStringLiteral("workers"),
            QStringLiteral("runs"), QStringLiteral("wall (median)"), QStringLiteral("95% CI of median"),
            QStringLiteral("cpu (median)"), QStringLiteral("speedup"), QStringLiteral("95% CI"),
            QStringLiteral("schedule model"), QStringLiteral("bound of its unit"), QStringLiteral("check")}};
    const QString none = QStringLiteral("-");
    for (const GroupSummary& group : summary.groups) {
        const QString check = group.failures > 0 ? QStringLiteral("FAILED x%1").arg(group.failures)
            : group.allMatch                     ? QStringLiteral("ok")
                                                 : QStringLiteral("MISMATCH");
        const bool measured = group.measured();
        // The interval needs at least two samples; with fewer than six it is the range, below 95 %.
        const QString interval = group.wall.count > 1
            ? formatSeconds(group.wall.ciLow) + QStringLiteral(" – ") + formatSeconds(group.wall.ciHigh)
                + (group.wall.ciConfidence < kConfidence ? QStringLiteral(" *") : QString())
            : none;
        const QString speedupInterval = group.speedupLow && group.wall.count > 1
            ? formatSpeedup(*group.speedupLow) + QStringLiteral(" – ") + formatSpeedup(*group.speedupHigh)
            : none;
        rows.push_back({QString::number(group.setIndex), formatNumberSet(group.numbers), group.strategy,
            QString::number(group.workers), QString::number(group.wall.count),
            measured ? formatSeconds(group.wall.median) : none, interval,
            measured ? formatSeconds(group.cpu.median) : none, group.speedup ? formatSpeedup(*group.speedup) : none,
            speedupInterval, group.bounds ? formatSpeedup(group.bounds->schedule) : none,
            group.bounds ? formatSpeedup(group.bounds->unit) + QStringLiteral(" per ") + group.workUnit : none, check});
    }
    QString text = alignColumns(rows, {0, 3, 4, 5, 6, 7, 8, 9, 10, 11});

    bool anyShortInterval = false;
    QStringList notes;
    for (const GroupSummary& group : summary.groups) {
        anyShortInterval = anyShortInterval || (group.wall.count > 1 && group.wall.ciConfidence < kConfidence);
        if (!group.warnings.isEmpty())
            notes << QStringLiteral("warning: set %1, %2, %3 worker(s): %4")
                         .arg(group.setIndex)
                         .arg(group.strategy)
                         .arg(group.workers)
                         .arg(group.warnings.join(QStringLiteral("; ")));
    }
    if (!notes.isEmpty())
        notes << QStringLiteral("(rerun with more repetitions, on a quieter machine, before trusting those numbers)");
    if (anyShortInterval)
        text += QStringLiteral("* fewer than 6 runs: the interval is the range of the runs, which covers the median "
                               "with less than 95 % confidence\n");
    for (const SetSummary& set : summary.sets) {
        if (const QString caption = boundCaption(set, summary.cores); !caption.isEmpty())
            text += caption + u'\n';
    }
    for (const QString& note : notes)
        text += note + u'\n';
    return text;
}

QString formatCsvTable(const Experiment& experiment)
{
    std::vector<QStringList> rows {{QStringLiteral("csv mode"), QStringLiteral("set"), QStringLiteral("writers"),
        QStringLiteral("files"), QStringLiteral("bytes"), QStringLiteral("wall"), QStringLiteral("MB/s"),
        QStringLiteral("fsync"), QStringLiteral("peak RSS"), QStringLiteral("result")}};
    for (const CsvRun& run : experiment.csv) {
        rows.push_back({run.mode, QString::number(run.setIndex), QString::number(run.poolSize),
            QStringLiteral("%1/%2").arg(run.files).arg(run.plannedFiles), formatBytes(run.bytes),
            formatSeconds(run.wallSeconds), QString::number(run.mbPerSecond, 'f', 0),
            run.fsync ? QStringLiteral("yes") : QStringLiteral("no"),
            formatBytes(static_cast<std::uint64_t>(run.peakRssBytes)),
            run.ok() ? (run.keptFiles ? QStringLiteral("kept in ") + run.directory : QStringLiteral("ok, deleted"))
                     : QStringLiteral("FAILED: ") + run.error});
    }
    return alignColumns(rows, {1, 2, 3, 4, 5, 6, 8});
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
