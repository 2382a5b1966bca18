// The report's section on the CSV writer: each mode's throughput against save_serial's and the raw
// disk write, and its memory against the original's.

#include "core/report/reportcsv.h"

#include "core/report/reportwording.h"

#include "core/format/units.h"

namespace calcprof::report {

namespace {

/// Python's csv.writer holds about seven copies of a row while writing it: ≈ 1.4 GB for the
/// original's 200 MB row (measured on the original, ../shared/DESIGN.md).
constexpr double kOriginalBytesPerRowByte = 7.0;

const QString kSaveSerial = QStringLiteral("serial");

QString speed(double mbPerSecond)
{
    return QStringLiteral("%1 MB/s").arg(mbPerSecond, 0, 'f', 0);
}

/// The latest successful stage of each mode, in order of first run.
std::vector<const CsvRun*> latestPerMode(const std::vector<CsvRun>& stages)
{
    std::vector<const CsvRun*> latest;
    for (const CsvRun& stage : stages) {
        if (!stage.ok())
            continue;
        bool replaced = false;
        for (const CsvRun*& kept : latest) {
            if (kept->mode == stage.mode) {
                kept = &stage;
                replaced = true;
            }
        }
        if (!replaced)
            latest.push_back(&stage);
    }
    return latest;
}

/// The stages the report reads: each mode's latest, save_serial's (the serial mode) and the fastest.
struct CsvStages
{
    std::vector<const CsvRun*> latest;
    const CsvRun* serial = nullptr;
    const CsvRun* fastest = nullptr;
};

CsvStages csvStages(const Experiment& experiment)
{
    CsvStages stages;
    stages.latest = latestPerMode(experiment.csv);
    for (const CsvRun* stage : stages.latest) {
        if (stage->mode == kSaveSerial)
            stages.serial = stage;
        if (stages.fastest == nullptr || stage->mbPerSecond > stages.fastest->mbPerSecond)
            stages.fastest = stage;
    }
    return stages;
}

/// The original's csv.writer's memory for a row the size of `fastest`'s.
double originalMemoryFor(const CsvRun& fastest)
{
    const std::uint64_t rowBytes = fastest.headerBytes + fastest.footerBytes;
    return kOriginalBytesPerRowByte * static_cast<double>(rowBytes);
}

/// The fastest writer's speed against save_serial's and the raw write, and its memory.
QString csvAnswer(const CsvRun& fastest, const CsvRun* serial, const std::optional<RawWriteReference>& raw)
{
    const double originalMemory = originalMemoryFor(fastest);
    QString answer = QStringLiteral("The %1 writer (%2 writers) reaches %3 (one run)")
                         .arg(fastest.mode)
                         .arg(fastest.poolSize)
                         .arg(speed(fastest.mbPerSecond));
    if (serial != nullptr && serial != &fastest)
        answer += QStringLiteral(", %1x save_serial's %2")
                      .arg(fastest.mbPerSecond / serial->mbPerSecond, 0, 'f', 2)
                      .arg(speed(serial->mbPerSecond));
    if (raw)
        answer += QStringLiteral(" and %1x a raw sequential write (%2)")
                      .arg(fastest.mbPerSecond / raw->mbPerSecond, 0, 'f', 2)
                      .arg(speed(raw->mbPerSecond));
    answer += fastest.fsync ? QStringLiteral(", with every file flushed to the disk")
                            : QStringLiteral(", without fsync: page-cache speed, not the disk's");
    answer += QStringLiteral(
        "; it needs %1 of memory at its peak, where the original's csv.writer needs about %2 per row.")
                  .arg(formatBytes(static_cast<std::uint64_t>(fastest.peakRssBytes)),
                      formatBytes(static_cast<std::uint64_t>(originalMemory)));
    return answer;
}

/// Every mode's latest stage, and the raw write, side by side.
ReportTable csvTable(const CsvStages& stages, const std::optional<RawWriteReference>& raw)
{
    const CsvRun& fastest = *stages.fastest;
    const CsvRun* serial = stages.serial;
    ReportTable table;
    table.header = QStringList {QStringLiteral("Mode"), QStringLiteral("Writers"), QStringLiteral("Files"),
        QStringLiteral("Bytes"), QStringLiteral("Time"), QStringLiteral("Speed"), QStringLiteral("Against save_serial"),
        QStringLiteral("Against the raw write"), QStringLiteral("Peak memory")};
    for (const CsvRun* stage : stages.latest) {
        table.rows.push_back(QStringList {stage->mode, QString::number(stage->poolSize), QString::number(stage->files),
            formatBytes(stage->bytes), formatSeconds(stage->wallSeconds), speed(stage->mbPerSecond),
            serial != nullptr ? QStringLiteral("%1x").arg(stage->mbPerSecond / serial->mbPerSecond, 0, 'f', 2)
                              : QStringLiteral("-"),
            raw ? QStringLiteral("%1x").arg(stage->mbPerSecond / raw->mbPerSecond, 0, 'f', 2) : QStringLiteral("-"),
            formatBytes(static_cast<std::uint64_t>(stage->peakRssBytes))});
    }
    if (raw)
        table.rows.push_back(QStringList {QStringLiteral("raw write"), QStringLiteral("1"), QStringLiteral("1"),
            formatBytes(raw->bytes), formatSeconds(raw->wallSeconds), speed(raw->mbPerSecond), QStringLiteral("-"),
            QStringLiteral("1.00x"), QStringLiteral("-")});
    table.caption
        = QStringLiteral("Each mode's latest stage: %1 files of %2 + the value + %3, %4. Memory is the "
                         "whole process's peak resident set.")
              .arg(fastest.plannedFiles)
              .arg(formatBytes(fastest.headerBytes), formatBytes(fastest.footerBytes),
                  fastest.fsync ? QStringLiteral("each flushed with fdatasync") : QStringLiteral("without fsync"));
    return table;
}

/// What the numbers lack (save_serial, a raw write, fsync) and what memory the original needs.
QStringList csvNotes(const CsvRun& fastest, const CsvRun* serial, const std::optional<RawWriteReference>& raw)
{
    const double originalMemory = originalMemoryFor(fastest);
    QStringList notes;
    if (serial == nullptr)
        notes << QStringLiteral("save_serial's way (the serial mode) was not measured, so nothing here says how much "
                                "faster the parallel writer is; run every mode on one run (below).");
    if (!raw)
        notes << QStringLiteral("No raw sequential write was measured: without it the speeds cannot be read against "
                                "what the disk does. A headless run with --report measures it after the CSV stage; "
                                "in the window, press \"Measure raw write\".");
    if (!fastest.fsync)
        notes << QStringLiteral("Without --fsync the files only reach the page cache while they are timed; the disk "
                                "writes them later. Run with --fsync to time the disk.");
    notes << QStringLiteral("Memory: a streamed writer holds a buffer, not the row. The original builds each 200 MB "
                            "row as one Python string and csv.writer copies it, about %1 per row of this size.")
                 .arg(formatBytes(static_cast<std::uint64_t>(originalMemory)));
    return notes;
}

} // namespace

ReportSection csvSection(const Measurements& measurements)
{
    ReportSection section;
    section.id = QStringLiteral("csv");
    section.title = QStringLiteral("The CSV writer");
    const Experiment& experiment = measurements.experiment();
    const CsvStages stages = csvStages(experiment);
    if (stages.latest.empty()) {
        section.answer = QStringLiteral("Not measured: no CSV stage ran.");
        section.blocks.push_back(
            commandBlock(suggestedCommand(experiment, QStringLiteral("--strategies serial --csv-mode all --fsync"))));
        return section;
    }
    const CsvRun& fastest = *stages.fastest;
    const std::optional<RawWriteReference>& raw = experiment.rawWrite;
    section.answer = csvAnswer(fastest, stages.serial, raw);
    section.blocks.push_back(tableBlock(csvTable(stages, raw)));
    section.blocks.push_back(bullets(csvNotes(fastest, stages.serial, raw)));
    if (stages.serial == nullptr)
        section.blocks.push_back(commandBlock(suggestedCommand(experiment,
            QStringLiteral("--strategies serial --csv-mode all%1")
                .arg(fastest.fsync ? QStringLiteral(" --fsync") : QString()))));

    ReportFigure figure;
    figure.view = ReportFigure::View::Csv;
    figure.caption = QStringLiteral("Throughput of each CSV write mode%1.")
                         .arg(raw ? QStringLiteral(" beside the raw sequential write") : QString());
    figure.fileStem = QStringLiteral("csv-throughput");
    section.blocks.push_back(figureBlock(figure));
    return section;
}

} // namespace calcprof::report
