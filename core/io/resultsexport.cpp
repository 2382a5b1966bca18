#include "core/io/resultsexport.h"

#include "core/io/outputfile.h"
#include "core/io/resultsjson.h"

namespace calcprof {

QString exportRunsJson(const Experiment& runs, const QString& path)
{
    if (!runs.version.isEmpty())
        return writeJsonFile(runs, path); // no copy: the largest experiment's runs are tens of MB
    return writeJsonFile(runs.stamped(), path); // nothing has run yet: say what would have measured it
}

QString writeTextFile(const QString& text, const QString& path, const QString& what)
{
    return writeOutputFile(path, what, text.toUtf8());
}

} // namespace calcprof
