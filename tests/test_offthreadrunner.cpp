// OffThreadRunner's generations: a run started while another is going supersedes it, and nothing the
// superseded run still reports may reach the window's models after that ("drops events of
// superseded runs", docs/RELIABILITY.md).

#include "core/exec/workload.h"
#include "ui/session/offthreadrunner.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

using namespace calcprof;
using namespace std::chrono_literals;

namespace {

// A task that takes 10 ms and gives up promptly once the stop flag is raised, as the real one does.
std::vector<FiboValue> slowTask(int n, const std::atomic<bool>& stop)
{
    for (int step = 0; step < 10; ++step) {
        if (stop.load())
            throw Cancelled();
        std::this_thread::sleep_for(1ms);
    }
    return referenceTaskValues(n);
}

ExperimentPlan serialPlan(const NumberSet& numbers, int repeat)
{
    ExperimentPlan plan;
    plan.sets = {numbers};
    plan.strategies = {QStringLiteral("serial")};
    plan.repeat = repeat;
    plan.warmup = 0;
    return plan;
}

} // namespace

TEST(OffThreadRunner, ARunStartedDuringARunDropsEveryLateEventOfTheFirst)
{
    OffThreadRunner controller;
    controller.setTaskFunction(slowTask);
    // The two runs tell their events apart by their numbers: 3 and 4 for the first, 7 for the second.
    const ExperimentPlan first = serialPlan({3, 4}, 200); // 400 slow tasks: seconds, far longer than the test
    const ExperimentPlan second = serialPlan({7}, 2);

    bool secondBegan = false;
    int lateEventsOfTheFirst = 0;
    std::map<QString, int> eventsOfTheSecond;
    int lastProgressOfTheSecond = 0;
    auto record = [&](bool ofTheFirst, const QString& event) {
        if (!secondBegan)
            return;
        if (ofTheFirst)
            ++lateEventsOfTheFirst;
        else
            ++eventsOfTheSecond[event];
    };
    QObject::connect(&controller, &OffThreadRunner::runStarted,
        [&](int totalSteps) { record(totalSteps == 400, QStringLiteral("runStarted")); });
    QObject::connect(
        &controller, &OffThreadRunner::taskFinished, [&](const QString&, int, int, int, const TaskTiming& task) {
            record(task.n != 7, QStringLiteral("taskFinished"));
        });
    QObject::connect(&controller, &OffThreadRunner::setFinished,
        [&](const SetRun& run) { record(run.numbers != NumberSet {7}, QStringLiteral("setFinished")); });
    QObject::connect(&controller, &OffThreadRunner::progress, [&](int done, int total) {
        record(total == 400, QStringLiteral("progress"));
        if (secondBegan && total != 400)
            lastProgressOfTheSecond = done;
    });
    QObject::connect(
        &controller, &OffThreadRunner::runFailed, [&](const QString&) { record(true, QStringLiteral("runFailed")); });
    QObject::connect(&controller, &OffThreadRunner::runFinished, [&](const Experiment& experiment) {
        record(experiment.plan.sets != second.sets, QStringLiteral("runFinished"));
    });
    QSignalSpy tasks(&controller, &OffThreadRunner::taskFinished);
    QSignalSpy finished(&controller, &OffThreadRunner::runFinished);

    ASSERT_TRUE(controller.start(first));
    ASSERT_TRUE(tasks.wait(10'000)); // the first run is under way
    // Its next events pile up undelivered in the mailbox while this thread is busy, as they do
    // when the GUI thread is drawing; then the second run starts.
    std::this_thread::sleep_for(100ms);
    ASSERT_TRUE(controller.isRunning());
    ASSERT_TRUE(controller.start(second));
    secondBegan = true;

    while (finished.isEmpty() || finished.last().at(0).value<Experiment>().plan.sets != second.sets) {
        if (!finished.wait(20'000))
            break;
    }
    QTest::qWait(200); // anything the first run still had on its way
    EXPECT_FALSE(controller.isRunning());

    EXPECT_EQ(lateEventsOfTheFirst, 0);
    // The second run reported everything: its start, 2 tasks, 2 set runs, its progress to the end
    // (coalesced: one or two events), its end.
    EXPECT_EQ(eventsOfTheSecond[QStringLiteral("runStarted")], 1);
    EXPECT_EQ(eventsOfTheSecond[QStringLiteral("taskFinished")], 2);
    EXPECT_EQ(eventsOfTheSecond[QStringLiteral("setFinished")], 2);
    EXPECT_GE(eventsOfTheSecond[QStringLiteral("progress")], 1);
    EXPECT_EQ(lastProgressOfTheSecond, 2);
    EXPECT_EQ(eventsOfTheSecond[QStringLiteral("runFinished")], 1);
    ASSERT_FALSE(finished.isEmpty());
    const auto result = finished.last().at(0).value<Experiment>();
    EXPECT_EQ(result.plan.sets, second.sets);
    EXPECT_FALSE(result.cancelled);
    EXPECT_EQ(result.runs.size(), 2U);
}

// Progress is coalesced (at most one event waiting, with the latest count): however the events
// bunch up, the last one delivered says the run is complete.
TEST(OffThreadRunner, CoalescedProgressEndsAtTheTotal)
{
    OffThreadRunner controller;
    ExperimentPlan plan = serialPlan({}, 1);
    plan.sets.assign(8, NumberSet(256, 3)); // 2,048 tasks of microseconds: events in bursts
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    QSignalSpy progress(&controller, &OffThreadRunner::progress);
    QSignalSpy finished(&controller, &OffThreadRunner::runFinished);

    ASSERT_TRUE(controller.start(plan));
    ASSERT_TRUE(finished.wait(20'000));

    ASSERT_FALSE(progress.isEmpty());
    EXPECT_EQ(progress.last().at(0).toInt(), 4096);
    EXPECT_EQ(progress.last().at(1).toInt(), 4096);
    EXPECT_LE(progress.size(), 4096);
    for (qsizetype index = 1; index < progress.size(); ++index)
        EXPECT_LE(progress.at(index - 1).at(0).toInt(), progress.at(index).at(0).toInt()) << "went backwards";
}
