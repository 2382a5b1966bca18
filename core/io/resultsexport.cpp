#include "core/io/resultsexport.h"

#include "core/io/resultsjson.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace calcprof {

QString exportRunsJson(const Experiment& runs, const QString& path)
{
    if (!runs.version.isEmpty())
        return writeJsonFile(runs, path); // no copy: the largest experiment's runs are tens of MB
    return writeJsonFile(runs.stamped(), path); // nothing has run yet: say what would have measured it
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
