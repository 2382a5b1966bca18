// The outputs' common interface: what a run measured now feeds each output (ReportingObserver), and
// the JSON and trace outputs, which must write exactly what their writers write.

#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "core/io/chrometrace.h"
#include "core/io/reportingobserver.h"
#include "core/io/resultsjson.h"
#include "core/model/environment.h"
#include "testsupport.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

using namespace calcprof;

namespace {

// Every call an output gets, in order.
class RecordingReporter final : public ResultsReporter
{
public:
    void reportContext(const ReportContext& context) override
    {
        calls << QStringLiteral("context");
        contexts.push_back(context);
    }
    void reportRun(const SetRun& run) override
    {
        calls << QStringLiteral("run %1 set %2").arg(run.strategy).arg(run.setIndex);
    }
    void reportCsvRun(const CsvRun& run) override { calls << QStringLiteral("csv %1").arg(run.mode); }
    QString finalize(const Experiment& /*experiment*/, const ExperimentSummary& /*summary*/) override
    {
        calls << QStringLiteral("finalize");
        return {};
    }

    QStringList calls;
    std::vector<ReportContext> contexts;
};

// The live events (progress and the rest) a front end's console gets beside the outputs.
class RecordingObserver final : public RunObserver
{
public:
    void runStarted(const ExperimentPlan& /*plan*/, int totalSteps) override { total = totalSteps; }
    void setFinished(const SetRun& /*run*/) override { ++setRuns; }
    void csvFileWritten(const CsvFileResult& /*file*/) override { ++files; }
    // Any thread (RunObserver): the runner calls it from the workers.
    void progress(int done, int /*total*/) override { lastDone.store(done); }
    void runFinished(const Experiment& /*experiment*/) override { finished = true; }

    int total = -1;
    int setRuns = 0;
    int files = 0;
    std::atomic<int> lastDone = 0;
    bool finished = false;
};

ExperimentPlan smallPlan(const QString& csvDirectory)
{
    ExperimentPlan plan;
    plan.sets = {{3, 4}, {5}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.repeat = 1;
    plan.warmup = 1;
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.directory = csvDirectory;
    plan.csv.row.headerBytes = plan.csv.row.footerBytes = 10;
    return plan;
}

} // namespace

TEST(ResultsReporter, ARunFeedsEveryOutputItsContextThenEachMeasuredRunAsItFinishes)
{
    const QTemporaryDir csvDir;
    const ExperimentPlan plan = smallPlan(csvDir.path());
    RecordingReporter first;
    RecordingReporter second;
    RecordingObserver live;
    ReportingObserver observer({&first, &second}, &live);

    const Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false}, &observer);

    // Warm-up runs are neither recorded nor reported.
    const QStringList expected {QStringLiteral("context"), QStringLiteral("run serial set 1"),
        QStringLiteral("run pool set 1"), QStringLiteral("run serial set 2"), QStringLiteral("run pool set 2"),
        QStringLiteral("csv serial")};
    EXPECT_EQ(first.calls, expected);
    EXPECT_EQ(second.calls, expected);
    ASSERT_EQ(first.contexts.size(), 1U);
    const ReportContext& context = first.contexts.front();
    EXPECT_EQ(context.plan.sets, plan.sets);
    EXPECT_EQ(context.plan.strategies, plan.strategies);
    EXPECT_EQ(context.version, QStringLiteral(CALCPROF_VERSION));
    EXPECT_EQ(context.environment.cpu, experiment.environment.cpu);
    EXPECT_EQ(context.environment.cores, experiment.environment.cores);
    EXPECT_TRUE(context.savedPath.isEmpty());

    // The live view still gets every event, progress included.
    EXPECT_EQ(live.total, ExperimentRunner().totalSteps(plan));
    EXPECT_EQ(live.lastDone, live.total);
    EXPECT_EQ(live.setRuns, 4);
    EXPECT_EQ(live.files, static_cast<int>(experiment.csv.front().fileResults.size()));
    EXPECT_TRUE(live.finished);
}

TEST(ResultsReporter, WithoutALiveViewTheOutputsStillGetTheRun)
{
    const QTemporaryDir csvDir;
    ExperimentPlan plan = smallPlan(csvDir.path());
    plan.csv.mode = QStringLiteral("none");
    RecordingReporter output;
    ReportingObserver observer({&output});
    const Experiment experiment = ExperimentRunner().run(plan, std::atomic<bool> {false}, &observer);
    EXPECT_EQ(output.calls.size(), 1 + static_cast<qsizetype>(experiment.runs.size()));
}

TEST(ResultsReporter, TheJsonAndTraceOutputsWriteWhatTheirWritersWrite)
{
    const QTemporaryDir csvDir;
    const QTemporaryDir dir;
    const Experiment experiment = ExperimentRunner().run(smallPlan(csvDir.path()), std::atomic<bool> {false});
    const ExperimentSummary summary = summarizeExperiment(experiment);

    JsonFileReporter json(dir.filePath(QStringLiteral("out.json")));
    EXPECT_EQ(json.finalize(experiment, summary), QString());
    EXPECT_EQ(test::readFile(dir.filePath(QStringLiteral("out.json"))), toJsonBytes(experiment));

    ChromeTraceReporter trace(dir.filePath(QStringLiteral("trace.json")));
    EXPECT_EQ(trace.finalize(experiment, summary), QString());
    ASSERT_EQ(writeChromeTrace(experiment, dir.filePath(QStringLiteral("reference.json"))), QString());
    EXPECT_EQ(test::readFile(dir.filePath(QStringLiteral("trace.json"))),
        test::readFile(dir.filePath(QStringLiteral("reference.json"))));
}

TEST(ResultsReporter, AnOutputThatCannotWriteSaysWhyAsItsWriterDoes)
{
    const Experiment experiment;
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const QString folder = QStringLiteral("/nonexistent-calcprof-folder");

    JsonFileReporter json(folder + QStringLiteral("/out.json"));
    const QString jsonError = json.finalize(experiment, summary);
    EXPECT_TRUE(jsonError.startsWith(QStringLiteral("cannot write JSON to /nonexistent-calcprof-folder/out.json")))
        << jsonError.toStdString();
    EXPECT_EQ(jsonError, writeJsonFile(experiment, folder + QStringLiteral("/out.json")));

    ChromeTraceReporter trace(folder + QStringLiteral("/trace.json"));
    const QString traceError = trace.finalize(experiment, summary);
    EXPECT_TRUE(traceError.startsWith(QStringLiteral("cannot write the trace to "))) << traceError.toStdString();
    EXPECT_EQ(traceError, writeChromeTrace(experiment, folder + QStringLiteral("/trace.json")));
}
