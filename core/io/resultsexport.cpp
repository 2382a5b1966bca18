#include "core/io/resultsexport.h"

#include "core/io/resultsjson.h"
#include "core/model/environment.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace calcprof {

QString exportRunsJson(const Experiment& runs, const QString& path)
{
    if (!runs.version.isEmpty())
        return writeJsonFile(runs, path); // no copy: the largest experiment's runs are tens of MB
    Experiment all = runs; // nothing has run yet: say what would have measured it
    all.version = QStringLiteral(CALCPROF_VERSION);
    all.environment = currentEnvironment();
    return writeJsonFile(all, path);
}

QString writeTextFile(const QString& text, const QString& path, const QString& what)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QCoreApplication::translate("calcprof", "cannot write %1 to %2: %3").arg(what, path, file.errorString());
    file.write(text.toUtf8());
    if (!file.commit())
        return QCoreApplication::translate("calcprof", "cannot write %1 to %2: %3").arg(what, path, file.errorString());
    return {};
}

} // namespace calcprof
