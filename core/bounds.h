#pragma once

#include <vector>

/// What a strategy can reach at best, from the measured serial time of every task of a set.
/// Every bound is a speedup against serial (total task time / makespan).
namespace calcprof {

/// How a strategy hands out its work; the schedule simulator follows it. Each Strategy says which.
enum class ScheduleModel {
    /// Whole tasks handed out in set order, one at a time, to `workers` workers (map with chunk size
    /// 1): serial is one worker, a pool W workers, one thread per task as many workers as tasks.
    WholeTasksInSetOrder,
};

struct SpeedupBounds
{
    /// min(workers, cores): no more cores than that can be busy.
    double ideal = 1.0;
    /// total / max(largest task, total / min(workers, cores)): no schedule of whole tasks, in any
    /// order, finishes before its largest task or before the work spread evenly over the cores.
    double wholeTask = 1.0;
    /// total / the simulated makespan of the strategy's own schedule (with more workers than cores
    /// sharing the cores equally). A model rather than a bound: a real scheduler that does not
    /// share fairly can beat it slightly.
    double schedule = 1.0;

    friend bool operator==(const SpeedupBounds&, const SpeedupBounds&) = default;
};

/// The makespan of `taskSeconds` run under `model` by `workers` workers on `cores` cores: a
/// worker takes the next task in set order as soon as it is free; while more tasks run than there
/// are cores, each runs at cores / running of full speed (processor sharing, as a fair OS
/// scheduler time-slices threads). Workers and cores below 1 count as 1.
double simulateMakespan(const std::vector<double>& taskSeconds, ScheduleModel model, int workers, int cores);

/// The three bounds for `workers` workers on `cores` cores. With no work at all (every task 0 s),
/// all three are the ideal.
SpeedupBounds speedupBounds(const std::vector<double>& taskSeconds, ScheduleModel model, int workers, int cores);

} // namespace calcprof
