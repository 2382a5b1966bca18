#pragma once

#include "core/model/results.h"

#include <vector>

/// The per-worker timeline of one set run, computed once here so that the console, the report and
/// the charts all read the same numbers (VTune's and Perfetto's threading views are the reference).
namespace calcprof {

/// One task drawn on its worker's lane, or one piece of a split task (TaskTiming::slices) on the
/// lane of the worker that ran it.
struct TimelineBar
{
    int lane = 0; ///< index into RunTimeline::lanes
    int n = 0;
    int taskIndex = 0; ///< index into SetRun::tasks (set order)
    double start = 0.0; ///< seconds from the start of the set run
    double end = 0.0;
    /// The task's result's return trip after `end` (TaskTiming::returnTripSeconds: pickling and
    /// transfer back to the parent, py-* strategies); 0 where there is none.
    double returnTripSeconds = 0.0;

    bool operator==(const TimelineBar&) const = default;
};

/// One worker: a thread, or a worker process.
struct TimelineLane
{
    int worker = 0; ///< TaskTiming::worker
    double busySeconds = 0.0; ///< sum of its tasks' times
    /// Wall minus busy (minus its start-up, for a process): before its first task, between tasks,
    /// after its last.
    double idleSeconds = 0.0;
    /// A worker process's start-up (SetRun::workerStartups): spawned, then ready (or killed, when the
    /// run ended first: `ready` false); both 0 for a thread.
    double spawnSeconds = 0.0;
    double readySeconds = 0.0;
    bool ready = true;
    /// The worker's host when it may be another machine's (mpi's ranks): the lane reads "host:rank".
    QString host {};

    bool operator==(const TimelineLane&) const = default;
};

/// The lane's name: "host:rank" for a worker on a named host, else "worker N" or, for a worker
/// process, "process N".
QString laneLabel(const TimelineLane& lane, bool processes);

struct RunTimeline
{
    std::vector<TimelineLane> lanes; ///< one per distinct worker, by worker id
    std::vector<TimelineBar> bars; ///< one per task that ran (per piece of a split task), in set order
    /// The set run's wall time; never less than the last task's end, so the tail and idle times
    /// below are never negative.
    double wallSeconds = 0.0;
    /// Set-run start until the first task starts (all of it if none ran): the grey band before the
    /// bars. Not "start-up": that word is kept for worker processes' spawn to ready (SetRun::startupSeconds).
    double firstTaskSeconds = 0.0;
    double tailSeconds = 0.0; ///< last task end until the set run's end
    double workSeconds = 0.0; ///< sum of the bars' times
    double idleSeconds = 0.0; ///< lanes x wall minus work (minus the worker processes' start-ups)
    /// The tasks' return trips, summed (TimelineBar::returnTripSeconds): what the py-* strategies' workers
    /// spent pickling and sending results back; 0 for every other strategy.
    double returnTripSeconds = 0.0;
    /// The run's CPU time (SetRun::cpuSeconds) over its wall time: how many cores its work kept busy on
    /// average. Bars that overlap on a timeline are not yet parallel work: threads under Python's GIL
    /// overlap from start to end and still keep one core busy. 0 when unknown.
    double busyCores = 0.0;
    int longestTaskN = -1; ///< -1 when no task ran
    double longestTaskSeconds = 0.0;

    bool operator==(const RunTimeline&) const = default;
};

/// The timeline of `run`. A failed run gives the tasks that ran (a task that never started has
/// worker 0 and no bar); a run with no tasks gives no lanes and all of its wall time as start-up.
/// A worker process has a lane even if it got no task: its start-up is what it cost.
RunTimeline timelineOf(const SetRun& run);

} // namespace calcprof
