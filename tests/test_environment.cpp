#include "core/exec/experimentrunner.h"
#include "core/model/environment.h"
#include "core/strategies/strategyregistry.h"

#include <QFile>
#include <QSysInfo>

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

SetRun runTaking(double wallSeconds, double otherProcessesCpuSeconds)
{
    SetRun run;
    run.wallSeconds = wallSeconds;
    run.otherProcessesCpuSeconds = otherProcessesCpuSeconds;
    return run;
}

} // namespace

TEST(Environment, OtherProcessesShareIsTheirCpuOverWallTimesCores)
{
    // 0.46 s of other processes' CPU during a 1 s run on 2 cores: 23 % of the machine.
    EXPECT_DOUBLE_EQ(otherProcessesShare(runTaking(1.0, 0.46), 2), 0.23);
    EXPECT_DOUBLE_EQ(otherProcessesShare(runTaking(0.5, 0.0), 4), 0.0);
    EXPECT_GT(otherProcessesShare(runTaking(1.0, 0.46), 2), kCompetingShareThreshold);
    EXPECT_LT(otherProcessesShare(runTaking(1.0, 0.1), 2), kCompetingShareThreshold);
    EXPECT_DOUBLE_EQ(otherProcessesShare(runTaking(kMinSecondsForShare, 1.0), 2), 1.0); // never above all of it
}

TEST(Environment, OtherProcessesShareIsUnknownWithoutAMeasurement)
{
    EXPECT_EQ(otherProcessesShare(runTaking(1.0, -1.0), 2), -1.0); // /proc/stat unreadable
    EXPECT_EQ(otherProcessesShare(runTaking(0.0, 0.5), 2), -1.0); // no wall time to compare with
    // 2.5 ms: one 10 ms clock tick of /proc/stat would read as 200 % of 2 cores.
    EXPECT_EQ(otherProcessesShare(runTaking(0.0025, 0.01), 2), -1.0);
    EXPECT_EQ(otherProcessesShare(runTaking(1.0, 0.5), 0), -1.0); // cores unknown
}

TEST(Environment, CurrentEnvironmentNamesTheMachine)
{
    const EnvironmentInfo environment = currentEnvironment();
    EXPECT_GE(environment.cores, 1);
    EXPECT_FALSE(environment.cpu.isEmpty());
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly) && cpuinfo.readAll().contains("model name")) {
        EXPECT_NE(environment.cpu, QSysInfo::currentCpuArchitecture()); // the model, not just "x86_64"
    }
}

TEST(Environment, AProcessesRunsWorkersCountAsItsOwnCpuNotAsOtherProcesses)
{
    // The worker processes are reaped before the run ends, so their CPU is in RUSAGE_CHILDREN and
    // the ExperimentRunner takes it out of "other processes" (else every processes run read as a busy machine).
    const double before = reapedChildrenCpuSeconds();
    const SetRun run = ExperimentRunner().runSet(
        *builtinStrategies().find(QStringLiteral("processes")), 1, NumberSet {33}, 1, std::atomic<bool> {false});
    ASSERT_TRUE(run.ok()) << run.error.toStdString();
    const double children = reapedChildrenCpuSeconds() - before;
    ASSERT_EQ(run.tasks.size(), 1U);
    EXPECT_GE(children, 0.8 * run.tasks.front().cpuSeconds)
        << "children " << children << " s, the task " << run.tasks.front().cpuSeconds << " s";
    EXPECT_GT(run.tasks.front().cpuSeconds, 0.001); // task 33 is milliseconds of work
}

TEST(SetRun, WorkersUsedCountsTheWorkersOfASplitTasksPieces)
{
    SetRun run;
    TaskTiming task;
    task.worker = 1; // finished it
    task.slices = {{1, 0.0, 0.5}, {3, 0.1, 0.4}};
    run.tasks = {task};
    EXPECT_EQ(run.workersUsed(), 3);
}

TEST(Environment, ARunIsDisturbedAboveTenPercentOthersOrFivePercentSteal)
{
    // 1 s on 2 cores: 0.22 s of other processes is 11 %, 0.18 s is 9 %.
    EXPECT_TRUE(isDisturbed(runTaking(1.0, 0.22), 2));
    EXPECT_FALSE(isDisturbed(runTaking(1.0, 0.18), 2));
    SetRun stolen = runTaking(1.0, 0.0);
    stolen.stealSeconds = 0.12; // 6 % of 2 cores
    EXPECT_DOUBLE_EQ(stealShare(stolen, 2), 0.06);
    EXPECT_TRUE(isDisturbed(stolen, 2));
    stolen.stealSeconds = 0.08; // 4 %
    EXPECT_FALSE(isDisturbed(stolen, 2));
    EXPECT_EQ(disturbanceText(stolen, 2), QStringLiteral("other processes 0 %, steal 4 %"));
}

TEST(Environment, ARunWhoseNoiseIsUnknownIsNotDisturbed)
{
    SetRun unknown = runTaking(1.0, -1.0); // /proc/stat unreadable: steal stays -1 too
    EXPECT_EQ(stealShare(unknown, 2), -1.0);
    EXPECT_FALSE(isDisturbed(unknown, 2));
    SetRun tooShort = runTaking(0.01, 0.02); // 100 % of 2 cores, but one clock tick
    tooShort.stealSeconds = 0.02;
    EXPECT_FALSE(isDisturbed(tooShort, 2));
    EXPECT_EQ(disturbanceText(tooShort, 2), QStringLiteral("other processes unknown, steal unknown"));
}

TEST(Environment, ReadsTheMachinesBusyAndStealTimeApart)
{
    ASSERT_TRUE(QFile::exists(QStringLiteral("/proc/stat"))) << "calcprof runs on Linux, which has it";
    const MachineCpuTimes times = machineCpuTimes();
    EXPECT_GT(times.busySeconds, 0.0);
    EXPECT_GE(times.stealSeconds, 0.0);
    EXPECT_GE(involuntaryContextSwitches(), 0);
}
