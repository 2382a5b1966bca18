#include "core/bounds.h"

#include <algorithm>
#include <numeric>

namespace calcprof {

double simulateMakespan(const std::vector<double>& taskSeconds, ScheduleModel model, int workers, int cores)
{
    // One model so far; strategies that split tasks finer will bring their own.
    static_cast<void>(model);
    workers = std::max(workers, 1);
    cores = std::max(cores, 1);

    // Event-driven processor sharing: between two events (a task finishing) every running task
    // progresses at the same rate, min(1, cores / running).
    std::vector<double> remaining; // work left of each running task, in seconds at full speed
    std::size_t next = 0;
    double now = 0.0;
    auto fill = [&] {
        while (remaining.size() < static_cast<std::size_t>(workers) && next < taskSeconds.size())
            remaining.push_back(std::max(taskSeconds[next++], 0.0));
    };
    fill();
    while (!remaining.empty()) {
        const double rate = std::min(1.0, static_cast<double>(cores) / static_cast<double>(remaining.size()));
        const double shortest = *std::min_element(remaining.begin(), remaining.end());
        now += shortest / rate;
        for (double& left : remaining)
            left -= shortest;
        // Every task that has (numerically) no work left ends at this event.
        std::erase_if(remaining, [shortest](double left) { return left <= shortest * 1e-12; });
        fill();
    }
    return now;
}

SpeedupBounds speedupBounds(const std::vector<double>& taskSeconds, ScheduleModel model, int workers, int cores)
{
    SpeedupBounds bounds;
    const int usable = std::max(1, std::min(workers, cores));
    bounds.ideal = usable;
    const double total = std::accumulate(taskSeconds.begin(), taskSeconds.end(), 0.0);
    if (total <= 0.0) {
        bounds.wholeTask = bounds.schedule = bounds.ideal;
        return bounds;
    }
    const double largest = *std::max_element(taskSeconds.begin(), taskSeconds.end());
    bounds.wholeTask = total / std::max(largest, total / usable);
    const double makespan = simulateMakespan(taskSeconds, model, workers, cores);
    bounds.schedule = makespan > 0.0 ? total / makespan : bounds.ideal;
    return bounds;
}

} // namespace calcprof
