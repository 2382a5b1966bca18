// RunSession without a widget: what it queues, debounces, opens, replaces and keeps.

#include "core/exec/experimentrunner.h"
#include "core/exec/workload.h"
#include "core/io/resultsjson.h"
#include "testsupport.h"
#include "ui/session/offthreadrunner.h"
#include "ui/session/runsession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace calcprof;
using namespace std::chrono_literals;

namespace {

constexpr int kRunTimeoutMs = 20000;

ExperimentPlan serialPlan(const NumberSet& numbers)
{
    ExperimentPlan plan;
    plan.sets = {numbers};
    plan.strategies = {QStringLiteral("serial")};
    plan.repeat = 1;
    plan.warmup = 0;
    return plan;
}

// A task that takes 5 ms and gives up promptly once the stop flag is raised, as the real one does.
std::vector<FiboValue> slowTask(int n, const std::atomic<bool>& stop)
{
    for (int step = 0; step < 5; ++step) {
        if (stop.load())
            throw Cancelled();
        std::this_thread::sleep_for(1ms);
    }
    return referenceTaskValues(n);
}

/// A session whose draft is `m_draft`, as the controls would describe it.
class RunSessionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_draft.plan = serialPlan({5, 6, 7});
        m_session.setDraftSource([this] { return m_draft; });
    }

    /// Waits until `count` runs have finished and none is running or queued.
    void waitForRuns(QSignalSpy& finished, int count)
    {
        while (finished.size() < count) {
            if (!finished.wait(kRunTimeoutMs))
                break;
        }
        EXPECT_EQ(finished.size(), count);
        EXPECT_FALSE(m_session.isRunning());
        EXPECT_FALSE(m_session.hasQueuedRun());
    }

    QString writeSavedRun(const NumberSet& numbers)
    {
        const QString path = m_dir.filePath(QStringLiteral("saved.json"));
        const Experiment saved = ExperimentRunner().run(serialPlan(numbers), std::atomic<bool> {false});
        EXPECT_EQ(writeJsonFile(saved, path), QString());
        return path;
    }

    QTemporaryDir m_dir;
    RunSession::Draft m_draft;
    RunSession m_session;
};

} // namespace

TEST_F(RunSessionTest, ARunRequestedDuringARunIsQueuedReplacingTheQueuedOneAndRunsNext)
{
    m_session.runner()->setTaskFunction(slowTask);
    m_draft.plan = serialPlan({10, 11, 12, 13, 14, 15});
    QSignalSpy finished(&m_session, &RunSession::runFinished);
    QSignalSpy log(&m_session, &RunSession::logLine);
    ASSERT_TRUE(m_session.run());
    m_draft.plan = serialPlan({20});
    ASSERT_TRUE(m_session.run()); // queued, not a cancel
    EXPECT_TRUE(m_session.hasQueuedRun());
    m_draft.plan = serialPlan({21});
    ASSERT_TRUE(m_session.run()); // replaces the queued one
    EXPECT_TRUE(log.at(log.size() - 1).at(0).toString().startsWith(QStringLiteral("Queued (replacing")));
    waitForRuns(finished, 2);
    const auto first = finished.at(0).at(0).value<Experiment>();
    const auto second = finished.at(1).at(0).value<Experiment>();
    EXPECT_FALSE(first.cancelled);
    EXPECT_EQ(first.runs.size(), 1U);
    ASSERT_EQ(second.runs.size(), 1U);
    EXPECT_EQ(second.runs.front().numbers, (NumberSet {21}));
    EXPECT_EQ(m_session.runNumber(), 2);
    EXPECT_EQ(m_session.experiment().runs.size(), 2U); // every run so far, merged
    EXPECT_EQ(m_session.experiment().plan.sets, (std::vector<NumberSet> {{21}})); // the latest plan
}

// Every task of a run is held once, by the session: the finished experiment the runner hands over
// says how each set run went without its tasks (the largest experiment's are ~65 MB; issue 20).
TEST_F(RunSessionTest, TheSessionHoldsTheTasksAndTheFinishedRunCarriesNoSecondCopy)
{
    m_draft.plan = serialPlan({5, 6, 7});
    QSignalSpy finished(&m_session, &RunSession::runFinished);
    ASSERT_TRUE(m_session.run());
    waitForRuns(finished, 1);
    ASSERT_EQ(finished.size(), 1);
    const auto experiment = finished.at(0).at(0).value<Experiment>();
    ASSERT_EQ(experiment.runs.size(), 1U);
    EXPECT_TRUE(experiment.runs.front().tasks.empty());
    EXPECT_TRUE(experiment.runs.front().ok());
    ASSERT_EQ(m_session.experiment().runs.size(), 1U);
    EXPECT_EQ(m_session.experiment().runs.front().tasks.size(), 3U);
}

TEST_F(RunSessionTest, TheReportOfTheRunsIsWrittenFromTheSessionsRunsNotACopy)
{
    const Experiment* written = nullptr;
    m_session.setReportWriter(
        [&written](const Report&, const Experiment& experiment, const ExperimentSummary&, const QString&) {
            written = &experiment;
            return QString();
        });
    QSignalSpy finished(&m_session, &RunSession::runFinished);
    ASSERT_TRUE(m_session.run());
    waitForRuns(finished, 1);
    EXPECT_EQ(m_session.saveReport(m_dir.filePath(QStringLiteral("r.html"))), QString());
    EXPECT_EQ(written, &m_session.experiment());
}

TEST_F(RunSessionTest, TheReportOfOpenedResultsIsTheirsNotTheDraftsPlan)
{
    const Experiment* written = nullptr;
    m_session.setReportWriter(
        [&written](const Report&, const Experiment& experiment, const ExperimentSummary&, const QString&) {
            written = &experiment;
            return QString();
        });
    ASSERT_EQ(m_session.openResults(writeSavedRun({9, 8})), QString());
    m_draft.plan = serialPlan({4, 3}); // the controls show another plan than the opened results'
    EXPECT_EQ(m_session.saveReport(m_dir.filePath(QStringLiteral("r.html"))), QString());
    ASSERT_NE(written, nullptr);
    EXPECT_EQ(written, &m_session.experiment()); // the opened results, in place
    ASSERT_EQ(written->plan.sets.size(), 1U);
    EXPECT_EQ(written->plan.sets.front(), (NumberSet {9, 8}));
}

TEST_F(RunSessionTest, AnInvalidDraftDoesNotRunAndSaysWhy)
{
    m_draft.error = QStringLiteral("Number sets: empty");
    QSignalSpy status(&m_session, &RunSession::statusMessage);
    EXPECT_FALSE(m_session.run());
    EXPECT_FALSE(m_session.isRunning());
    ASSERT_EQ(status.size(), 1);
    EXPECT_EQ(status.at(0).at(0).toString(), m_draft.error);
}

TEST_F(RunSessionTest, PoolSizeEditsRunOnceWhenTheyPause)
{
    m_draft.rerunOnEdit = true;
    QSignalSpy finished(&m_session, &RunSession::runFinished);
    for (int edit = 0; edit < 5; ++edit) {
        m_session.poolSizeEdited();
        QTest::qWait(20);
    }
    EXPECT_FALSE(m_session.isRunning()); // not before the edits pause
    waitForRuns(finished, 1);
    QTest::qWait(400);
    EXPECT_EQ(finished.size(), 1); // one run for the whole burst
}

TEST_F(RunSessionTest, PoolSizeEditsDoNotRunWithoutRerunOnEditOrWithAnInvalidDraft)
{
    m_session.poolSizeEdited();
    m_draft.rerunOnEdit = true;
    m_draft.error = QStringLiteral("Pool size: too large");
    m_session.poolSizeEdited();
    QTest::qWait(400);
    EXPECT_FALSE(m_session.isRunning());
    EXPECT_EQ(m_session.runNumber(), 0);
}

TEST_F(RunSessionTest, OpenedResultsAreShownUntilARunReplacesThem)
{
    const QString path = writeSavedRun({9, 8});
    QSignalSpy opened(&m_session, &RunSession::resultsOpened);
    QSignalSpy cleared(&m_session, &RunSession::runsCleared);
    ASSERT_EQ(m_session.openResults(path), QString());
    EXPECT_EQ(opened.size(), 1);
    EXPECT_EQ(m_session.savedRunFile(), QStringLiteral("saved.json"));
    ASSERT_EQ(m_session.experiment().runs.size(), 1U);
    EXPECT_EQ(m_session.summary().groups.size(), 1U);
    EXPECT_TRUE(m_session.figureTitle(QStringLiteral("Time")).contains(QStringLiteral("saved.json")));

    QSignalSpy finished(&m_session, &RunSession::runFinished);
    const int clearedBefore = static_cast<int>(cleared.size());
    ASSERT_TRUE(m_session.run());
    EXPECT_EQ(cleared.size(), clearedBefore + 1);
    EXPECT_TRUE(m_session.savedRunFile().isEmpty());
    waitForRuns(finished, 1);
    ASSERT_EQ(m_session.experiment().runs.size(), 1U); // the saved run's are gone
    EXPECT_EQ(m_session.experiment().runs.front().numbers, (NumberSet {5, 6, 7}));
    EXPECT_EQ(m_session.runNumber(), 1);
}

TEST_F(RunSessionTest, OpeningResultsIsRefusedDuringARunAndABadFileChangesNothing)
{
    EXPECT_FALSE(m_session.openResults(m_dir.filePath(QStringLiteral("missing.json"))).isEmpty());
    EXPECT_TRUE(m_session.savedRunFile().isEmpty());
    const QString path = writeSavedRun({9, 8});
    m_session.runner()->setTaskFunction(slowTask);
    QSignalSpy finished(&m_session, &RunSession::runFinished);
    ASSERT_TRUE(m_session.run());
    EXPECT_TRUE(m_session.openResults(path).contains(QStringLiteral("not opened during a run")));
    waitForRuns(finished, 1);
    EXPECT_TRUE(m_session.savedRunFile().isEmpty());
}

TEST_F(RunSessionTest, AFifoAsResultsOrBaselineIsRefusedWithoutFreezingTheWindow)
{
    // The window's Open results… and Open baseline… waited in open() for a writer: a frozen window.
    const test::IdleFifo fifo(m_dir.filePath(QStringLiteral("fifo.json")));
    ASSERT_TRUE(fifo.ok());
    const QString expected = fifo.path() + QStringLiteral(": is a FIFO, not a file");
    EXPECT_EQ(m_session.openResults(fifo.path()), expected);
    EXPECT_EQ(m_session.openBaseline(fifo.path()), expected);
    EXPECT_FALSE(fifo.released()) << "the window opened the FIFO and waited for a writer";
    EXPECT_TRUE(m_session.savedRunFile().isEmpty());
    EXPECT_FALSE(m_session.hasBaseline());
}

TEST_F(RunSessionTest, TheBaselineIsKeptAcrossRunsAndComparedWithThem)
{
    const QString path = writeSavedRun({5, 6, 7});
    QSignalSpy changed(&m_session, &RunSession::baselineChanged);
    ASSERT_EQ(m_session.openBaseline(path), QString());
    EXPECT_EQ(changed.size(), 1);
    ASSERT_TRUE(m_session.hasBaseline());
    ASSERT_TRUE(m_session.baselineSummary().has_value());
    EXPECT_TRUE(m_session.comparison().groups.empty()); // nothing shown yet

    QSignalSpy finished(&m_session, &RunSession::runFinished);
    ASSERT_TRUE(m_session.run());
    waitForRuns(finished, 1);
    ASSERT_TRUE(m_session.run());
    waitForRuns(finished, 2);
    EXPECT_TRUE(m_session.hasBaseline());
    EXPECT_EQ(m_session.baseline().path, path);
    EXPECT_EQ(m_session.comparison().groups.size(), 1U); // the same numbers and strategy: one group
    EXPECT_EQ(changed.size(), 1);

    m_session.clearBaseline();
    EXPECT_EQ(changed.size(), 2);
    EXPECT_FALSE(m_session.hasBaseline());
    EXPECT_FALSE(m_session.baselineSummary().has_value());
    EXPECT_TRUE(m_session.comparison().groups.empty());
}

TEST_F(RunSessionTest, ExportsWithoutARunSayWhatWouldMeasure)
{
    const QString path = m_dir.filePath(QStringLiteral("nothing.json"));
    ASSERT_EQ(m_session.exportResultsJson(path), QString());
    EXPECT_TRUE(m_session.experiment().version.isEmpty()); // the session itself is not stamped
    EXPECT_EQ(m_session.reportGaps(), (ReportGaps {true, true}));
    EXPECT_FALSE(m_session.saveReport(m_dir.filePath(QStringLiteral("r.html"))).isEmpty()); // no writer given
}
