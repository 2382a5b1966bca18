#pragma once

#include "core/model/experiment.h"

#include <QString>

namespace calcprof {

/// Every run of `runs` in the CLI's JSON schema (the version and machine filled in when `runs` has
/// none yet). Empty on success, else why not.
QString exportRunsJson(const Experiment& runs, const QString& path);

/// Writes `text` as UTF-8 to `path` atomically (a temporary file renamed into place); `what` names
/// the format in the error ("cannot write CSV to …"). Empty on success, else why not.
QString writeTextFile(const QString& text, const QString& path, const QString& what);

} // namespace calcprof
