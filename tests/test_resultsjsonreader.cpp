#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "core/io/inputfile.h"
#include "core/io/resultsjson.h"
#include "core/io/resultsjsonreader.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <vector>

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
    EXPECT_TRUE(errorFor(R"({"ok": tru)").contains(QStringLiteral("truncated")));
    EXPECT_FALSE(errorFor(R"({"ok": tru, "n": 1})").contains(QStringLiteral("truncated")));
    EXPECT_TRUE(errorFor("[1, 2]").contains(QStringLiteral("the top level is not an object")));
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

// A real run's file is a different length each time, so where its half falls (inside a number, a
// string, a "true") is chance: every cut must read as truncated, whatever it cuts. Every byte of
// the file's start, middle and end is a cut (every byte of all of it is seconds of parsing).
TEST(ResultsJsonReader, AFileCutAnywhereIsCalledTruncated)
{
    const QByteArray whole = toJsonBytes(smallExperiment());
    constexpr qsizetype kWindow = 2048;
    std::vector<qsizetype> cuts;
    for (const qsizetype from : {qsizetype {1}, whole.size() / 2 - kWindow / 2, whole.size() - 1 - kWindow})
        for (qsizetype length = std::max<qsizetype>(from, 1); length < std::min(from + kWindow, whole.size() - 1);
             ++length)
            cuts.push_back(length);
    int notCalledTruncated = 0;
    for (const qsizetype length : cuts) {
        const ExperimentRead read = experimentFromJson(whole.left(length), QStringLiteral("cut.json"));
        ASSERT_FALSE(read.ok()) << "a file cut at byte " << length << " was read";
        if (!read.error.contains(QStringLiteral("truncated")) && notCalledTruncated++ < 5)
            ADD_FAILURE() << "cut at byte " << length << ": " << read.error.toStdString();
    }
    EXPECT_GT(cuts.size(), 3000U);
    EXPECT_EQ(notCalledTruncated, 0);
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

namespace {

/// The written small experiment with the value at `path` (keys and array indexes) replaced by `json`,
/// as text: so values no QJsonValue holds (1e400) can be written too.
QByteArray withValue(const QStringList& path, const QByteArray& json)
{
    const QString placeholder = QStringLiteral("@@value@@");
    const std::function<QJsonValue(const QJsonValue&, qsizetype)> replaced
        = [&](const QJsonValue& value, qsizetype depth) -> QJsonValue {
        if (depth == path.size())
            return placeholder;
        bool isIndex = false;
        const int index = path.at(depth).toInt(&isIndex);
        if (isIndex) {
            QJsonArray array = value.toArray();
            array.replace(index, replaced(array.at(index), depth + 1));
            return array;
        }
        QJsonObject object = value.toObject();
        object.insert(path.at(depth), replaced(object.value(path.at(depth)), depth + 1));
        return object;
    };
    QByteArray bytes = QJsonDocument(replaced(writtenObject(), 0).toObject()).toJson();
    return bytes.replace(QByteArray('"' + placeholder.toUtf8() + '"'), json);
}

} // namespace

TEST(ResultsJsonReader, RefusesATimeNoMachineCanMeasureNamingTheField)
{
    const QString expected = QStringLiteral("expected a time from 0 to 10000000 seconds");
    for (const QByteArray& value : {QByteArray("1e308"), QByteArray("-1"), QByteArray("10000001")}) {
        const QString run
            = errorFor(withValue({QStringLiteral("runs"), QStringLiteral("0"), QStringLiteral("wall_seconds")}, value));
        EXPECT_TRUE(run.contains(QStringLiteral("runs[0].wall_seconds: ") + expected)) << run.toStdString();
        const QString task = errorFor(withValue({QStringLiteral("runs"), QStringLiteral("1"), QStringLiteral("tasks"),
                                                    QStringLiteral("0"), QStringLiteral("end_seconds")},
            value));
        EXPECT_TRUE(task.contains(QStringLiteral("runs[1].tasks[0].end_seconds: ") + expected)) << task.toStdString();
        const QString csv
            = errorFor(withValue({QStringLiteral("csv"), QStringLiteral("0"), QStringLiteral("wall_seconds")}, value));
        EXPECT_TRUE(csv.contains(QStringLiteral("csv[0].wall_seconds: ") + expected)) << csv.toStdString();
    }
    // 1e400 is no double at all: Qt reads it as infinite, or refuses it as JSON; either way it is no time.
    EXPECT_FALSE(
        errorFor(withValue({QStringLiteral("runs"), QStringLiteral("0"), QStringLiteral("wall_seconds")}, "1e400"))
            .isEmpty());
    // The longest time allowed is still read.
    const ExperimentRead longest = experimentFromJson(
        withValue({QStringLiteral("runs"), QStringLiteral("0"), QStringLiteral("wall_seconds")}, "10000000"),
        QStringLiteral("r.json"));
    EXPECT_TRUE(longest.ok()) << longest.error.toStdString();
}

TEST(ResultsJsonReader, RefusesASetOrStrategyTheRunDoesNotHaveNamingTheField)
{
    const QString setIndex
        = errorFor(withValue({QStringLiteral("runs"), QStringLiteral("0"), QStringLiteral("set_index")}, "99"));
    EXPECT_TRUE(setIndex.contains(QStringLiteral("runs[0].set_index: expected a whole number from 1 to 2, found 99")))
        << setIndex.toStdString();
    const QString csvSet
        = errorFor(withValue({QStringLiteral("csv"), QStringLiteral("0"), QStringLiteral("set_index")}, "3"));
    EXPECT_TRUE(csvSet.contains(QStringLiteral("csv[0].set_index: expected a whole number from 1 to 2")))
        << csvSet.toStdString();
    const QString strategy
        = errorFor(withValue({QStringLiteral("runs"), QStringLiteral("0"), QStringLiteral("strategy")}, "\"warp\""));
    EXPECT_TRUE(strategy.contains(QStringLiteral("runs[0].strategy: expected one of serial, pool,")))
        << strategy.toStdString();
    EXPECT_TRUE(strategy.contains(QStringLiteral("found \"warp\""))) << strategy.toStdString();
    const QString planned
        = errorFor(withValue({QStringLiteral("settings"), QStringLiteral("strategies"), QStringLiteral("1")}, "\"\""));
    EXPECT_TRUE(planned.contains(QStringLiteral("settings.strategies[1]: expected one of "))) << planned.toStdString();
}

TEST(ResultsJsonReader, AJsonValueThatIsNoObjectIsAnotherKindOfFileNotATruncatedOne)
{
    for (const char* text : {"null", "42", "\"calcprof\"", "true", "[1, 2]", " 42\n"}) {
        const QString error = errorFor(text);
        EXPECT_TRUE(error.endsWith(QStringLiteral(": not a calcprof results file: the top level is not an object")))
            << text << ": " << error.toStdString();
    }
    // A broken object is still broken JSON.
    EXPECT_TRUE(errorFor("{\"tool\": ").contains(QStringLiteral("truncated")));
}

TEST(ResultsJsonReader, RefusesAFifoADeviceAndALinkLoopWithoutWaitingOrReading)
{
    const QTemporaryDir dir;
    const test::IdleFifo fifo(dir.filePath(QStringLiteral("fifo.json")));
    ASSERT_TRUE(fifo.ok());
    // Without the check this waits in open() for a writer, until the guard plays one.
    EXPECT_EQ(readExperimentJson(fifo.path()).error, fifo.path() + QStringLiteral(": is a FIFO, not a file"));
    EXPECT_FALSE(fifo.released()) << "the reader opened the FIFO and waited for a writer";

    // A device is refused before it is opened. (The endless ones, /dev/zero and /dev/urandom, are
    // tried by CliProcess, in a child with a memory limit: read here without the fix they would take
    // this process's memory.)
    EXPECT_EQ(readExperimentJson(QStringLiteral("/dev/null")).error,
        QStringLiteral("/dev/null: is a character device, not a file"));
    EXPECT_EQ(readExperimentJson(dir.path()).error, dir.path() + QStringLiteral(": is a folder, not a file"));

    const QString loop = dir.filePath(QStringLiteral("loop.json"));
    ASSERT_TRUE(QFile::link(dir.filePath(QStringLiteral("other.json")), loop));
    ASSERT_TRUE(QFile::link(loop, dir.filePath(QStringLiteral("other.json"))));
    EXPECT_EQ(readExperimentJson(loop).error, loop + QStringLiteral(": too many levels of symbolic links"));
}

TEST(InputFile, CapsTheBytesActuallyReadNotTheSizeTheFileReports)
{
    // /proc files report a size of 0 and hold more: the cap counts what is read.
    const QString maps = QStringLiteral("/proc/self/maps");
    ASSERT_EQ(QFileInfo(maps).size(), 0);
    const InputFile capped = readInputFile(maps, 64, QStringLiteral("a test file"));
    EXPECT_EQ(capped.error, QStringLiteral("more than the 64 bytes a test file can be"));
    EXPECT_TRUE(capped.bytes.isEmpty()); // nothing half-read
    const InputFile whole = readInputFile(maps, kMaxResultsFileBytes, QStringLiteral("a test file"));
    EXPECT_TRUE(whole.ok()) << whole.error.toStdString();
    EXPECT_GT(whole.bytes.size(), 64);

    const QTemporaryDir dir;
    const QString exact = writeText(dir, QByteArray(64, 'x'));
    EXPECT_EQ(readInputFile(exact, 64, QStringLiteral("a test file")).bytes, QByteArray(64, 'x'));
    EXPECT_EQ(readInputFile(exact, 63, QStringLiteral("a test file")).error,
        QStringLiteral("64 bytes, more than the 63 bytes a test file can be"));
}

TEST(ResultsJsonReader, ReadsBackEachRunsNoiseAndWhichAttemptWasKept)
{
    Experiment noisy = smallExperiment();
    noisy.plan.retryDisturbed = 3;
    noisy.runs[0].superseded = true;
    noisy.runs[0].stealSeconds = 0.125;
    noisy.runs[0].involuntaryContextSwitches = 42;
    noisy.runs[1].stealSeconds = -1.0; // unknown stays unknown
    noisy.runs[1].involuntaryContextSwitches = -1;
    const QByteArray bytes = toJsonBytes(noisy);
    const QJsonObject written = QJsonDocument::fromJson(bytes).object();
    const QJsonArray runs = written.value(QStringLiteral("runs")).toArray();
    EXPECT_TRUE(runs.at(0).toObject().value(QStringLiteral("superseded")).toBool());
    EXPECT_FALSE(runs.at(1).toObject().value(QStringLiteral("superseded")).toBool());
    EXPECT_TRUE(runs.at(1).toObject().value(QStringLiteral("steal_seconds")).isNull());

    const ExperimentRead read = experimentFromJson(bytes, QStringLiteral("r.json"));
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    EXPECT_EQ(read.experiment.plan.retryDisturbed, 3);
    EXPECT_TRUE(read.experiment.runs[0].superseded);
    EXPECT_DOUBLE_EQ(read.experiment.runs[0].stealSeconds, 0.125);
    EXPECT_EQ(read.experiment.runs[0].involuntaryContextSwitches, 42);
    EXPECT_FALSE(read.experiment.runs[1].superseded);
    EXPECT_EQ(read.experiment.runs[1].stealSeconds, -1.0);
    EXPECT_EQ(read.experiment.runs[1].involuntaryContextSwitches, -1);
    // The measured ones came back as measured.
    EXPECT_EQ(read.experiment.runs[2].stealSeconds, noisy.runs[2].stealSeconds);
    EXPECT_EQ(read.experiment.runs[2].involuntaryContextSwitches, noisy.runs[2].involuntaryContextSwitches);

    // A file from before the noise accounting lacks all four: unknown, nothing superseded, no retries.
    QJsonObject old = written;
    QJsonArray oldRuns;
    for (const QJsonValue& run : runs) {
        QJsonObject object = run.toObject();
        for (const char* key : {"steal_seconds", "involuntary_context_switches", "superseded"})
            object.remove(QString::fromLatin1(key));
        oldRuns.append(object);
    }
    old.insert(QStringLiteral("runs"), oldRuns);
    QJsonObject plan = old.value(QStringLiteral("settings")).toObject();
    plan.remove(QStringLiteral("retry_disturbed"));
    old.insert(QStringLiteral("settings"), plan);
    const ExperimentRead before = experimentFromJson(QJsonDocument(old).toJson(), QStringLiteral("old.json"));
    ASSERT_TRUE(before.ok()) << before.error.toStdString();
    EXPECT_EQ(before.experiment.plan.retryDisturbed, 0);
    for (const SetRun& run : before.experiment.runs) {
        EXPECT_FALSE(run.superseded);
        EXPECT_EQ(run.stealSeconds, -1.0);
        EXPECT_EQ(run.involuntaryContextSwitches, -1);
    }
}
