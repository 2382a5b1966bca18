#include "core/analysis/timeline.h"

#include <algorithm>
#include <utility>

namespace calcprof {

QString laneLabel(const TimelineLane& lane, bool processes)
{
    if (!lane.host.isEmpty())
        return lane.host + u':' + QString::number(lane.worker);
    return (processes ? QStringLiteral("process ") : QStringLiteral("worker ")) + QString::number(lane.worker);
}

namespace {

void addWorker(std::vector<int>& workers, int worker)
{
    if (std::find(workers.begin(), workers.end(), worker) == workers.end())
        workers.push_back(worker);
}

// When the first bar starts and the last one ends.
struct BarSpan
{
    double firstStart = 0.0;
    double lastEnd = 0.0;
};

// One bar per task that ran (per piece of a split task), its lane still the worker id; the work,
// the longest task; the workers seen added to `workers`.
BarSpan addBars(const SetRun& run, RunTimeline& timeline, std::vector<int>& workers)
{
    BarSpan span;
    for (std::size_t index = 0; index < run.tasks.size(); ++index) {
        const TaskTiming& task = run.tasks[index];
        // Worker 0 is the default of a task that never ran (a failed or cancelled set run).
        if (task.worker <= 0)
            continue;
        // A split task is drawn where its pieces ran; any other task is one piece on its worker.
        const std::vector<WorkSlice> pieces = task.slices.empty()
            ? std::vector<WorkSlice> {{task.worker, task.startSeconds, task.endSeconds}}
            : task.slices;
        for (const WorkSlice& piece : pieces) {
            const double start = std::max(piece.startSeconds, 0.0);
            // The bar's length is the piece's time, so lanes, bars and totals agree to the last digit.
            const double end = std::max(piece.endSeconds, start);
            span.firstStart = timeline.bars.empty() ? start : std::min(span.firstStart, start);
            span.lastEnd = std::max(span.lastEnd, end);
            addWorker(workers, piece.worker);
            // The lane holds the worker id until the lanes are known (placeOnLanes()).
            timeline.bars.push_back(TimelineBar {piece.worker, task.n, static_cast<int>(index), start, end});
            timeline.workSeconds += end - start;
        }
        // A worker in another process sends the result back after the task's end: drawn after its last piece.
        if (task.returnTripSeconds > 0.0 && !pieces.empty()) {
            timeline.bars.back().returnTripSeconds = task.returnTripSeconds;
            timeline.returnTripSeconds += task.returnTripSeconds;
        }
        const double seconds = std::max(task.endSeconds - std::max(task.startSeconds, 0.0), 0.0);
        if (seconds > timeline.longestTaskSeconds || timeline.longestTaskN < 0) {
            timeline.longestTaskN = task.n;
            timeline.longestTaskSeconds = seconds;
        }
    }
    return span;
}

// One lane per worker, by id; the bars moved onto theirs, each lane's busy, start-up and idle time.
// Returns the worker processes' start-ups, summed.
double placeOnLanes(const SetRun& run, std::vector<int> workers, RunTimeline& timeline)
{
    std::sort(workers.begin(), workers.end());
    const auto laneOf = [&workers](int worker) {
        return static_cast<std::size_t>(std::lower_bound(workers.begin(), workers.end(), worker) - workers.begin());
    };
    for (const int worker : workers)
        timeline.lanes.push_back(TimelineLane {worker, 0.0, 0.0});
    for (TimelineBar& bar : timeline.bars) {
        const std::size_t lane = laneOf(bar.lane);
        bar.lane = static_cast<int>(lane);
        timeline.lanes[lane].busySeconds += bar.end - bar.start;
    }
    double startups = 0.0;
    for (const WorkerStartup& startup : run.workerStartups) {
        if (startup.worker <= 0)
            continue;
        TimelineLane& lane = timeline.lanes[laneOf(startup.worker)];
        lane.spawnSeconds = std::max(startup.spawnSeconds, 0.0);
        lane.readySeconds = std::max(startup.endSeconds, lane.spawnSeconds);
        lane.ready = startup.ready;
        lane.host = startup.host;
        startups += lane.readySeconds - lane.spawnSeconds;
    }
    for (TimelineLane& lane : timeline.lanes) {
        lane.idleSeconds
            = std::max(timeline.wallSeconds - lane.busySeconds - (lane.readySeconds - lane.spawnSeconds), 0.0);
    }
    return startups;
}

} // namespace

RunTimeline timelineOf(const SetRun& run)
{
    RunTimeline timeline;
    std::vector<int> workers;
    const BarSpan span = addBars(run, timeline, workers);

    double lastReady = 0.0;
    for (const WorkerStartup& startup : run.workerStartups) {
        if (startup.worker <= 0)
            continue;
        lastReady = std::max(lastReady, startup.endSeconds);
        addWorker(workers, startup.worker);
    }

    // The set run's clock starts before and stops after its tasks' clocks; should a rounding or a
    // failed run's missing wall time say otherwise, the tasks are what was measured.
    timeline.wallSeconds = std::max({run.wallSeconds, span.lastEnd, lastReady, 0.0});
    if (run.cpuSeconds > 0.0 && timeline.wallSeconds > 0.0)
        timeline.busyCores = run.cpuSeconds / timeline.wallSeconds;
    const double startups = placeOnLanes(run, std::move(workers), timeline);

    if (timeline.bars.empty()) {
        timeline.firstTaskSeconds = timeline.wallSeconds;
        return timeline;
    }
    timeline.firstTaskSeconds = span.firstStart;
    timeline.tailSeconds = timeline.wallSeconds - span.lastEnd;
    timeline.idleSeconds = std::max(
        static_cast<double>(timeline.lanes.size()) * timeline.wallSeconds - timeline.workSeconds - startups, 0.0);
    return timeline;
}

} // namespace calcprof
