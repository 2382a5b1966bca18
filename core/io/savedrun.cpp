#include "core/io/savedrun.h"

#include "core/io/resultsjsonreader.h"

#include <QFileInfo>

#include <set>

namespace calcprof {

QString SavedRun::fileName() const
{
    return QFileInfo(path).fileName();
}

QString SavedRun::description() const
{
    std::set<NumberSet> sets;
    for (const SetRun& run : experiment.runs)
        sets.insert(run.numbers);
    const EnvironmentInfo& machine = experiment.environment;
    QString text = QStringLiteral("calcprof %1").arg(experiment.version);
    if (modified.isValid())
        text += QStringLiteral(", file dated %1").arg(modified.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    text += QStringLiteral("; %1 set runs of %2 sets").arg(experiment.runs.size()).arg(sets.size());
    if (!experiment.csv.empty())
        text += QStringLiteral(", %1 CSV stages").arg(experiment.csv.size());
    if (experiment.cancelled)
        text += QStringLiteral(" (cancelled before the end)");
    text += QStringLiteral("; %1, %2 cores, %3, %4 %5 build")
                .arg(machine.cpu)
                .arg(machine.cores)
                .arg(machine.os, machine.compiler, machine.buildType);
    return text;
}

QString readSavedRun(const QString& path, SavedRun& saved)
{
    ExperimentRead read = readExperimentJson(path);
    if (!read.ok())
        return read.error;
    saved.path = path;
    saved.experiment = std::move(read.experiment);
    saved.modified = QFileInfo(path).lastModified();
    return {};
}

} // namespace calcprof
