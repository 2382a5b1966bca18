// Faults during the CSV stage (issue 4, "Faults" and the CSV half of "Cancellation"): a disk that
// fills up, for real on a small tmpfs and through the writer's fault-injection seam (CsvWriteFault);
// the free-space precheck; an output folder that disappears, is renamed away or turns read-only
// mid-stage; and a cancel in the middle of big files. In every case the stage must stop with a
// clear error, leave only complete and correct res*.txt files and no temporary file.
//
// The tmpfs tests mount a file system and so need root (CI runs the tests as root); elsewhere they
// are skipped with the reason, and under CI=true that skip is a failure (CALCPROF_SKIP_PROOF).

#include "core/csv/csvfilewriter.h"
#include "core/csv/csvformat.h"
#include "core/csv/csvjob.h"
#include "core/csv/csvmoderegistry.h"
#include "core/csv/csvstage.h"
#include "core/exec/workload.h"
#include "csvexpectations.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <mutex>
#include <sys/mount.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace calcprof;
using calcprof::test::everythingIn;
using calcprof::test::readFile;
using namespace std::chrono_literals;

using calcprof::test::expectedRow;
using calcprof::test::kNeverStop;
using calcprof::test::rowOf;
using calcprof::test::runStage;
using calcprof::test::setOneValues;
using calcprof::test::StageSetup;

namespace {

QStringList resultFilesIn(const QString& directory)
{
    return QDir(directory).entryList({QStringLiteral("res*.txt")}, QDir::AllEntries | QDir::System, QDir::Name);
}

QStringList temporaryFilesIn(const QString& directory)
{
    QStringList temporary;
    for (const QString& name : everythingIn(directory)) {
        if (name.startsWith(QStringLiteral(".calcprof-")))
            temporary << name;
    }
    return temporary;
}

QString temporaryPath(const QString& directory, int index)
{
    return QDir(directory).filePath(csvTemporaryFileName(index));
}

QString errnoText(int error)
{
    return QString::fromStdString(std::generic_category().message(error));
}

// Every res<i>.txt in `directory` holds exactly the row for values[i - 1], and nothing else is there
// (no temporary file, nothing unexpected). Returns how many result files there are.
int expectOnlyCompleteResultFiles(const QString& directory, const std::vector<FiboValue>& values, const CsvRowSpec& row)
{
    EXPECT_EQ(temporaryFilesIn(directory), QStringList()) << directory.toStdString();
    const QStringList results = resultFilesIn(directory);
    EXPECT_EQ(results.size(), everythingIn(directory).size()) << directory.toStdString();
    for (const QString& name : results) {
        bool isNumber = false;
        const int index = name.mid(3, name.size() - 7).toInt(&isNumber);
        EXPECT_TRUE(isNumber && index >= 1 && index <= static_cast<int>(values.size())) << name.toStdString();
        if (!isNumber || index < 1 || index > static_cast<int>(values.size()))
            continue;
        EXPECT_TRUE(
            readFile(QDir(directory).filePath(name)) == expectedRow(row, values[static_cast<std::size_t>(index - 1)]))
            << name.toStdString() << " is not the complete row";
    }
    return static_cast<int>(results.size());
}

// The error of the failed stage's first failure: "<what> (after N of M files)" or
// "no space left on DIR after N of M files (<what>)"; what a file result's error says.
QString firstFailureOf(const QString& stageError)
{
    if (stageError.startsWith(QStringLiteral("no space left on "))) {
        const qsizetype open = stageError.indexOf(QStringLiteral(" files ("));
        return open < 0 ? QString() : stageError.mid(open + 8).chopped(1);
    }
    const qsizetype after = stageError.lastIndexOf(QStringLiteral(" (after "));
    return after < 0 ? QString() : stageError.left(after);
}

// The first failure's message wins: exactly the error of one failed file, and that file was not
// written; every other file either completed or says why it was not.
void expectFirstFailureWins(const CsvRun& run)
{
    const QString first = firstFailureOf(run.error);
    ASSERT_FALSE(first.isEmpty()) << run.error.toStdString();
    int matching = 0;
    for (const CsvFileResult& file : run.fileResults) {
        if (file.error == first) {
            ++matching;
            EXPECT_FALSE(QFileInfo::exists(QDir(run.directory).filePath(csvFileName(file.index))));
        }
    }
    EXPECT_GE(matching, 1) << "no file failed with the stage's error: " << run.error.toStdString();
}

// A one-shot event with a timeout, so that a broken test fails instead of hanging.
class Event
{
public:
    void set()
    {
        const std::lock_guard lock(m_mutex);
        m_set = true;
        m_changed.notify_all();
    }
    bool wait(std::chrono::milliseconds timeout = 10s)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [this] { return m_set; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_set = false;
};

// --- a small tmpfs --------------------------------------------------------------------------------

constexpr unsigned long kMountFlags = MS_NOSUID | MS_NODEV;

// A fresh 8 MiB tmpfs for each test (unmounted in TearDown, whatever happened), with the stage's
// output folder `out` in it; the tmpfs root is left for a filler file.
class CsvFaultsOnTmpfs : public ::testing::Test
{
protected:
    static constexpr std::uint64_t kSize = 8ULL << 20;

    void SetUp() override
    {
        ASSERT_TRUE(m_root.isValid());
        m_mountPoint = m_root.filePath(QStringLiteral("tmpfs"));
        ASSERT_TRUE(QDir().mkdir(m_mountPoint));
        if (::mount("tmpfs", native(m_mountPoint).constData(), "tmpfs", kMountFlags, "size=8m,mode=0755") != 0) {
            const int error = errno;
            CALCPROF_SKIP_PROOF() << "cannot mount a tmpfs on " << m_mountPoint.toStdString() << " ("
                                  << std::strerror(error) << "): these tests need root, as in CI";
        }
        m_mounted = true;
        m_out = QDir(m_mountPoint).filePath(QStringLiteral("out"));
        ASSERT_TRUE(QDir().mkdir(m_out));
        ASSERT_EQ(freeBytes(m_out).value_or(0), kSize);
    }

    void TearDown() override
    {
        if (!m_mounted)
            return;
        remount(0, ""); // back to read-write if a test left it read-only (umount does not mind either way)
        if (::umount2(native(m_mountPoint).constData(), 0) != 0) {
            ADD_FAILURE() << "umount " << m_mountPoint.toStdString() << ": " << std::strerror(errno);
            ::umount2(native(m_mountPoint).constData(), MNT_DETACH);
        }
        m_mounted = false;
    }

    static QByteArray native(const QString& path) { return QFile::encodeName(path); }

    // Changes the mounted tmpfs (MS_RDONLY, "size=…"); returns 0 or the errno.
    int remount(unsigned long flags, const char* options) const
    {
        return ::mount("tmpfs", native(m_mountPoint).constData(), "tmpfs", MS_REMOUNT | kMountFlags | flags, options)
                == 0
            ? 0
            : errno;
    }

    // Another program fills the disk: a file in the tmpfs root, written until the device is full.
    std::uint64_t fillTheDisk() const
    {
        const int fd = ::open(native(QDir(m_mountPoint).filePath(QStringLiteral("filler"))).constData(),
            O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0)
            return 0;
        const std::vector<char> chunk(4096, 'x');
        std::uint64_t written = 0;
        for (;;) {
            const ssize_t count = ::write(fd, chunk.data(), chunk.size());
            if (count <= 0)
                break;
            written += static_cast<std::uint64_t>(count);
        }
        ::close(fd);
        return written;
    }

    QTemporaryDir m_root;
    QString m_mountPoint;
    QString m_out;
    bool m_mounted = false;
};

struct ModeVariant
{
    QString mode;
    int writers;
};

const std::vector<ModeVariant> kAllModes {
    {QStringLiteral("serial"), 1}, {QStringLiteral("pool"), 4}, {QStringLiteral("parallel"), 43}};

/// A stage of `variant`'s mode and writers into `directory`, the rest StageSetup's defaults.
StageSetup stageOf(const ModeVariant& variant, const QString& directory)
{
    StageSetup stage;
    stage.mode = variant.mode;
    stage.writers = variant.writers;
    stage.directory = directory;
    return stage;
}

} // namespace

// 43 files of ~150 kB (37 pages each, 6.5 MB in all): the precheck passes on the 8 MiB tmpfs; after
// file 2 the tmpfs is shrunk to 1 MiB, so the disk fills up a few files later, mid-file.
TEST_F(CsvFaultsOnTmpfs, DiskFullMidStageStopsWithOnlyCompleteFiles)
{
    StageSetup stage;
    stage.directory = m_out;
    stage.row = rowOf(100'000, 50'000);
    ASSERT_EQ(checkCsvStage(m_out, stage.values, stage.row), QString());
    std::atomic<int> shrunk {-1};

    const CsvRun run = runStage(stage, kNeverStop, [&](const CsvFileResult& file) {
        if (file.index == 2)
            shrunk = remount(0, "size=1m");
    });

    ASSERT_EQ(shrunk.load(), 0) << "remount size=1m: " << std::strerror(shrunk.load());
    const int complete = expectOnlyCompleteResultFiles(m_out, stage.values, stage.row);
    EXPECT_EQ(run.files, complete);
    EXPECT_GE(complete, 2);
    EXPECT_LT(complete, 43);
    EXPECT_EQ(resultFilesIn(m_out).size(), complete);
    for (int index = 1; index <= complete; ++index)
        EXPECT_TRUE(QFileInfo::exists(QDir(m_out).filePath(csvFileName(index)))) << index;
    // Serial: the file after the last complete one is the one that hit the full disk.
    EXPECT_EQ(run.error,
        QStringLiteral("no space left on %1 after %2 of 43 files (cannot write %3: %4)")
            .arg(m_out)
            .arg(complete)
            .arg(temporaryPath(m_out, complete + 1), errnoText(ENOSPC)));
    std::printf("[ disk full ] %s\n", qPrintable(run.error));
}

// Parallel writers on a real full disk: files 1-3 are written through; every other writer is held
// (through the seam, which injects nothing here) once its header is on disk, until files 1-3 are
// complete and every writer is held; then the disk is filled from outside the stage, and every
// footer meets ENOSPC. Several files fail at once; the first failure's message wins, the files in
// flight are removed, and the three complete ones stay, exact.
TEST_F(CsvFaultsOnTmpfs, DiskFullWithParallelWritersLeavesOnlyCompleteFiles)
{
    constexpr int kCompleteFirst = 3;
    for (const ModeVariant& variant :
        {ModeVariant {QStringLiteral("parallel"), 43}, ModeVariant {QStringLiteral("pool"), 4}}) {
        SCOPED_TRACE(variant.mode.toStdString());
        QDir(m_out).removeRecursively();
        QFile::remove(QDir(m_mountPoint).filePath(QStringLiteral("filler")));
        ASSERT_TRUE(QDir().mkpath(m_out));
        StageSetup stage = stageOf(variant, m_out);
        stage.row = rowOf(90'000, 90'000); // 44 pages a file, 7.75 MB in all: fits the 8 MiB
        ASSERT_EQ(checkCsvStage(m_out, stage.values, stage.row), QString());

        // The pool's 4 writers end up holding files 4-7; the parallel mode's 43 hold files 4-43.
        const int held = std::min(variant.writers, 43 - kCompleteFirst);
        std::mutex mutex;
        int waiting = 0;
        int completed = 0;
        std::uint64_t filled = 0;
        Event diskFull;
        auto fillOnceAllAreThere = [&] { // under `mutex`
            if (waiting == held && completed == kCompleteFirst && filled == 0) {
                filled = fillTheDisk();
                diskFull.set();
            }
        };
        stage.fault = [&](int fileIndex, std::uint64_t offset) {
            if (fileIndex <= kCompleteFirst || offset != stage.row.headerBytes)
                return 0; // only the write right after the header waits
            {
                const std::lock_guard lock(mutex);
                ++waiting;
                fillOnceAllAreThere();
            }
            diskFull.wait(); // a writer that arrives after the disk is full goes straight on
            return 0;
        };

        const CsvRun run = runStage(stage, kNeverStop, [&](const CsvFileResult& file) {
            const std::lock_guard lock(mutex);
            completed += file.ok() ? 1 : 0;
            fillOnceAllAreThere();
        });

        EXPECT_GT(filled, 0U);
        const int complete = expectOnlyCompleteResultFiles(m_out, stage.values, stage.row);
        EXPECT_EQ(complete, kCompleteFirst); // complete files exist, so "exact" above checked something
        EXPECT_EQ(run.files, complete);
        ASSERT_TRUE(run.error.startsWith(
            QStringLiteral("no space left on %1 after %2 of 43 files (cannot write ").arg(m_out).arg(complete)))
            << run.error.toStdString();
        expectFirstFailureWins(run);
        int noSpace = 0;
        for (const CsvFileResult& file : run.fileResults)
            noSpace += file.error.contains(errnoText(ENOSPC)) ? 1 : 0;
        EXPECT_GE(noSpace, 1);
        std::printf("[ disk full ] %s x%d: %d files hit ENOSPC, %d complete: %s\n", qPrintable(variant.mode),
            variant.writers, noSpace, complete, qPrintable(run.error));
    }
}

// 43 files of 195,000 bytes come to 8,385,xxx bytes, under the 8,388,608 free; but each takes 48
// whole 4 KiB pages, 8.45 MB: the precheck must count blocks, or the stage fails mid-way.
TEST_F(CsvFaultsOnTmpfs, PrecheckCountsWholeBlocks)
{
    StageSetup stage;
    stage.directory = m_out;
    stage.row = rowOf(195'000, 0);
    ASSERT_LT(csvStageBytes(stage.values, stage.row), kSize); // fits if bytes were all that counted

    const CsvRun run = runStage(stage);

    EXPECT_TRUE(run.error.startsWith(QStringLiteral("not enough free space in %1").arg(m_out)))
        << run.error.toStdString();
    EXPECT_TRUE(run.fileResults.empty());
    EXPECT_EQ(everythingIn(m_out), QStringList());
}

TEST_F(CsvFaultsOnTmpfs, PrecheckRefusesAStageBiggerThanTheDiskBeforeWritingAnything)
{
    StageSetup stage;
    stage.directory = m_out;
    stage.row = rowOf(100'000, 100'000); // 43 x 200 kB = 8.6 MB > 8 MiB

    const QString check = checkCsvStage(m_out, stage.values, stage.row);
    const CsvRun run = runStage(stage);

    EXPECT_EQ(run.error, check);
    EXPECT_TRUE(run.error.startsWith(QStringLiteral("not enough free space in %1: the CSV stage needs ").arg(m_out)))
        << run.error.toStdString();
    EXPECT_TRUE(run.error.contains(QStringLiteral("(43 files) but only 8.39 MB is free"))) << run.error.toStdString();
    EXPECT_EQ(run.files, 0);
    EXPECT_TRUE(run.fileResults.empty());
    EXPECT_EQ(everythingIn(m_out), QStringList());
    EXPECT_EQ(freeBytes(m_out).value_or(0), kSize);
}

// The file system turns read-only between two files (a real remount; Linux refuses it while a file
// is open for writing, so only the serial mode can meet it between files).
TEST_F(CsvFaultsOnTmpfs, FolderBecomesReadOnlyMidStage)
{
    StageSetup stage;
    stage.directory = m_out;
    std::atomic<int> readOnly {-1};

    const CsvRun run = runStage(stage, kNeverStop, [&](const CsvFileResult& file) {
        if (file.index == 2)
            readOnly = remount(MS_RDONLY, "");
    });

    ASSERT_EQ(readOnly.load(), 0) << "remount ro: " << std::strerror(readOnly.load());
    EXPECT_EQ(run.error,
        QStringLiteral("cannot create %1: %2 (after 2 of 43 files)").arg(temporaryPath(m_out, 3), errnoText(EROFS)));
    EXPECT_EQ(run.files, 2);
    EXPECT_EQ(expectOnlyCompleteResultFiles(m_out, stage.values, stage.row), 2);
}

// --- through the fault-injection seam (no root needed) ----------------------------------------------

TEST(CsvFaults, InjectedDiskFullAtFileFiveMidFile)
{
    for (const ModeVariant& variant : kAllModes) {
        SCOPED_TRACE(variant.mode.toStdString());
        const QTemporaryDir dir;
        ASSERT_TRUE(dir.isValid());
        StageSetup stage = stageOf(variant, dir.path());
        std::atomic<int> injected {0};
        stage.fault = [&](int fileIndex, std::uint64_t offset) {
            if (fileIndex != 5 || offset == 0)
                return 0;
            ++injected;
            return ENOSPC;
        };

        const CsvRun run = runStage(stage);

        EXPECT_EQ(injected.load(), 1);
        const int complete = expectOnlyCompleteResultFiles(dir.path(), stage.values, stage.row);
        EXPECT_EQ(run.files, complete);
        EXPECT_FALSE(QFileInfo::exists(dir.filePath(csvFileName(5))));
        EXPECT_EQ(run.error,
            QStringLiteral("no space left on %1 after %2 of 43 files (cannot write %3: %4)")
                .arg(dir.path())
                .arg(complete)
                .arg(temporaryPath(dir.path(), 5), errnoText(ENOSPC)));
        if (variant.mode == QStringLiteral("serial")) {
            EXPECT_EQ(complete, 4);
        }
        expectFirstFailureWins(run);
    }
}

// An I/O error on file 5, in every mode. Serially the count is certain (after 4 of 43, the rest
// skipped); with several writers whatever completed first is counted and exact.
TEST(CsvFaults, InjectedIoErrorInEveryMode)
{
    for (const ModeVariant& variant : kAllModes) {
        SCOPED_TRACE(variant.mode.toStdString());
        const QTemporaryDir dir;
        ASSERT_TRUE(dir.isValid());
        StageSetup stage = stageOf(variant, dir.path());
        stage.fault = [](int fileIndex, std::uint64_t /*offset*/) { return fileIndex == 5 ? EIO : 0; };

        const CsvRun run = runStage(stage);

        const int complete = expectOnlyCompleteResultFiles(dir.path(), stage.values, stage.row);
        EXPECT_EQ(run.files, complete);
        EXPECT_EQ(run.error,
            QStringLiteral("cannot write %1: %2 (after %3 of 43 files)")
                .arg(temporaryPath(dir.path(), 5), errnoText(EIO))
                .arg(complete));
        ASSERT_EQ(run.fileResults.size(), 43U);
        EXPECT_EQ(run.fileResults[4].error, firstFailureOf(run.error));
        if (variant.mode != QStringLiteral("serial"))
            continue;
        EXPECT_EQ(complete, 4);
        for (std::size_t position = 5; position < 43; ++position)
            EXPECT_EQ(run.fileResults[position].error, QStringLiteral("skipped")) << position;
    }
}

// The folder becomes unwritable mid-file (as root, permissions do not stop a write, so the seam
// says EACCES), in every mode, with every file in flight at once in the parallel one.
TEST(CsvFaults, InjectedPermissionDeniedInEveryMode)
{
    for (const ModeVariant& variant : kAllModes) {
        SCOPED_TRACE(variant.mode.toStdString());
        const QTemporaryDir dir;
        ASSERT_TRUE(dir.isValid());
        StageSetup stage = stageOf(variant, dir.path());
        stage.row = rowOf(3'000'000, 10); // several 1 MiB writes a file: the failure lands mid-file
        stage.fault = [](int fileIndex, std::uint64_t offset) { return fileIndex == 9 && offset > 0 ? EACCES : 0; };

        const CsvRun run = runStage(stage);

        const int complete = expectOnlyCompleteResultFiles(dir.path(), stage.values, stage.row);
        EXPECT_EQ(run.files, complete);
        EXPECT_EQ(run.error,
            QStringLiteral("cannot write %1: %2 (after %3 of 43 files)")
                .arg(temporaryPath(dir.path(), 9), errnoText(EACCES))
                .arg(complete));
        if (variant.mode == QStringLiteral("serial")) {
            EXPECT_EQ(complete, 8);
        }
    }
}

// After one file fails, a file still being written is given up (its temporary file removed) rather
// than finished: the stage stops promptly and the message's count stays true. Driven through
// CsvJob directly so the order is certain: file 2 is held mid-header until file 1 has failed.
TEST(CsvFaults, FilesInFlightAreAbandonedOnceAnotherFails)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const CsvRowSpec row = rowOf(3 << 20, 10); // three 1 MiB writes: a check between each
    Event secondHeld;
    Event firstFailed;
    const CsvWriteFault fault = [&](int fileIndex, std::uint64_t offset) {
        if (offset == 0)
            return 0;
        if (fileIndex == 1)
            return EIO;
        secondHeld.set();
        firstFailed.wait();
        return 0;
    };
    CsvJob job(dir.path(), {55, 89}, row, false, kNeverStop, {}, fault);
    job.start();
    CsvFileResult second;
    std::thread writer([&] { second = job.writeFile(1); });
    ASSERT_TRUE(secondHeld.wait());

    const CsvFileResult first = job.writeFile(0);
    firstFailed.set();
    writer.join();

    EXPECT_EQ(first.error, QStringLiteral("cannot write %1: %2").arg(temporaryPath(dir.path(), 1), errnoText(EIO)));
    EXPECT_TRUE(second.error.startsWith(QStringLiteral("abandoned"))) << second.error.toStdString();
    EXPECT_EQ(job.failure(), first.error + QStringLiteral(" (after 0 of 2 files)"));
    EXPECT_EQ(everythingIn(dir.path()), QStringList());
}

// An interrupted write() is retried, not reported: the stage succeeds with exact bytes.
TEST(CsvFaults, InjectedInterruptedWriteIsRetried)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    StageSetup stage;
    stage.directory = dir.path();
    std::atomic<int> interrupted {0};
    stage.fault = [&](int fileIndex, std::uint64_t offset) {
        return fileIndex == 3 && offset == 7 && interrupted.fetch_add(1) < 2 ? EINTR : 0;
    };

    const CsvRun run = runStage(stage);

    EXPECT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_EQ(interrupted.load(), 3); // two EINTRs, then the real write
    EXPECT_EQ(expectOnlyCompleteResultFiles(dir.path(), stage.values, stage.row), 43);
}

// --- the output folder disappears -----------------------------------------------------------------

namespace {

const std::vector<ModeVariant> kSerialAndPoolOfTwo {{QStringLiteral("serial"), 1}, {QStringLiteral("pool"), 2}};

// Runs `stage` and calls takeFolderAway() once res2 is written. With more than one writer, res1 is
// mid-file then: its writer is held from its second chunk until the folder is gone, and the folder
// goes only once res1 is held, so a loaded machine cannot finish res2 before res1 has even started.
CsvRun runStageLosingItsFolderAfterFileTwo(StageSetup& stage, const std::function<void()>& takeFolderAway)
{
    Event heldMidFile;
    Event folderGone;
    if (stage.writers > 1) {
        stage.fault = [&](int fileIndex, std::uint64_t offset) {
            if (fileIndex == 1 && offset > 0) {
                heldMidFile.set();
                folderGone.wait();
            }
            return 0;
        };
    }
    const CsvRun run = runStage(stage, kNeverStop, [&](const CsvFileResult& file) {
        if (file.index != 2)
            return;
        if (stage.writers > 1) {
            EXPECT_TRUE(heldMidFile.wait());
        }
        takeFolderAway();
        folderGone.set();
    });
    stage.fault = {}; // it refers to this function's events
    return run;
}

} // namespace

// Serial: the folder goes between files 2 and 3. Pool of 2: also while file 1 is being written.
TEST(CsvFaults, OutputFolderRemovedMidStage)
{
    for (const ModeVariant& variant : kSerialAndPoolOfTwo) {
        SCOPED_TRACE(variant.mode.toStdString());
        const QTemporaryDir root;
        ASSERT_TRUE(root.isValid());
        const QString out = root.filePath(QStringLiteral("out"));
        ASSERT_TRUE(QDir().mkdir(out));
        StageSetup stage = stageOf(variant, out);

        const CsvRun run = runStageLosingItsFolderAfterFileTwo(stage, [&] { QDir(out).removeRecursively(); });

        EXPECT_FALSE(run.ok());
        EXPECT_TRUE(run.error.contains(errnoText(ENOENT))) << run.error.toStdString();
        if (variant.writers == 1) {
            EXPECT_EQ(run.error,
                QStringLiteral("cannot create %1: %2 (after 2 of 43 files)")
                    .arg(temporaryPath(out, 3), errnoText(ENOENT)));
        }
        EXPECT_FALSE(QFileInfo::exists(out));
        EXPECT_EQ(everythingIn(root.path()), QStringList());
    }
}

// Renamed away instead: a file being written when it happens must not leave its temporary file in
// the moved folder (the writer works relative to the folder it opened, not to its old path).
TEST(CsvFaults, OutputFolderRenamedAwayMidStageLeavesNoTemporaryFile)
{
    for (const ModeVariant& variant : kSerialAndPoolOfTwo) {
        SCOPED_TRACE(variant.mode.toStdString());
        const QTemporaryDir root;
        ASSERT_TRUE(root.isValid());
        const QString out = root.filePath(QStringLiteral("out"));
        const QString moved = root.filePath(QStringLiteral("moved"));
        ASSERT_TRUE(QDir().mkdir(out));
        StageSetup stage = stageOf(variant, out);

        const CsvRun run = runStageLosingItsFolderAfterFileTwo(stage, [&] { EXPECT_TRUE(QDir().rename(out, moved)); });

        EXPECT_FALSE(run.ok());
        EXPECT_TRUE(run.error.contains(errnoText(ENOENT))) << run.error.toStdString();
        EXPECT_FALSE(QFileInfo::exists(out));
        EXPECT_EQ(everythingIn(root.path()), QStringList({QStringLiteral("moved")}));
        // res2 was complete before the move; res1 too in serial; in the pool, res1 was mid-file: it
        // was either finished in the moved folder or given up and its temporary file removed there.
        const int complete = expectOnlyCompleteResultFiles(moved, stage.values, stage.row);
        EXPECT_EQ(run.files, complete);
        EXPECT_TRUE(QFileInfo::exists(QDir(moved).filePath(QStringLiteral("res2.txt"))));
        if (variant.writers == 1) {
            EXPECT_EQ(complete, 2);
            EXPECT_EQ(run.error,
                QStringLiteral("cannot create %1: %2 (after 2 of 43 files)")
                    .arg(temporaryPath(out, 3), errnoText(ENOENT)));
        }
    }
}

// --- cancel during the CSV stage ------------------------------------------------------------------

// 43 files with 50 MB headers (2.15 GB) on the real disk; stop is raised from another thread 100 ms
// in. No timing assertion (machines are noisy): the latency is printed to be quoted.
TEST(CsvFaults, CancelDuringABigStageReturnsAndRemovesEverything)
{
    for (const ModeVariant& variant : kAllModes) {
        SCOPED_TRACE(variant.mode.toStdString());
        const QTemporaryDir dir;
        ASSERT_TRUE(dir.isValid());
        StageSetup stage = stageOf(variant, dir.path());
        stage.row = rowOf(50'000'000, 1'000);
        stage.keepFiles = false;
        if (const QString check = checkCsvStage(dir.path(), stage.values, stage.row); !check.isEmpty())
            CALCPROF_SKIP_PROOF() << "a 2.15 GB stage does not fit here: " << check.toStdString();
        std::atomic<bool> stop {false};
        Event finished;
        std::chrono::steady_clock::time_point stoppedAt;
        const auto started = std::chrono::steady_clock::now();
        std::thread stopper([&] {
            if (finished.wait(100ms))
                return; // the stage was faster than 100 ms: nothing to cancel
            stoppedAt = std::chrono::steady_clock::now();
            stop = true;
        });

        const CsvRun run = runStage(stage, stop);
        const auto returned = std::chrono::steady_clock::now();
        finished.set();
        stopper.join();

        EXPECT_EQ(everythingIn(dir.path()), QStringList()); // no temporary file, no partial file
        if (!stop.load()) {
            std::printf("[ cancel ] %s x%d: the stage finished in %.1f ms, before the stop\n", qPrintable(variant.mode),
                variant.writers, std::chrono::duration<double, std::milli>(returned - started).count());
            continue;
        }
        EXPECT_TRUE(run.error.startsWith(QStringLiteral("cancelled after "))) << run.error.toStdString();
        EXPECT_LT(run.files, 43);
        std::printf("[ cancel ] %-8s x%-2d returned %6.1f ms after the stop (%d files complete, %s)\n",
            qPrintable(variant.mode), variant.writers,
            std::chrono::duration<double, std::milli>(returned - stoppedAt).count(), run.files, qPrintable(run.error));
    }
}

// User text never acts as a message template: a folder named with %1-style markers is quoted as is.
TEST(CsvFaults, PercentMarkersInTheFolderNameStayLiteral)
{
    const QTemporaryDir parent;
    ASSERT_TRUE(parent.isValid());
    const QString folder = parent.filePath(QStringLiteral("out %1 %2"));
    ASSERT_TRUE(QDir().mkpath(folder));
    CsvOptions options;
    options.mode = QStringLiteral("serial");
    options.directory = folder;
    options.row = {10, 10};
    options.writeFault = [](int fileIndex, std::uint64_t) { return fileIndex == 2 ? ENOSPC : 0; };
    const std::atomic<bool> stop {false};
    const CsvRun run = runCsvStage(
        *builtinCsvModes().find(QStringLiteral("serial")), options, 1, 1, csvValues({referenceTaskValues(3)}), stop);
    EXPECT_TRUE(
        run.error.startsWith(QStringLiteral("no space left on ") + folder + QStringLiteral(" after 1 of 3 files")))
        << run.error.toStdString();
}
