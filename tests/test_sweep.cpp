#include "ui/session/offthreadrunner.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/mainwindow.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

constexpr int kRunTimeoutMs = 20000;

Experiment experimentOf(const QList<QVariant>& signalArguments)
{
    return signalArguments.at(0).value<Experiment>();
}

// A window with a small, fast plan (one set, two strategies).
class SweepTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ExperimentPlan plan;
        plan.sets = {{20, 21, 22}};
        plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
        plan.repeat = 1;
        plan.warmup = 0;
        m_window.controls()->setPlan(plan);
    }

    /// Waits until `count` runs have finished and none is running or queued.
    void waitForRuns(QSignalSpy& finished, int count)
    {
        while (finished.size() < count) {
            if (!finished.wait(kRunTimeoutMs))
                break;
        }
        EXPECT_EQ(finished.size(), count);
        EXPECT_FALSE(m_window.session()->isRunning());
        EXPECT_FALSE(m_window.session()->hasQueuedRun());
    }

    MainWindow m_window;
};

} // namespace

TEST_F(SweepTest, TheSweepBoxGivesThePlanItsPoolSizes)
{
    ControlsPanel* controls = m_window.controls();
    EXPECT_FALSE(controls->sweepEdit()->isEnabled());
    controls->sweepCheck()->setChecked(true);
    EXPECT_TRUE(controls->sweepEdit()->isEnabled());
    EXPECT_FALSE(controls->poolSlider()->isEnabledTo(controls));
    controls->sweepEdit()->setText(QStringLiteral("1-4,8,auto"));
    EXPECT_EQ(controls->plan().poolSizes, (std::vector<int> {1, 2, 3, 4, 8, kAutoPoolSize}));
    EXPECT_EQ(controls->validationError(), QString());
    EXPECT_EQ(controls->sweepError()->text(), QString());

    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    ASSERT_TRUE(m_window.session()->run());
    waitForRuns(finished, 1);
    int poolRuns = 0;
    for (const SetRun& run : experimentOf(finished.at(0)).runs)
        poolRuns += run.strategy == QStringLiteral("pool") ? 1 : 0;
    EXPECT_EQ(poolRuns, 5); // 1, 2, 3, 4 and 8 workers: auto is 3 workers on a 3-task set, run once

    // Unchecked, the slider's single value counts again.
    controls->sweepCheck()->setChecked(false);
    EXPECT_EQ(controls->plan().poolSizes.size(), 1U);
}

TEST_F(SweepTest, ABadSweepIsShownBesideItsFieldAndDisablesRun)
{
    ControlsPanel* controls = m_window.controls();
    controls->sweepCheck()->setChecked(true);
    controls->sweepEdit()->setText(QStringLiteral("1-4,x"));
    EXPECT_FALSE(controls->sweepError()->text().isEmpty());
    EXPECT_TRUE(controls->validationError().startsWith(QStringLiteral("Sweep: ")));
    EXPECT_FALSE(controls->runButton()->isEnabled());
    EXPECT_EQ(controls->setsError()->text(), QString());
    EXPECT_EQ(controls->csvError()->text(), QString());
    controls->sweepEdit()->setText(QStringLiteral("1,2"));
    EXPECT_EQ(controls->sweepError()->text(), QString());
    EXPECT_TRUE(controls->runButton()->isEnabled());
}

TEST_F(SweepTest, ARerunDuringARunIsQueuedAndTheFirstRunFinishes)
{
    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    ASSERT_TRUE(m_window.session()->run());
    ASSERT_TRUE(m_window.session()->isRunning());
    m_window.controls()->autoPoolCheck()->setChecked(false);
    m_window.controls()->poolSlider()->setValue(2);
    ASSERT_TRUE(m_window.session()->run()); // queued, not a cancel
    EXPECT_TRUE(m_window.session()->hasQueuedRun());
    m_window.controls()->poolSlider()->setValue(3);
    ASSERT_TRUE(m_window.session()->run()); // replaces the queued one, never the running one
    waitForRuns(finished, 2);

    const Experiment first = experimentOf(finished.at(0));
    EXPECT_FALSE(first.cancelled);
    EXPECT_EQ(first.runs.size(), 2U); // serial and pool on the one set: all there
    const Experiment second = experimentOf(finished.at(1));
    EXPECT_FALSE(second.cancelled);
    ASSERT_EQ(second.runs.size(), 2U);
    EXPECT_EQ(second.plan.poolSizes, std::vector<int> {3}); // the latest request, not the replaced one
}

TEST_F(SweepTest, CancelDropsTheQueuedRun)
{
    ExperimentPlan plan = m_window.controls()->plan();
    plan.sets = {{46, 45}};
    m_window.controls()->setPlan(plan);
    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    ASSERT_TRUE(m_window.session()->run());
    ASSERT_TRUE(m_window.session()->run());
    EXPECT_TRUE(m_window.session()->hasQueuedRun());
    m_window.session()->cancel();
    EXPECT_FALSE(m_window.session()->hasQueuedRun());
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_TRUE(experimentOf(finished.at(0)).cancelled);
    EXPECT_FALSE(m_window.session()->isRunning()); // nothing started after the cancelled run
}

TEST_F(SweepTest, AutoRerunsAreDebouncedAndNeverCancelAFinishedRun)
{
    ControlsPanel* controls = m_window.controls();
    controls->autoPoolCheck()->setChecked(false);
    controls->poolSlider()->setValue(1);
    controls->setAutoRerun(true);
    QSignalSpy finished(m_window.session(), &RunSession::runFinished);

    // A quick drag from 2 to 8: one run, at the value the slider rests on.
    for (int value = 2; value <= 8; ++value)
        controls->poolSlider()->setValue(value);
    EXPECT_FALSE(m_window.session()->isRunning()); // not before the slider rests
    waitForRuns(finished, 1);
    EXPECT_EQ(experimentOf(finished.at(0)).plan.poolSizes, std::vector<int> {8});

    // A slow drag, resting longer than the debounce while runs go on: each rest asks for a run,
    // those asked during a run wait for it, and every run finishes.
    for (int value = 7; value >= 4; --value) {
        controls->poolSlider()->setValue(value);
        QTest::qWait(400);
    }
    while (m_window.session()->isRunning() || m_window.session()->hasQueuedRun())
        ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    ASSERT_GE(finished.size(), 3);
    for (const QList<QVariant>& arguments : finished)
        EXPECT_FALSE(experimentOf(arguments).cancelled);
    EXPECT_EQ(experimentOf(finished.last()).plan.poolSizes, std::vector<int> {4});
}
