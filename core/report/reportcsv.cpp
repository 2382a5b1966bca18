// The report's section on the CSV writer: each mode's throughput over the CSV rounds against
// save_serial's and the raw sequential write, and its memory against the original's.

#include "core/report/reportcsv.h"

#include "core/analysis/csvsummary.h"
#include "core/report/reportwording.h"

#include "core/format/units.h"

namespace calcprof::report {

namespace {

/// Python's csv.writer holds about seven copies of a row while writing it: ≈ 1.4 GB for the
/// original's 200 MB row (measured on the original, ../shared/DESIGN.md).
constexpr double kOriginalCopiesPerRow = 7.0;

QString speed(double mbPerSecond)
{
    return QStringLiteral("%1 MB/s").arg(mbPerSecond, 0, 'f', 0);
}

QString roundsText(int rounds)
{
    return rounds == 1 ? QStringLiteral("one round") : QStringLiteral("%1 rounds").arg(rounds);
}

/// "1,234 MB/s (median of 3 rounds, 75 % interval 1,100–1,300 MB/s)".
QString quoteSpeed(const CsvEntrySummary& entry)
{
    if (entry.rounds <= 1)
        return speed(entry.mbPerSecond) + QStringLiteral(" (one round)");
    return QStringLiteral("%1 (median of %2, %3 interval %4–%5)")
        .arg(speed(entry.mbPerSecond), roundsText(entry.rounds), percent(entry.seconds.ciConfidence),
            QString::number(entry.mbPerSecondLow, 'f', 0), speed(entry.mbPerSecondHigh));
}

/// "1.85x [1.70x, 1.93x]": a ratio and its interval, for a table cell.
QString ratioCell(const std::optional<CsvRatio>& ratio)
{
    if (!ratio)
        return QStringLiteral("-");
    return ratioCellText(*ratio);
}

/// How a ratio was estimated and its interval, in words: " (median of 3 per-round ratios, 75 %
/// interval 1.20x–1.90x)"; empty when there is nothing to add (one round, no spread).
QString ratioEstimator(const CsvRatio& ratio)
{
    if (ratio.samples == 1 || ratio.low == ratio.high)
        return {};
    return QStringLiteral(" (%1, %2 interval %3–%4)")
        .arg(ratio.paired() ? QStringLiteral("median of %1 per-round ratios").arg(ratio.samples)
                            : QStringLiteral("ratio of the medians"),
            percent(ratio.confidence), formatSpeedup(ratio.low), formatSpeedup(ratio.high));
}

/// The bytes of one row as written: header + the value + footer (one row per file).
std::uint64_t rowBytes(const CsvEntrySummary& entry)
{
    return entry.files > 0 ? entry.bytes / static_cast<std::uint64_t>(entry.files) : 0;
}

QString pageCacheWarning()
{
    return QStringLiteral("without --fsync these are page-cache (memory) speeds, not the disk's: the disk question "
                          "needs --fsync");
}

/// Whether the fastest mode is faster than save_serial, slower, or not told apart by the interval.
QString verdictAgainstSerial(const CsvRatio& ratio)
{
    if (ratio.low > 1.0)
        return QStringLiteral("faster than save_serial");
    if (ratio.high < 1.0)
        return QStringLiteral("slower than save_serial");
    return QStringLiteral("not told apart from save_serial by these rounds (the interval holds 1x)");
}

/// The fastest writer's speed against save_serial's and the raw write, and its memory.
QString csvAnswer(const CsvSummary& summary, const CsvEntrySummary& fastest)
{
    const CsvEntrySummary* serial = summary.find(kSaveSerialMode);
    QString answer = QStringLiteral("The %1 writer (%2 writers) reaches %3")
                         .arg(fastest.mode)
                         .arg(fastest.writers)
                         .arg(quoteSpeed(fastest));
    if (fastest.againstSerial && serial != nullptr)
        answer += QStringLiteral(": %1 save_serial's %2%3, %4")
                      .arg(formatSpeedup(fastest.againstSerial->value), speed(serial->mbPerSecond),
                          ratioEstimator(*fastest.againstSerial), verdictAgainstSerial(*fastest.againstSerial));
    if (fastest.againstRaw && summary.raw)
        answer += QStringLiteral("; %1 a raw sequential write (%2)%3")
                      .arg(formatSpeedup(fastest.againstRaw->value), speed(summary.raw->mbPerSecond),
                          ratioEstimator(*fastest.againstRaw));
    answer += fastest.fsync ? QStringLiteral("; every file was flushed to the disk (--fsync)")
                            : QStringLiteral("; ") + pageCacheWarning();
    const std::uint64_t row = rowBytes(fastest);
    // The original's own writer measured in the same run (the py-serial mode): its peak, not an estimate.
    if (const CsvEntrySummary* python = summary.find(QStringLiteral("py-serial"));
        python != nullptr && python != &fastest && python->peakRssBytes > 0)
        return answer
            + QStringLiteral(". It needs %1 of memory at its peak, where the original's save_serial, run by Python "
                             "in the same rounds (py-serial), needed %2 (the interpreter's own peak, measured) for "
                             "rows of %3.")
                  .arg(formatBytes(static_cast<std::uint64_t>(fastest.peakRssBytes)),
                      formatBytes(static_cast<std::uint64_t>(python->peakRssBytes)), formatBytes(rowBytes(*python)));
    answer += QStringLiteral(". It needs %1 of memory at its peak, where the original's csv.writer would hold about "
                             "%2 (%3 copies) for one row of %4 as written here.")
                  .arg(formatBytes(static_cast<std::uint64_t>(fastest.peakRssBytes)),
                      formatBytes(static_cast<std::uint64_t>(kOriginalCopiesPerRow * static_cast<double>(row))))
                  .arg(kOriginalCopiesPerRow, 0, 'f', 0)
                  .arg(formatBytes(row));
    return answer;
}

QStringList tableRow(const CsvEntrySummary& entry)
{
    return {entry.mode, QString::number(entry.writers), QString::number(entry.rounds), QString::number(entry.files),
        formatBytes(entry.bytes), timeCell(entry.seconds), speed(entry.mbPerSecond), ratioCell(entry.againstSerial),
        ratioCell(entry.againstRaw),
        entry.peakRssBytes > 0 ? formatBytes(static_cast<std::uint64_t>(entry.peakRssBytes)) : QStringLiteral("-")};
}

/// Every mode over the rounds, and the raw write, side by side.
ReportTable csvTable(const CsvSummary& summary, const CsvEntrySummary& fastest)
{
    ReportTable table;
    table.header = QStringList {QStringLiteral("Mode"), QStringLiteral("Writers"), QStringLiteral("Rounds"),
        QStringLiteral("Files"), QStringLiteral("Bytes per round"), QStringLiteral("Time (median)"),
        QStringLiteral("Speed"), QStringLiteral("Against save_serial"), QStringLiteral("Against the raw write"),
        QStringLiteral("Peak memory")};
    for (const CsvEntrySummary& entry : summary.modes)
        table.rows.push_back(tableRow(entry));
    if (summary.raw)
        table.rows.push_back(tableRow(*summary.raw));
    const bool paired = fastest.againstSerial ? fastest.againstSerial->paired()
                                              : (fastest.againstRaw && fastest.againstRaw->paired());
    table.caption
        = QStringLiteral(
            "Medians of %1: each round ran every mode and the raw write once, in an order rotated round by "
            "round, so no mode is always first (the one that finds the page cache cold). %2 files per "
            "round, each one row of %3 (header %4 + the value + footer %5), %6. Ratios are %7, with "
            "their intervals in brackets. Memory is the process's peak resident set during the stage.")
              .arg(roundsText(summary.rounds))
              .arg(fastest.files)
              .arg(formatBytes(rowBytes(fastest)), formatBytes(fastest.headerBytes), formatBytes(fastest.footerBytes),
                  fastest.fsync ? QStringLiteral("each flushed with fdatasync")
                                : QStringLiteral("without fsync: page-cache (memory) speeds"),
                  paired ? QStringLiteral("medians of the per-round ratios (each from one round's two timings)")
                         : QStringLiteral("ratios of the medians"));
    return table;
}

/// What the numbers lack (save_serial, a raw write, fsync, rounds) and what memory the original needs.
QStringList csvNotes(const CsvSummary& summary, const CsvEntrySummary& fastest)
{
    QStringList notes;
    if (summary.find(kSaveSerialMode) == nullptr)
        notes << QStringLiteral("save_serial's way (the serial mode) was not measured, so nothing here says how much "
                                "faster the parallel writer is; run every mode on one run (below).");
    if (!summary.raw)
        notes << QStringLiteral("No raw sequential write was measured: without it the speeds cannot be read against "
                                "what the file system does. Every CSV round measures one; in the window, \"Measure "
                                "raw write\" adds one to a run opened from a file.");
    if (summary.rounds < 3)
        notes << QStringLiteral("%1 of the CSV stage: the first stage of a round can pay for the page cache's state, "
                                "and with fewer than three rounds a median cannot outvote it; use --csv-repeat 3 or "
                                "more.")
                     .arg(roundsText(summary.rounds));
    if (!fastest.fsync)
        notes << QStringLiteral("Page cache, not disk: without --fsync the files only reach memory while they are "
                                "timed, and the disk writes them later, untimed. Run with --fsync to time the disk.");
    const std::uint64_t row = rowBytes(fastest);
    notes << QStringLiteral(
        "Memory: a streamed writer holds a buffer, not the row. The original builds each row as one "
        "Python string and csv.writer copies it: about %1 for a row of %2 as written here.")
                 .arg(formatBytes(static_cast<std::uint64_t>(kOriginalCopiesPerRow * static_cast<double>(row))),
                     formatBytes(row));
    return notes;
}

} // namespace

ReportSection csvSection(const Measurements& measurements)
{
    ReportSection section;
    section.id = QStringLiteral("csv");
    section.title = QStringLiteral("The CSV writer");
    const Experiment& experiment = measurements.experiment();
    const CsvSummary summary = summarizeCsv(experiment);
    const CsvEntrySummary* fastest = summary.fastest();
    if (fastest == nullptr) {
        section.answer = QStringLiteral("Not measured: no CSV stage ran.");
        section.blocks.push_back(
            commandBlock(suggestedCommand(experiment, QStringLiteral("--strategies serial --csv-mode all --fsync"))));
        return section;
    }
    section.answer = csvAnswer(summary, *fastest);
    section.blocks.push_back(tableBlock(csvTable(summary, *fastest)));
    section.blocks.push_back(bullets(csvNotes(summary, *fastest)));
    if (summary.find(kSaveSerialMode) == nullptr)
        section.blocks.push_back(commandBlock(suggestedCommand(experiment,
            QStringLiteral("--strategies serial --csv-mode all%1")
                .arg(fastest->fsync ? QStringLiteral(" --fsync") : QString()))));

    ReportFigure figure;
    figure.view = ReportFigure::View::Csv;
    figure.caption = QStringLiteral("Throughput of each CSV write mode, median of %1%2%3.")
                         .arg(roundsText(summary.rounds),
                             summary.raw ? QStringLiteral(" beside the raw sequential write") : QString(),
                             fastest->fsync ? QString() : QStringLiteral(" (page-cache speeds: no --fsync)"));
    figure.fileStem = QStringLiteral("csv-throughput");
    section.blocks.push_back(figureBlock(figure));
    return section;
}

} // namespace calcprof::report
