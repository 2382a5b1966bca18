#pragma once

#include "core/model/experiment.h"

#include <QDateTime>
#include <QString>

namespace calcprof {

/// A run saved with --json (or the window's JSON export), opened in the window: as the results to
/// look at again (File → Open results…) or as the baseline to compare with (File → Open baseline…).
struct SavedRun
{
    QString path;
    Experiment experiment;
    QDateTime modified; ///< the file's date: the JSON records none of its own

    [[nodiscard]] QString fileName() const;
    /// "calcprof 1.2.0, file dated 2026-12-02 04:31; 42 set runs of 3 sets; Intel Xeon, 2 cores, Debian …"
    [[nodiscard]] QString description() const;
};

/// Reads `path` into `saved`. Empty on success; else why not, naming the file and what is wrong
/// (core's readExperimentJson: malformed, truncated, another schema, too large), and `saved` is
/// left as it was.
QString readSavedRun(const QString& path, SavedRun& saved);

} // namespace calcprof
