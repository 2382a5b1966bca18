#include "core/csv/csvstage.h"

#include "core/csv/csvfilewriter.h"
#include "core/format/units.h"
#include "core/model/environment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sys/statvfs.h>

namespace calcprof {

namespace {

// The allocation unit of the file system holding `directory` (0 if unknown).
std::uint64_t blockBytes(const QString& directory)
{
    struct statvfs stats
    { };
    if (::statvfs(QFile::encodeName(directory).constData(), &stats) != 0)
        return 0;
    return static_cast<std::uint64_t>(stats.f_frsize);
}

// A fresh, private folder under the system temp directory; empty string on failure.
QString makeFreshDirectory()
{
    QByteArray pattern = QFile::encodeName(QDir::temp().filePath(QStringLiteral("calcprof-csv-XXXXXX")));
    if (::mkdtemp(pattern.data()) == nullptr)
        return {};
    return QFile::decodeName(pattern);
}

// Lowers the process's peak resident set (VmHWM) to what is resident now, so that the peak read
// after a stage is the stage's own rather than an earlier strategy's or round's. Linux 4.0 on; where
// the file cannot be written the peak stays the process's since it started.
bool resetPeakResidentSet()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

} // namespace

int defaultCsvPoolSize()
{
    return std::max(1, QThread::idealThreadCount());
}

int CsvOptions::rounds() const
{
    if (repeat > 0)
        return repeat;
    return modes().size() > 1 ? kDefaultCsvRepeatSeveralModes : 1;
}

int CsvOptions::writerPoolSize() const
{
    return poolSize > 0 ? poolSize : defaultCsvPoolSize();
}

int rotatedEntry(int round, int position, int entries)
{
    return entries > 0 ? (round + position) % entries : 0;
}

QStringList CsvOptions::modes() const
{
    if (!enabled())
        return {};
    QStringList ids = mode.split(u',');
    for (QString& id : ids)
        id = id.trimmed();
    return ids;
}

QString checkCsvDirectory(const QString& directory)
{
    const QFileInfo info(directory);
    if (!info.exists())
        return QStringLiteral("output folder %1 does not exist").arg(directory);
    if (!info.isDir())
        return QStringLiteral("output folder %1 is not a folder").arg(directory);
    if (!info.isWritable())
        return QStringLiteral("output folder %1 is not writable").arg(directory);
    return {};
}

std::optional<std::uint64_t> freeBytes(const QString& directory)
{
    struct statvfs stats
    { };
    if (::statvfs(QFile::encodeName(directory).constData(), &stats) != 0)
        return std::nullopt;
    return static_cast<std::uint64_t>(stats.f_bavail) * stats.f_frsize;
}

std::uint64_t csvStageBytes(const std::vector<FiboValue>& values, const CsvRowSpec& row)
{
    std::uint64_t bytes = 0;
    for (const FiboValue value : values)
        bytes += csvFileBytes(row, value);
    return bytes;
}

QString checkCsvStage(const QString& directory, const std::vector<FiboValue>& values, const CsvRowSpec& row)
{
    if (QString error = checkCsvDirectory(directory); !error.isEmpty())
        return error;
    const QDir dir(directory);
    for (int index = 1; index <= static_cast<int>(values.size()); ++index) {
        if (QFileInfo::exists(dir.filePath(csvFileName(index))))
            return QStringLiteral("output folder %1 already holds %2; calcprof never overwrites result "
                                  "files: choose an empty folder or remove res*.txt")
                .arg(directory, csvFileName(index));
    }
    return checkCsvFreeSpace(directory, values, row);
}

QString checkCsvFreeSpace(const QString& directory, const std::vector<FiboValue>& values, const CsvRowSpec& row)
{
    // Space is allocated in whole blocks: 43 files of 4,097 bytes take 43 x 8 KiB, not 176 kB.
    const std::uint64_t block = blockBytes(directory);
    std::uint64_t needed = 0;
    for (const FiboValue value : values) {
        const std::uint64_t bytes = csvFileBytes(row, value);
        needed += block > 0 ? (bytes + block - 1) / block * block : bytes;
    }
    const std::optional<std::uint64_t> available = freeBytes(directory);
    if (!available)
        return QStringLiteral("cannot tell the free space of output folder %1").arg(directory);
    if (*available < needed)
        return QStringLiteral("not enough free space in %1: the CSV stage needs %2 (%3 files) but only %4 "
                              "is free; lower --header-bytes/--footer-bytes or choose another --csv-dir")
            .arg(directory, formatBytes(needed), QString::number(values.size()), formatBytes(*available));
    return {};
}

SequentialWrite measureSequentialWrite(
    const QString& directory, std::uint64_t bytes, bool fsync, const std::atomic<bool>& stop)
{
    SequentialWrite result;
    if (QString error = checkCsvDirectory(directory); !error.isEmpty()) {
        result.error = error;
        return result;
    }
    const std::optional<std::uint64_t> available = freeBytes(directory);
    if (!available || *available < bytes) {
        result.error = QStringLiteral("not enough free space in %1 for a %2 sequential write")
                           .arg(directory, formatBytes(bytes));
        return result;
    }
    // A private scratch folder inside `directory`, so no file of the user's can be touched.
    QByteArray scratch = QFile::encodeName(QDir(directory).filePath(QStringLiteral(".calcprof-raw-XXXXXX")));
    if (::mkdtemp(scratch.data()) == nullptr) {
        result.error = QStringLiteral("cannot create a scratch folder in %1").arg(directory);
        return result;
    }
    const QString scratchDirectory = QFile::decodeName(scratch);
    // One "row" whose header carries all the bytes: a single sequential stream through the very
    // writer the stage uses, so the comparison is of scheduling, not of two different writers.
    const std::uint64_t rowOverhead = csvFileBytes(CsvRowSpec {0, 0}, 0); // ",0,\r\n"
    const CsvRowSpec spec {bytes > rowOverhead ? bytes - rowOverhead : 0, 0};
    const auto started = std::chrono::steady_clock::now();
    const CsvWriteOutcome outcome = writeCsvFile(scratchDirectory, 1, 0, spec, fsync, stop);
    result.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    QFile::remove(QDir(scratchDirectory).filePath(csvFileName(1)));
    QDir().rmdir(scratchDirectory);
    result.error = outcome.error;
    result.bytes = outcome.bytes;
    result.mbPerSecond = megabytesPerSecond(result.bytes, result.wallSeconds);
    return result;
}

CsvRun runCsvStage(const CsvWriteMode& mode, const CsvOptions& options, int writers, int setIndex,
    const std::vector<FiboValue>& values, const std::atomic<bool>& stop, const CsvJob::FileWritten& onWritten)
{
    CsvRun run;
    run.mode = mode.id();
    run.setIndex = setIndex;
    run.poolSize = writers;
    run.plannedFiles = static_cast<int>(values.size());
    run.headerBytes = options.row.headerBytes;
    run.footerBytes = options.row.footerBytes;
    run.fsync = options.fsync;
    run.keptFiles = options.keepFiles;

    const bool ownDirectory = options.directory.isEmpty();
    run.directory = ownDirectory ? makeFreshDirectory() : options.directory;
    if (run.directory.isEmpty()) {
        run.error = QStringLiteral("cannot create a folder under %1").arg(QDir::tempPath());
        return run;
    }
    if (QString error = checkCsvStage(run.directory, values, options.row); !error.isEmpty()) {
        run.error = error;
        if (ownDirectory)
            QDir().rmdir(run.directory);
        return run;
    }

    CsvJob job(run.directory, values, options.row, options.fsync, stop, onWritten, options.writeFault);
    job.setPython(options.python);
    resetPeakResidentSet();
    const auto started = std::chrono::steady_clock::now();
    job.start();
    run.fileResults = mode.write(job, writers);
    run.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    // A mode whose files another process wrote (py-serial) measured that process's peak instead.
    run.peakRssBytes = job.writerPeakRssBytes().value_or(peakRssBytes());

    for (const CsvFileResult& file : run.fileResults) {
        if (file.ok()) {
            ++run.files;
            run.bytes += file.bytes;
        }
    }
    run.mbPerSecond = megabytesPerSecond(run.bytes, run.wallSeconds);
    run.error = job.failure();

    // The timing is done; the files were only there to be timed unless the user wants them.
    if (!options.keepFiles) {
        const QDir dir(run.directory);
        for (const CsvFileResult& file : run.fileResults) {
            if (file.ok())
                QFile::remove(dir.filePath(csvFileName(file.index)));
        }
        if (ownDirectory)
            QDir().rmdir(run.directory);
    }
    return run;
}

} // namespace calcprof
