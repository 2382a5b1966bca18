#pragma once

#include "core/analysis/bounds.h"
#include "core/exec/timedtasks.h"
#include "core/model/results.h"
#include "core/strategies/strategyoptions.h"

#include <QString>

#include <vector>

namespace calcprof {

/// The language a strategy's tasks are computed in: calcprof's C++, or a Python interpreter (py-*).
enum class TaskLanguage { Cpp, Python };

/// How a number set's tasks are scheduled: serially, on a pool, on threads, …
/// An implementation lives in one file under strategies/ and is listed in registerBuiltinStrategies().
class Strategy
{
public:
    Strategy() = default;
    virtual ~Strategy() = default;
    Strategy(const Strategy&) = delete;
    Strategy& operator=(const Strategy&) = delete;
    Strategy(Strategy&&) = delete;
    Strategy& operator=(Strategy&&) = delete;

    /// Stable identifier used on the command line and in JSON ("pool").
    [[nodiscard]] virtual QString id() const = 0;
    /// Human-readable name for the GUI ("QtConcurrent pool").
    [[nodiscard]] virtual QString displayName() const = 0;
    /// One paragraph: how it works and what it teaches.
    [[nodiscard]] virtual QString description() const = 0;
    /// Empty when it can run with `options` on this machine; otherwise why not, for the user ("Open MPI
    /// is not installed: …"): the window greys it with this tooltip, the command line refuses it.
    [[nodiscard]] virtual QString unavailableReason(const StrategyOptions& /*options*/) const { return {}; }
    /// How it hands out the work: the schedule the bounds model simulates for it.
    [[nodiscard]] virtual ScheduleModel scheduleModel() const = 0;
    /// Whether run() computes every task through TimedTasks::runTask(), so that a task function
    /// injected with ExperimentRunner::setTaskFunction() (tests: slow, failing or instrumented tasks) is what
    /// runs. Strategies that split a task into items or its recursion, or compute it in another
    /// process, run the real workload and return false.
    [[nodiscard]] virtual bool runsTaskFunction() const { return true; }
    /// Whether a plan that names no strategies runs it (the py-* strategies, ~90x slower, run when asked for).
    [[nodiscard]] virtual bool runsByDefault() const { return true; }
    [[nodiscard]] virtual TaskLanguage language() const { return TaskLanguage::Cpp; }
    /// Whether its workers compute at the same time: Python threads under the GIL and coroutines do not.
    [[nodiscard]] virtual bool computesInParallel() const { return true; }
    /// Whether the pool-size setting changes what this strategy does.
    [[nodiscard]] virtual bool usesPoolSize() const { return false; }
    /// Workers this strategy will use for `taskCount` tasks when `requestedPoolSize` is asked
    /// for (0 = auto, i.e. one per task like the original's Pool(len(set))). Always >= 1.
    [[nodiscard]] virtual int workerCount(int requestedPoolSize, int taskCount) const = 0;
    /// Runs every task of `execution` through execution.runTask() on `workers` workers and
    /// returns the timings in set order. Must not return before every task has finished.
    virtual std::vector<TaskTiming> run(TimedTasks& execution, int workers) const = 0;
};

} // namespace calcprof
