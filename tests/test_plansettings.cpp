#include "ui/session/plansettings.h"
#include "ui/window/controlspanel.h"

#include <QLineEdit>
#include <QListWidget>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace calcprof;

TEST(PlanSettings, APlanRoundTrips)
{
    const QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    ExperimentPlan plan;
    plan.sets = {{3, 4}, {5}};
    plan.strategies = {QStringLiteral("pool"), QStringLiteral("async")};
    plan.poolSizes = {1, 2, 3, 8, kAutoPoolSize};
    plan.repeat = 3;
    plan.warmup = 2;
    plan.csv.mode = QStringLiteral("pool");
    plan.csv.setIndex = 2;
    plan.csv.row = {1234, 5678};
    plan.csv.directory = dir.path();
    plan.csv.fsync = true;
    plan.csv.keepFiles = true;
    plan.csv.repeat = 4;
    plan.csv.poolSize = 6;
    plan.strategyOptions.mpi = {QStringLiteral("/etc/lab.hosts"), QStringLiteral("/opt/openmpi/bin/mpirun")};
    {
        QSettings settings(file, QSettings::IniFormat);
        PlanSettings(&settings).save(plan);
    }
    QSettings settings(file, QSettings::IniFormat);
    const ExperimentPlan loaded = PlanSettings(&settings).load();
    EXPECT_EQ(loaded.sets, plan.sets);
    EXPECT_EQ(loaded.strategies, plan.strategies);
    EXPECT_EQ(loaded.poolSizes, plan.poolSizes);
    EXPECT_EQ(loaded.repeat, 3);
    EXPECT_EQ(loaded.warmup, 2);
    EXPECT_EQ(loaded.csv.mode, plan.csv.mode);
    EXPECT_EQ(loaded.csv.setIndex, 2);
    EXPECT_EQ(loaded.strategyOptions, plan.strategyOptions); // the mpi settings are remembered too
    EXPECT_EQ(loaded.csv.row.headerBytes, 1234U);
    EXPECT_EQ(loaded.csv.row.footerBytes, 5678U);
    EXPECT_EQ(loaded.csv.directory, dir.path());
    EXPECT_TRUE(loaded.csv.fsync);
    EXPECT_TRUE(loaded.csv.keepFiles);
    EXPECT_EQ(loaded.csv.repeat, 4);
    EXPECT_EQ(loaded.csv.poolSize, 6);
}

TEST(PlanSettings, UnreadableValuesFallBackToTheDefaults)
{
    const QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("plan/sets"), QStringLiteral("10,,12"));
    settings.setValue(QStringLiteral("plan/poolSizes"), QStringLiteral("4-1"));
    const ExperimentPlan loaded = PlanSettings(&settings).load();
    const ExperimentPlan defaults;
    EXPECT_EQ(loaded.sets, defaults.sets);
    EXPECT_EQ(loaded.poolSizes, defaults.poolSizes);
    EXPECT_EQ(loaded.repeat, defaults.repeat);
}

TEST(ControlsPanelMpi, WithoutMpirunTheStrategyIsGreyedWithTheReasonAndNotRun)
{
    const QByteArray path = qgetenv("PATH");
    const QTemporaryDir empty;
    qputenv("PATH", QFile::encodeName(empty.path()));
    ControlsPanel panel;
    ExperimentPlan plan;
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("mpi")};
    panel.setPlan(plan);
    const QList<QListWidgetItem*> items = panel.strategyList()->findItems(QStringLiteral("(mpi)"), Qt::MatchEndsWith);
    ASSERT_EQ(items.size(), 1);
    EXPECT_FALSE(items.front()->flags() & Qt::ItemIsEnabled);
    EXPECT_EQ(items.front()->toolTip(), QStringLiteral("Open MPI is not installed: apt-get install openmpi-bin"));
    EXPECT_EQ(panel.plan().strategies, QStringList {QStringLiteral("serial")});
    // Naming a launcher brings it back (where calcprof's MPI worker is built).
    panel.mpiLauncherEdit()->setText(QStringLiteral("/bin/true"));
    qputenv("PATH", path);
    EXPECT_EQ(bool(items.front()->flags() & Qt::ItemIsEnabled),
        builtinStrategies().find(QStringLiteral("mpi"))->unavailableReason({}).isEmpty());
}
