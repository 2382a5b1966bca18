#include "ui/session/plansettings.h"

#include <QSettings>

namespace calcprof {

PlanSettings::PlanSettings(QSettings* settings)
    : m_settings(settings)
{ }

ExperimentPlan PlanSettings::load() const
{
    QSettings& settings = *m_settings;
    ExperimentPlan plan;
    const NumberSetsParse sets
        = parseNumberSets(settings.value(QStringLiteral("plan/sets"), formatNumberSets(plan.sets)).toString());
    if (sets.ok())
        plan.sets = sets.sets;
    plan.strategies = settings.value(QStringLiteral("plan/strategies"), plan.strategies).toStringList();
    const PoolSizesParse poolSizes
        = parsePoolSizes(settings.value(QStringLiteral("plan/poolSizes"), formatPoolSizes(plan.poolSizes)).toString());
    if (poolSizes.ok())
        plan.poolSizes = poolSizes.poolSizes;
    plan.repeat = settings.value(QStringLiteral("plan/repeat"), plan.repeat).toInt();
    plan.autoRepeat.enabled = settings.value(QStringLiteral("plan/repeat_auto"), plan.autoRepeat.enabled).toBool();
    plan.warmup = settings.value(QStringLiteral("plan/warmup"), plan.warmup).toInt();
    plan.csv.mode = settings.value(QStringLiteral("csv/mode"), plan.csv.mode).toString();
    plan.csv.setIndex = settings.value(QStringLiteral("csv/set"), plan.csv.setIndex).toInt();
    plan.csv.repeat = settings.value(QStringLiteral("csv/repeat"), plan.csv.repeat).toInt();
    plan.csv.poolSize = settings.value(QStringLiteral("csv/poolSize"), plan.csv.poolSize).toInt();
    plan.csv.row.headerBytes
        = settings.value(QStringLiteral("csv/headerBytes"), QVariant::fromValue(plan.csv.row.headerBytes))
              .toULongLong();
    plan.csv.row.footerBytes
        = settings.value(QStringLiteral("csv/footerBytes"), QVariant::fromValue(plan.csv.row.footerBytes))
              .toULongLong();
    plan.csv.directory = settings.value(QStringLiteral("csv/folder")).toString();
    plan.csv.fsync = settings.value(QStringLiteral("csv/fsync"), false).toBool();
    plan.csv.keepFiles = settings.value(QStringLiteral("csv/keepFiles"), false).toBool();
    plan.strategyOptions.mpi.hostfile = settings.value(QStringLiteral("mpi/hostfile")).toString();
    plan.strategyOptions.mpi.launcher = settings.value(QStringLiteral("mpi/launcher")).toString();
    plan.strategyOptions.python.interpreter = settings.value(QStringLiteral("python/interpreter")).toString();
    plan.strategyOptions.python.startMethod = settings.value(QStringLiteral("python/startMethod")).toString();
    return plan;
}

void PlanSettings::save(const ExperimentPlan& plan)
{
    QSettings& settings = *m_settings;
    settings.setValue(QStringLiteral("plan/sets"), formatNumberSets(plan.sets));
    settings.setValue(QStringLiteral("plan/strategies"), plan.strategies);
    settings.setValue(QStringLiteral("plan/poolSizes"), formatPoolSizes(plan.poolSizes));
    settings.setValue(QStringLiteral("plan/repeat"), plan.repeat);
    settings.setValue(QStringLiteral("plan/repeat_auto"), plan.autoRepeat.enabled);
    settings.setValue(QStringLiteral("plan/warmup"), plan.warmup);
    settings.setValue(QStringLiteral("csv/mode"), plan.csv.mode);
    settings.setValue(QStringLiteral("csv/set"), plan.csv.setIndex);
    settings.setValue(QStringLiteral("csv/repeat"), plan.csv.repeat);
    settings.setValue(QStringLiteral("csv/poolSize"), plan.csv.poolSize);
    settings.setValue(QStringLiteral("csv/headerBytes"), QVariant::fromValue(plan.csv.row.headerBytes));
    settings.setValue(QStringLiteral("csv/footerBytes"), QVariant::fromValue(plan.csv.row.footerBytes));
    settings.setValue(QStringLiteral("csv/folder"), plan.csv.directory);
    settings.setValue(QStringLiteral("csv/fsync"), plan.csv.fsync);
    settings.setValue(QStringLiteral("csv/keepFiles"), plan.csv.keepFiles);
    settings.setValue(QStringLiteral("mpi/hostfile"), plan.strategyOptions.mpi.hostfile);
    settings.setValue(QStringLiteral("mpi/launcher"), plan.strategyOptions.mpi.launcher);
    settings.setValue(QStringLiteral("python/interpreter"), plan.strategyOptions.python.interpreter);
    settings.setValue(QStringLiteral("python/startMethod"), plan.strategyOptions.python.startMethod);
}

} // namespace calcprof
