#pragma once

#include "core/model/results.h"

#include <cstdint>

namespace calcprof {

/// The machine and build the measurements come from.
EnvironmentInfo currentEnvironment();

/// "CPython 3.11.2 (GIL enabled), /usr/bin/python3": the interpreter everywhere it is shown.
QString describePython(const PythonEnvironment& python);

/// CPU time the whole process (all threads) has used so far.
double processCpuSeconds();

/// CPU time this process's children have used so far, counting only those already reaped (the
/// processes strategy reaps its workers before a run ends): part of a run's own work, not other
/// processes' competition.
double reapedChildrenCpuSeconds();

/// CPU time the calling thread has used so far (a system call: a few hundred nanoseconds).
double threadCpuSeconds();

/// The machine's CPU counters from the first line of /proc/stat, in seconds summed over all cores;
/// -1 where it cannot be read.
struct MachineCpuTimes
{
    /// Busy time of every process and the kernel (user nice system irq softirq). Its difference over
    /// a run, minus the run's own CPU, is what other processes took meanwhile.
    double busySeconds = -1.0;
    /// Steal: time the hypervisor ran something else while this VM's CPUs wanted to run. Not any
    /// process's time, so not in busySeconds.
    double stealSeconds = -1.0;
};

/// The counters now (reads /proc/stat: tens of microseconds, so never inside a timed span).
MachineCpuTimes machineCpuTimes();

/// Involuntary context switches of this process (all its threads) and of its reaped children so
/// far (getrusage ru_nivcsw of RUSAGE_SELF plus RUSAGE_CHILDREN): how often the scheduler took a
/// CPU away from the run's work before it was done.
std::int64_t involuntaryContextSwitches();

/// Above this share of the machine's CPU taken by other processes, a run's timing is suspect.
inline constexpr double kCompetingShareThreshold = 0.10;

/// The shortest run whose share can be told: /proc/stat counts in clock ticks (10 ms), so the
/// share of a run of w seconds is uncertain by about 0.01 / w: 4 % at this length, 400 % at 2.5 ms.
inline constexpr double kMinSecondsForShare = 0.25;

/// The share (0..1) of the machine's CPU that other processes took during `run`:
/// otherProcessesCpuSeconds / (wallSeconds x cores), at most 1; -1 when unknown (not measured, or
/// a run shorter than kMinSecondsForShare). The window, the console and the report flag runs above
/// kCompetingShareThreshold with it.
double otherProcessesShare(const SetRun& run, int cores);

/// Above this share of the wall time x cores stolen by the hypervisor (a VM's other guests), a
/// run's timing is suspect.
inline constexpr double kStealShareThreshold = 0.05;

/// The share (0..1) of the machine's CPU time the hypervisor stole during `run`: stealSeconds /
/// (wallSeconds x cores), at most 1; -1 when unknown, as otherProcessesShare().
double stealShare(const SetRun& run, int cores);

/// Whether `run` was disturbed: other processes took more than kCompetingShareThreshold of the
/// machine, or the hypervisor stole more than kStealShareThreshold of it. A run whose shares are
/// unknown (too short to tell, not measured) is not. The runner retries disturbed runs
/// (--retry-disturbed) and the summary counts those still disturbed.
bool isDisturbed(const SetRun& run, int cores);

/// "other processes 23 %, steal 0 %" ("unknown" for a share that is): what disturbed `run`, in the
/// words of the console's retry line.
QString disturbanceText(const SetRun& run, int cores);

/// Peak resident set size of this process so far, in bytes.
std::int64_t peakRssBytes();

} // namespace calcprof
