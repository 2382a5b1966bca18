#include "app/cli/commandline.h"
#include "app/exitcode.h"
#include "core/analysis/summary.h"
#include "core/format/units.h"
#include "core/model/experimentplan.h"
#include "pythontestsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <thread>

using calcprof::test::childrenOf;
using calcprof::test::describe;
using calcprof::test::filesIn;
using calcprof::test::readFile;
using calcprof::test::waitForWorkers;

namespace {

constexpr int kTimeoutMs = 120'000; // generous: these runs take milliseconds, but CI machines stall

struct ProcessResult
{
    bool finished = false;
    int exitCode = -1; ///< -1 unless the process exited normally
    QString out;
    QString err;
};

QStringList everythingIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

QStringList sorted(QStringList names)
{
    names.sort();
    return names;
}

QStringList resultFileNames(int count)
{
    QStringList names;
    for (int index = 1; index <= count; ++index)
        names << QStringLiteral("res%1.txt").arg(index);
    return sorted(names);
}

QByteArray row(const char* value)
{
    return QByteArray(10, 'h') + ',' + QByteArray(value) + ',' + QByteArray(10, 'f') + "\r\n";
}

// Runs the real calcprof executable. Its temp directory is a private folder, so a run that makes
// its own CSV folder leaves nothing behind in the system's.
class CliProcess : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_temp.isValid());
        ASSERT_TRUE(m_work.isValid());
    }

    void start(QProcess& process, const QStringList& arguments, const QStringList& unset = {}) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TMPDIR"), m_temp.path());
        for (const QString& name : unset)
            environment.remove(name);
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(CALCPROF_EXECUTABLE));
        process.setArguments(arguments);
        process.start();
    }

    ProcessResult run(const QStringList& arguments, const QStringList& unsetVariables = {}) const
    {
        QProcess process;
        start(process, arguments, unsetVariables);
        ProcessResult result;
        result.finished = process.waitForStarted(kTimeoutMs) && process.waitForFinished(kTimeoutMs);
        if (!result.finished) {
            process.kill();
            process.waitForFinished();
        }
        if (process.exitStatus() == QProcess::NormalExit)
            result.exitCode = process.exitCode();
        result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
        result.err = QString::fromLocal8Bit(process.readAllStandardError());
        return result;
    }

    [[nodiscard]] QString work(const QString& name) const { return m_work.filePath(name); }

    QString makeFolder(const QString& name) const
    {
        QString folder = work(name);
        EXPECT_TRUE(QDir().mkdir(folder)) << folder.toStdString();
        return folder;
    }

    QTemporaryDir m_temp; // the child's TMPDIR
    QTemporaryDir m_work; // folders and files the test names on the command line
};

QJsonObject parseObject(const QByteArray& bytes)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    return document.object();
}

// Runs are counted exactly: a disturbed run (mpi's ranks on a loaded machine) is not measured again.
const QStringList kSmallRun {QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("5,6;7"),
    QStringLiteral("--repeat"), QStringLiteral("1"), QStringLiteral("--retry-disturbed"), QStringLiteral("0")};

} // namespace

// --- runs -----------------------------------------------------------------------------------------------

TEST_F(CliProcess, GoodRunExitsZeroWithRanLinesAndTheSummaryTable)
{
    const ProcessResult result
        = run(kSmallRun + QStringList {QStringLiteral("--strategies"), QStringLiteral("serial,pool")});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    // Four significant digits, however small: "0.000001198", never "0.0000".
    const QRegularExpression runLogLine(QStringLiteral("^Ran '(serial|pool)' on set ([12]) in 0\\.0*[1-9]\\d{3} secs"),
        QRegularExpression::MultilineOption);
    EXPECT_EQ(result.out.count(runLogLine), 4) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QStringLiteral("Ran 'serial' on set 1 in "))) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QStringLiteral("Ran 'pool' on set 2 in "))) << result.out.toStdString();
    const QRegularExpression tableHeader(QStringLiteral("^set +numbers +strategy +workers .*speedup +interval "
                                                        "+estimator +schedule model +bound of its unit +check$"),
        QRegularExpression::MultilineOption);
    EXPECT_TRUE(result.out.contains(tableHeader)) << result.out.toStdString();
    EXPECT_EQ(result.err, QString()); // no progress line when stderr is not a terminal
}

TEST_F(CliProcess, PythonStrategiesRunWhenNamedAfterTheEstimateLine)
{
    const ProcessResult result = run(kSmallRun
        + QStringList {QStringLiteral("--strategies"), QStringLiteral("serial,py-serial,py-pool,py-asyncio")});

    ASSERT_TRUE(result.finished);
    if (result.exitCode == 2 && result.err.contains(QStringLiteral("python3 was not found on PATH")))
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    // Python is ~90x slower: the plan's time is told before the first run.
    EXPECT_TRUE(result.out.startsWith(QStringLiteral("estimated time of the set runs: about ")))
        << result.out.toStdString();
    for (const char* ran : {"Ran 'py-serial' on set 1 in ", "Ran 'py-pool' on set 2 in ", "Ran 'py-asyncio' on set 2"})
        EXPECT_TRUE(result.out.contains(QLatin1StringView(ran))) << ran << "\n" << result.out.toStdString();
    EXPECT_FALSE(result.out.contains(QStringLiteral("MISMATCH"), Qt::CaseInsensitive)) << result.out.toStdString();
}

TEST_F(CliProcess, AMissingOrNonPythonInterpreterExitsTwoBeforeAnythingRuns)
{
    const QString json = work(QStringLiteral("out.json"));
    const QStringList python {QStringLiteral("--strategies"), QStringLiteral("serial,py-pool"),
        QStringLiteral("--json"), json, QStringLiteral("--python")};
    const std::pair<QString, QString> cases[] = {
        {work(QStringLiteral("no-python3")), QStringLiteral("does not exist")},
        {QStringLiteral("/bin/true"), QStringLiteral("/bin/true is not a Python interpreter calcprof can use")},
        {QStringLiteral("no-such-python-calcprof"), QStringLiteral("was not found on PATH")},
    };
    for (const auto& [interpreter, named] : cases) {
        SCOPED_TRACE(interpreter.toStdString());
        const ProcessResult result = run(kSmallRun + python + QStringList {interpreter});
        ASSERT_TRUE(result.finished);
        EXPECT_EQ(result.exitCode, 2);
        EXPECT_TRUE(result.err.startsWith(QStringLiteral("calcprof: "))) << result.err.toStdString();
        EXPECT_TRUE(result.err.contains(named)) << result.err.toStdString();
        EXPECT_EQ(result.out, QString());
        EXPECT_FALSE(QFileInfo::exists(json));
    }
}

TEST_F(CliProcess, QuietPrintsTheTableButNoRanLines)
{
    const ProcessResult result = run(kSmallRun + QStringList {QStringLiteral("--quiet")});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_FALSE(result.out.contains(QStringLiteral("Ran "))) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QStringLiteral("strategy"))) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QStringLiteral("speedup"))) << result.out.toStdString();
    for (const char* strategy : {"serial", "pool", "threads", "async"})
        EXPECT_TRUE(result.out.contains(QLatin1StringView(strategy))) << strategy;
}

// --- bad input ------------------------------------------------------------------------------------------

TEST_F(CliProcess, BadInputExitsTwoWithAMessageAndWritesNothing)
{
    const QString json = work(QStringLiteral("out.json"));
    const QString csvDir = makeFolder(QStringLiteral("csv"));
    const QStringList good {QStringLiteral("--headless"), QStringLiteral("--json"), json, QStringLiteral("--csv-mode"),
        QStringLiteral("serial"), QStringLiteral("--csv-dir"), csvDir, QStringLiteral("--header-bytes"),
        QStringLiteral("10"), QStringLiteral("--footer-bytes"), QStringLiteral("10")};
    struct Case
    {
        QStringList arguments;
        QString named; // the offending value the message must name
    };
    const std::vector<Case> cases {
        {{QStringLiteral("--sets"), QStringLiteral("5,x")}, QStringLiteral("'x'")},
        {{QStringLiteral("--sets"), QStringLiteral("  ")}, QStringLiteral("no number sets given")},
        {{QStringLiteral("--sets"), QStringLiteral("5,51")}, QStringLiteral("'51'")},
        {{QStringLiteral("--strategies"), QStringLiteral("serial,bogus")}, QStringLiteral("'bogus'")},
        {{QStringLiteral("--pool-size"), QStringLiteral("0")}, QStringLiteral("'0'")},
        {{QStringLiteral("--repeat"), QStringLiteral("0")}, QStringLiteral("'0'")},
        {{QStringLiteral("--csv-set"), QStringLiteral("4")}, QStringLiteral("CSV set 4")},
        {{QStringLiteral("--header-bytes"), QStringLiteral("abc")}, QStringLiteral("'abc'")},
        {{QStringLiteral("--bogus")}, QStringLiteral("bogus")},
        {{QStringLiteral("stray")}, QStringLiteral("'stray'")},
    };
    for (const Case& badCase : cases) {
        const QString described = badCase.arguments.join(u' ');
        SCOPED_TRACE(described.toStdString());

        const ProcessResult result = run(good + badCase.arguments);

        ASSERT_TRUE(result.finished);
        EXPECT_EQ(result.exitCode, 2);
        EXPECT_TRUE(result.err.startsWith(QStringLiteral("calcprof: "))) << result.err.toStdString();
        EXPECT_TRUE(result.err.contains(badCase.named)) << result.err.toStdString();
        EXPECT_EQ(result.out, QString());
        EXPECT_FALSE(QFileInfo::exists(json));
        EXPECT_EQ(everythingIn(csvDir), QStringList());
        EXPECT_EQ(everythingIn(m_temp.path()), QStringList());
    }
}

TEST_F(CliProcess, JsonIntoAMissingFolderExitsTwoAndRunsNothing)
{
    const QString json = work(QStringLiteral("missing/out.json"));

    const ProcessResult result = run(kSmallRun + QStringList {QStringLiteral("--json"), json});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(json)) << result.err.toStdString();
    EXPECT_FALSE(result.out.contains(QStringLiteral("Ran "))) << result.out.toStdString();
    EXPECT_FALSE(QFileInfo::exists(work(QStringLiteral("missing"))));
}

// The folder check before the run: an unwritable output folder is bad input, refused with exit 2
// before anything runs or is written (the JSON included).
TEST_F(CliProcess, AnUnwritableCsvFolderExitsTwoBeforeRunningAnything)
{
    const calcprof::test::UnwritableFolder unwritable;
    if (unwritable.path().isEmpty())
        CALCPROF_SKIP_PROOF() << unwritable.error().toStdString();
    const QString json = work(QStringLiteral("out.json"));

    const ProcessResult result = run(kSmallRun
        + QStringList {QStringLiteral("--csv-mode"), QStringLiteral("serial"), QStringLiteral("--csv-dir"),
            unwritable.path(), QStringLiteral("--header-bytes"), QStringLiteral("10"), QStringLiteral("--footer-bytes"),
            QStringLiteral("10"), QStringLiteral("--json"), json});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 2) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("output folder %1 is not writable").arg(unwritable.path())))
        << result.err.toStdString();
    EXPECT_EQ(result.out, QString());
    EXPECT_FALSE(QFileInfo::exists(json));
    EXPECT_EQ(everythingIn(unwritable.path()), QStringList());
    EXPECT_EQ(everythingIn(m_temp.path()), QStringList());
}

TEST_F(CliProcess, ExportPngIntoAMissingFolderExitsTwoAndOpensNothing)
{
    const QString png = work(QStringLiteral("missing/chart.png"));

    const ProcessResult result = run(kSmallRun.mid(1) // the window, scripted: no --headless
        + QStringList {QStringLiteral("--run"), QStringLiteral("--export-png"), png, QStringLiteral("--quit")});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.startsWith(QStringLiteral("calcprof: --export-png: cannot write %1").arg(png)))
        << result.err.toStdString();
    EXPECT_EQ(result.out, QString());
    EXPECT_FALSE(QFileInfo::exists(work(QStringLiteral("missing"))));
}

TEST_F(CliProcess, RuntimeCsvFailureExitsOne)
{
    const QString csvDir = makeFolder(QStringLiteral("csv"));
    const QString json = work(QStringLiteral("out.json"));

    // A file-size limit passes every check but fails the first CSV file's write (EFBIG; SIGXFSZ,
    // which would end the process instead, is ignored, and stays so across exec). Its temporary
    // name holds calcprof's pid, so no blocker can be planted there ahead of it.
    constexpr rlim_t kFileSizeLimit = 512 * 1024; // the JSON of this small run fits, a 1 MB CSV file not
    QProcess process;
    process.setChildProcessModifier([] {
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit {kFileSizeLimit, kFileSizeLimit};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    start(process,
        kSmallRun
            + QStringList {QStringLiteral("--quiet"), QStringLiteral("--csv-mode"), QStringLiteral("serial"),
                QStringLiteral("--csv-dir"), csvDir, QStringLiteral("--header-bytes"), QStringLiteral("1000000"),
                QStringLiteral("--footer-bytes"), QStringLiteral("10"), QStringLiteral("--json"), json});
    ProcessResult result;
    result.finished = process.waitForStarted(kTimeoutMs) && process.waitForFinished(kTimeoutMs);
    if (process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    result.err = QString::fromLocal8Bit(process.readAllStandardError());

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 1) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("CSV stage 'serial': "))) << result.err.toStdString();
    EXPECT_EQ(filesIn(csvDir), QStringList());
    // What did run is still written.
    const QJsonObject written = parseObject(readFile(json));
    EXPECT_EQ(
        written.value(QStringLiteral("runs")).toArray().size(), 2 * calcprof::ExperimentPlan {}.strategies.size());
    EXPECT_TRUE(written.value(QStringLiteral("csv")).toArray().at(0).toObject().contains(QStringLiteral("error")));
}

// --- actions ---------------------------------------------------------------------------------------------

TEST_F(CliProcess, ListStrategiesPrintsOneIdTabNameLinePerStrategy)
{
    const ProcessResult result = run({QStringLiteral("--list-strategies")});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_EQ(result.out,
        QStringLiteral("serial\tSerial\npool\tQt thread pool\nthreads\tOne thread per task\n"
                       "async\tstd::async futures\nprocesses\tWorker processes (like multiprocessing.Pool)\n"
                       "mapped\tQtConcurrent::map over items\ntbb\toneTBB fork-join\n"
                       "mpi\tMPI ranks (Open MPI, across hosts)\n"
                       "py-serial\tPython serial (the original's do_serial)\n"
                       "py-pool\tPython multiprocessing.Pool (the original's do_parallel)\n"
                       "py-threads\tPython threads (ThreadPoolExecutor, the GIL)\n"
                       "py-futures\tPython processes (ProcessPoolExecutor)\n"
                       "py-asyncio\tPython asyncio.gather (serial in disguise)\n"));
    EXPECT_EQ(result.out, calcprof::strategyListing());
}

TEST_F(CliProcess, MpiWithoutMpirunOnThePathExitsTwoWithTheReasonAndTheRestRuns)
{
    // A PATH with no mpirun on it, as on a machine without Open MPI (no PATH at all would not do: Qt
    // then searches the system's default folders).
    const auto runWithoutMpirun = [this](const QStringList& arguments) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TMPDIR"), m_temp.path());
        environment.insert(QStringLiteral("PATH"), m_work.path());
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(CALCPROF_EXECUTABLE), arguments);
        EXPECT_TRUE(process.waitForFinished(kTimeoutMs));
        return std::pair {process.exitCode(), QString::fromLocal8Bit(process.readAllStandardError())};
    };
    const auto [refusedCode, refusedErrors]
        = runWithoutMpirun(kSmallRun + QStringList {QStringLiteral("--strategies"), QStringLiteral("serial,mpi")});
    EXPECT_EQ(refusedCode, 2);
    EXPECT_TRUE(refusedErrors.contains(
        QStringLiteral("strategy 'mpi' is unavailable: Open MPI is not installed: apt-get install openmpi-bin")))
        << refusedErrors.toStdString();
    // The rest of calcprof works there: the default plan leaves mpi out.
    const auto [restCode, restErrors] = runWithoutMpirun(kSmallRun + QStringList {QStringLiteral("--quiet")});
    EXPECT_EQ(restCode, 0) << restErrors.toStdString();
}

TEST_F(CliProcess, ListCsvModesPrintsOneIdTabNameLinePerMode)
{
    const ProcessResult result = run({QStringLiteral("--list-csv-modes")});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 0);
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 4) << result.out.toStdString();
    EXPECT_TRUE(lines.at(0).startsWith(QStringLiteral("serial\t")));
    EXPECT_TRUE(lines.at(1).startsWith(QStringLiteral("parallel\t")));
    EXPECT_TRUE(lines.at(2).startsWith(QStringLiteral("pool\t")));
    EXPECT_TRUE(lines.at(3).startsWith(QStringLiteral("py-serial\t")));
    EXPECT_EQ(result.out, calcprof::csvModeListing());
}

TEST_F(CliProcess, WindowWithoutADisplayExplainsWhatToDo)
{
    const ProcessResult result = run({QStringLiteral("--sets"), QStringLiteral("5")},
        {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"), QStringLiteral("QT_QPA_PLATFORM")});
    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains(QStringLiteral("--headless"))) << result.err.toStdString();
}

TEST_F(CliProcess, VersionPrintsNameAndVersion)
{
    const ProcessResult result = run({QStringLiteral("--version")});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_EQ(result.out, QStringLiteral("calcprof " CALCPROF_VERSION "\n"));
}

TEST_F(CliProcess, HelpExitsZero)
{
    const ProcessResult result = run({QStringLiteral("--help")});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.startsWith(QStringLiteral("Usage: calcprof"))) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QStringLiteral("--headless")));
}

// --- JSON ------------------------------------------------------------------------------------------------

TEST_F(CliProcess, APoolSizeSweepRunsThePoolOncePerSizeAndTheOthersOnce)
{
    const QString json = work(QStringLiteral("sweep.json"));
    const ProcessResult result = run({QStringLiteral("--headless"), QStringLiteral("--sets"),
        QStringLiteral("9,8,7,6,5,4,3,2"), QStringLiteral("--pool-size"), QStringLiteral("1-3,8"),
        QStringLiteral("--repeat"), QStringLiteral("2"), QStringLiteral("--warmup"), QStringLiteral("1"),
        QStringLiteral("--strategies"), QStringLiteral("serial,pool,threads,async,processes"),
        QStringLiteral("--quiet"), QStringLiteral("--json"), json});
    ASSERT_TRUE(result.finished);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();

    const QJsonObject written = parseObject(readFile(json));
    std::map<QString, std::vector<qint64>> workers; // per strategy, one entry per measured run
    std::map<QString, std::set<QString>> requested;
    qint64 expectedId = 1;
    for (const auto& value : written.value(QStringLiteral("runs")).toArray()) {
        const QJsonObject run = value.toObject();
        EXPECT_EQ(run.value(QStringLiteral("id")).toInteger(), expectedId++); // the window's Results "Id"
        const QString strategy = run.value(QStringLiteral("strategy")).toString();
        workers[strategy].push_back(run.value(QStringLiteral("pool_size")).toInteger());
        const QJsonValue asked = run.value(QStringLiteral("requested_pool_size"));
        requested[strategy].insert(asked.isString() ? asked.toString() : QString::number(asked.toInteger()));
    }
    // Two measured repetitions each; the warm-up is not recorded.
    EXPECT_EQ(workers[QStringLiteral("pool")], (std::vector<qint64> {1, 2, 3, 8, 1, 2, 3, 8}));
    EXPECT_EQ(workers[QStringLiteral("serial")], (std::vector<qint64> {1, 1}));
    EXPECT_EQ(workers[QStringLiteral("threads")], (std::vector<qint64> {8, 8}));
    EXPECT_EQ(workers[QStringLiteral("async")], (std::vector<qint64> {8, 8}));
    EXPECT_EQ(workers[QStringLiteral("processes")], (std::vector<qint64> {1, 2, 3, 8, 1, 2, 3, 8}));
    EXPECT_EQ(requested[QStringLiteral("pool")],
        (std::set<QString> {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("8")}));
    EXPECT_EQ(requested[QStringLiteral("threads")], std::set<QString> {QStringLiteral("auto")});
    EXPECT_EQ(written.value(QStringLiteral("settings")).toObject().value(QStringLiteral("warmup")).toInt(), 1);

    // One summary entry per (set, strategy, pool size): 4 for pool and processes, 1 for each other.
    const QJsonArray summary = written.value(QStringLiteral("summary")).toArray();
    ASSERT_EQ(summary.size(), 4 + 4 + 3);
    for (const auto& value : summary) {
        const QJsonObject group = value.toObject();
        for (const char* key : {"samples", "median_seconds", "mean_seconds", "stddev_seconds", "min_seconds",
                 "max_seconds", "ci95_low_seconds", "ci95_high_seconds", "outliers", "speedup", "speedup_ci95_low",
                 "speedup_ci95_high", "efficiency"})
            EXPECT_TRUE(group.value(QLatin1StringView(key)).isDouble()) << key;
        EXPECT_EQ(group.value(QStringLiteral("samples")).toInt(), 2);
        const QJsonObject bounds = group.value(QStringLiteral("bounds")).toObject();
        for (const char* key : {"ideal", "whole_task", "schedule"})
            EXPECT_GT(bounds.value(QLatin1StringView(key)).toDouble(), 0.0) << key;
    }
    // The table prints one row per summary entry, with the sweep's worker counts.
    EXPECT_EQ(result.out.count(QRegularExpression(
                  QStringLiteral("^  1  9,8,7,6,5,4,3,2  pool  "), QRegularExpression::MultilineOption)),
        4)
        << result.out.toStdString();
}

TEST_F(CliProcess, TheTableAndTheJsonSummaryShowTheSameNumbers)
{
    const QString json = work(QStringLiteral("same.json"));
    const ProcessResult result = run({QStringLiteral("--headless"), QStringLiteral("--sets"),
        QStringLiteral("20,18,22"), QStringLiteral("--pool-size"), QStringLiteral("1,2"), QStringLiteral("--repeat"),
        QStringLiteral("3"), QStringLiteral("--strategies"), QStringLiteral("serial,pool,threads,async,processes"),
        QStringLiteral("--quiet"), QStringLiteral("--json"), json});
    ASSERT_TRUE(result.finished);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonArray summary = parseObject(readFile(json)).value(QStringLiteral("summary")).toArray();
    ASSERT_EQ(summary.size(), 7); // serial, pool x 2, threads, async, processes x 2
    for (const auto& value : summary) {
        const QJsonObject group = value.toObject();
        // The row of this group, and in it the speedup and both bounds exactly as the JSON has them.
        const QString row
            = QStringLiteral("^  1  20,18,22  %1 +%2 .*  %3  .*  %4 +%5 per %6  ok$")
                  .arg(group.value(QStringLiteral("strategy")).toString())
                  .arg(group.value(QStringLiteral("pool_size")).toInt())
                  .arg(QRegularExpression::escape(
                      calcprof::formatSpeedup(group.value(QStringLiteral("speedup")).toDouble())))
                  .arg(QRegularExpression::escape(calcprof::formatSpeedup(
                      group.value(QStringLiteral("bounds")).toObject().value(QStringLiteral("schedule")).toDouble())))
                  .arg(QRegularExpression::escape(calcprof::formatSpeedup(
                      group.value(QStringLiteral("bounds")).toObject().value(QStringLiteral("unit")).toDouble())))
                  .arg(group.value(QStringLiteral("bounds")).toObject().value(QStringLiteral("work_unit")).toString());
        EXPECT_EQ(result.out.count(QRegularExpression(row, QRegularExpression::MultilineOption)), 1)
            << row.toStdString() << "\n"
            << result.out.toStdString();
    }
}

TEST_F(CliProcess, TraceFileOpensAsAChromeTraceWithOneEventPerTask)
{
    const QString trace = work(QStringLiteral("trace.json"));
    const QString json = work(QStringLiteral("runs.json"));
    const ProcessResult result = run({QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("12,5,14"),
        QStringLiteral("--strategies"), QStringLiteral("serial,pool"), QStringLiteral("--repeat"), QStringLiteral("1"),
        QStringLiteral("--quiet"), QStringLiteral("--trace"), trace, QStringLiteral("--json"), json});
    ASSERT_TRUE(result.finished);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonArray events = parseObject(readFile(trace)).value(QStringLiteral("traceEvents")).toArray();
    const QJsonArray runs = parseObject(readFile(json)).value(QStringLiteral("runs")).toArray();
    int taskEvents = 0;
    for (const auto& value : events) {
        const QJsonObject event = value.toObject();
        if (event.value(QStringLiteral("ph")).toString() != QStringLiteral("X"))
            continue;
        ++taskEvents;
        // Its run is the JSON's run with the same id; its duration that task's wall time.
        const QJsonObject runObject = runs.at(event.value(QStringLiteral("pid")).toInt() - 1).toObject();
        const QJsonObject task
            = runObject.value(QStringLiteral("tasks"))
                  .toArray()
                  .at(event.value(QStringLiteral("args")).toObject().value(QStringLiteral("task_index")).toInt())
                  .toObject();
        EXPECT_NEAR(event.value(QStringLiteral("dur")).toDouble(),
            task.value(QStringLiteral("wall_seconds")).toDouble() * 1e6, 1e-3);
    }
    EXPECT_EQ(taskEvents, 2 * 3); // serial and pool, three tasks each
}

TEST_F(CliProcess, ABaselineGivesTheComparisonTable)
{
    const QString json = work(QStringLiteral("before.json"));
    const QStringList small {QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("14,12"),
        QStringLiteral("--strategies"), QStringLiteral("serial,pool"), QStringLiteral("--quiet")};
    const ProcessResult before
        = run(small + QStringList {QStringLiteral("--repeat"), QStringLiteral("5"), QStringLiteral("--json"), json});
    ASSERT_EQ(before.exitCode, 0) << before.err.toStdString();
    const ProcessResult after = run(
        small + QStringList {QStringLiteral("--repeat"), QStringLiteral("3"), QStringLiteral("--baseline"), json});
    ASSERT_TRUE(after.finished);
    ASSERT_EQ(after.exitCode, 0) << after.err.toStdString();
    EXPECT_TRUE(after.out.contains(QStringLiteral("comparison with the baseline ") + json)) << after.out.toStdString();
    // Both groups compared; three runs this time are too few for the test, and it says so.
    const QRegularExpression row(
        QStringLiteral("^  1  14,12 +(serial|pool) .* too few samples$"), QRegularExpression::MultilineOption);
    EXPECT_EQ(after.out.count(row), 2) << after.out.toStdString();
}

TEST_F(CliProcess, FromJsonPrintsTheTablesOfTheSavedRunAndRunsNothing)
{
    const QString json = work(QStringLiteral("saved.json"));
    const ProcessResult original = run({QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("20,18"),
        QStringLiteral("--strategies"), QStringLiteral("serial,pool,mapped"), QStringLiteral("--repeat"),
        QStringLiteral("5"), QStringLiteral("--quiet"), QStringLiteral("--json"), json});
    ASSERT_EQ(original.exitCode, 0) << original.err.toStdString();
    const QString trace = work(QStringLiteral("trace.json"));
    const ProcessResult shown = run({QStringLiteral("--from-json"), json, QStringLiteral("--trace"), trace});
    ASSERT_TRUE(shown.finished);
    ASSERT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    // The same table, recomputed from the saved runs, after a line naming the file.
    EXPECT_TRUE(shown.out.startsWith(json + QStringLiteral(": calcprof "))) << shown.out.toStdString();
    EXPECT_TRUE(shown.out.endsWith(original.out)) << shown.out.toStdString() << "\n---\n" << original.out.toStdString();
    EXPECT_FALSE(parseObject(readFile(trace)).value(QStringLiteral("traceEvents")).toArray().isEmpty());
}

TEST_F(CliProcess, ReportIsWrittenAfterAHeadlessRunAndFromItsSavedJsonWithoutADisplay)
{
    const QString json = work(QStringLiteral("saved.json"));
    const QString html = work(QStringLiteral("report.html"));
    const QString csvDir = makeFolder(QStringLiteral("csv"));
    // No display, no platform named: calcprof draws the figures off screen by itself.
    const QStringList noDisplay {
        QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"), QStringLiteral("QT_QPA_PLATFORM")};
    const ProcessResult ran = run(kSmallRun
            + QStringList {QStringLiteral("--quiet"), QStringLiteral("--csv-mode"), QStringLiteral("parallel"),
                QStringLiteral("--csv-dir"), csvDir, QStringLiteral("--header-bytes"), QStringLiteral("1K"),
                QStringLiteral("--footer-bytes"), QStringLiteral("1K"), QStringLiteral("--json"), json,
                QStringLiteral("--report"), html},
        noDisplay);
    ASSERT_TRUE(ran.finished);
    ASSERT_EQ(ran.exitCode, 0) << ran.err.toStdString();
    EXPECT_TRUE(ran.out.contains(QStringLiteral("raw sequential write: "))) << ran.out.toStdString();
    EXPECT_TRUE(ran.out.contains(QStringLiteral("report: ") + html)) << ran.out.toStdString();
    EXPECT_TRUE(readFile(html).startsWith("<!DOCTYPE html>"));
    const QJsonObject raw
        = parseObject(readFile(json)).value(QStringLiteral("raw_writes")).toArray().first().toObject();
    EXPECT_GT(raw.value(QStringLiteral("mb_per_second")).toDouble(), 0.0);
    EXPECT_EQ(everythingIn(csvDir), QStringList()); // the stage's files and the raw write's are gone

    const QString markdown = work(QStringLiteral("again.md"));
    const ProcessResult shown
        = run({QStringLiteral("--from-json"), json, QStringLiteral("--report"), markdown}, noDisplay);
    ASSERT_TRUE(shown.finished);
    ASSERT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    EXPECT_FALSE(shown.out.contains(QStringLiteral("raw sequential write"))); // nothing ran
    EXPECT_TRUE(readFile(markdown).startsWith("# "));
}

TEST_F(CliProcess, AReportWithABadNameOrFolderExitsTwoBeforeRunningAnything)
{
    for (const QString& report : {work(QStringLiteral("report.txt")), work(QStringLiteral("missing/report.html"))}) {
        const ProcessResult result = run(kSmallRun + QStringList {QStringLiteral("--report"), report});
        ASSERT_TRUE(result.finished);
        EXPECT_EQ(result.exitCode, 2);
        EXPECT_TRUE(result.err.startsWith(QStringLiteral("calcprof: --report: "))) << result.err.toStdString();
        EXPECT_TRUE(result.out.isEmpty()) << result.out.toStdString(); // nothing ran
    }
    EXPECT_EQ(everythingIn(m_work.path()), QStringList());
}

// --- outputs: one file each, a full disk, special files (issue 20, defects 4, 5, 7) ---------------------

TEST_F(CliProcess, TwoOutputsOnOneFileExitTwoBeforeRunningAnything)
{
    const QString html = work(QStringLiteral("o.html"));

    const ProcessResult result = run(kSmallRun
        + QStringList {QStringLiteral("--json"), html, QStringLiteral("--report"), work(QStringLiteral("./o.html"))});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("--json and --report both write "))) << result.err.toStdString();
    EXPECT_TRUE(result.out.isEmpty()) << result.out.toStdString(); // nothing ran
    EXPECT_EQ(everythingIn(m_work.path()), QStringList());
}

// The page was cut at the disk's end and renamed over the good report, exit 0.
TEST_F(CliProcess, AFullDiskExitsOneNamingTheReasonAndKeepsTheOldFiles)
{
    const calcprof::test::SmallDisk disk;
    if (disk.path().isEmpty())
        CALCPROF_SKIP_PROOF() << disk.error().toStdString();
    const QString json = disk.filePath(QStringLiteral("results.json"));
    const QString html = disk.filePath(QStringLiteral("report.html"));
    for (const QString& path : {json, html}) {
        QFile old(path);
        ASSERT_TRUE(old.open(QIODevice::WriteOnly) && old.write("old") == 3);
    }
    ASSERT_TRUE(disk.fillLeaving(2 * 4096));

    const ProcessResult result = run(kSmallRun
        + QStringList {QStringLiteral("--quiet"), QStringLiteral("--json"), json, QStringLiteral("--report"), html});

    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 1) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("cannot write JSON to %1: no space left on device").arg(json)))
        << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("cannot write the report to %1: no space left on device").arg(html)))
        << result.err.toStdString();
    EXPECT_EQ(readFile(json), QByteArray("old"));
    EXPECT_EQ(readFile(html), QByteArray("old"));
    EXPECT_EQ(everythingIn(disk.path()).size(), 3); // and the filler: no temporary file
}

// --json onto /dev/full or a FIFO replaced the node with a regular file, exit 0. Nodes the test makes
// itself (mknod as root, mkfifo) stand for the real ones.
TEST_F(CliProcess, SpecialOutputFilesAreWrittenInPlaceOrRefusedNeverReplaced)
{
    const QString null = work(QStringLiteral("null"));
    const QString full = work(QStringLiteral("full"));
    const QString disk = work(QStringLiteral("disk"));
    const QString fifo = work(QStringLiteral("fifo"));
    if (::mknod(QFile::encodeName(null).constData(), S_IFCHR | 0666, makedev(1, 3)) != 0
        || ::mknod(QFile::encodeName(full).constData(), S_IFCHR | 0666, makedev(1, 7)) != 0
        || ::mknod(QFile::encodeName(disk).constData(), S_IFBLK | 0600, makedev(7, 7)) != 0)
        CALCPROF_SKIP_PROOF() << "cannot make device nodes (" << std::strerror(errno)
                              << "): this test needs root, as in CI";
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const auto kindOf = [](const QString& path) {
        struct stat status
        { };
        return ::lstat(QFile::encodeName(path).constData(), &status) == 0 ? status.st_mode & S_IFMT : 0;
    };

    const ProcessResult toNull = run(kSmallRun
        + QStringList {QStringLiteral("--quiet"), QStringLiteral("--json"), null, QStringLiteral("--trace"), null});
    EXPECT_EQ(toNull.exitCode, 0) << toNull.err.toStdString(); // two outputs into /dev/null lose nothing
    const ProcessResult toFull
        = run(kSmallRun + QStringList {QStringLiteral("--quiet"), QStringLiteral("--json"), full});
    EXPECT_EQ(toFull.exitCode, 1);
    EXPECT_TRUE(toFull.err.contains(QStringLiteral("cannot write JSON to %1: no space left on device").arg(full)))
        << toFull.err.toStdString();
    const ProcessResult toFifo
        = run(kSmallRun + QStringList {QStringLiteral("--quiet"), QStringLiteral("--trace"), fifo});
    ASSERT_TRUE(toFifo.finished); // no reader: an error, not a hang
    EXPECT_EQ(toFifo.exitCode, 1);
    EXPECT_TRUE(toFifo.err.contains(QStringLiteral("no program is reading the FIFO"))) << toFifo.err.toStdString();
    const ProcessResult toDisk = run(kSmallRun + QStringList {QStringLiteral("--json"), disk});
    EXPECT_EQ(toDisk.exitCode, 2);
    EXPECT_TRUE(toDisk.err.contains(QStringLiteral("it is a block device"))) << toDisk.err.toStdString();
    EXPECT_TRUE(toDisk.out.isEmpty()) << toDisk.out.toStdString(); // refused before anything ran

    EXPECT_EQ(kindOf(null), static_cast<mode_t>(S_IFCHR));
    EXPECT_EQ(kindOf(full), static_cast<mode_t>(S_IFCHR));
    EXPECT_EQ(kindOf(disk), static_cast<mode_t>(S_IFBLK));
    EXPECT_EQ(kindOf(fifo), static_cast<mode_t>(S_IFIFO));
    EXPECT_EQ(sorted(everythingIn(m_work.path())),
        (QStringList {QStringLiteral("disk"), QStringLiteral("fifo"), QStringLiteral("full"), QStringLiteral("null")}));
}

TEST_F(CliProcess, FromJsonRefusesWorkloadOptionsAndBadFiles)
{
    const QString missing = work(QStringLiteral("missing.json"));
    const ProcessResult absent = run({QStringLiteral("--from-json"), missing});
    EXPECT_EQ(absent.exitCode, 2);
    EXPECT_TRUE(absent.err.contains(QStringLiteral("--from-json: ") + missing + QStringLiteral(": no such file")))
        << absent.err.toStdString();
    const ProcessResult mixed
        = run({QStringLiteral("--from-json"), missing, QStringLiteral("--sets"), QStringLiteral("3")});
    EXPECT_EQ(mixed.exitCode, 2);
    EXPECT_TRUE(mixed.err.contains(QStringLiteral("runs nothing"))) << mixed.err.toStdString();
    EXPECT_TRUE(mixed.out.isEmpty());
}

TEST_F(CliProcess, ABadBaselineExitsTwoAndRunsNothing)
{
    const QString bad = work(QStringLiteral("bad.json"));
    QFile file(bad);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"tool\": \"calcprof\", \"version\": ");
    file.close();
    const QString json = work(QStringLiteral("out.json"));
    const ProcessResult result
        = run({QStringLiteral("--headless"), QStringLiteral("--baseline"), bad, QStringLiteral("--json"), json});
    ASSERT_TRUE(result.finished);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("--baseline: ") + bad)) << result.err.toStdString();
    EXPECT_TRUE(result.out.isEmpty()) << result.out.toStdString();
    EXPECT_FALSE(QFileInfo::exists(json));
}

TEST_F(CliProcess, JsonFileHoldsEveryRunWithCorrectValues)
{
    const QString json = work(QStringLiteral("out.json"));

    const ProcessResult result
        = run(kSmallRun + QStringList {QStringLiteral("--quiet"), QStringLiteral("--json"), json});

    ASSERT_TRUE(result.finished);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonObject written = parseObject(readFile(json));
    EXPECT_EQ(written.value(QStringLiteral("tool")).toString(), QStringLiteral("calcprof"));
    EXPECT_EQ(written.value(QStringLiteral("version")).toString(), QStringLiteral(CALCPROF_VERSION));
    const QJsonObject environment = written.value(QStringLiteral("environment")).toObject();
    for (const char* key : {"cores", "cpu", "compiler", "build_type", "os"})
        EXPECT_TRUE(environment.contains(QLatin1StringView(key))) << key;
    EXPECT_TRUE(written.value(QStringLiteral("csv")).isArray());
    EXPECT_TRUE(written.value(QStringLiteral("csv")).toArray().isEmpty()); // --csv-mode none

    const QJsonArray runs = written.value(QStringLiteral("runs")).toArray();
    ASSERT_EQ(runs.size(), 2 * calcprof::ExperimentPlan {}.strategies.size()); // 2 sets x every default strategy
    int runsOfSetTwo = 0;
    for (const auto& value : runs) {
        const QJsonObject runObject = value.toObject();
        const QString strategy = runObject.value(QStringLiteral("strategy")).toString();
        EXPECT_TRUE(runObject.value(QStringLiteral("matches_serial")).toBool()) << strategy.toStdString();
        if (runObject.value(QStringLiteral("set_index")).toInteger() != 2)
            continue;
        ++runsOfSetTwo;
        EXPECT_EQ(runObject.value(QStringLiteral("numbers")).toArray(), QJsonArray({7}));
        const QJsonArray tasks = runObject.value(QStringLiteral("tasks")).toArray();
        ASSERT_EQ(tasks.size(), 1) << strategy.toStdString();
        const QJsonObject task = tasks.at(0).toObject();
        EXPECT_EQ(task.value(QStringLiteral("n")).toInteger(), 7);
        EXPECT_EQ(task.value(QStringLiteral("values")).toArray(), QJsonArray({1, 1, 2, 3, 5, 8, 13}))
            << strategy.toStdString();
    }
    EXPECT_EQ(runsOfSetTwo, calcprof::ExperimentPlan {}.strategies.size());
    EXPECT_EQ(everythingIn(m_work.path()), QStringList({QStringLiteral("out.json")}));
}

// --- CSV -------------------------------------------------------------------------------------------------

TEST_F(CliProcess, CsvPoolModeWithKeepFilesWritesExactFiles)
{
    const QString csvDir = makeFolder(QStringLiteral("csv"));

    const ProcessResult result = run(kSmallRun
        + QStringList {QStringLiteral("--strategies"), QStringLiteral("serial"), QStringLiteral("--csv-mode"),
            QStringLiteral("pool"), QStringLiteral("--csv-dir"), csvDir, QStringLiteral("--header-bytes"),
            QStringLiteral("10"), QStringLiteral("--footer-bytes"), QStringLiteral("10"),
            QStringLiteral("--keep-files")});

    ASSERT_TRUE(result.finished);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    // Set 1 is 5,6: the values 1,1,2,3,5 then 1,1,2,3,5,8.
    ASSERT_EQ(sorted(everythingIn(csvDir)), resultFileNames(11));
    const std::vector<const char*> values {"1", "1", "2", "3", "5", "1", "1", "2", "3", "5", "8"};
    for (std::size_t position = 0; position < values.size(); ++position) {
        const QString name = QStringLiteral("res%1.txt").arg(position + 1);
        EXPECT_EQ(readFile(QDir(csvDir).filePath(name)), row(values[position])) << name.toStdString();
    }
    EXPECT_TRUE(result.out.contains(QStringLiteral("csv mode"))) << result.out.toStdString(); // the CSV table
}

TEST_F(CliProcess, CsvWithoutKeepFilesLeavesTheFolderEmpty)
{
    const QString csvDir = makeFolder(QStringLiteral("csv"));

    const ProcessResult result = run(kSmallRun
        + QStringList {QStringLiteral("--strategies"), QStringLiteral("serial"), QStringLiteral("--csv-mode"),
            QStringLiteral("parallel"), QStringLiteral("--csv-dir"), csvDir, QStringLiteral("--header-bytes"),
            QStringLiteral("10"), QStringLiteral("--footer-bytes"), QStringLiteral("10")});

    ASSERT_TRUE(result.finished);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(QFileInfo(csvDir).isDir());
    EXPECT_EQ(everythingIn(csvDir), QStringList());
}

TEST_F(CliProcess, CsvInTheDefaultFolderLeavesNothingBehind)
{
    const ProcessResult result = run(kSmallRun
        + QStringList {QStringLiteral("--strategies"), QStringLiteral("serial"), QStringLiteral("--csv-mode"),
            QStringLiteral("serial"), QStringLiteral("--header-bytes"), QStringLiteral("10"),
            QStringLiteral("--footer-bytes"), QStringLiteral("10")});

    ASSERT_TRUE(result.finished);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(everythingIn(m_temp.path()), QStringList()); // the fresh folder went with the files
}

// --- interrupt -------------------------------------------------------------------------------------------

TEST_F(CliProcess, SigintStopsALongRunWithExitCode130)
{
    QProcess process;
    // Task 45 takes seconds (about 2.3 G naive calls); it is stopped long before it ends.
    start(process,
        {QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("45"), QStringLiteral("--strategies"),
            QStringLiteral("serial")});
    ASSERT_TRUE(process.waitForStarted(kTimeoutMs));
    // The first line is printed once the run has started, after the Ctrl-C handler is installed.
    ASSERT_TRUE(process.waitForReadyRead(kTimeoutMs)) << "no output from calcprof";
    QThread::msleep(300);

    ASSERT_EQ(::kill(static_cast<pid_t>(process.processId()), SIGINT), 0);
    const bool finished = process.waitForFinished(kTimeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }

    ASSERT_TRUE(finished) << "calcprof ignored SIGINT";
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 130);
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    EXPECT_TRUE(err.contains(QStringLiteral("interrupted"))) << err.toStdString();
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    EXPECT_FALSE(out.contains(QStringLiteral("Ran 'serial'"))) << out.toStdString(); // the cut run is not reported
}

// --- signals mid CSV stage, two instances on one folder (issue 20) ---------------------------------------

namespace {

// Set 1 of the original (43 files), 8 MB each: a serial stage long enough to be caught mid-file.
QStringList csvStageRun(const QString& csvDir)
{
    return {QStringLiteral("--sets"), QStringLiteral("10,12,5,7,4,3,2"), QStringLiteral("--strategies"),
        QStringLiteral("serial"), QStringLiteral("--repeat"), QStringLiteral("1"), QStringLiteral("--warmup"),
        QStringLiteral("0"), QStringLiteral("--csv-mode"), QStringLiteral("serial"), QStringLiteral("--csv-dir"),
        csvDir, QStringLiteral("--header-bytes"), QStringLiteral("4000000"), QStringLiteral("--footer-bytes"),
        QStringLiteral("0")};
}

// Waits until a CSV file is being written in `directory` (a temporary .partial file is there) while
// `process` runs; whether one was seen.
bool waitForAFileMidWrite(const QString& directory, const QProcess& process)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMs);
    while (std::chrono::steady_clock::now() < deadline && process.state() != QProcess::NotRunning) {
        for (const QString& name : everythingIn(directory)) {
            if (name.endsWith(QStringLiteral(".partial")))
                return true;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return false;
}

// Sends `signal` to `process` mid CSV stage and waits for it to end: its exit code, -1 if it was
// ended by a signal (or not at all).
int signalMidCsvStage(QProcess& process, const QString& csvDir, int signal)
{
    if (!process.waitForStarted(kTimeoutMs) || !waitForAFileMidWrite(csvDir, process)) {
        ADD_FAILURE() << "calcprof never wrote a CSV file: " << process.readAllStandardError().toStdString();
        return -1;
    }
    EXPECT_EQ(::kill(static_cast<pid_t>(process.processId()), signal), 0);
    const bool finished = process.waitForFinished(kTimeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    return finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace

// SIGHUP (the terminal or ssh session closed) and SIGQUIT (Ctrl-\) end calcprof like SIGTERM: the
// stage cancels, its temporary and finished files go, and the exit code says interrupted.
TEST_F(CliProcess, SighupOrSigquitMidCsvStageLeavesNoFileAndExits130)
{
    for (const int signal : {SIGHUP, SIGQUIT}) {
        const QString csvDir = makeFolder(QStringLiteral("csv-%1").arg(signal));
        QProcess process;
        start(process, QStringList {QStringLiteral("--headless"), QStringLiteral("--quiet")} + csvStageRun(csvDir));

        EXPECT_EQ(signalMidCsvStage(process, csvDir, signal), calcprof::kExitInterrupted) << "signal " << signal;
        EXPECT_EQ(everythingIn(csvDir), QStringList()) << "signal " << signal;
    }
}

// The window, scripted and off screen, given SIGHUP mid stage: it cancels as its Cancel button does
// (the stage removes its files), closes and exits 130; SIGTERM the same.
TEST_F(CliProcess, ASignalMidCsvStageClosesTheWindowCleanlyWith130)
{
    for (const int signal : {SIGHUP, SIGTERM}) {
        const QString csvDir = makeFolder(QStringLiteral("csv-%1").arg(signal));
        QProcess process; // off screen: QT_QPA_PLATFORM is passed on (the tests run with it)
        start(process, csvStageRun(csvDir) + QStringList {QStringLiteral("--run"), QStringLiteral("--quit")});

        EXPECT_EQ(signalMidCsvStage(process, csvDir, signal), calcprof::kExitInterrupted) << "signal " << signal;
        EXPECT_EQ(everythingIn(csvDir), QStringList()) << "signal " << signal;
    }
}

// Two calcprof given one --csv-dir: the second is refused at once (exit 2) with the first one's pid,
// instead of both writing res*.txt there and keeping each other's files; the lock dies with its
// process, even killed by SIGKILL, so a third is not refused by a stale lock.
TEST_F(CliProcess, ASecondCalcprofOnTheSameCsvFolderIsRefusedNamingTheFirstsPid)
{
    const QString csvDir = makeFolder(QStringLiteral("csv"));
    const QStringList small {QStringLiteral("--headless"), QStringLiteral("--quiet"), QStringLiteral("--sets"),
        QStringLiteral("5,6"), QStringLiteral("--strategies"), QStringLiteral("serial"), QStringLiteral("--repeat"),
        QStringLiteral("1"), QStringLiteral("--csv-mode"), QStringLiteral("serial"), QStringLiteral("--csv-dir"),
        csvDir, QStringLiteral("--header-bytes"), QStringLiteral("10"), QStringLiteral("--footer-bytes"),
        QStringLiteral("10")};
    QProcess first;
    // Task 45 takes seconds: the first holds the folder from its start, long before its CSV stage.
    start(first,
        {QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("45;45"),
            QStringLiteral("--strategies"), QStringLiteral("serial"), QStringLiteral("--csv-mode"),
            QStringLiteral("serial"), QStringLiteral("--csv-dir"), csvDir, QStringLiteral("--header-bytes"),
            QStringLiteral("10"), QStringLiteral("--footer-bytes"), QStringLiteral("10")});
    ASSERT_TRUE(first.waitForStarted(kTimeoutMs));
    ASSERT_TRUE(first.waitForReadyRead(kTimeoutMs)) << "no output from the first calcprof";
    const qint64 firstPid = first.processId();

    const ProcessResult second = run(small);

    EXPECT_EQ(second.exitCode, calcprof::kExitBadInput) << second.err.toStdString();
    EXPECT_TRUE(second.err.contains(QStringLiteral("in use by another calcprof (pid %1)").arg(firstPid)))
        << second.err.toStdString();
    EXPECT_EQ(everythingIn(csvDir), QStringList());

    ASSERT_EQ(::kill(static_cast<pid_t>(firstPid), SIGKILL), 0);
    ASSERT_TRUE(first.waitForFinished(kTimeoutMs));
    const ProcessResult third = run(small);
    EXPECT_EQ(third.exitCode, 0) << third.err.toStdString();
}

// Ctrl-C after the runs: --from-json with --report spends seconds drawing a large run's figures once
// the tables are printed. It is honoured there: exit 130, and no report nor any temporary file.
TEST_F(CliProcess, SigintWhileASavedRunsReportIsDrawnExits130AndWritesNoFile)
{
    // 16 sets of 32 small numbers, three strategies at four pool sizes: a report of many figures.
    QStringList sets;
    for (int set = 0; set < 16; ++set) {
        QStringList numbers;
        for (int index = 0; index < 32; ++index)
            numbers << QString::number((set + index) % 16);
        sets << numbers.join(u',');
    }
    const QString saved = work(QStringLiteral("saved.json"));
    const ProcessResult measured
        = run({QStringLiteral("--headless"), QStringLiteral("--quiet"), QStringLiteral("--sets"), sets.join(u';'),
            QStringLiteral("--strategies"), QStringLiteral("serial,pool,threads"), QStringLiteral("--pool-size"),
            QStringLiteral("1,2,3,4"), QStringLiteral("--repeat"), QStringLiteral("3"), QStringLiteral("--warmup"),
            QStringLiteral("0"), QStringLiteral("--json"), saved});
    ASSERT_EQ(measured.exitCode, 0) << measured.err.toStdString();
    const QString report = work(QStringLiteral("report.html"));

    QProcess process;
    start(process, {QStringLiteral("--from-json"), saved, QStringLiteral("--report"), report});
    ASSERT_TRUE(process.waitForStarted(kTimeoutMs));
    // The tables are printed (and flushed) first; then the figures are drawn.
    ASSERT_TRUE(process.waitForReadyRead(kTimeoutMs)) << "no output from calcprof";
    ASSERT_EQ(::kill(static_cast<pid_t>(process.processId()), SIGINT), 0);
    const bool finished = process.waitForFinished(kTimeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }

    ASSERT_TRUE(finished);
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit); // not ended by the signal itself
    EXPECT_EQ(process.exitCode(), calcprof::kExitInterrupted);
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    EXPECT_TRUE(err.contains(QStringLiteral("calcprof: interrupted; not written: %1").arg(report)))
        << err.toStdString();
    EXPECT_EQ(everythingIn(m_work.path()), QStringList {QStringLiteral("saved.json")}); // no report, no temporary
}

// --- worker processes (the processes strategy) never outlive calcprof ---------------------------------

namespace {

// While it lives, this test process adopts the orphans of its descendants (PR_SET_CHILD_SUBREAPER):
// a worker that outlived calcprof becomes our child, so the test can see it, and reap it.
class AdoptOrphans
{
public:
    AdoptOrphans() { EXPECT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0); }
    ~AdoptOrphans() { ::prctl(PR_SET_CHILD_SUBREAPER, 0); }
    Q_DISABLE_COPY_MOVE(AdoptOrphans)
};

// Reaps `pid` if it is (or becomes, within `limit`) a dead child of this process; its wait status, or
// -1 if it is still running then (it is killed and reaped, so nothing is left either way).
int reapAdopted(pid_t pid, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        const pid_t reaped = ::waitpid(pid, &status, WNOHANG);
        if (reaped == pid)
            return status;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return -1;
}

const QStringList kLongProcessesRun {QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("46,46"),
    QStringLiteral("--strategies"), QStringLiteral("processes"), QStringLiteral("--warmup"), QStringLiteral("0")};

} // namespace

TEST_F(CliProcess, AKilledCalcprofLeavesNoWorkerProcessBehind)
{
    const AdoptOrphans adopt;
    QProcess process;
    start(process, kLongProcessesRun);
    ASSERT_TRUE(process.waitForStarted(kTimeoutMs));
    const auto calcprof = static_cast<pid_t>(process.processId());
    const auto workers = waitForWorkers(calcprof, 2);
    ASSERT_EQ(workers.size(), 2U) << describe(childrenOf(calcprof));
    QThread::msleep(200); // both compute task 46 now

    // SIGKILL: calcprof gets no chance to clean up; the kernel must end its workers.
    ASSERT_EQ(::kill(calcprof, SIGKILL), 0);
    ASSERT_TRUE(process.waitForFinished(kTimeoutMs));
    for (const auto& worker : workers) {
        // Adopted by this process when calcprof died; it must die at once: of the SIGKILL it asked
        // the kernel for, or (a worker so slow to start that calcprof died before it could ask)
        // with status 4 on finding its parent gone.
        const int status = reapAdopted(worker.pid, std::chrono::seconds(5));
        ASSERT_NE(status, -1) << "worker " << worker.pid << " outlived calcprof by 5 s";
        const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        const bool foundItsParentGone = WIFEXITED(status) && WEXITSTATUS(status) == 4;
        EXPECT_TRUE(killed || foundItsParentGone) << "wait status " << status;
    }
}

TEST_F(CliProcess, CtrlCDuringAProcessesRunLeavesNoWorkerProcess)
{
    const AdoptOrphans adopt;
    QProcess process;
    start(process, kLongProcessesRun);
    ASSERT_TRUE(process.waitForStarted(kTimeoutMs));
    const auto calcprof = static_cast<pid_t>(process.processId());
    const auto workers = waitForWorkers(calcprof, 2);
    ASSERT_EQ(workers.size(), 2U) << describe(childrenOf(calcprof));
    QThread::msleep(200); // both compute task 46 now

    ASSERT_EQ(::kill(calcprof, SIGINT), 0);
    const bool finished = process.waitForFinished(kTimeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    ASSERT_TRUE(finished) << "calcprof ignored SIGINT";
    EXPECT_EQ(process.exitCode(), 130);
    for (const auto& worker : workers) {
        // calcprof killed and reaped it before exiting: it exists nowhere, not even as a zombie
        // adopted by this process.
        errno = 0;
        EXPECT_EQ(::kill(worker.pid, 0), -1) << "worker " << worker.pid << " is still there";
        EXPECT_EQ(errno, ESRCH);
    }
    // Should one have been left, it is this process's child now: end it so nothing lingers.
    for (const auto& orphan : childrenOf(::getpid())) {
        if (orphan.command == "calcprof-worker")
            reapAdopted(orphan.pid, std::chrono::milliseconds(0));
    }
}

namespace {

// A run long enough to interrupt, of `sets`: each test uses its own, which its ranks' command lines
// name, so that tests running beside each other never count one another's ranks.
QStringList longMpiRun(const QString& sets)
{
    return {QStringLiteral("--headless"), QStringLiteral("--sets"), sets, QStringLiteral("--strategies"),
        QStringLiteral("mpi"), QStringLiteral("--warmup"), QStringLiteral("0")};
}

// The ranks of a run of `sets` still alive (a zombie has no command line, and is not listed).
int mpiRanksAlive(const QString& sets)
{
    const QByteArray marker = "--numbers " + sets.toLatin1();
    int alive = 0;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile file(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (file.open(QIODevice::ReadOnly) && file.readAll().replace('\0', ' ').contains(marker))
            ++alive;
    }
    return alive;
}

// calcprof's mpirun once its job runs (its ranks started), or an empty optional after 30 s.
std::optional<calcprof::test::ChildProcess> waitForMpirun(pid_t calcprof, const QString& sets)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        for (const auto& child : childrenOf(calcprof)) {
            if (child.command == "mpirun" && mpiRanksAlive(sets) >= 3)
                return child;
        }
        QThread::msleep(50);
    }
    return std::nullopt;
}

} // namespace

TEST_F(CliProcess, AKilledCalcprofLeavesNoMpiJobBehind)
{
    if (!calcprof::availableStrategyIds(calcprof::builtinStrategies()).contains(QStringLiteral("mpi")))
        CALCPROF_SKIP_PROOF() << "Open MPI is not installed here";
    const QString sets = QStringLiteral("46,45");
    const AdoptOrphans adopt;
    QProcess process;
    start(process, longMpiRun(sets));
    ASSERT_TRUE(process.waitForStarted(kTimeoutMs));
    const auto calcprof = static_cast<pid_t>(process.processId());
    const auto mpirun = waitForMpirun(calcprof, sets);
    ASSERT_TRUE(mpirun.has_value()) << describe(childrenOf(calcprof));
    // SIGKILL: calcprof cleans nothing up; mpirun's parent-death signal (SIGTERM) must end the job.
    ASSERT_EQ(::kill(calcprof, SIGKILL), 0);
    ASSERT_TRUE(process.waitForFinished(kTimeoutMs));
    EXPECT_NE(reapAdopted(mpirun->pid, std::chrono::seconds(5)), -1) << "mpirun outlived calcprof by 5 s";
    EXPECT_EQ(mpiRanksAlive(sets), 0);
    for (const auto& orphan : childrenOf(::getpid()))
        reapAdopted(orphan.pid, std::chrono::milliseconds(0));
}

TEST_F(CliProcess, CtrlCDuringAnMpiRunEndsTheJobWithinASecond)
{
    if (!calcprof::availableStrategyIds(calcprof::builtinStrategies()).contains(QStringLiteral("mpi")))
        CALCPROF_SKIP_PROOF() << "Open MPI is not installed here";
    const QString sets = QStringLiteral("46,44");
    QProcess process;
    start(process, longMpiRun(sets));
    ASSERT_TRUE(process.waitForStarted(kTimeoutMs));
    const auto calcprof = static_cast<pid_t>(process.processId());
    ASSERT_TRUE(waitForMpirun(calcprof, sets).has_value()) << describe(childrenOf(calcprof));
    ASSERT_EQ(::kill(calcprof, SIGINT), 0);
    const auto interrupted = std::chrono::steady_clock::now();
    ASSERT_TRUE(process.waitForFinished(kTimeoutMs));
    EXPECT_LT(std::chrono::steady_clock::now() - interrupted, std::chrono::seconds(1));
    EXPECT_EQ(process.exitCode(), 130);
    EXPECT_EQ(mpiRanksAlive(sets), 0);
}

// --- files that are not what they seem (issue 20) ------------------------------------------------------

namespace {

/// The limit the tests of hostile inputs run calcprof under: a reader that waits on a FIFO or reads
/// an endless device would exceed it, and the suite goes on.
constexpr int kHostileInputTimeoutMs = 10'000;

/// Gives a child at most this much address space, so a read that never ends fails in the child
/// (bad_alloc) instead of taking the machine's memory. Not under a sanitizer: its shadow memory
/// alone is terabytes of address space.
void limitAddressSpace()
{
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    constexpr rlim_t kAddressSpace = rlim_t {4} << 30;
    const rlimit limit {kAddressSpace, kAddressSpace};
    ::setrlimit(RLIMIT_AS, &limit);
#endif
}

} // namespace

TEST_F(CliProcess, AFifoADeviceOrACraftedTimeIsRefusedAtOnceAsSavedRunBaselineOrHostfile)
{
    // Without the checks, each FIFO case waited for a writer (killed by the timeout, or released by
    // the guard after 5 s), /dev/zero grew until the OOM killer came, and 1e308 crashed the report.
    const calcprof::test::IdleFifo fifo(work(QStringLiteral("fifo")));
    ASSERT_TRUE(fifo.ok());
    const QString json = work(QStringLiteral("saved.json"));
    ASSERT_EQ(run({QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("5"),
                      QStringLiteral("--strategies"), QStringLiteral("serial"), QStringLiteral("--quiet"),
                      QStringLiteral("--json"), json})
                  .exitCode,
        0);
    QJsonObject saved = parseObject(readFile(json));
    QJsonArray runs = saved.value(QStringLiteral("runs")).toArray();
    QJsonObject first = runs.at(0).toObject();
    first.insert(QStringLiteral("wall_seconds"), 1e308);
    runs.replace(0, first);
    saved.insert(QStringLiteral("runs"), runs);
    const QString crafted = work(QStringLiteral("crafted.json"));
    QFile craftedFile(crafted);
    ASSERT_TRUE(craftedFile.open(QIODevice::WriteOnly));
    craftedFile.write(QJsonDocument(saved).toJson());
    craftedFile.close();

    const QString fifoError = fifo.path() + QStringLiteral(": is a FIFO, not a file");
    const QStringList headless {QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("3")};
    const struct
    {
        QStringList arguments;
        QString expected;
    } cases[] = {
        {{QStringLiteral("--from-json"), fifo.path()}, QStringLiteral("--from-json: ") + fifoError},
        {headless + QStringList {QStringLiteral("--baseline"), fifo.path()},
            QStringLiteral("--baseline: ") + fifoError},
        {headless + QStringList {QStringLiteral("--mpi-hostfile"), fifo.path()},
            QStringLiteral("--mpi-hostfile: cannot read ") + fifoError},
        {{QStringLiteral("--from-json"), QStringLiteral("/dev/zero")},
            QStringLiteral("--from-json: /dev/zero: is a character device, not a file")},
        {headless + QStringList {QStringLiteral("--baseline"), QStringLiteral("/dev/urandom")},
            QStringLiteral("--baseline: /dev/urandom: is a character device, not a file")},
        {{QStringLiteral("--from-json"), crafted, QStringLiteral("--report"), work(QStringLiteral("r.html"))},
            QStringLiteral("--from-json: ") + crafted
                + QStringLiteral(": runs[0].wall_seconds: expected a time from 0 to 10000000 seconds, found 1e+308")},
    };
    for (const auto& [arguments, expected] : cases) {
        QProcess process;
        process.setChildProcessModifier(limitAddressSpace);
        start(process, arguments);
        const bool finished = process.waitForStarted(kTimeoutMs) && process.waitForFinished(kHostileInputTimeoutMs);
        if (!finished) {
            process.kill();
            process.waitForFinished();
        }
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        const std::string what = arguments.join(u' ').toStdString();
        EXPECT_TRUE(finished) << what << ": still running after " << kHostileInputTimeoutMs << " ms";
        EXPECT_EQ(process.exitStatus(), QProcess::NormalExit) << what;
        EXPECT_EQ(process.exitCode(), 2) << what << ": " << err.toStdString();
        EXPECT_TRUE(err.contains(expected)) << what << ": " << err.toStdString();
        EXPECT_TRUE(process.readAllStandardOutput().isEmpty()) << what;
    }
    EXPECT_FALSE(fifo.released()) << "a reader opened the FIFO and waited for a writer";
    EXPECT_FALSE(QFileInfo::exists(work(QStringLiteral("r.html"))));
}

// --- --script: the user's own program ---------------------------------------------------------

namespace calcprof {
namespace {

const char* const kStudentScript = R"(import sys, time
def time_me(function):
    def timed(*args):
        start = time.time()
        result = function(*args)
        print("Ran '%s' in %.4f secs" % (function.__name__, time.time() - start))
        return result
    return timed
def fibo(n):
    return 1 if n <= 1 else fibo(n - 1) + fibo(n - 2)
@time_me
def do_serial(numbers):
    return [fibo(n) for n in numbers]
print("args", sys.argv[1:])
do_serial([18, 19])
do_serial([20])
)";

QString writeScript(const QString& path, const QByteArray& body)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(body);
    return path;
}

} // namespace

TEST_F(CliProcess, AScriptRunsAloneWithItsArgumentsAndItsTimingsReachTheJsonAndComeBack)
{
    const QString script = writeScript(work(QStringLiteral("student.py")), kStudentScript);
    const QString json = work(QStringLiteral("script.json"));

    const ProcessResult result = run({QStringLiteral("--headless"), QStringLiteral("--script"), script,
        QStringLiteral("--json"), json, QStringLiteral("--"), QStringLiteral("one"), QStringLiteral("--two")});

    ASSERT_TRUE(result.finished);
    if (result.exitCode == 2 && result.err.contains(QStringLiteral("python3 was not found on PATH")))
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString() << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(QStringLiteral("  | args ['one', '--two']\n"))) << result.out.toStdString();
    EXPECT_FALSE(result.out.contains(QStringLiteral("Ran 'serial'"))) << "the script runs alone";
    EXPECT_TRUE(result.out.contains(QStringLiteral("your program: student.py one --two"))) << result.out.toStdString();
    QFile file(json);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject saved = parseObject(file.readAll()).value(QStringLiteral("script")).toObject();
    EXPECT_EQ(saved.value(QStringLiteral("exit_status")).toInt(-1), 0);
    const QJsonArray timings = saved.value(QStringLiteral("timings")).toArray();
    ASSERT_EQ(timings.size(), 2);
    EXPECT_EQ(timings[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("do_serial"));
    EXPECT_GE(saved.value(QStringLiteral("processes")).toInt(), 1);
    // Read back, the tables say the same about it, to the character.
    const ProcessResult again = run({QStringLiteral("--headless"), QStringLiteral("--from-json"), json});
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    const QString block = result.out.mid(result.out.indexOf(QStringLiteral("your program:")));
    EXPECT_EQ(again.out.mid(again.out.indexOf(QStringLiteral("your program:"))), block);
}

TEST_F(CliProcess, AScriptThatFailsOrLeavesAChildRunningExitsOneAndSaysWhy)
{
    const QString raises = writeScript(work(QStringLiteral("raises.py")), "raise ValueError('bad input')\n");
    const QString leaves = writeScript(work(QStringLiteral("leaves.py")),
        "import subprocess\nsubprocess.Popen(['sleep', '37'])\nprint(\"Ran 'start' in 0.0010 secs\")\n");

    const ProcessResult failed = run({QStringLiteral("--headless"), QStringLiteral("--script"), raises});
    if (failed.exitCode == 2 && failed.err.contains(QStringLiteral("python3 was not found on PATH")))
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    EXPECT_EQ(failed.exitCode, 1);
    EXPECT_TRUE(failed.err.contains(
        QStringLiteral("your script raises.py: the script exited with status 1: ValueError: bad input")))
        << failed.err.toStdString();
    EXPECT_TRUE(failed.out.contains(QStringLiteral("no time_me line"))) << failed.out.toStdString();

    const ProcessResult left = run({QStringLiteral("--headless"), QStringLiteral("--script"), leaves});
    EXPECT_EQ(left.exitCode, 1);
    EXPECT_TRUE(left.err.contains(QStringLiteral("it left 1 process running when it exited, which calcprof ended")))
        << left.err.toStdString();
    EXPECT_TRUE(left.err.contains(QStringLiteral("(sleep 37)"))) << left.err.toStdString();
    EXPECT_TRUE(processesRunning(QStringLiteral("sleep 37")).empty());
}

TEST_F(CliProcess, BadScriptOptionsExitTwoBeforeAnythingRuns)
{
    const QString script = writeScript(work(QStringLiteral("student.py")), "print('ran')\n");
    const QString fifo = work(QStringLiteral("fifo.py"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    std::vector<std::pair<QStringList, QString>> cases {
        {{QStringLiteral("--script"), work(QStringLiteral("missing.py"))},
            QStringLiteral("the script %1 does not exist").arg(work(QStringLiteral("missing.py")))},
        {{QStringLiteral("--script"), fifo}, QStringLiteral("the script %1 is not a regular file").arg(fifo)},
        {{QStringLiteral("--script"), script, QStringLiteral("--script-dir"), work(QStringLiteral("nowhere"))},
            QStringLiteral("the script folder %1 does not exist").arg(work(QStringLiteral("nowhere")))},
        {{QStringLiteral("--script-dir"), work({})}, QStringLiteral("--script-dir is where --script runs")},
        {{QStringLiteral("--"), QStringLiteral("x")}, QStringLiteral("'--' starts the script's arguments")},
        {{QStringLiteral("--script"), script, QStringLiteral("--python"), QStringLiteral("/nonexistent/python3")},
            QStringLiteral("the script cannot run: the Python interpreter /nonexistent/python3 does not exist")},
    };
    const QString busy = work(QStringLiteral("busy"));
    ASSERT_TRUE(QDir().mkpath(busy));
    const test::LockHeldElsewhere otherCalcprof(busy); // another calcprof running its script there
    ASSERT_TRUE(otherCalcprof.locked());
    cases.push_back({{QStringLiteral("--script"), script, QStringLiteral("--script-dir"), busy},
        QStringLiteral("script folder %1 is in use by another calcprof (pid %2)").arg(busy).arg(otherCalcprof.pid())});
    for (const auto& [arguments, message] : cases) {
        const ProcessResult result = run(QStringList {QStringLiteral("--headless")} + arguments);
        EXPECT_EQ(result.exitCode, 2) << arguments.join(u' ').toStdString();
        EXPECT_TRUE(result.err.contains(message)) << result.err.toStdString();
        EXPECT_FALSE(result.out.contains(QStringLiteral("ran"))) << "nothing ran";
    }
}

} // namespace calcprof
