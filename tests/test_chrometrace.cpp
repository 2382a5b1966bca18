#include "core/exec/experimentrunner.h"
#include "core/io/chrometrace.h"
#include "core/strategies/strategyregistry.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <map>

using namespace calcprof;

namespace {

QJsonArray traceEvents(const Experiment& experiment)
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trace.json"));
    EXPECT_EQ(writeChromeTrace(experiment, path), QString());
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(test::readFile(path), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    return document.object().value(QStringLiteral("traceEvents")).toArray();
}

std::vector<QJsonObject> eventsOf(const QJsonArray& events, const QString& phase, int pid)
{
    std::vector<QJsonObject> found;
    for (const auto& value : events) {
        const QJsonObject event = value.toObject();
        if (event.value(QStringLiteral("ph")).toString() == phase && event.value(QStringLiteral("pid")).toInt() == pid)
            found.push_back(event);
    }
    return found;
}

} // namespace

TEST(ChromeTrace, OneCompleteEventPerTaskWithItsRecordedTimesOnItsWorker)
{
    ExperimentPlan plan;
    plan.sets = {{12, 5, 14}, {3}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.repeat = 2;
    plan.warmup = 0;
    const Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false});
    ASSERT_EQ(experiment.runs.size(), 8U);
    const QJsonArray events = traceEvents(experiment);

    for (std::size_t index = 0; index < experiment.runs.size(); ++index) {
        const SetRun& run = experiment.runs[index];
        const int pid = static_cast<int>(index) + 1; // the JSON's run id
        const std::vector<QJsonObject> tasks = eventsOf(events, QStringLiteral("X"), pid);
        ASSERT_EQ(tasks.size(), run.tasks.size()) << "run " << pid;
        for (std::size_t task = 0; task < tasks.size(); ++task) {
            const QJsonObject& event = tasks[task];
            const TaskTiming& timing = run.tasks[task];
            EXPECT_EQ(event.value(QStringLiteral("name")).toString(), QStringLiteral("task %1").arg(timing.n));
            EXPECT_EQ(event.value(QStringLiteral("tid")).toInt(), timing.worker);
            EXPECT_NEAR(event.value(QStringLiteral("ts")).toDouble(), timing.startSeconds * 1e6, 1e-6);
            EXPECT_NEAR(event.value(QStringLiteral("dur")).toDouble(), timing.wallSeconds * 1e6, 1e-6);
        }
        // The process and every worker thread are named for the viewer.
        std::map<QString, int> names;
        for (const QJsonObject& meta : eventsOf(events, QStringLiteral("M"), pid))
            ++names[meta.value(QStringLiteral("name")).toString()];
        EXPECT_EQ(names[QStringLiteral("process_name")], 1);
        EXPECT_EQ(names[QStringLiteral("thread_name")], run.workersUsed());
    }
}

TEST(ChromeTrace, SplitTasksGiveOneEventPerPieceAndCsvFilesTheirOwn)
{
    ExperimentPlan plan;
    plan.sets = {{30, 29}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("mapped")};
    plan.repeat = 1;
    plan.warmup = 0;
    const QTemporaryDir csvDir;
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.directory = csvDir.path();
    plan.csv.row.headerBytes = plan.csv.row.footerBytes = 10;
    const Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false});
    ASSERT_EQ(experiment.runs.size(), 2U);
    ASSERT_EQ(experiment.csv.size(), 1U);
    const QJsonArray events = traceEvents(experiment);

    std::size_t pieces = 0;
    double pieceMicroseconds = 0.0;
    for (const TaskTiming& task : experiment.runs[1].tasks) {
        pieces += task.slices.size();
        for (const WorkSlice& slice : task.slices)
            pieceMicroseconds += (slice.endSeconds - slice.startSeconds) * 1e6;
    }
    const std::vector<QJsonObject> mapped = eventsOf(events, QStringLiteral("X"), 2);
    ASSERT_EQ(mapped.size(), pieces);
    double traced = 0.0;
    for (const QJsonObject& event : mapped) {
        EXPECT_EQ(event.value(QStringLiteral("cat")).toString(), QStringLiteral("piece"));
        traced += event.value(QStringLiteral("dur")).toDouble();
    }
    EXPECT_NEAR(traced, pieceMicroseconds, 1e-3);

    const std::vector<QJsonObject> files = eventsOf(events, QStringLiteral("X"), 3); // after the two runs
    ASSERT_EQ(files.size(), experiment.csv[0].fileResults.size());
    EXPECT_EQ(files.front().value(QStringLiteral("name")).toString(), QStringLiteral("res1.txt"));
}

TEST(ChromeTrace, WorkerProcessesShowTheirStartUpOnTheirLane)
{
    ExperimentPlan plan;
    plan.sets = {{12, 5, 14}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("processes")};
    plan.repeat = 1;
    plan.warmup = 0;
    const Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false});
    ASSERT_EQ(experiment.runs.size(), 2U);
    const SetRun& processes = experiment.runs[1];
    ASSERT_TRUE(processes.ok()) << processes.error.toStdString();
    ASSERT_FALSE(processes.workerStartups.empty());
    const QJsonArray events = traceEvents(experiment);
    std::size_t startups = 0;
    for (const QJsonObject& event : eventsOf(events, QStringLiteral("X"), 2)) {
        if (event.value(QStringLiteral("cat")).toString() != QStringLiteral("startup"))
            continue;
        const WorkerStartup& startup = processes.workerStartups[startups++];
        EXPECT_EQ(event.value(QStringLiteral("tid")).toInt(), startup.worker);
        EXPECT_NEAR(
            event.value(QStringLiteral("dur")).toDouble(), (startup.endSeconds - startup.spawnSeconds) * 1e6, 1e-6);
    }
    EXPECT_EQ(startups, processes.workerStartups.size());
}

TEST(ChromeTrace, AnUnwritablePathGivesAReasonAndWritesNothing)
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing/trace.json"));
    const QString error = writeChromeTrace(Experiment {}, path);
    EXPECT_TRUE(error.contains(QStringLiteral("cannot write the trace to"))) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(path));
}
