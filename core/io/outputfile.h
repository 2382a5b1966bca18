#pragma once

#include <QString>

namespace calcprof {

/// Empty if an output file (JSON, trace, report, PNG…) could be written at `path`: its folder exists
/// and is writable and the path is not a folder. Checked before a run, so a bad path fails fast,
/// with nothing run or written.
QString checkOutputFile(const QString& path);

} // namespace calcprof
