#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace calcprof {

/// --script: the user's own Python program, run as it is with the plan's interpreter.
struct ScriptPlan
{
    QString path; ///< absolute; empty: no script
    QStringList arguments; ///< what follows `--` on the command line
    /// Where it runs (--script-dir, an existing folder, kept); empty: a fresh temporary folder,
    /// removed after the run, so what the script writes never lands beside calcprof's own files.
    QString workingDirectory;

    [[nodiscard]] bool enabled() const { return !path.isEmpty(); }
    bool operator==(const ScriptPlan&) const = default;
};

/// One `Ran 'NAME' in X secs` line (the course's time_me decorator) the script printed.
struct ScriptTiming
{
    QString name;
    double seconds = 0.0; ///< what the line says
    /// When calcprof read the line, from the script's start: the call ended then, give or take the
    /// pipe (PYTHONUNBUFFERED is set), so its bar spans [endSeconds - seconds, endSeconds].
    double endSeconds = 0.0;
    bool operator==(const ScriptTiming&) const = default;
};

/// A process the script left running when it exited; calcprof ended it.
struct LeftoverProcess
{
    qint64 pid = 0;
    QString command; ///< its command line, as /proc showed it
    bool operator==(const LeftoverProcess&) const = default;
};

/// What running the script measured. The tree is the script and every process it started, however
/// deep, orphans included: the runner is their subreaper, so none escapes the count or the CPU time.
struct ScriptRun
{
    ScriptPlan plan;
    QString directory; ///< where it ran
    bool temporaryDirectory = false; ///< a fresh folder calcprof made, and removed after
    double wallSeconds = 0.0; ///< start to the script's exit
    double userSeconds = 0.0; ///< CPU of the whole tree (the kernel's count of every reaped process)
    double systemSeconds = 0.0;
    qint64 peakRssBytes = 0; ///< the largest single process's peak resident set (the kernel's ru_maxrss)
    qint64 peakTreeRssBytes = 0; ///< the tree's total resident set at its largest, sampled
    int processes = 0; ///< processes of the tree seen while sampling (one lasting under a sample may be missed)
    double sampleSeconds = 0.0; ///< the sampling interval of the two above
    double samplerCpuSeconds = 0.0; ///< what that sampling cost (CPU of the runner's sampling thread)
    /// The exit status, or -N when signal N ended it; nullopt when it never ran or was cancelled.
    std::optional<int> exitStatus;
    bool cancelled = false;
    std::vector<ScriptTiming> timings;
    std::vector<LeftoverProcess> leftovers;
    /// The last lines it printed (stdout and stderr together): what a failure is explained with.
    QStringList outputTail;
    /// Why it could not run or be measured (the interpreter, the folder, the runner); empty otherwise.
    QString error;

    /// Why this run failed, in one sentence; empty when it did not (a cancel is no failure).
    [[nodiscard]] QString failure() const;
    [[nodiscard]] double cpuSeconds() const { return userSeconds + systemSeconds; }
    /// CPU over wall time: how many cores the tree kept busy on average (1.0 for one busy process).
    [[nodiscard]] double averageBusyCores() const { return wallSeconds > 0.0 ? cpuSeconds() / wallSeconds : 0.0; }
    /// A timing's share of the script's wall time.
    [[nodiscard]] double shareOfWall(const ScriptTiming& timing) const
    {
        return wallSeconds > 0.0 ? timing.seconds / wallSeconds : 0.0;
    }
    bool operator==(const ScriptRun&) const = default;
};

/// "exited with status 1", "was killed by signal 9 (Killed)".
QString describeExitStatus(int status);

} // namespace calcprof
