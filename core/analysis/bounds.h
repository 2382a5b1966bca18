#pragma once

#include "core/exec/workload.h"

#include <vector>

/// What a strategy can reach at best, from the measured serial time of every task of a set.
/// Every bound is a speedup against serial (total task time / makespan).
namespace calcprof {

/// How a strategy hands out its work; the schedule simulator follows it. Each Strategy says which.
enum class ScheduleModel {
    /// Whole tasks handed out in set order, one at a time, to `workers` workers (map with chunk size
    /// 1): serial is one worker, a pool W workers, one thread per task as many workers as tasks.
    WholeTasksInSetOrder,
    /// Every task split into its items (one fibo(i) each), handed out largest first to `workers`
    /// workers: the unit of work is an item.
    ItemsLargestFirst,
    /// The recursion of each fibo(i) split into a fork-join tree whose leaves (below
    /// kForkJoinCutoff) idle workers steal: the unit of work is a leaf, a fraction of a millisecond,
    /// so the work is as good as divisible and at most min(workers, cores) threads run it.
    SplitRecursion,
};

/// What the model hands out, for captions: "task", "item", "leaf".
const char* workUnitName(ScheduleModel model);

struct SpeedupBounds
{
    /// min(workers, cores): no more cores than that can be busy.
    double ideal = 1.0;
    /// total / max(largest task, total / min(workers, cores)): no schedule of whole tasks, in any
    /// order, finishes before its largest task or before the work spread evenly over the cores.
    double wholeTask = 1.0;
    /// The same bound for the strategy's own unit of work (workUnitName): total / max(largest unit,
    /// total / min(workers, cores)). Equals wholeTask for strategies that hand out whole tasks; an
    /// item or a leaf is smaller, so splitting lifts it towards the ideal.
    double unit = 1.0;
    /// total / the simulated makespan of the strategy's own schedule (with more workers than cores
    /// sharing the cores equally). A model rather than a bound: a real scheduler that does not
    /// share fairly can beat it slightly.
    double schedule = 1.0;

    friend bool operator==(const SpeedupBounds&, const SpeedupBounds&) = default;
};

/// The units of work `model` hands out, in hand-out order, with their serial times estimated from
/// `taskSeconds` (one per task of `numbers`): whole tasks are the tasks in set order; an item i of
/// task n gets the task's time in proportion to its calls, fiboCalls(i) / taskCalls(n), and the
/// items go largest first. SplitRecursion's thousands of leaves are not listed: it gives each
/// task's items below the cutoff as one unit and one leaf of the largest size per task that
/// splits, which is all the bounds need. `numbers` may be empty for whole tasks.
std::vector<double> workUnits(const std::vector<double>& taskSeconds, const NumberSet& numbers, ScheduleModel model);

/// The makespan of `unitSeconds`, handed out in that order, run by `workers` workers on `cores`
/// cores: a worker takes the next unit as soon as it is free; while more units run than there are
/// cores, each runs at cores / running of full speed (processor sharing, as a fair OS scheduler
/// time-slices threads). Workers and cores below 1 count as 1.
double simulateMakespan(const std::vector<double>& unitSeconds, int workers, int cores);

/// The speedup of whole tasks handed out in `taskSeconds`' order to `workers` workers on `cores`
/// cores: their total over simulateMakespan() (1 without work). What the order of a set costs.
double orderSpeedup(const std::vector<double>& taskSeconds, int workers, int cores);

/// The bounds of `model` for `workers` workers on `cores` cores, from the serial time of each task
/// of `numbers`. With no work at all (every task 0 s), all of them are the ideal.
SpeedupBounds speedupBounds(
    const std::vector<double>& taskSeconds, const NumberSet& numbers, ScheduleModel model, int workers, int cores);

} // namespace calcprof
