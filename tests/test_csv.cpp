#include "core/csv/csvfilewriter.h"
#include "core/csv/csvformat.h"
#include "core/csv/csvmoderegistry.h"
#include "core/csv/csvstage.h"
#include "core/exec/experimentrunner.h"
#include "core/exec/workload.h"
#include "core/io/folderlock.h"
#include "core/model/experimentplan.h"
#include "core/python/pythoninterpreter.h"
#include "csvexpectations.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <functional>
#include <mutex>
#include <poll.h>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace calcprof;
using calcprof::test::everythingIn;
using calcprof::test::filesIn;
using calcprof::test::readFile;

using calcprof::test::expectedRow;
using calcprof::test::kNeverStop;
using calcprof::test::rowOf;
using calcprof::test::runStage;
using calcprof::test::setOneValues;
using calcprof::test::StageSetup;

namespace {

constexpr qsizetype kMiB = qsizetype {1} << 20;

// Small enough that a whole 43-file stage is a few kilobytes (StageSetup's default row).
CsvRowSpec smallRow()
{
    return rowOf(7, 4);
}

QStringList resultFileNames(int count)
{
    QStringList names;
    for (int index = 1; index <= count; ++index)
        names << QStringLiteral("res%1.txt").arg(index);
    names.sort();
    return names;
}

QStringList sorted(QStringList names)
{
    names.sort();
    return names;
}

QStringList resultFilesIn(const QString& directory)
{
    return sorted(QDir(directory).entryList({QStringLiteral("res*.txt")}, QDir::AllEntries | QDir::System));
}

QStringList temporaryFilesIn(const QString& directory)
{
    QStringList temporary;
    const QStringList all
        = QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& name : all) {
        if (name.startsWith(QStringLiteral(".calcprof-")))
            temporary << name;
    }
    return temporary;
}

// Every res<i>.txt in `directory` holds exactly the row for values[i - 1].
void expectResultFilesExact(const QString& directory, const std::vector<FiboValue>& values, const CsvRowSpec& row)
{
    for (const QString& name : resultFilesIn(directory)) {
        bool isNumber = false;
        const int index = name.mid(3, name.size() - 7).toInt(&isNumber);
        ASSERT_TRUE(isNumber && index >= 1 && index <= static_cast<int>(values.size())) << name.toStdString();
        EXPECT_EQ(
            readFile(QDir(directory).filePath(name)), expectedRow(row, values[static_cast<std::size_t>(index - 1)]))
            << name.toStdString();
    }
}

// Points QDir::tempPath() (and so the stage's fresh folders) at `path` for one test.
class TempPathOverride
{
public:
    explicit TempPathOverride(const QString& path)
        : m_hadOld(qEnvironmentVariableIsSet("TMPDIR"))
        , m_old(qgetenv("TMPDIR"))
    {
        qputenv("TMPDIR", QFile::encodeName(path));
    }
    ~TempPathOverride()
    {
        if (m_hadOld)
            qputenv("TMPDIR", m_old);
        else
            qunsetenv("TMPDIR");
    }
    TempPathOverride(const TempPathOverride&) = delete;
    TempPathOverride& operator=(const TempPathOverride&) = delete;
    TempPathOverride(TempPathOverride&&) = delete;
    TempPathOverride& operator=(TempPathOverride&&) = delete;

private:
    bool m_hadOld;
    QByteArray m_old;
};

// Plants a FIFO under the temporary name of res<index>.txt, so a writer of that file streams into
// this test: runs `work` on a thread, drains the FIFO, raises `stop` once `stopAfterBytes` have come
// through (that is, while the file is being written), and keeps draining until `work` returns, so
// the writer can never block for good. Returns the bytes received.
// `drainAfterStop` false holds the FIFO full once the stop is raised: a writer in another process (the
// py-* modes) would otherwise finish a 3 MiB file in the 10 ms calcprof takes to see the stop, and a
// cancel could not be shown to land mid-file. A C++ writer sees the stop between its 1 MiB chunks,
// which needs the FIFO drained to reach.
qint64 cancelWhileWriting(const QString& directory, int index, std::atomic<bool>& stop, qint64 stopAfterBytes,
    const std::function<void()>& work, bool drainAfterStop = true)
{
    const QByteArray fifo = QFile::encodeName(QDir(directory).filePath(csvTemporaryFileName(index)));
    if (::mkfifo(fifo.constData(), 0600) != 0) {
        ADD_FAILURE() << "mkfifo failed: " << errno;
        return -1;
    }
    // Read and write end both held here: neither our open nor the writer's ever blocks.
    const int fd = ::open(fifo.constData(), O_RDWR | O_NONBLOCK);
    if (fd < 0) {
        ADD_FAILURE() << "cannot open the FIFO: " << errno;
        return -1;
    }
    std::atomic<bool> done {false};
    std::thread worker([&work, &done] {
        work();
        done.store(true);
    });
    std::vector<char> buffer(static_cast<std::size_t>(kMiB));
    qint64 received = 0;
    while (!done.load()) {
        if (stop.load() && !drainAfterStop) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        pollfd readable {fd, POLLIN, 0};
        if (::poll(&readable, 1, 20) > 0) {
            const ssize_t count = ::read(fd, buffer.data(), buffer.size());
            if (count > 0)
                received += count;
        }
        if (received >= stopAfterBytes)
            stop.store(true);
    }
    worker.join();
    ::close(fd);
    return received;
}

} // namespace

// --- exact bytes -------------------------------------------------------------------------------

TEST(CsvFile, HeaderFiveFooterThreeIsExactlyTheCsvWriterRow)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    CsvRowSpec row;
    row.headerBytes = 5;
    row.footerBytes = 3;

    const CsvWriteOutcome outcome = writeCsvFile(dir.path(), 1, 55, row, false, kNeverStop);

    ASSERT_TRUE(outcome.ok()) << outcome.error.toStdString();
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res1.txt"))), QByteArray("hhhhh,55,fff\r\n"));
    EXPECT_EQ(outcome.bytes, 14U);
    EXPECT_EQ(csvFileBytes(row, 55), 14U);
}

TEST(CsvFile, EmptyHeaderAndFooterIsPythonsRowForEmptyFields)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    CsvRowSpec row;
    row.headerBytes = 0;
    row.footerBytes = 0;

    const CsvWriteOutcome outcome = writeCsvFile(dir.path(), 1, 55, row, false, kNeverStop);

    ASSERT_TRUE(outcome.ok()) << outcome.error.toStdString();
    // csv.writer(f).writerow(['', 55, '']) writes exactly this.
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res1.txt"))), QByteArray(",55,\r\n"));
    EXPECT_EQ(outcome.bytes, 6U);
}

TEST(CsvFile, LargestValueIsWrittenInFullDecimal)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    CsvRowSpec row;
    row.headerBytes = 2;
    row.footerBytes = 1;

    const CsvWriteOutcome outcome = writeCsvFile(dir.path(), 7, 12586269025ULL, row, true, kNeverStop);

    ASSERT_TRUE(outcome.ok()) << outcome.error.toStdString();
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res7.txt"))), QByteArray("hh,12586269025,f\r\n"));
}

TEST(CsvFile, HeaderAndFooterSpanningSeveralStreamingChunksAreExact)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    CsvRowSpec row;
    row.headerBytes = 3 * kMiB + 7; // three whole 1 MiB chunks and a short tail
    row.footerBytes = kMiB + 1; // one whole chunk and a single byte
    const auto header = static_cast<qsizetype>(row.headerBytes);
    const auto footer = static_cast<qsizetype>(row.footerBytes);

    const CsvWriteOutcome outcome = writeCsvFile(dir.path(), 1, 55, row, false, kNeverStop);
    ASSERT_TRUE(outcome.ok()) << outcome.error.toStdString();

    const QByteArray content = readFile(dir.filePath(QStringLiteral("res1.txt")));
    ASSERT_EQ(content.size(), header + 4 + footer + 2);
    EXPECT_EQ(outcome.bytes, static_cast<std::uint64_t>(content.size()));
    EXPECT_EQ(content.front(), 'h');
    EXPECT_EQ(content.at(header - 1), 'h');
    EXPECT_EQ(content.mid(header, 4), QByteArray(",55,"));
    EXPECT_EQ(content.at(header + 4), 'f');
    EXPECT_TRUE(content.endsWith("f\r\n"));
    EXPECT_EQ(content.count('h'), header);
    EXPECT_EQ(content.count('f'), footer);
    EXPECT_TRUE(content == expectedRow(row, 55)) << "content differs from the expected row";
}

// --- file names, count and order -----------------------------------------------------------------

TEST(CsvStage, DefaultSetOneWrites43FilesInResultOrder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::vector<FiboValue> values = setOneValues();
    ASSERT_EQ(values.size(), 43U);
    ASSERT_EQ(csvStageValues(ExperimentPlan {}), values); // what the runner writes by default
    StageSetup setup;
    setup.directory = dir.path();

    const CsvRun run = runStage(setup);

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_EQ(sorted(filesIn(dir.path())), resultFileNames(43));
    const CsvRowSpec row = smallRow();
    for (int index = 1; index <= 43; ++index) {
        EXPECT_EQ(
            readFile(dir.filePath(csvFileName(index))), expectedRow(row, values[static_cast<std::size_t>(index - 1)]))
            << "res" << index << ".txt";
    }
    // Spot checks written out: fibo(0) first, 55 closes task 10, task 12 starts again at 1 and ends at 144.
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res1.txt"))), QByteArray("hhhhhhh,1,ffff\r\n"));
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res10.txt"))), QByteArray("hhhhhhh,55,ffff\r\n"));
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res11.txt"))), QByteArray("hhhhhhh,1,ffff\r\n"));
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res22.txt"))), QByteArray("hhhhhhh,144,ffff\r\n"));
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res43.txt"))), QByteArray("hhhhhhh,1,ffff\r\n"));
}

// --- modes ----------------------------------------------------------------------------------------

TEST(CsvStage, AllModesAndPoolSizesWriteIdenticalBytes)
{
    const QTemporaryDir root;
    ASSERT_TRUE(root.isValid());
    struct Variant
    {
        QString mode;
        int writers;
    };
    std::vector<Variant> variants {{QStringLiteral("serial"), 1}, {QStringLiteral("parallel"), 43},
        {QStringLiteral("pool"), 1}, {QStringLiteral("pool"), 2}, {QStringLiteral("pool"), 5},
        {QStringLiteral("pool"), 43}, {QStringLiteral("pool"), 64}};
    // save_serial in Python itself (csv.writer) where there is a python3: the same bytes (issue 19 item 5).
    if (probePythonInterpreter({}).ok())
        variants.push_back({QStringLiteral("py-serial"), 1});

    QStringList folders;
    for (const Variant& variant : variants) {
        const QString folder = root.filePath(QStringLiteral("%1-%2").arg(variant.mode).arg(variant.writers));
        ASSERT_TRUE(QDir().mkdir(folder));
        StageSetup setup;
        setup.mode = variant.mode;
        setup.directory = folder;
        setup.writers = variant.writers;
        const CsvRun run = runStage(setup);
        ASSERT_TRUE(run.ok()) << folder.toStdString() << ": " << run.error.toStdString();
        EXPECT_EQ(run.files, 43) << folder.toStdString();
        folders << folder;
    }

    const QString reference = folders.constFirst();
    ASSERT_EQ(sorted(filesIn(reference)), resultFileNames(43));
    for (const QString& folder : folders) {
        EXPECT_EQ(sorted(filesIn(folder)), resultFileNames(43)) << folder.toStdString();
        for (int index = 1; index <= 43; ++index) {
            EXPECT_EQ(readFile(QDir(folder).filePath(csvFileName(index))),
                readFile(QDir(reference).filePath(csvFileName(index))))
                << folder.toStdString() << " res" << index << ".txt";
        }
    }
}

TEST(CsvModes, RegistryListsSerialParallelPoolInOrder)
{
    EXPECT_EQ(builtinCsvModes().ids(),
        QStringList({QStringLiteral("serial"), QStringLiteral("parallel"), QStringLiteral("pool"),
            QStringLiteral("py-serial")}));
    EXPECT_EQ(builtinCsvModes().find(QStringLiteral("none")), nullptr);
}

TEST(CsvModes, WriterCountFollowsTheMode)
{
    const CsvWriteMode* serial = builtinCsvModes().find(QStringLiteral("serial"));
    const CsvWriteMode* parallel = builtinCsvModes().find(QStringLiteral("parallel"));
    const CsvWriteMode* pool = builtinCsvModes().find(QStringLiteral("pool"));
    ASSERT_TRUE(serial && parallel && pool);

    EXPECT_EQ(serial->writerCount(7, 43), 1);
    EXPECT_EQ(parallel->writerCount(1, 43), 43);
    EXPECT_EQ(pool->writerCount(1, 43), 1);
    EXPECT_EQ(pool->writerCount(3, 43), 3);
    EXPECT_EQ(pool->writerCount(100, 43), 43); // never more writers than files
    EXPECT_TRUE(pool->usesPoolSize());
    EXPECT_FALSE(serial->usesPoolSize());
}

TEST(CsvStage, PoolModeUsesNoMoreThanItsWriters)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    StageSetup setup;
    setup.mode = QStringLiteral("pool");
    setup.directory = dir.path();
    setup.writers = 3;

    const CsvRun run = runStage(setup);

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_EQ(run.poolSize, 3);
    std::set<int> workers;
    for (const CsvFileResult& file : run.fileResults) {
        EXPECT_GE(file.worker, 1);
        EXPECT_LE(file.worker, 3);
        workers.insert(file.worker);
    }
    EXPECT_GE(workers.size(), 1U);
    EXPECT_LE(workers.size(), 3U);
}

TEST(CsvStage, SerialModeWritesEverythingOnOneWorker)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    StageSetup setup;
    setup.directory = dir.path();

    const CsvRun run = runStage(setup);

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    for (const CsvFileResult& file : run.fileResults)
        EXPECT_EQ(file.worker, 1) << "res" << file.index << ".txt";
}

// --- totals -------------------------------------------------------------------------------------

TEST(CsvStage, RunTotalsAddUpOverTheFiles)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    StageSetup setup;
    setup.mode = QStringLiteral("pool");
    setup.writers = 4;
    setup.directory = dir.path();
    setup.fsync = true;
    const std::vector<FiboValue> values = setOneValues();

    const CsvRun run = runStage(setup);

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_EQ(run.mode, QStringLiteral("pool"));
    EXPECT_EQ(run.setIndex, 1);
    EXPECT_EQ(run.directory, dir.path());
    EXPECT_EQ(run.files, 43);
    EXPECT_EQ(run.plannedFiles, 43);
    EXPECT_EQ(run.headerBytes, setup.row.headerBytes);
    EXPECT_EQ(run.footerBytes, setup.row.footerBytes);
    EXPECT_TRUE(run.fsync);
    EXPECT_TRUE(run.keptFiles);
    EXPECT_GT(run.peakRssBytes, 0);

    std::uint64_t expectedBytes = 0;
    for (const FiboValue value : values)
        expectedBytes += csvFileBytes(setup.row, value);
    EXPECT_EQ(run.bytes, expectedBytes);
    EXPECT_EQ(csvStageBytes(values, setup.row), expectedBytes);

    ASSERT_EQ(run.fileResults.size(), values.size());
    std::uint64_t fileBytes = 0;
    for (std::size_t position = 0; position < run.fileResults.size(); ++position) {
        const CsvFileResult& file = run.fileResults[position];
        EXPECT_TRUE(file.ok()) << file.error.toStdString();
        EXPECT_EQ(file.index, static_cast<int>(position) + 1);
        EXPECT_EQ(file.value, values[position]);
        EXPECT_EQ(file.bytes, csvFileBytes(setup.row, values[position]));
        // Counted as written: the file on disk holds exactly what the result reports.
        EXPECT_EQ(file.bytes, static_cast<std::uint64_t>(QFileInfo(dir.filePath(csvFileName(file.index))).size()));
        EXPECT_GE(file.startSeconds, 0.0);
        EXPECT_GE(file.wallSeconds, 0.0);
        fileBytes += file.bytes;
    }
    EXPECT_EQ(fileBytes, run.bytes);

    ASSERT_GT(run.wallSeconds, 0.0);
    EXPECT_DOUBLE_EQ(run.mbPerSecond, static_cast<double>(run.bytes) / 1e6 / run.wallSeconds);
}

TEST(CsvStage, ReportsEveryWrittenFileToTheCallback)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    StageSetup setup;
    setup.mode = QStringLiteral("parallel");
    setup.writers = 43;
    setup.directory = dir.path();
    std::mutex mutex;
    std::vector<int> reported;

    const CsvRun run = runStage(setup, kNeverStop, [&mutex, &reported](const CsvFileResult& file) {
        const std::lock_guard lock(mutex);
        reported.push_back(file.index);
    });

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    std::sort(reported.begin(), reported.end());
    std::vector<int> expected(43);
    for (int index = 1; index <= 43; ++index)
        expected[static_cast<std::size_t>(index - 1)] = index;
    EXPECT_EQ(reported, expected);
}

// --- temporary files ------------------------------------------------------------------------------

TEST(CsvStage, SuccessLeavesNoTemporaryFilesInAnyMode)
{
    for (const QString& mode : builtinCsvModes().ids()) {
        const QTemporaryDir dir;
        ASSERT_TRUE(dir.isValid());
        StageSetup setup;
        setup.mode = mode;
        setup.writers = 4;
        setup.directory = dir.path();

        const CsvRun run = runStage(setup);

        ASSERT_TRUE(run.ok()) << mode.toStdString() << ": " << run.error.toStdString();
        EXPECT_EQ(temporaryFilesIn(dir.path()), QStringList()) << mode.toStdString();
        EXPECT_EQ(sorted(everythingIn(dir.path())), resultFileNames(43)) << mode.toStdString();
    }
}

TEST(CsvFile, StopRaisedBeforeWritingCreatesNothing)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::atomic<bool> stop {true};
    CsvRowSpec row;
    row.headerBytes = 5;
    row.footerBytes = 3;

    const CsvWriteOutcome outcome = writeCsvFile(dir.path(), 1, 55, row, false, stop);

    EXPECT_FALSE(outcome.ok());
    EXPECT_TRUE(outcome.cancelled);
    EXPECT_EQ(outcome.bytes, 0U);
    EXPECT_EQ(everythingIn(dir.path()), QStringList());
}

TEST(CsvFile, StopRaisedMidFileRemovesTheTemporaryFile)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    std::atomic<bool> stop {false};
    CsvRowSpec row;
    row.headerBytes = 3 * kMiB;
    row.footerBytes = 3;
    CsvWriteOutcome outcome;

    const qint64 received = cancelWhileWriting(
        dir.path(), 1, stop, 1, [&] { outcome = writeCsvFile(dir.path(), 1, 55, row, false, stop); });

    EXPECT_GT(received, 0);
    EXPECT_LT(received, static_cast<qint64>(row.headerBytes)); // the cancel landed inside the header
    EXPECT_TRUE(outcome.cancelled) << outcome.error.toStdString();
    EXPECT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.bytes, 0U);
    EXPECT_EQ(everythingIn(dir.path()), QStringList()); // no res1.txt, no temporary file
}

TEST(CsvStage, StopRaisedBeforeTheStageWritesNothing)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::atomic<bool> stop {true};
    StageSetup setup;
    setup.directory = dir.path();

    const CsvRun run = runStage(setup, stop);

    EXPECT_EQ(run.files, 0);
    EXPECT_EQ(run.bytes, 0U);
    EXPECT_EQ(everythingIn(dir.path()), QStringList());
}

TEST(CsvStage, StopRaisedMidFileLeavesNoPartialOrTemporaryFile)
{
    for (const QString& mode : builtinCsvModes().ids()) {
        const QTemporaryDir dir;
        ASSERT_TRUE(dir.isValid());
        std::atomic<bool> stop {false};
        StageSetup setup;
        setup.mode = mode;
        setup.writers = 2;
        setup.directory = dir.path();
        setup.row.headerBytes = 3 * kMiB; // only res1 streams into the FIFO; the others are real files
        setup.values = {55, 89, 144};
        ASSERT_EQ(checkCsvStage(dir.path(), setup.values, setup.row), QString());
        CsvRun run;

        const bool writerIsAnotherProcess = mode.startsWith(QStringLiteral("py-"));

        const qint64 received = cancelWhileWriting(
            dir.path(), 1, stop, 1, [&] { run = runStage(setup, stop); }, !writerIsAnotherProcess);

        // The stop landed mid-file: res1 had started streaming and was not finished when it came.
        EXPECT_TRUE(stop.load()) << mode.toStdString();
        EXPECT_GE(received, 1) << mode.toStdString();
        EXPECT_LT(received, static_cast<qint64>(csvFileBytes(setup.row, 55))) << mode.toStdString();
        ASSERT_EQ(run.fileResults.size(), 3U) << mode.toStdString();
        EXPECT_EQ(run.fileResults[0].error, QStringLiteral("cancelled")) << mode.toStdString();
        EXPECT_FALSE(run.ok()) << mode.toStdString();
        EXPECT_TRUE(run.error.contains(QStringLiteral("cancel"))) << run.error.toStdString();
        EXPECT_LT(run.files, 3) << mode.toStdString();
        EXPECT_EQ(temporaryFilesIn(dir.path()), QStringList()) << mode.toStdString();
        // res1.txt would be the FIFO renamed: reading it below would block, so the test ends here.
        ASSERT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("res1.txt")))) << mode.toStdString();
        // Whatever another writer finished before the cancel is complete, and counted.
        EXPECT_EQ(resultFilesIn(dir.path()).size(), run.files) << mode.toStdString();
        expectResultFilesExact(dir.path(), setup.values, setup.row);
    }
}

// A stop between two files keeps the complete ones and still reports the stage as cancelled:
// 3 of 43 files is not a successful stage.
TEST(CsvStage, StopRaisedBetweenFilesKeepsOnlyCompleteFilesAndReportsCancel)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    std::atomic<bool> stop {false};
    StageSetup setup;
    setup.directory = dir.path();

    const CsvRun run = runStage(setup, stop, [&stop](const CsvFileResult& file) {
        if (file.index == 3)
            stop.store(true);
    });

    EXPECT_EQ(run.files, 3);
    EXPECT_EQ(sorted(everythingIn(dir.path())), resultFileNames(3));
    expectResultFilesExact(dir.path(), setup.values, setup.row);
    EXPECT_FALSE(run.ok());
    EXPECT_TRUE(run.error.contains(QStringLiteral("cancelled after 3 of 43"))) << run.error.toStdString();
}

// --- failures ---------------------------------------------------------------------------------------

TEST(CsvFile, FailedRenameRemovesTheTemporaryFile)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // A non-empty folder named res1.txt: the data is written, but it cannot be renamed into place.
    ASSERT_TRUE(QDir().mkpath(dir.filePath(QStringLiteral("res1.txt/blocker"))));
    CsvRowSpec row;
    row.headerBytes = 5;
    row.footerBytes = 3;

    const CsvWriteOutcome outcome = writeCsvFile(dir.path(), 1, 55, row, false, kNeverStop);

    EXPECT_FALSE(outcome.ok());
    EXPECT_FALSE(outcome.cancelled);
    EXPECT_TRUE(outcome.error.contains(QStringLiteral("rename"))) << outcome.error.toStdString();
    EXPECT_EQ(everythingIn(dir.path()), QStringList({QStringLiteral("res1.txt")}));
    EXPECT_TRUE(QFileInfo(dir.filePath(QStringLiteral("res1.txt"))).isDir());
}

TEST(CsvStage, FailureMidStageStopsAndLeavesNoTemporaryFiles)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // A folder where res5's temporary file should go: creating it fails.
    const QString blocker = csvTemporaryFileName(5);
    ASSERT_TRUE(QDir(dir.path()).mkdir(blocker));
    StageSetup setup;
    setup.directory = dir.path();

    const CsvRun run = runStage(setup);

    EXPECT_FALSE(run.ok());
    EXPECT_TRUE(run.error.contains(QStringLiteral("4 of 43"))) << run.error.toStdString();
    EXPECT_EQ(run.files, 4);
    EXPECT_EQ(sorted(filesIn(dir.path())), resultFileNames(4)); // only regular files: the blocker is a folder
    expectResultFilesExact(dir.path(), setup.values, setup.row);
    EXPECT_EQ(temporaryFilesIn(dir.path()), QStringList({blocker}));
}

TEST(CsvStage, FailureWithoutKeepFilesDeletesTheCompleteFiles)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(QDir(dir.path()).mkdir(csvTemporaryFileName(5)));
    StageSetup setup;
    setup.directory = dir.path();
    setup.keepFiles = false;

    const CsvRun run = runStage(setup);

    EXPECT_FALSE(run.ok());
    EXPECT_EQ(filesIn(dir.path()), QStringList());
}

// --- refusals -------------------------------------------------------------------------------------

TEST(CsvStage, RefusesAStageLargerThanTheFreeSpace)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    CsvRowSpec huge;
    huge.headerBytes = kMaxPaddingBytes; // 43 x 20 GB = 860 GB
    huge.footerBytes = kMaxPaddingBytes;
    const std::vector<FiboValue> values = setOneValues();
    const std::optional<std::uint64_t> available = freeBytes(dir.path());
    ASSERT_TRUE(available.has_value());
    if (*available >= csvStageBytes(values, huge))
        CALCPROF_SKIP_PROOF() << "this disk has room for 860 GB";

    const QString error = checkCsvStage(dir.path(), values, huge);

    EXPECT_TRUE(error.contains(QStringLiteral("not enough free space"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("860.00 GB"))) << error.toStdString(); // what it needs
    EXPECT_TRUE(error.contains(QStringLiteral("is free"))) << error.toStdString(); // and what there is
    EXPECT_TRUE(error.contains(dir.path())) << error.toStdString();
}

TEST(CsvStage, RunRefusedForSpaceWritesNothing)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    StageSetup setup;
    setup.directory = dir.path();
    setup.row.headerBytes = 9'000'000'000ULL; // 43 x 9 GB = 387 GB
    const std::optional<std::uint64_t> available = freeBytes(dir.path());
    ASSERT_TRUE(available.has_value());
    if (*available >= csvStageBytes(setup.values, setup.row))
        CALCPROF_SKIP_PROOF() << "this disk has room for 387 GB";

    const CsvRun run = runStage(setup);

    EXPECT_FALSE(run.ok());
    EXPECT_TRUE(run.error.contains(QStringLiteral("387.00 GB"))) << run.error.toStdString();
    EXPECT_EQ(run.files, 0);
    EXPECT_TRUE(run.fileResults.empty());
    EXPECT_EQ(everythingIn(dir.path()), QStringList());
}

TEST(CsvStage, RefusesAFolderHoldingAResultFile)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile old(dir.filePath(QStringLiteral("res1.txt")));
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    StageSetup setup;
    setup.directory = dir.path();

    const QString error = checkCsvStage(dir.path(), setup.values, setup.row);
    const CsvRun run = runStage(setup);

    EXPECT_TRUE(error.contains(QStringLiteral("res1.txt"))) << error.toStdString();
    EXPECT_FALSE(run.ok());
    EXPECT_EQ(run.files, 0);
    EXPECT_EQ(filesIn(dir.path()), QStringList({QStringLiteral("res1.txt")}));
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res1.txt"))), QByteArray("old"));
}

TEST(CsvStage, RefusesAFolderHoldingTheLastResultFile)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile old(dir.filePath(QStringLiteral("res43.txt")));
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.close();

    const QString error = checkCsvStage(dir.path(), setOneValues(), smallRow());

    EXPECT_TRUE(error.contains(QStringLiteral("res43.txt"))) << error.toStdString();
}

TEST(CsvStage, RefusesAMissingFolderAndCreatesNothing)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing"));
    StageSetup setup;
    setup.directory = missing;

    const QString error = checkCsvStage(missing, setup.values, setup.row);
    const CsvRun run = runStage(setup);

    EXPECT_TRUE(error.contains(missing)) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("does not exist"))) << error.toStdString();
    EXPECT_FALSE(run.ok());
    EXPECT_FALSE(QFileInfo::exists(missing));
    EXPECT_EQ(everythingIn(dir.path()), QStringList());
}

TEST(CsvStage, RefusesAFileAsFolder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("plain.txt"));
    QFile plain(file);
    ASSERT_TRUE(plain.open(QIODevice::WriteOnly));
    plain.close();
    StageSetup setup;
    setup.directory = file;

    const QString error = checkCsvStage(file, setup.values, setup.row);
    const CsvRun run = runStage(setup);

    EXPECT_TRUE(error.contains(file)) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("not a folder"))) << error.toStdString();
    EXPECT_FALSE(run.ok());
    EXPECT_EQ(everythingIn(dir.path()), QStringList({QStringLiteral("plain.txt")}));
}

TEST(CsvStage, AcceptsAnEmptyFolderThatFits)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());

    EXPECT_EQ(checkCsvStage(dir.path(), setOneValues(), smallRow()), QString());
    EXPECT_EQ(checkCsvDirectory(dir.path()), QString());
}

// --- cleanup ----------------------------------------------------------------------------------------

TEST(CsvStage, WithoutKeepFilesTheGivenFolderEndsEmpty)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    StageSetup setup;
    setup.directory = dir.path();
    setup.keepFiles = false;

    const CsvRun run = runStage(setup);

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_EQ(run.files, 43); // written and timed, then deleted
    EXPECT_FALSE(run.keptFiles);
    EXPECT_TRUE(QFileInfo(dir.path()).isDir());
    EXPECT_EQ(everythingIn(dir.path()), QStringList());
}

TEST(CsvStage, WithKeepFilesExactlyTheResultFilesRemain)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    StageSetup setup;
    setup.directory = dir.path();
    setup.keepFiles = true;

    const CsvRun run = runStage(setup);

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_TRUE(run.keptFiles);
    EXPECT_EQ(sorted(everythingIn(dir.path())), resultFileNames(43));
}

TEST(CsvStage, AFreshFolderIsRemovedWithTheFiles)
{
    const QTemporaryDir temp;
    ASSERT_TRUE(temp.isValid());
    const TempPathOverride tempPath(temp.path());
    ASSERT_EQ(QDir::tempPath(), QDir::cleanPath(temp.path()));
    StageSetup setup; // no directory: the stage makes its own
    setup.keepFiles = false;

    const CsvRun run = runStage(setup);

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_EQ(run.files, 43);
    EXPECT_TRUE(run.directory.startsWith(QDir::cleanPath(temp.path()) + u'/')) << run.directory.toStdString();
    EXPECT_FALSE(QFileInfo::exists(run.directory));
    EXPECT_EQ(everythingIn(temp.path()), QStringList());
}

TEST(CsvStage, AFreshFolderIsKeptWithKeepFiles)
{
    const QTemporaryDir temp;
    ASSERT_TRUE(temp.isValid());
    const TempPathOverride tempPath(temp.path());
    ASSERT_EQ(QDir::tempPath(), QDir::cleanPath(temp.path()));
    StageSetup setup;
    setup.keepFiles = true;

    const CsvRun run = runStage(setup);

    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    EXPECT_TRUE(run.directory.startsWith(QDir::cleanPath(temp.path()) + u'/')) << run.directory.toStdString();
    EXPECT_EQ(sorted(everythingIn(run.directory)), resultFileNames(43));
}

TEST(CsvStage, AFreshFolderIsRemovedWhenTheStageIsRefused)
{
    const QTemporaryDir temp;
    ASSERT_TRUE(temp.isValid());
    const TempPathOverride tempPath(temp.path());
    ASSERT_EQ(QDir::tempPath(), QDir::cleanPath(temp.path()));
    StageSetup setup;
    setup.row.headerBytes = kMaxPaddingBytes;
    setup.row.footerBytes = kMaxPaddingBytes;
    const std::optional<std::uint64_t> available = freeBytes(temp.path());
    ASSERT_TRUE(available.has_value());
    if (*available >= csvStageBytes(setup.values, setup.row))
        CALCPROF_SKIP_PROOF() << "this disk has room for 860 GB";

    const CsvRun run = runStage(setup);

    EXPECT_FALSE(run.ok());
    EXPECT_EQ(everythingIn(temp.path()), QStringList());
}

// --- through the runner -------------------------------------------------------------------------------

TEST(CsvStage, RunnerWritesTheChosenSetAfterTheStrategies)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ExperimentPlan plan;
    plan.sets = {{3, 4}, {2}};
    plan.strategies = {QStringLiteral("serial")};
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.directory = dir.path();
    plan.csv.row.headerBytes = 3;
    plan.csv.row.footerBytes = 2;
    plan.csv.keepFiles = true;
    ASSERT_EQ(validatePlan(plan), QString());

    const Experiment experiment = ExperimentRunner().run(plan, kNeverStop);

    ASSERT_EQ(experiment.csv.size(), 1U);
    const CsvRun& csv = experiment.csv[0];
    EXPECT_TRUE(csv.ok()) << csv.error.toStdString();
    EXPECT_EQ(csv.mode, QStringLiteral("serial"));
    EXPECT_EQ(csv.setIndex, 1);
    EXPECT_EQ(csv.files, 7); // task 3: 1,1,2; task 4: 1,1,2,3
    EXPECT_EQ(sorted(filesIn(dir.path())), resultFileNames(7));
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res3.txt"))), QByteArray("hhh,2,ff\r\n"));
    EXPECT_EQ(readFile(dir.filePath(QStringLiteral("res7.txt"))), QByteArray("hhh,3,ff\r\n"));
}

// A plan without a CSV folder writes into a fresh folder under the temp directory, so another
// program's res1.txt in the temp directory itself must not block it.
TEST(CsvStage, PlanWithFreshFolderIgnoresResultFilesInTheTempDirectory)
{
    const QTemporaryDir temp;
    ASSERT_TRUE(temp.isValid());
    const TempPathOverride tempPath(temp.path());
    ASSERT_EQ(QDir::tempPath(), QDir::cleanPath(temp.path()));
    QFile stray(temp.filePath(QStringLiteral("res1.txt")));
    ASSERT_TRUE(stray.open(QIODevice::WriteOnly));
    stray.close();
    ExperimentPlan plan;
    plan.sets = {{3}};
    plan.strategies = {QStringLiteral("serial")};
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.row = smallRow();

    EXPECT_EQ(validatePlan(plan), QString());

    const CsvRun run = runStage(StageSetup {}); // the stage itself is fine with it
    EXPECT_TRUE(run.ok()) << run.error.toStdString();
}

// The bytes reported are counted as write() takes them, before the scratch file is removed: a
// writer that wrote one byte short would report it (the file cannot be looked at afterwards).
TEST(SequentialWrite, WritesExactlyTheBytesAndLeavesNothing)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::atomic<bool> stop {false};
    const SequentialWrite write = measureSequentialWrite(dir.path(), 3'000'007, true, stop);
    EXPECT_EQ(write.error, QString());
    EXPECT_EQ(write.bytes, 3'000'007U);
    EXPECT_GT(write.mbPerSecond, 0.0);
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
}

TEST(SequentialWrite, RefusesAMissingFolderOrTooManyBytes)
{
    const std::atomic<bool> stop {false};
    EXPECT_TRUE(measureSequentialWrite(QStringLiteral("/nonexistent/calcprof"), 10, false, stop)
                    .error.contains(QStringLiteral("does not exist")));
    const QTemporaryDir dir;
    EXPECT_TRUE(
        measureSequentialWrite(dir.path(), 1ULL << 62, false, stop).error.contains(QStringLiteral("free space")));
}

TEST(CsvThroughput, MbPerSecondIsDecimalMegabytesPerWallSecond)
{
    CsvFileResult file;
    file.bytes = 3'000'000;
    file.wallSeconds = 0.5;
    EXPECT_DOUBLE_EQ(file.mbPerSecond(), 6.0);
    EXPECT_DOUBLE_EQ(megabytesPerSecond(3'000'000, 0.5), 6.0);
    file.wallSeconds = 0.0;
    EXPECT_DOUBLE_EQ(file.mbPerSecond(), 0.0); // no time, no speed
}

// --- one folder, two processes (issue 20) ---------------------------------------------------------

TEST(FolderLock, AFolderLockedByAnotherProcessIsRefusedNamingItsPid)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    calcprof::test::LockHeldElsewhere other(dir.path());
    ASSERT_TRUE(other.locked());

    const FolderLock lock(dir.path());

    EXPECT_FALSE(lock.locked());
    EXPECT_EQ(folderLockHolder(dir.path()), other.pid());
    EXPECT_TRUE(lock.error().startsWith(
        QStringLiteral("output folder %1 is in use by another calcprof (pid %2)").arg(dir.path()).arg(other.pid())))
        << lock.error().toStdString();
}

TEST(FolderLock, IsSharedWithinAProcessAndKeepsOthersOutUntilTheLastHolderGoes)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    {
        const FolderLock front(dir.path()); // the console front end, from the start
        {
            const FolderLock stage(dir.path()); // the runner, around its CSV stages
            EXPECT_TRUE(front.locked());
            EXPECT_TRUE(stage.locked()) << stage.error().toStdString();
        }
        EXPECT_EQ(folderLockHolder(dir.path()), ::getpid()); // still held by the first
        EXPECT_FALSE(calcprof::test::LockHeldElsewhere(dir.path()).locked());
    }
    EXPECT_EQ(folderLockHolder(dir.path()), 0);
    EXPECT_TRUE(calcprof::test::LockHeldElsewhere(dir.path()).locked());
}

// flock() belongs to the open folder, which the kernel closes however the process ends: a holder
// killed by SIGKILL leaves no stale lock.
TEST(FolderLock, DiesWithItsProcessEvenKilledBySigkill)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    calcprof::test::LockHeldElsewhere other(dir.path());
    ASSERT_TRUE(other.locked());
    EXPECT_FALSE(FolderLock(dir.path()).locked());

    other.kill();

    const FolderLock lock(dir.path());
    EXPECT_TRUE(lock.locked()) << lock.error().toStdString();
}

TEST(FolderLock, AMissingFolderIsAClearError)
{
    const FolderLock lock(QStringLiteral("/nonexistent/calcprof"));
    EXPECT_FALSE(lock.locked());
    EXPECT_TRUE(lock.error().startsWith(QStringLiteral("cannot open output folder /nonexistent/calcprof: ")))
        << lock.error().toStdString();
}

// Two processes writing res5.txt into one folder never share a temporary file: the name holds the
// writer's pid (the folder lock refuses the second process anyway; this holds even without it).
TEST(CsvFormat, TemporaryNamesDifferFromProcessToProcess)
{
    int channel[2] = {-1, -1};
    ASSERT_EQ(::pipe(channel), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        const QByteArray name = csvTemporaryFileName(5).toUtf8();
        [[maybe_unused]] const ssize_t written = ::write(channel[1], name.constData(), name.size());
        ::_exit(0);
    }
    ::close(channel[1]);
    QByteArray childName;
    char buffer[256];
    for (ssize_t got = ::read(channel[0], buffer, sizeof buffer); got > 0;
         got = ::read(channel[0], buffer, sizeof buffer))
        childName.append(buffer, got);
    ::close(channel[0]);
    ::waitpid(child, nullptr, 0);

    EXPECT_EQ(QString::fromUtf8(childName), csvTemporaryFileName(5, child));
    EXPECT_NE(csvTemporaryFileName(5), QString::fromUtf8(childName));
    EXPECT_EQ(csvTemporaryFileName(5), QStringLiteral(".calcprof-res5.txt.%1.partial").arg(::getpid()));
    EXPECT_FALSE(csvTemporaryFileName(5).startsWith(QStringLiteral("res"))); // never mistaken for a result
}

// Issue 19 item 5: py-serial's peak memory is the interpreter's own (ru_maxrss of the runner), not
// calcprof's and not a constant: save_serial holds the header, the footer and the row csv.writer
// builds from them, so 10 MB more of each shows as at least 20 MB more peak.
TEST(CsvModes, PySerialsPeakMemoryIsTheInterpretersOwn)
{
    if (!probePythonInterpreter({}).ok())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    StageSetup small;
    small.mode = QStringLiteral("py-serial");
    small.values = {1, 2, 3};
    small.keepFiles = false;
    const CsvRun light = runStage(small);
    ASSERT_TRUE(light.ok()) << light.error.toStdString();
    StageSetup large = small;
    large.row = CsvRowSpec {10'000'000, 10'000'000};
    const CsvRun heavy = runStage(large);
    ASSERT_TRUE(heavy.ok()) << heavy.error.toStdString();
    EXPECT_EQ(heavy.files, 3);
    EXPECT_EQ(heavy.bytes, 3 * csvFileBytes(large.row, 1));
    EXPECT_GT(light.peakRssBytes, 1'000'000); // an interpreter's, in bytes
    EXPECT_GT(heavy.peakRssBytes - light.peakRssBytes, 20'000'000)
        << light.peakRssBytes << " then " << heavy.peakRssBytes;
}

// A py-serial stage whose interpreter cannot be used fails with the reason, and writes nothing.
TEST(CsvModes, PySerialWithoutAnInterpreterFailsAndWritesNothing)
{
    const QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    const CsvWriteMode* mode = builtinCsvModes().find(QStringLiteral("py-serial"));
    ASSERT_NE(mode, nullptr);
    CsvOptions options;
    options.mode = mode->id();
    options.directory = folder.path();
    options.row = rowOf(7, 4);
    options.python.interpreter = folder.filePath(QStringLiteral("no-such-python"));
    const CsvRun run = runCsvStage(*mode, options, 1, 1, {1, 2, 3}, kNeverStop);
    EXPECT_FALSE(run.ok());
    EXPECT_TRUE(run.error.contains(QStringLiteral("no-such-python"))) << run.error.toStdString();
    EXPECT_EQ(run.files, 0);
    EXPECT_EQ(filesIn(folder.path()), QStringList {});
}
