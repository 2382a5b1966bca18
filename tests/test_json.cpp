#include "core/exec/experimentrunner.h"
#include "core/io/outputfile.h"
#include "core/io/resultsjson.h"
#include "core/model/experimentplan.h"
#include "core/model/numbersets.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>

using namespace calcprof;
using calcprof::test::filesIn;
using calcprof::test::readFile;

namespace {

// Sets "3,2;4" with serial and pool, then a serial CSV stage of set 1 (5 files) with tiny rows.
Experiment runSmallExperiment(const QString& csvDirectory)
{
    ExperimentPlan plan;
    plan.sets = parseNumberSets(QStringLiteral("3,2;4")).sets;
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.repeat = 1;
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.directory = csvDirectory;
    plan.csv.row.headerBytes = 4;
    plan.csv.row.footerBytes = 2;
    EXPECT_EQ(validatePlan(plan), QString());
    const std::atomic<bool> stop {false};
    return ExperimentRunner().run(plan, stop);
}

QJsonObject parseObject(const QByteArray& bytes)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    EXPECT_TRUE(document.isObject());
    return document.object();
}

// A JSON number that holds exactly this integer (-1 never is one of ours).
qint64 integerOf(const QJsonValue& value)
{
    return value.isDouble() ? value.toInteger(-1) : -1;
}

QJsonArray integerArray(const std::vector<FiboValue>& values)
{
    QJsonArray array;
    for (const FiboValue value : values)
        array.append(static_cast<qint64>(value));
    return array;
}

class JsonOfASmallRun : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_csvDir.isValid());
        m_experiment = runSmallExperiment(m_csvDir.path());
        m_json = parseObject(toJsonBytes(m_experiment));
    }

    QTemporaryDir m_csvDir;
    Experiment m_experiment;
    QJsonObject m_json;
};

} // namespace

TEST_F(JsonOfASmallRun, NamesTheToolAndVersion)
{
    EXPECT_EQ(m_json.value(QStringLiteral("tool")).toString(), QStringLiteral("calcprof"));
    EXPECT_EQ(m_json.value(QStringLiteral("version")).toString(), QStringLiteral(CALCPROF_VERSION));
}

TEST_F(JsonOfASmallRun, DescribesTheEnvironment)
{
    const QJsonValue environmentValue = m_json.value(QStringLiteral("environment"));
    ASSERT_TRUE(environmentValue.isObject());
    const QJsonObject environment = environmentValue.toObject();
    EXPECT_GE(integerOf(environment.value(QStringLiteral("cores"))), 1);
    for (const QString& key :
        {QStringLiteral("cpu"), QStringLiteral("compiler"), QStringLiteral("build_type"), QStringLiteral("os")}) {
        EXPECT_TRUE(environment.value(key).isString()) << key.toStdString();
        EXPECT_FALSE(environment.value(key).toString().isEmpty()) << key.toStdString();
    }
}

TEST_F(JsonOfASmallRun, ListsRunsInPlanOrderWithResolvedPoolSizes)
{
    const QJsonArray runs = m_json.value(QStringLiteral("runs")).toArray();
    ASSERT_EQ(runs.size(), 4);
    struct Expected
    {
        const char* strategy;
        int setIndex;
        QJsonArray numbers;
        int poolSize;
    };
    const std::vector<Expected> expected {{"serial", 1, {3, 2}, 1}, {"pool", 1, {3, 2}, 2}, // pool auto = 2 tasks
        {"serial", 2, {4}, 1}, {"pool", 2, {4}, 1}};
    for (qsizetype index = 0; index < runs.size(); ++index) {
        const QJsonObject run = runs.at(index).toObject();
        const Expected& want = expected[static_cast<std::size_t>(index)];
        SCOPED_TRACE(::testing::Message() << "run " << index);
        EXPECT_EQ(run.value(QStringLiteral("strategy")).toString(), QString::fromLatin1(want.strategy));
        EXPECT_EQ(integerOf(run.value(QStringLiteral("set_index"))), want.setIndex);
        EXPECT_EQ(run.value(QStringLiteral("numbers")).toArray(), want.numbers);
        EXPECT_EQ(integerOf(run.value(QStringLiteral("pool_size"))), want.poolSize);
        EXPECT_EQ(integerOf(run.value(QStringLiteral("repetition"))), 0);
        EXPECT_TRUE(run.value(QStringLiteral("wall_seconds")).isDouble());
        EXPECT_GE(run.value(QStringLiteral("wall_seconds")).toDouble(-1), 0.0);
        EXPECT_TRUE(run.value(QStringLiteral("cpu_seconds")).isDouble());
        EXPECT_GE(run.value(QStringLiteral("cpu_seconds")).toDouble(-1), 0.0);
        EXPECT_TRUE(run.value(QStringLiteral("matches_serial")).isBool());
        EXPECT_TRUE(run.value(QStringLiteral("matches_serial")).toBool());
        EXPECT_FALSE(run.contains(QStringLiteral("error")));
    }
}

TEST_F(JsonOfASmallRun, TasksCarryTheirExactValuesAndTimings)
{
    const QJsonArray runs = m_json.value(QStringLiteral("runs")).toArray();
    ASSERT_FALSE(runs.isEmpty());
    for (const auto& runValue : runs) {
        const QJsonObject run = runValue.toObject();
        const QJsonArray numbers = run.value(QStringLiteral("numbers")).toArray();
        const QJsonArray tasks = run.value(QStringLiteral("tasks")).toArray();
        const qint64 poolSize = integerOf(run.value(QStringLiteral("pool_size")));
        ASSERT_EQ(tasks.size(), numbers.size());
        for (qsizetype index = 0; index < tasks.size(); ++index) {
            const QJsonObject task = tasks.at(index).toObject();
            const qint64 n = integerOf(task.value(QStringLiteral("n")));
            SCOPED_TRACE(::testing::Message()
                << run.value(QStringLiteral("strategy")).toString().toStdString() << " task " << index << " n=" << n);
            EXPECT_EQ(n, integerOf(numbers.at(index)));
            const QJsonArray values = task.value(QStringLiteral("values")).toArray();
            const std::vector<FiboValue> reference = referenceTaskValues(static_cast<int>(n));
            ASSERT_EQ(values.size(), static_cast<qsizetype>(reference.size()));
            for (qsizetype position = 0; position < values.size(); ++position)
                EXPECT_EQ(
                    integerOf(values.at(position)), static_cast<qint64>(reference[static_cast<std::size_t>(position)]));
            const double start = task.value(QStringLiteral("start_seconds")).toDouble(-1);
            const double end = task.value(QStringLiteral("end_seconds")).toDouble(-1);
            EXPECT_GE(start, 0.0);
            EXPECT_GE(end, start);
            EXPECT_GE(task.value(QStringLiteral("wall_seconds")).toDouble(-1), 0.0);
            const qint64 worker = integerOf(task.value(QStringLiteral("worker")));
            EXPECT_GE(worker, 1);
            EXPECT_LE(worker, poolSize);
        }
    }
    // Written out once, as the contract shows it: n = 3 -> [1, 1, 2].
    const QJsonObject firstTask = runs.at(0).toObject().value(QStringLiteral("tasks")).toArray().at(0).toObject();
    EXPECT_EQ(firstTask.value(QStringLiteral("values")).toArray(), QJsonArray({1, 1, 2}));
}

TEST_F(JsonOfASmallRun, DescribesTheCsvStage)
{
    const QJsonArray csvRuns = m_json.value(QStringLiteral("csv")).toArray();
    ASSERT_EQ(csvRuns.size(), 1);
    const QJsonObject csv = csvRuns.at(0).toObject();
    EXPECT_EQ(csv.value(QStringLiteral("mode")).toString(), QStringLiteral("serial"));
    EXPECT_EQ(integerOf(csv.value(QStringLiteral("set_index"))), 1);
    EXPECT_EQ(integerOf(csv.value(QStringLiteral("files"))), 5); // task 3: 1,1,2; task 2: 1,1
    // Five rows of 4 (header) + 3 (",1," or ",2,") + 2 (footer) + 2 (CRLF) bytes.
    EXPECT_EQ(integerOf(csv.value(QStringLiteral("bytes"))), 55);
    EXPECT_TRUE(csv.value(QStringLiteral("wall_seconds")).isDouble());
    EXPECT_GE(csv.value(QStringLiteral("wall_seconds")).toDouble(-1), 0.0);
    EXPECT_TRUE(csv.value(QStringLiteral("mb_per_s")).isDouble());
    EXPECT_GE(csv.value(QStringLiteral("mb_per_s")).toDouble(-1), 0.0);
    EXPECT_TRUE(csv.value(QStringLiteral("fsync")).isBool());
    EXPECT_FALSE(csv.value(QStringLiteral("fsync")).toBool());
    EXPECT_GT(integerOf(csv.value(QStringLiteral("peak_rss_bytes"))), 0);
    EXPECT_FALSE(csv.contains(QStringLiteral("error")));
}

TEST_F(JsonOfASmallRun, BytesAndObjectAgree)
{
    EXPECT_EQ(m_json, toJson(m_experiment));
}

// The stream writes exactly what the whole-document builder wrote, byte for byte: same keys, same
// values, same order and layout (runs, tasks, the CSV stage and its files, the summary).
TEST_F(JsonOfASmallRun, TheStreamIsByteForByteTheWholeDocument)
{
    const QByteArray whole = QJsonDocument(toJson(m_experiment)).toJson(QJsonDocument::Indented);
    const QByteArray streamed = toJsonBytes(m_experiment);
    ASSERT_FALSE(m_experiment.runs.empty());
    ASSERT_FALSE(m_experiment.csv.empty());
    EXPECT_EQ(streamed, whole);
    EXPECT_EQ(parseObject(streamed), toJson(m_experiment));
}

TEST(Json, LargeValuesStayExactIntegers)
{
    TaskTiming task;
    task.n = 50;
    task.values = referenceTaskValues(50); // built iteratively: running task 50 would take ~25 s
    ASSERT_EQ(task.values.back(), 12586269025ULL);
    task.worker = 1;
    SetRun run;
    run.strategy = QStringLiteral("serial");
    run.setIndex = 1;
    run.numbers = {50};
    run.poolSize = 1;
    run.matchesSerial = true;
    run.tasks = {task};
    Experiment experiment;
    experiment.version = QStringLiteral(CALCPROF_VERSION);
    experiment.runs = {run};

    const QByteArray bytes = toJsonBytes(experiment);

    EXPECT_TRUE(bytes.contains("12586269025")) << "fibo(49) is not written as a plain integer";
    EXPECT_TRUE(bytes.contains("7778742049")); // fibo(48)
    EXPECT_FALSE(bytes.contains("e+")) << "a value was written with an exponent";
    const QJsonObject json = parseObject(bytes);
    const QJsonArray values = json.value(QStringLiteral("runs"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QStringLiteral("tasks"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QStringLiteral("values"))
                                  .toArray();
    EXPECT_EQ(values, integerArray(task.values));
    ASSERT_EQ(values.size(), 50);
    EXPECT_EQ(integerOf(values.at(49)), 12586269025LL);
}

TEST(Json, ACancelledOrFailedRunSaysSo)
{
    SetRun failed;
    failed.strategy = QStringLiteral("pool");
    failed.setIndex = 1;
    failed.numbers = {3};
    failed.error = QStringLiteral("boom");
    Experiment experiment;
    experiment.runs = {failed};
    experiment.cancelled = true;

    const QJsonObject json = parseObject(toJsonBytes(experiment));

    const QJsonObject run = json.value(QStringLiteral("runs")).toArray().at(0).toObject();
    EXPECT_EQ(run.value(QStringLiteral("error")).toString(), QStringLiteral("boom"));
    EXPECT_FALSE(run.value(QStringLiteral("matches_serial")).toBool(true));
    EXPECT_TRUE(json.value(QStringLiteral("cancelled")).toBool(false));
}

TEST(Json, WorkerProcessRunsSayWhatTheirStartUpCostAndWhatCameBack)
{
    SetRun processes;
    processes.strategy = QStringLiteral("processes");
    processes.setIndex = 1;
    processes.numbers = {3, 4};
    processes.workerStartups = {{1, 0.25, 1.5, true}, {2, 0.5, 2.0, false}};
    processes.startupSeconds = 1.25;
    processes.bytesReceived = 117;
    SetRun threads = processes;
    threads.strategy = QStringLiteral("pool");
    threads.workerStartups.clear();
    threads.startupSeconds = 0.0;
    threads.bytesReceived = 0;
    Experiment experiment;
    experiment.runs = {processes, threads};

    const QJsonArray runs = parseObject(toJsonBytes(experiment)).value(QStringLiteral("runs")).toArray();

    const QJsonObject run = runs.at(0).toObject();
    EXPECT_EQ(run.value(QStringLiteral("startup_seconds")).toDouble(), 1.25);
    EXPECT_EQ(integerOf(run.value(QStringLiteral("bytes_received"))), 117);
    const QJsonArray startups = run.value(QStringLiteral("worker_startups")).toArray();
    ASSERT_EQ(startups.size(), 2);
    const QJsonObject first = startups.at(0).toObject();
    EXPECT_EQ(integerOf(first.value(QStringLiteral("worker"))), 1);
    EXPECT_EQ(first.value(QStringLiteral("spawn_seconds")).toDouble(), 0.25);
    EXPECT_EQ(first.value(QStringLiteral("ready_seconds")).toDouble(), 1.5);
    EXPECT_FALSE(first.contains(QStringLiteral("killed_seconds")));
    // Killed before it was ready: no ready time, the time it was killed instead.
    const QJsonObject second = startups.at(1).toObject();
    EXPECT_TRUE(second.value(QStringLiteral("ready_seconds")).isNull());
    EXPECT_EQ(second.value(QStringLiteral("killed_seconds")).toDouble(), 2.0);
    // Threads start no process: the fields are absent rather than a misleading zero.
    const QJsonObject pool = runs.at(1).toObject();
    EXPECT_FALSE(pool.contains(QStringLiteral("startup_seconds")));
    EXPECT_FALSE(pool.contains(QStringLiteral("bytes_received")));
    EXPECT_FALSE(pool.contains(QStringLiteral("worker_startups")));
}

// Empty arrays, nulls, errors, escapes and a cancelled flag: the cases where a hand-written layout
// would differ from Qt's.
TEST(Json, TheStreamMatchesTheWholeDocumentForEdgeCases)
{
    SetRun failed;
    failed.strategy = QStringLiteral("pool \"quoted\"\n\u00e9");
    failed.setIndex = 2;
    failed.numbers = {3, 0};
    failed.error = QStringLiteral("boom\t\\");
    failed.otherProcessesCpuSeconds = -1.0;
    TaskTiming task;
    task.n = 0;
    task.cpuSeconds = -1.0;
    task.wallSeconds = 1.5e-7;
    failed.tasks = {task};
    CsvRun csv;
    csv.mode = QStringLiteral("serial");
    csv.error = QStringLiteral("no space");
    Experiment cancelled;
    cancelled.runs = {failed};
    cancelled.csv = {csv};
    cancelled.cancelled = true;
    for (const Experiment& experiment : {Experiment {}, cancelled})
        EXPECT_EQ(toJsonBytes(experiment), QJsonDocument(toJson(experiment)).toJson(QJsonDocument::Indented));
}

TEST(Json, TheRawWriteReferenceIsWrittenOnlyWhenMeasured)
{
    EXPECT_FALSE(parseObject(toJsonBytes(Experiment {})).contains(QStringLiteral("raw_writes")));
    Experiment measured;
    measured.rawWrites = {RawWriteReference {8'600'000'000ULL, 7.5, 1146.7, true, 2, 1}};
    const QByteArray bytes = toJsonBytes(measured);
    EXPECT_EQ(bytes, QJsonDocument(toJson(measured)).toJson(QJsonDocument::Indented)); // the stream, too
    const QJsonArray writes = parseObject(bytes).value(QStringLiteral("raw_writes")).toArray();
    ASSERT_EQ(writes.size(), 1);
    const QJsonObject raw = writes.first().toObject();
    EXPECT_EQ(raw.value(QStringLiteral("round")).toInt(), 2);
    EXPECT_EQ(raw.value(QStringLiteral("order")).toInt(), 1);
    EXPECT_EQ(raw.value(QStringLiteral("bytes")).toInteger(), 8'600'000'000LL);
    EXPECT_EQ(raw.value(QStringLiteral("wall_seconds")).toDouble(), 7.5);
    EXPECT_EQ(raw.value(QStringLiteral("mb_per_second")).toDouble(), 1146.7);
    EXPECT_TRUE(raw.value(QStringLiteral("fsync")).toBool());
}

TEST(Json, EmptyExperimentHasEmptyArrays)
{
    const QJsonObject json = parseObject(toJsonBytes(Experiment {}));

    EXPECT_EQ(json.value(QStringLiteral("tool")).toString(), QStringLiteral("calcprof"));
    EXPECT_TRUE(json.value(QStringLiteral("runs")).isArray());
    EXPECT_TRUE(json.value(QStringLiteral("runs")).toArray().isEmpty());
    EXPECT_TRUE(json.value(QStringLiteral("csv")).isArray());
    EXPECT_TRUE(json.value(QStringLiteral("csv")).toArray().isEmpty());
}

// --- writing the file ---------------------------------------------------------------------------------

TEST(JsonFile, WritesExactlyTheJsonBytesAndNothingElse)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Experiment experiment;
    experiment.version = QStringLiteral(CALCPROF_VERSION);
    const QString path = dir.filePath(QStringLiteral("out.json"));

    EXPECT_EQ(writeJsonFile(experiment, path), QString());

    EXPECT_EQ(readFile(path), toJsonBytes(experiment));
    EXPECT_EQ(filesIn(dir.path()), QStringList({QStringLiteral("out.json")})); // no temporary file left
}

TEST(JsonFile, ReplacesAnExistingFile)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("out.json"));
    QFile old(path);
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("old contents that are longer than nothing");
    old.close();

    EXPECT_EQ(writeJsonFile(Experiment {}, path), QString());

    EXPECT_EQ(readFile(path), toJsonBytes(Experiment {}));
}

TEST(JsonFile, MissingFolderFailsAndCreatesNothing)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing"));
    const QString path = missing + QStringLiteral("/out.json");

    const QString error = writeJsonFile(Experiment {}, path);

    EXPECT_FALSE(error.isEmpty());
    EXPECT_TRUE(error.contains(path)) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(missing));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

TEST(JsonFile, FileAsFolderFailsAndCreatesNothing)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString plain = dir.filePath(QStringLiteral("plain.txt"));
    QFile file(plain);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();

    const QString error = writeJsonFile(Experiment {}, plain + QStringLiteral("/out.json"));

    EXPECT_FALSE(error.isEmpty());
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList({QStringLiteral("plain.txt")}));
    EXPECT_TRUE(readFile(plain).isEmpty());
}

TEST(JsonFile, FolderPathFails)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());

    EXPECT_FALSE(writeJsonFile(Experiment {}, dir.path()).isEmpty());
    EXPECT_TRUE(QFileInfo(dir.path()).isDir());
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

TEST(JsonPath, AcceptsANewFileInAnExistingFolder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("out.json"));

    EXPECT_EQ(checkOutputFile(path), QString());
    EXPECT_FALSE(QFileInfo::exists(path)); // a check writes nothing
}

TEST(JsonPath, RejectsAFolder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());

    const QString error = checkOutputFile(dir.path());

    EXPECT_TRUE(error.contains(dir.path())) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("folder"))) << error.toStdString();
}

TEST(JsonPath, RejectsAMissingParentFolder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/out.json"));

    const QString error = checkOutputFile(path);

    EXPECT_TRUE(error.contains(path)) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("does not exist"))) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("missing"))));
}

TEST(JsonPath, RejectsAFileAsParentFolder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString plain = dir.filePath(QStringLiteral("plain.txt"));
    QFile file(plain);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();

    EXPECT_FALSE(checkOutputFile(plain + QStringLiteral("/out.json")).isEmpty());
}

TEST(JsonPath, RejectsAnEmptyPath)
{
    EXPECT_FALSE(checkOutputFile(QString()).isEmpty());
}

// Issue 19 item 4: with py-serial and serial measured, the JSON carries each set's language factor (the
// summary's) and a py-* group's speedup baseline; the stream still writes the whole document's bytes.
TEST(JsonLanguageFactor, CarriesTheSummarysFactorAndThePythonBaseline)
{
    Experiment experiment;
    experiment.environment.cores = 2;
    const NumberSet numbers {22, 20, 23};
    for (int round = 0; round < 3; ++round) {
        for (const auto& [strategy, wall] : {std::pair {QStringLiteral("serial"), 0.0001},
                 std::pair {QStringLiteral("py-serial"), 0.01}, std::pair {QStringLiteral("py-threads"), 0.011}}) {
            SetRun run;
            run.strategy = strategy;
            run.setIndex = 1;
            run.numbers = numbers;
            run.poolSize = strategy == QStringLiteral("py-threads") ? 3 : 1;
            run.repetition = round;
            run.wallSeconds = wall * (1.0 + 0.01 * round);
            run.matchesSerial = true;
            experiment.runs.push_back(run);
        }
    }
    const QJsonObject json = toJson(experiment);
    const QJsonArray factors = json.value(QStringLiteral("language_factors")).toArray();
    ASSERT_EQ(factors.size(), 1);
    const ExperimentSummary summary = summarizeExperiment(experiment);
    EXPECT_DOUBLE_EQ(factors[0].toObject().value(QStringLiteral("ratio_of_medians")).toDouble(),
        summary.sets.front().languageFactor->ratioOfMedians);
    EXPECT_EQ(factors[0].toObject().value(QStringLiteral("set_index")).toInt(), 1);
    QStringList baselines;
    for (const auto& group : json.value(QStringLiteral("summary")).toArray())
        baselines << group.toObject().value(QStringLiteral("speedup_baseline")).toString();
    EXPECT_EQ(baselines, (QStringList {QString(), QStringLiteral("py-serial"), QStringLiteral("py-serial")}));
    EXPECT_EQ(toJsonBytes(experiment), QJsonDocument(json).toJson(QJsonDocument::Indented));
}
