#include "core/analysis/bounds.h"

#include "core/exec/forkjoin.h"

#include <algorithm>
#include <numeric>

namespace calcprof {

namespace {

/// Seconds per logical call of task `n` measured at `taskSeconds`; 0 for an empty task.
double secondsPerCall(double taskSeconds, int n)
{
    const std::uint64_t calls = taskCalls(n);
    return calls > 0 ? std::max(taskSeconds, 0.0) / static_cast<double>(calls) : 0.0;
}

std::vector<double> itemsLargestFirst(const std::vector<double>& taskSeconds, const NumberSet& numbers)
{
    struct Item
    {
        int i;
        double seconds;
    };
    std::vector<Item> items;
    for (std::size_t task = 0; task < taskSeconds.size() && task < numbers.size(); ++task) {
        const double perCall = secondsPerCall(taskSeconds[task], numbers[task]);
        for (int i = 0; i < numbers[task]; ++i)
            items.push_back(Item {i, perCall * static_cast<double>(fiboCalls(i))});
    }
    // As the strategy sorts them: by size, ties in set order.
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.i > b.i; });
    std::vector<double> seconds;
    seconds.reserve(items.size());
    for (const Item& item : items)
        seconds.push_back(item.seconds);
    return seconds;
}

std::vector<double> splitRecursionUnits(const std::vector<double>& taskSeconds, const NumberSet& numbers)
{
    std::vector<double> units;
    for (std::size_t task = 0; task < taskSeconds.size() && task < numbers.size(); ++task) {
        const int n = numbers[task];
        const double perCall = secondsPerCall(taskSeconds[task], n);
        const int small = std::min(n, kForkJoinCutoff);
        if (small > 0)
            units.push_back(perCall * static_cast<double>(taskCalls(small)));
        if (n > kForkJoinCutoff) // its largest leaf is fibo(cutoff - 1)
            units.push_back(perCall * static_cast<double>(fiboCalls(kForkJoinCutoff - 1)));
    }
    return units;
}

double total(const std::vector<double>& seconds)
{
    return std::accumulate(seconds.begin(), seconds.end(), 0.0);
}

double largest(const std::vector<double>& seconds)
{
    return seconds.empty() ? 0.0 : *std::max_element(seconds.begin(), seconds.end());
}

} // namespace

const char* workUnitName(ScheduleModel model)
{
    switch (model) {
    case ScheduleModel::WholeTasksInSetOrder: return "task";
    case ScheduleModel::ItemsLargestFirst: return "item";
    case ScheduleModel::SplitRecursion: return "leaf";
    }
    return "task";
}

std::vector<double> workUnits(const std::vector<double>& taskSeconds, const NumberSet& numbers, ScheduleModel model)
{
    switch (model) {
    case ScheduleModel::WholeTasksInSetOrder: return taskSeconds;
    case ScheduleModel::ItemsLargestFirst: return itemsLargestFirst(taskSeconds, numbers);
    case ScheduleModel::SplitRecursion: return splitRecursionUnits(taskSeconds, numbers);
    }
    return taskSeconds;
}

double simulateMakespan(const std::vector<double>& unitSeconds, int workers, int cores)
{
    workers = std::max(workers, 1);
    cores = std::max(cores, 1);

    // Event-driven processor sharing: between two events (a unit finishing) every running unit
    // progresses at the same rate, min(1, cores / running).
    std::vector<double> remaining; // work left of each running unit, in seconds at full speed
    std::size_t next = 0;
    double now = 0.0;
    auto fill = [&] {
        while (remaining.size() < static_cast<std::size_t>(workers) && next < unitSeconds.size())
            remaining.push_back(std::max(unitSeconds[next++], 0.0));
    };
    fill();
    while (!remaining.empty()) {
        const double rate = std::min(1.0, static_cast<double>(cores) / static_cast<double>(remaining.size()));
        const double shortest = *std::min_element(remaining.begin(), remaining.end());
        now += shortest / rate;
        for (double& left : remaining)
            left -= shortest;
        // Every unit that has (numerically) no work left ends at this event.
        std::erase_if(remaining, [shortest](double left) { return left <= shortest * 1e-12; });
        fill();
    }
    return now;
}

SpeedupBounds speedupBounds(
    const std::vector<double>& taskSeconds, const NumberSet& numbers, ScheduleModel model, int workers, int cores)
{
    SpeedupBounds bounds;
    const int usable = std::max(1, std::min(workers, cores));
    bounds.ideal = usable;
    const double work = total(taskSeconds);
    if (work <= 0.0) {
        bounds.wholeTask = bounds.unit = bounds.schedule = bounds.ideal;
        return bounds;
    }
    bounds.wholeTask = work / std::max(largest(taskSeconds), work / usable);
    const std::vector<double> units = workUnits(taskSeconds, numbers, model);
    bounds.unit = work / std::max(largest(units), work / usable);
    if (model == ScheduleModel::SplitRecursion) {
        // Thousands of leaves stolen by idle workers: the work is as good as divisible, over at most
        // min(workers, cores) threads (oneTBB runs no more threads than cores).
        bounds.schedule = bounds.unit;
        return bounds;
    }
    const double makespan = simulateMakespan(units, workers, cores);
    bounds.schedule = makespan > 0.0 ? work / makespan : bounds.ideal;
    return bounds;
}

double orderSpeedup(const std::vector<double>& taskSeconds, int workers, int cores)
{
    const double makespan = simulateMakespan(taskSeconds, workers, cores);
    return makespan > 0.0 ? total(taskSeconds) / makespan : 1.0;
}

} // namespace calcprof
