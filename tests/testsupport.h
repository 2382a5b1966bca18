#pragma once

#include "core/results.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <ostream>

// Lets GoogleTest print Qt strings in failure messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& text, std::ostream* out)
{
    *out << '"' << text.toStdString() << '"';
}
QT_END_NAMESPACE

namespace calcprof::test {

/// File names in `directory` (not recursive, hidden files included), sorted.
QStringList filesIn(const QString& directory);

/// Every entry in `directory` (files, folders, hidden ones; not . and ..), sorted by name.
QStringList everythingIn(const QString& directory);

/// Reads a whole file; empty if it cannot be read.
QByteArray readFile(const QString& path);

/// A finished task: n, run by `worker`, from `start` to `end` seconds after its set run began.
TaskTiming taskTiming(int n, int worker, double start, double end);

} // namespace calcprof::test
