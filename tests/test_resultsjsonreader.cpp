#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "core/io/resultsjson.h"
#include "core/io/resultsjsonreader.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

const Experiment& smallExperiment()
{
    static const Experiment experiment = [] {
        ExperimentPlan plan;
        plan.sets = {{12, 0, 14}, {3}};
        plan.strategies
            = {QStringLiteral("serial"), QStringLiteral("pool"), QStringLiteral("processes"), QStringLiteral("mapped")};
        plan.poolSizes = {kAutoPoolSize, 2};
        plan.repeat = 2;
        plan.warmup = 0;
        static const QTemporaryDir csvDir;
        plan.csv.mode = QStringLiteral("parallel");
        plan.csv.directory = csvDir.path();
        plan.csv.row.headerBytes = plan.csv.row.footerBytes = 5;
        return ExperimentRunner().run(plan, std::atomic<bool> {false});
    }();
    return experiment;
}

QString writeText(const QTemporaryDir& dir, const QByteArray& bytes)
{
    const QString path = dir.filePath(QStringLiteral("results.json"));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    return path;
}

QString errorFor(const QByteArray& bytes)
{
    const QTemporaryDir dir;
    const QString path = writeText(dir, bytes);
    const ExperimentRead read = readExperimentJson(path);
    EXPECT_FALSE(read.ok());
    EXPECT_TRUE(read.error.startsWith(path + QStringLiteral(": "))) << read.error.toStdString();
    EXPECT_TRUE(read.experiment.runs.empty()); // nothing half-read
    return read.error;
}

QJsonObject writtenObject()
{
    return QJsonDocument::fromJson(toJsonBytes(smallExperiment())).object();
}

} // namespace

TEST(ResultsJsonReader, ReadsBackEveryRunTaskAndCsvFileItWasWrittenFrom)
{
    const Experiment& original = smallExperiment();
    ASSERT_FALSE(original.csv.empty());
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.json"));
    ASSERT_EQ(writeJsonFile(original, path), QString());

    const ExperimentRead read = readExperimentJson(path);
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    const Experiment& back = read.experiment;
    EXPECT_EQ(back.version, original.version);
    EXPECT_EQ(back.environment.cores, original.environment.cores);
    EXPECT_EQ(back.environment.cpu, original.environment.cpu);
    EXPECT_EQ(back.plan.sets, original.plan.sets);
    EXPECT_EQ(back.plan.strategies, original.plan.strategies);
    EXPECT_EQ(back.plan.poolSizes, original.plan.poolSizes);
    EXPECT_EQ(back.plan.repeat, original.plan.repeat);
    ASSERT_EQ(back.runs.size(), original.runs.size());
    for (std::size_t index = 0; index < back.runs.size(); ++index) {
        const SetRun& a = original.runs[index];
        const SetRun& b = back.runs[index];
        EXPECT_EQ(b.strategy, a.strategy);
        EXPECT_EQ(b.setIndex, a.setIndex);
        EXPECT_EQ(b.numbers, a.numbers);
        EXPECT_EQ(b.poolSize, a.poolSize);
        EXPECT_EQ(b.requestedPoolSize, a.requestedPoolSize);
        EXPECT_EQ(b.repetition, a.repetition);
        EXPECT_DOUBLE_EQ(b.wallSeconds, a.wallSeconds);
        EXPECT_DOUBLE_EQ(b.cpuSeconds, a.cpuSeconds);
        EXPECT_EQ(b.matchesSerial, a.matchesSerial);
        EXPECT_EQ(b.workerStartups, a.workerStartups);
        EXPECT_EQ(b.bytesReceived, a.bytesReceived);
        EXPECT_DOUBLE_EQ(b.startupSeconds, a.startupSeconds);
        ASSERT_EQ(b.tasks.size(), a.tasks.size());
        for (std::size_t task = 0; task < b.tasks.size(); ++task) {
            EXPECT_EQ(b.tasks[task].values, a.tasks[task].values);
            EXPECT_DOUBLE_EQ(b.tasks[task].startSeconds, a.tasks[task].startSeconds);
            EXPECT_DOUBLE_EQ(b.tasks[task].cpuSeconds, a.tasks[task].cpuSeconds);
            EXPECT_EQ(b.tasks[task].worker, a.tasks[task].worker);
            EXPECT_EQ(b.tasks[task].slices, a.tasks[task].slices);
        }
    }
    ASSERT_EQ(back.csv.size(), original.csv.size());
    EXPECT_EQ(back.csv[0].bytes, original.csv[0].bytes);
    EXPECT_EQ(back.csv[0].fileResults.size(), original.csv[0].fileResults.size());
    // What the numbers mean is recomputed from the runs, and comes out the same.
    EXPECT_EQ(toJson(back).value(QStringLiteral("summary")), toJson(original).value(QStringLiteral("summary")));
}

TEST(ResultsJsonReader, ReadsBackTheRawWriteReferenceAndRefusesABadOne)
{
    Experiment none = smallExperiment();
    none.rawWrites.clear();
    EXPECT_TRUE(experimentFromJson(toJsonBytes(none), QStringLiteral("r.json")).experiment.rawWrites.empty());
    Experiment measured = smallExperiment();
    measured.rawWrites = {RawWriteReference {860'000'000, 0.75, 1146.5, true, 0, 3},
        RawWriteReference {860'000'000, 0.5, 1720.0, true, 1, 2}, RawWriteReference {860'000'000, 0.6, 1433.0, true}};
    const ExperimentRead read = experimentFromJson(toJsonBytes(measured), QStringLiteral("r.json"));
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    EXPECT_EQ(read.experiment.rawWrites, measured.rawWrites);

    // A file from before the CSV rounds holds one "raw_write", measured apart.
    QJsonObject object = QJsonDocument::fromJson(toJsonBytes(measured)).object();
    QJsonObject raw = object.value(QStringLiteral("raw_writes")).toArray().first().toObject();
    raw.remove(QStringLiteral("round"));
    raw.remove(QStringLiteral("order"));
    object.remove(QStringLiteral("raw_writes"));
    object.insert(QStringLiteral("raw_write"), raw);
    const ExperimentRead old = experimentFromJson(QJsonDocument(object).toJson(), QStringLiteral("old.json"));
    ASSERT_TRUE(old.ok()) << old.error.toStdString();
    ASSERT_EQ(old.experiment.rawWrites.size(), 1U);
    EXPECT_EQ(old.experiment.rawWrites.front().round, kMeasuredApart);
    EXPECT_EQ(old.experiment.rawWrites.front().bytes, 860'000'000U);

    raw.insert(QStringLiteral("mb_per_second"), -3);
    object.insert(QStringLiteral("raw_write"), raw);
    const QString negative = errorFor(QJsonDocument(object).toJson());
    EXPECT_TRUE(negative.contains(QStringLiteral("raw_write.mb_per_second: expected a number")))
        << negative.toStdString();
    raw.remove(QStringLiteral("fsync"));
    raw.insert(QStringLiteral("mb_per_second"), 1.0);
    object.insert(QStringLiteral("raw_write"), raw);
    EXPECT_TRUE(errorFor(QJsonDocument(object).toJson()).contains(QStringLiteral("raw_write.fsync: missing")));
}

TEST(ResultsJsonReader, FieldsItDoesNotKnowAreIgnored)
{
    QJsonObject object = writtenObject();
    object.insert(QStringLiteral("from_the_future"), QJsonArray {1, 2});
    const QTemporaryDir dir;
    const ExperimentRead read = readExperimentJson(writeText(dir, QJsonDocument(object).toJson()));
    EXPECT_TRUE(read.ok()) << read.error.toStdString();
}

TEST(ResultsJsonReader, RefusesEachKindOfBadFileNamingTheFileAndTheProblem)
{
    EXPECT_TRUE(errorFor("this is not json").contains(QStringLiteral("not valid JSON")));
    const QByteArray whole = toJsonBytes(smallExperiment());
    EXPECT_TRUE(errorFor(whole.left(whole.size() / 2)).contains(QStringLiteral("truncated")));
    EXPECT_TRUE(errorFor("[1, 2]").contains(QStringLiteral("a JSON object is expected")));
    EXPECT_TRUE(
        errorFor(R"({"tool": "hyperfine", "results": []})").contains(QStringLiteral("not a calcprof results file")));

    QJsonObject object = writtenObject();
    QJsonArray runs = object.value(QStringLiteral("runs")).toArray();
    QJsonObject run = runs.at(1).toObject();
    QJsonArray tasks = run.value(QStringLiteral("tasks")).toArray();
    QJsonObject task = tasks.at(0).toObject();
    task.insert(QStringLiteral("n"), QStringLiteral("twelve"));
    tasks.replace(0, task);
    run.insert(QStringLiteral("tasks"), tasks);
    runs.replace(1, run);
    object.insert(QStringLiteral("runs"), runs);
    const QString wrongType = errorFor(QJsonDocument(object).toJson());
    EXPECT_TRUE(wrongType.contains(QStringLiteral("runs[1].tasks[0].n: expected a whole number from 0 to 50, found "
                                                  "\"twelve\"")))
        << wrongType.toStdString();

    task.insert(QStringLiteral("n"), 51);
    tasks.replace(0, task);
    run.insert(QStringLiteral("tasks"), tasks);
    runs.replace(1, run);
    object.insert(QStringLiteral("runs"), runs);
    EXPECT_TRUE(errorFor(QJsonDocument(object).toJson()).contains(QStringLiteral("runs[1].tasks[0].n")));

    QJsonObject missing = writtenObject();
    missing.remove(QStringLiteral("environment"));
    EXPECT_TRUE(errorFor(QJsonDocument(missing).toJson()).contains(QStringLiteral("environment: missing")));
}

TEST(ResultsJsonReader, RefusesMissingFoldersAndHugeFilesWithoutReadingThem)
{
    const QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nope.json"));
    EXPECT_EQ(readExperimentJson(missing).error, missing + QStringLiteral(": no such file"));
    EXPECT_TRUE(readExperimentJson(dir.path()).error.contains(QStringLiteral("is a folder")));

    // A sparse file over the limit: refused by its size, never read (and no disk space used).
    const QString huge = dir.filePath(QStringLiteral("huge.json"));
    QFile file(huge);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    ASSERT_TRUE(file.resize(kMaxResultsFileBytes + 1));
    file.close();
    const ExperimentRead read = readExperimentJson(huge);
    EXPECT_TRUE(read.error.contains(QStringLiteral("more than the 1073 MB"))) << read.error.toStdString();
}
