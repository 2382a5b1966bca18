#pragma once

#include "core/exec/workload.h"

#include <QString>

#include <cstdint>
#include <vector>

/// Plain result records, copied freely between threads (and, in the GUI, across queued connections).
namespace calcprof {

/// A stretch of one task's work on one worker, for strategies that split a task (its items, its
/// recursion) over several workers.
struct WorkSlice
{
    int worker = 0;
    double startSeconds = 0.0; ///< offset from the start of the set run
    double endSeconds = 0.0;

    bool operator==(const WorkSlice&) const = default;
};

/// A worker process's start-up (the processes strategy): from its spawn until it was ready for work,
/// or until it was killed when the run ended before it was ready.
struct WorkerStartup
{
    int worker = 0; ///< 1-based, as TaskTiming::worker
    double spawnSeconds = 0.0; ///< offset from the start of the set run
    double endSeconds = 0.0; ///< when it was ready or, when `ready` is false, when it was killed
    bool ready = true;
    /// The host it ran on, for workers that may be on other machines (mpi's ranks); empty otherwise.
    QString host {};

    bool operator==(const WorkerStartup&) const = default;
};

/// One task of one set run.
struct TaskTiming
{
    int n = 0;
    std::vector<FiboValue> values;
    double wallSeconds = 0.0;
    double startSeconds = 0.0; ///< offset from the start of the set run
    double endSeconds = 0.0; ///< offset from the start of the set run
    int worker = 0; ///< 1-based id of the thread that ran it, numbered in order of first use
    /// CPU time of the thread that ran it, from the end of that thread's previous task in this set
    /// run (or the start of its first) to the end of this one; -1 on the thread that started the run
    /// (serial's), which is measured for the whole run instead (SetRun::cpuSeconds).
    double cpuSeconds = -1.0;
    /// Where the task's work ran when a strategy split it (start to end of each worker's stretches,
    /// adjacent stretches on one worker merged); empty when `worker` ran all of it. The task's
    /// start and end are then its first slice's start and its last slice's end, and `worker` the
    /// worker that finished it.
    std::vector<WorkSlice> slices;
    /// Workers in another process that send results back (the py-* strategies): from the task's end in
    /// the worker to its result in the parent - pickling and transfer. -1 where there is no such trip.
    double returnTripSeconds = -1.0;
};

/// One strategy running one number set once.
struct SetRun
{
    QString strategy;
    int setIndex = 0; ///< 1-based
    NumberSet numbers;
    int poolSize = 0; ///< the resolved number of workers (serial: 1)
    int requestedPoolSize = 0; ///< as asked (kAutoPoolSize = 0 for auto, and for strategies that ignore it)
    int repetition = 0;
    double wallSeconds = 0.0;
    /// CPU time of the threads that did its work: the calling thread over the whole run (serial's
    /// tasks; a pool's hand-outs and joins) plus every other worker's tasks.
    double cpuSeconds = 0.0;
    double processCpuSeconds = 0.0; ///< CPU time of the whole process (all threads) during the run
    /// CPU time that other processes on the machine used during the run (/proc/stat), or -1 when unknown.
    double otherProcessesCpuSeconds = -1.0;
    /// CPU time the hypervisor stole from the machine during the run (/proc/stat's steal), or -1 when unknown.
    double stealSeconds = -1.0;
    /// Involuntary context switches of the process and its reaped worker processes during the run
    /// (involuntaryContextSwitches()), or -1 when unknown.
    std::int64_t involuntaryContextSwitches = -1;
    /// A later attempt of the same run replaced this one (--retry-disturbed: it was disturbed). Kept
    /// in Experiment::runs and the JSON; the summary reads only the runs that are not superseded.
    bool superseded = false;
    bool matchesSerial = false;
    std::vector<TaskTiming> tasks;
    /// Strategies whose workers are processes (processes): each worker's start-up, by worker id.
    /// Empty for threads.
    std::vector<WorkerStartup> workerStartups;
    /// First spawn until the last worker was ready (startupSpan()); 0 without worker processes.
    double startupSeconds = 0.0;
    /// Bytes the worker processes sent back (ready messages and results); 0 for threads.
    std::uint64_t bytesReceived = 0;
    QString error; ///< empty on success

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    /// The threads that really ran a task: workers are numbered 1, 2, 3 … in order of first use,
    /// so the highest number. A pool of 64 on a one-task set uses 1.
    [[nodiscard]] int workersUsed() const
    {
        int used = 0;
        for (const TaskTiming& task : tasks) {
            used = task.worker > used ? task.worker : used;
            for (const WorkSlice& slice : task.slices) // a split task's other workers
                used = slice.worker > used ? slice.worker : used;
        }
        return used;
    }
};

/// First spawn until the last worker was ready, over the workers that got ready (0 when none did):
/// a worker killed before it was ready, because the run ended first, never finished starting.
inline double startupSpan(const std::vector<WorkerStartup>& startups)
{
    bool any = false;
    double first = 0.0;
    double last = 0.0;
    for (const WorkerStartup& startup : startups) {
        first = !any || startup.spawnSeconds < first ? startup.spawnSeconds : first;
        if (startup.ready)
            last = startup.endSeconds > last ? startup.endSeconds : last;
        any = true;
    }
    return last > first ? last - first : 0.0;
}

/// Decimal megabytes (1e6 bytes) per second: `bytes` written in `wallSeconds` (0 without a time).
/// Every MB/s of calcprof, a file's, a stage's and the raw write's.
inline double megabytesPerSecond(std::uint64_t bytes, double wallSeconds)
{
    return wallSeconds > 0 ? static_cast<double>(bytes) / 1e6 / wallSeconds : 0.0;
}

/// One CSV file of a CSV stage.
struct CsvFileResult
{
    int index = 0; ///< 1-based: the file is res<index>.txt
    FiboValue value = 0;
    std::uint64_t bytes = 0;
    double startSeconds = 0.0; ///< offset from the start of the stage
    double wallSeconds = 0.0;
    int worker = 0;
    QString error; ///< empty when the file was written completely

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    [[nodiscard]] double mbPerSecond() const { return megabytesPerSecond(bytes, wallSeconds); }
};

/// One CSV stage: every value of one set's results written in one mode.
struct CsvRun
{
    QString mode;
    int setIndex = 0; ///< 1-based
    int round = 0; ///< 0-based round of the CSV stage (files before rounds: 0)
    int order = 0; ///< 0-based place in its round (the modes and the raw write rotate round by round)
    int poolSize = 0; ///< writer threads used
    QString directory;
    int files = 0; ///< files written completely
    int plannedFiles = 0;
    std::uint64_t bytes = 0;
    std::uint64_t headerBytes = 0;
    std::uint64_t footerBytes = 0;
    double wallSeconds = 0.0;
    double mbPerSecond = 0.0; ///< megabytesPerSecond(bytes, wallSeconds), as measured or read
    bool fsync = false;
    bool keptFiles = false;
    /// Peak resident set of the whole process during the stage (from its start where the kernel can
    /// reset the peak, Linux's clear_refs; otherwise since the process started).
    std::int64_t peakRssBytes = 0;
    std::vector<CsvFileResult> fileResults;
    QString error; ///< empty on success

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// RawWriteReference::round of a raw write measured apart from the CSV rounds (the window's
/// "Measure raw write", files before rounds).
inline constexpr int kMeasuredApart = -1;

/// The reference a CSV stage's speed is read against: one plain sequential write of the stage's
/// bytes in its folder (measureSequentialWrite()), made durable when `fsync`.
struct RawWriteReference
{
    std::uint64_t bytes = 0;
    double wallSeconds = 0.0;
    double mbPerSecond = 0.0; ///< decimal megabytes (1e6 bytes) per second of wall time
    bool fsync = false;
    int round = kMeasuredApart; ///< the CSV round it ran in, or kMeasuredApart
    int order = 0; ///< its place in that round

    bool operator==(const RawWriteReference&) const = default;
};

/// The interpreter the py-* strategies ran in.
struct PythonEnvironment
{
    QString interpreter; ///< its path; empty when the experiment ran no Python
    QString implementation; ///< "cpython", "pypy"
    QString version; ///< "3.11.2"
    bool gilEnabled = true;

    bool operator==(const PythonEnvironment&) const = default;
};

struct EnvironmentInfo
{
    int cores = 0;
    QString cpu;
    QString compiler;
    QString buildType;
    QString os;
    PythonEnvironment python {}; ///< only when a py-* strategy ran
};

} // namespace calcprof
