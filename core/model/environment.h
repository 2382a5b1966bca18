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

/// CPU time all processes of the machine have used so far (busy time in /proc/stat, all cores), or
/// -1 where it cannot be read. Its difference over a run, minus processCpuSeconds()'s, is what other
/// processes took meanwhile.
double machineBusyCpuSeconds();

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

/// Peak resident set size of this process so far, in bytes.
std::int64_t peakRssBytes();

} // namespace calcprof
