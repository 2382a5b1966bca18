#pragma once

#include "core/experiment.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace calcprof {

/// The --json schema: {"tool", "version", "environment", "settings", "cancelled", "runs": [...],
/// "csv": [...], "summary": [...]}; "summary" is summarizeExperiment() of the runs.
/// Field names are a contract with the GUI, the report and outside scripts: extend, never rename.
QJsonObject toJson(const Experiment& experiment);
QByteArray toJsonBytes(const Experiment& experiment);

/// Writes the JSON atomically (a temporary file renamed into place). Empty on success, else why not.
QString writeJsonFile(const Experiment& experiment, const QString& path);

/// Empty if an output file (JSON, PNG…) could be written at `path`: its folder exists and is
/// writable and the path is not a folder. Checked before a run, so a bad path fails fast, with
/// nothing run or written.
QString checkOutputFile(const QString& path);

} // namespace calcprof
