#pragma once

#include "core/model/results.h"

#include <QString>

namespace calcprof {

/// The environment variable that names calcprof's Python runner, overriding the search.
inline constexpr char kPythonRunnerVariable[] = "CALCPROF_PYTHON_RUNNER";
/// The runner's file name: beside calcprof in the build tree, under share/calcprof/ once installed.
inline constexpr char kPythonRunnerName[] = "calcprof_runner.py";
/// The oldest Python the runner supports (time.monotonic_ns, asyncio.run, the walrus-free 3.8 syntax).
inline constexpr int kMinPythonMinor = 8;

/// What an interpreter said of itself when calcprof probed it (runner's hello), or why it could not.
struct PythonInfo
{
    QString interpreter; ///< the path calcprof runs (resolved from PATH when a bare name was given)
    QString runner; ///< calcprof_runner.py
    QString implementation; ///< "cpython", "pypy"
    QString version; ///< "3.11.2"
    bool gilEnabled = true; ///< false only on a free-threaded build running without it
    double startupSeconds = 0.0; ///< spawn to hello: what one interpreter start costs
    QString error; ///< empty when usable

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    /// What the experiment's environment records of it.
    [[nodiscard]] PythonEnvironment environment() const;
};

/// The interpreter `chosen` names (empty: python3), resolved to a path: a name without a slash is looked
/// up in PATH. Sets `error` ("… not found on PATH", "… is not executable") and returns empty otherwise.
QString resolvePythonInterpreter(const QString& chosen, QString& error);

/// Finds calcprof_runner.py: $CALCPROF_PYTHON_RUNNER when set (and only there); otherwise beside the
/// running executable (the build tree), in ../share/calcprof/ from it (an installed calcprof), or where
/// this build tree puts it (tests run from build/tests). Sets `error` naming every path tried.
QString locatePythonRunner(QString& error);

/// Starts `chosen` on the runner once and reads its hello: whether it is a Python calcprof can use, and
/// which. Remembered per interpreter path for the life of the process (the window asks on every edit);
/// an interpreter that does not answer within a few seconds is not usable.
PythonInfo probePythonInterpreter(const QString& chosen);

/// Forgets what probePythonInterpreter() remembered (tests that swap fake interpreters at one path).
void forgetPythonProbes();

} // namespace calcprof
