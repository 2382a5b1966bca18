#include "consolereporter.h"

#include "experimentplan.h"
#include "numbersets.h"
#include "runlog.h"
#include "stats.h"
#include "units.h"

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

void ConsoleReporter::runStarted(const ExperimentPlan& plan, int /*totalSteps*/)
{
    m_elapsed.start();
    if (m_quiet)
        return;
    printLine(QStringLiteral("calcprof %1: sets %2; strategies %3; pool size %4; repeat %5 (+%6 warm-up); CSV %7")
                  .arg(QStringLiteral(CALCPROF_VERSION), formatNumberSets(plan.sets), plan.strategies.join(u','),
                      formatPoolSizes(plan.poolSizes))
                  .arg(plan.repeat)
                  .arg(plan.warmup)
                  .arg(plan.csv.mode));
}

void ConsoleReporter::setFinished(const SetRun& run)
{
    if (!m_quiet)
        printLine(ranLine(run));
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

void ConsoleReporter::csvStageFinished(const CsvRun& run)
{
    if (!m_quiet)
        printLine(ranLine(run));
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

QString formatSummaryTable(const Experiment& experiment)
{
    // Group the repetitions of each (set, strategy), keeping first-seen order.
    struct Group
    {
        const SetRun* first = nullptr;
        std::vector<double> wall;
        std::vector<double> cpu;
        bool allMatch = true;
        int failures = 0;
    };
    std::vector<std::pair<std::pair<int, QString>, Group>> groups;
    for (const SetRun& run : experiment.runs) {
        const auto key = std::make_pair(run.setIndex, run.strategy);
        auto found
            = std::find_if(groups.begin(), groups.end(), [&key](const auto& entry) { return entry.first == key; });
        if (found == groups.end()) {
            groups.emplace_back(key, Group {&run, {}, {}, true, 0});
            found = std::prev(groups.end());
        }
        Group& group = found->second;
        if (!run.ok()) {
            ++group.failures;
            continue;
        }
        group.wall.push_back(run.wallSeconds);
        group.cpu.push_back(run.cpuSeconds);
        group.allMatch = group.allMatch && run.matchesSerial;
    }
    std::map<int, double> serialMedian;
    for (const auto& [key, group] : groups) {
        if (key.second == QStringLiteral("serial") && !group.wall.empty())
            serialMedian[key.first] = summarize(group.wall).median;
    }

    std::vector<QStringList> rows {{QStringLiteral("set"), QStringLiteral("numbers"), QStringLiteral("strategy"),
        QStringLiteral("workers"), QStringLiteral("runs"), QStringLiteral("wall (median)"),
        QStringLiteral("cpu (median)"), QStringLiteral("speedup"), QStringLiteral("check")}};
    for (const auto& [key, group] : groups) {
        const Summary wall = summarize(group.wall);
        const Summary cpu = summarize(group.cpu);
        const auto serial = serialMedian.find(key.first);
        const bool hasSpeedup = serial != serialMedian.end() && wall.count > 0 && wall.median > 0;
        const QString check = group.failures > 0 ? QStringLiteral("FAILED x%1").arg(group.failures)
            : group.allMatch                     ? QStringLiteral("ok")
                                                 : QStringLiteral("MISMATCH");
        rows.push_back({QString::number(key.first), formatNumberSet(group.first->numbers), key.second,
            QString::number(group.first->poolSize), QString::number(wall.count),
            wall.count > 0 ? formatSeconds(wall.median) : QStringLiteral("-"),
            cpu.count > 0 ? formatSeconds(cpu.median) : QStringLiteral("-"),
            hasSpeedup ? QStringLiteral("%1x").arg(serial->second / wall.median, 0, 'f', 2) : QStringLiteral("-"),
            check});
    }
    return alignColumns(rows, {0, 3, 4, 5, 6, 7});
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

} // namespace calcprof
