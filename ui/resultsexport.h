#pragma once

#include "experiment.h"

#include <QString>

class QAbstractItemModel;

namespace calcprof {

/// Every run of `runs` in the CLI's JSON schema (the version and machine filled in when `runs` has
/// none yet). Empty on success, else why not.
QString exportRunsJson(const Experiment& runs, const QString& path);

/// A table model as comma-separated values: its header, then one line per row of `role` data
/// (quoted where a field holds a comma, a quote or a newline), written atomically. Empty on
/// success, else why not.
QString exportTableCsv(const QAbstractItemModel& model, int role, const QString& path);

} // namespace calcprof
