// The one way calcprof writes a file a user named (core/io/outputfile.h), and the checks before a
// run that two outputs never share a file (core/io/outputclash.h): issue 20's defects 4, 5 and 7.
// A full disk is a real 64 KiB tmpfs (root, as in CI; CALCPROF_SKIP_PROOF elsewhere); special files
// are nodes the tests make themselves in a temporary folder (mknod as root, mkfifo), never the real
// /dev/null or /dev/full.

#include "core/exec/experimentrunner.h"
#include "core/io/chrometrace.h"
#include "core/io/outputclash.h"
#include "core/io/outputfile.h"
#include "core/io/resultsexport.h"
#include "core/io/resultsjson.h"
#include "core/model/experimentplan.h"
#include "core/model/numbersets.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace calcprof;
using calcprof::test::everythingIn;
using calcprof::test::readFile;
using calcprof::test::SmallDisk;

namespace {

constexpr std::uint64_t kPage = 4096;

QByteArray native(const QString& path)
{
    return QFile::encodeName(path);
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.flush();
}

// What lstat says the path is: S_IFREG, S_IFCHR, S_IFIFO…; 0 when there is nothing.
mode_t kindOf(const QString& path)
{
    struct stat status
    { };
    return ::lstat(native(path).constData(), &status) == 0 ? (status.st_mode & S_IFMT) : 0;
}

dev_t deviceNumberOf(const QString& path)
{
    struct stat status
    { };
    return ::lstat(native(path).constData(), &status) == 0 ? status.st_rdev : 0;
}

// A character device node like /dev/null (1, 3) or /dev/full (1, 7), made in `folder` (root only):
// its path, or empty with the reason in `error`.
QString makeCharacterDevice(const QTemporaryDir& folder, const char* name, unsigned minor, std::string& error)
{
    const QString path = folder.filePath(QString::fromLatin1(name));
    if (::mknod(native(path).constData(), S_IFCHR | 0666, makedev(1, minor)) != 0) {
        error
            = std::string("cannot make a device node (") + std::strerror(errno) + "): these tests need root, as in CI";
        return {};
    }
    return path;
}

// "3,2;4" with serial and pool, three times: a JSON of some kilobytes.
Experiment smallExperiment()
{
    ExperimentPlan plan;
    plan.sets = parseNumberSets(QStringLiteral("12,11,10,9,8,7;6,5,4")).sets;
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.repeat = 3;
    EXPECT_EQ(validatePlan(plan), QString());
    const std::atomic<bool> stop {false};
    return ExperimentRunner().run(plan, stop);
}

} // namespace

// --- writing a file ---------------------------------------------------------------------------------

TEST(OutputFile, WritesATemporaryFileAndRenamesItOnlyOnCommit)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("out.json"));
    const QByteArray bytes(200'000, 'j');

    OutputFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << file.failure().toStdString();
    for (qsizetype at = 0; at < bytes.size(); at += 1000)
        ASSERT_EQ(file.write(bytes.mid(at, 1000)), 1000);
    EXPECT_FALSE(QFileInfo::exists(path)); // nothing at the target before commit
    ASSERT_EQ(everythingIn(dir.path()).size(), 1);
    EXPECT_TRUE(everythingIn(dir.path()).first().startsWith(QStringLiteral(".out.json.calcprof-")));

    ASSERT_TRUE(file.commit()) << file.failure().toStdString();
    EXPECT_EQ(readFile(path), bytes);
    EXPECT_EQ(everythingIn(dir.path()), QStringList {QStringLiteral("out.json")});
}

TEST(OutputFile, DiscardingLeavesTheOldFileAndNoTemporaryFile)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("report.html"));
    ASSERT_TRUE(writeBytes(path, "old"));
    {
        OutputFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("new and half");
    } // destroyed without commit: a writer that gave up
    EXPECT_EQ(readFile(path), QByteArray("old"));
    EXPECT_EQ(everythingIn(dir.path()), QStringList {QStringLiteral("report.html")});
}

TEST(OutputFile, ReplacesTheFileASymlinkLeadsToAndKeepsItsPermissions)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("target.json"));
    const QString link = dir.filePath(QStringLiteral("link.json"));
    ASSERT_TRUE(writeBytes(target, "old"));
    ASSERT_EQ(::chmod(native(target).constData(), 0640), 0);
    ASSERT_TRUE(QFile::link(target, link));

    EXPECT_EQ(writeOutputFile(link, QStringLiteral("JSON"), QByteArray("new")), QString());

    EXPECT_EQ(kindOf(link), S_IFLNK);
    EXPECT_EQ(readFile(target), QByteArray("new"));
    struct stat status
    { };
    ASSERT_EQ(::stat(native(target).constData(), &status), 0);
    EXPECT_EQ(status.st_mode & 07777, 0640U);
}

TEST(OutputFile, RefusesASocketBeforeAndWhenWriting)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("socket"));
    const int listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(listener, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    ASSERT_LT(native(path).size(), static_cast<qsizetype>(sizeof(address.sun_path)));
    std::strcpy(address.sun_path, native(path).constData());
    ASSERT_EQ(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);

    EXPECT_TRUE(checkOutputFile(path).contains(QStringLiteral("a socket"))) << checkOutputFile(path).toStdString();
    const QString error = writeOutputFile(path, QStringLiteral("JSON"), QByteArray("x"));
    EXPECT_TRUE(error.contains(QStringLiteral("it is a socket"))) << error.toStdString();
    EXPECT_EQ(kindOf(path), S_IFSOCK);
    ::close(listener);
}

// --- a full disk (defect 4) ----------------------------------------------------------------------------

// One write() larger than the space left is cut short by the kernel without an error; QSaveFile
// took the short count as done and committed the truncated file. The next write says why.
TEST(OutputFilesOnAFullDisk, AShortWriteFailsWithTheReasonAndKeepsTheOldFile)
{
    const SmallDisk disk;
    if (disk.path().isEmpty())
        CALCPROF_SKIP_PROOF() << disk.error().toStdString();
    const QString path = disk.filePath(QStringLiteral("report.html"));
    ASSERT_TRUE(writeBytes(path, "<html>the old, good report</html>"));
    ASSERT_TRUE(disk.fillLeaving(4 * kPage));

    OutputFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    const QByteArray page(100'000, 'p');
    file.write(page); // one call, 100 kB: the kernel takes 16 KiB of it
    EXPECT_FALSE(file.commit());
    EXPECT_EQ(file.failure(), QStringLiteral("no space left on device"));

    EXPECT_EQ(readFile(path), QByteArray("<html>the old, good report</html>"));
    EXPECT_EQ(everythingIn(disk.path()), (QStringList {QStringLiteral("filler"), QStringLiteral("report.html")}));
    EXPECT_EQ(disk.freeBytes(), 4 * kPage); // the temporary file's pages are free again
}

TEST(OutputFilesOnAFullDisk, JsonTraceAndTextExportsFailAndKeepTheOldFiles)
{
    const SmallDisk disk;
    if (disk.path().isEmpty())
        CALCPROF_SKIP_PROOF() << disk.error().toStdString();
    const Experiment experiment = smallExperiment();
    ASSERT_GT(toJsonBytes(experiment).size(), 3 * static_cast<qsizetype>(kPage));
    const QString json = disk.filePath(QStringLiteral("results.json"));
    const QString trace = disk.filePath(QStringLiteral("trace.json"));
    const QString csv = disk.filePath(QStringLiteral("results.csv"));
    for (const QString& path : {json, trace, csv})
        ASSERT_TRUE(writeBytes(path, "old"));
    ASSERT_TRUE(disk.fillLeaving(2 * kPage));

    const QString jsonError = writeJsonFile(experiment, json);
    const QString traceError = writeChromeTrace(experiment, trace);
    const QString csvError = writeTextFile(QString(3 * kPage, u'c'), csv, QStringLiteral("CSV"));

    EXPECT_EQ(jsonError, QStringLiteral("cannot write JSON to %1: no space left on device").arg(json));
    EXPECT_EQ(traceError, QStringLiteral("cannot write the trace to %1: no space left on device").arg(trace));
    EXPECT_EQ(csvError, QStringLiteral("cannot write CSV to %1: no space left on device").arg(csv));
    for (const QString& path : {json, trace, csv})
        EXPECT_EQ(readFile(path), QByteArray("old")) << path.toStdString();
    EXPECT_EQ(everythingIn(disk.path()).size(), 4); // the three old files and the filler: no temporary file
}

// --- special files (defect 5) ---------------------------------------------------------------------------

TEST(OutputFileInPlace, ANullDeviceIsWrittenInPlaceAndStaysADevice)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    std::string why;
    const QString null = makeCharacterDevice(dir, "null", 3, why);
    if (null.isEmpty())
        CALCPROF_SKIP_PROOF() << why;

    EXPECT_EQ(checkOutputFile(null), QString());
    EXPECT_EQ(writeJsonFile(smallExperiment(), null), QString());

    EXPECT_EQ(kindOf(null), S_IFCHR);
    EXPECT_EQ(deviceNumberOf(null), makedev(1, 3));
    EXPECT_EQ(everythingIn(dir.path()), QStringList {QStringLiteral("null")});
}

TEST(OutputFileInPlace, AFullDeviceGivesNoSpaceLeftAndStaysADevice)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    std::string why;
    const QString full = makeCharacterDevice(dir, "full", 7, why);
    if (full.isEmpty())
        CALCPROF_SKIP_PROOF() << why;

    const QString error = writeOutputFile(full, QStringLiteral("the trace"), QByteArray(10, 't'));

    EXPECT_EQ(error, QStringLiteral("cannot write the trace to %1: no space left on device").arg(full));
    EXPECT_EQ(kindOf(full), S_IFCHR);
    EXPECT_EQ(deviceNumberOf(full), makedev(1, 7));
    EXPECT_EQ(everythingIn(dir.path()), QStringList {QStringLiteral("full")});
}

TEST(OutputFileInPlace, ABlockDeviceIsRefused)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString disk = dir.filePath(QStringLiteral("disk"));
    // loop7: never opened, the node only has to exist for the check.
    if (::mknod(native(disk).constData(), S_IFBLK | 0600, makedev(7, 7)) != 0)
        CALCPROF_SKIP_PROOF() << "cannot make a device node (" << std::strerror(errno) << "): this test needs root";

    EXPECT_TRUE(checkOutputFile(disk).contains(QStringLiteral("it is a block device")))
        << checkOutputFile(disk).toStdString();
    EXPECT_TRUE(
        writeOutputFile(disk, QStringLiteral("JSON"), QByteArray("x")).contains(QStringLiteral("block device")));
    EXPECT_EQ(kindOf(disk), S_IFBLK);
}

TEST(OutputFileInPlace, AFifoWithoutAReaderFailsAtOnceInsteadOfHanging)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    ASSERT_EQ(::mkfifo(native(fifo).constData(), 0600), 0);

    EXPECT_EQ(checkOutputFile(fifo), QString()); // a reader may come by the time the run ends
    QElapsedTimer clock;
    clock.start();
    const QString error = writeOutputFile(fifo, QStringLiteral("JSON"), QByteArray("x"));

    EXPECT_LT(clock.elapsed(), 1000);
    EXPECT_TRUE(error.contains(QStringLiteral("no program is reading the FIFO"))) << error.toStdString();
    EXPECT_EQ(kindOf(fifo), S_IFIFO);
    EXPECT_EQ(everythingIn(dir.path()), QStringList {QStringLiteral("fifo")});
}

TEST(OutputFileInPlace, AFifoWithAReaderGetsEveryByte)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    ASSERT_EQ(::mkfifo(native(fifo).constData(), 0600), 0);
    // Opened without waiting for a writer, then reading until the writer closes.
    const int reader = ::open(native(fifo).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    ASSERT_GE(reader, 0);
    const QByteArray bytes(1'000'000, 'f'); // far more than a pipe holds: the writer waits for the reader
    QByteArray received;

    OutputFile file(fifo);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << file.failure().toStdString();
    ASSERT_EQ(::fcntl(reader, F_SETFL, ::fcntl(reader, F_GETFL) & ~O_NONBLOCK), 0);
    std::thread readAll([reader, &received] {
        char chunk[4096];
        for (ssize_t count = 0; (count = ::read(reader, chunk, sizeof chunk)) > 0;)
            received.append(chunk, count);
    });
    file.write(bytes);
    const bool committed = file.commit();
    readAll.join();
    ::close(reader);

    EXPECT_TRUE(committed) << file.failure().toStdString();
    EXPECT_EQ(received.size(), bytes.size());
    EXPECT_EQ(kindOf(fifo), S_IFIFO);
}

// A reader that goes away raises SIGPIPE at the next write; its default action would end the
// process (this test binary included) before anything could be said.
TEST(OutputFileInPlace, AReaderThatGoesAwayIsAnErrorNotASignal)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    ASSERT_EQ(::mkfifo(native(fifo).constData(), 0600), 0);
    const int reader = ::open(native(fifo).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    ASSERT_GE(reader, 0);

    OutputFile file(fifo);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    ::close(reader);
    file.write(QByteArray(100'000, 'x'));

    EXPECT_FALSE(file.commit());
    EXPECT_TRUE(file.failure().contains(QStringLiteral("broken pipe"))) << file.failure().toStdString();
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    EXPECT_EQ(sigismember(&pending, SIGPIPE), 0); // taken back, not left for later
}

// --- two outputs, one file (defect 7) -----------------------------------------------------------------

TEST(OutputClash, TheSameFileByAnyPathIsAClashNamingBothOptions)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("o.html"));
    const QString existing = dir.filePath(QStringLiteral("old.json"));
    ASSERT_TRUE(writeBytes(existing, "{}"));
    const QString hardLink = dir.filePath(QStringLiteral("hard.json"));
    ASSERT_EQ(::link(native(existing).constData(), native(hardLink).constData()), 0);
    const QString symlink = dir.filePath(QStringLiteral("soft.json"));
    ASSERT_TRUE(QFile::link(existing, symlink));
    const QString dangling = dir.filePath(QStringLiteral("dangling.json"));
    ASSERT_TRUE(QFile::link(dir.filePath(QStringLiteral("later.json")), dangling));
    ASSERT_TRUE(QDir(dir.path()).mkdir(QStringLiteral("sub")));

    const std::vector<std::pair<QString, QString>> samePairs {
        {file, file},
        {file, dir.filePath(QStringLiteral("sub/../o.html"))},
        {file, dir.filePath(QStringLiteral("./o.html"))},
        {existing, hardLink},
        {existing, symlink},
        {dangling, dir.filePath(QStringLiteral("later.json"))},
    };
    for (const auto& [one, other] : samePairs) {
        const QString error
            = findOutputClash({{QStringLiteral("--json"), one, {}}, {QStringLiteral("--report"), other, {}}});
        EXPECT_EQ(error, QStringLiteral("--json and --report both write %1; give each output its own file").arg(other))
            << one.toStdString() << " and " << other.toStdString();
    }
    EXPECT_EQ(findOutputClash({{QStringLiteral("--json"), existing, {}},
                  {QStringLiteral("--trace"), dir.filePath(QStringLiteral("trace.json")), {}},
                  {QStringLiteral("--report"), file, {}}}),
        QString());
}

TEST(OutputClash, AFileAFolderOutputOwnsIsAClash)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString figures = dir.filePath(QStringLiteral("r_figures"));
    ASSERT_TRUE(QDir(dir.path()).mkdir(QStringLiteral("r_figures")));
    const NamedOutput figureFolder {QStringLiteral("--report's figures folder"), figures, QStringLiteral("*")};
    const NamedOutput csvFolder {QStringLiteral("--csv-dir"), dir.path(), QStringLiteral("res*.txt")};

    for (const QString& inside : QStringList {figures, figures + QStringLiteral("/speedup-set3.png")}) {
        const QString error = findOutputClash({{QStringLiteral("--export-png"), inside, {}}, figureFolder});
        EXPECT_EQ(error,
            QStringLiteral("--export-png (%1) and --report's figures folder (%2) would overwrite each "
                           "other's files; give each output its own file")
                .arg(inside, figures));
    }
    EXPECT_FALSE(findOutputClash({csvFolder, {QStringLiteral("--json"), dir.filePath(QStringLiteral("res1.txt")), {}}})
                     .isEmpty());
    // Beside the CSV files, under another name: the usual `--csv-dir . --json out.json`.
    EXPECT_EQ(findOutputClash(
                  {csvFolder, {QStringLiteral("--json"), dir.filePath(QStringLiteral("out.json")), {}}, figureFolder}),
        QString());
}
