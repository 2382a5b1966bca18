#include "core/strategies/builtinstrategies.h"

#include <future>

namespace calcprof {

namespace {

class AsyncStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("async"); }
    QString displayName() const override { return QStringLiteral("std::async futures"); }
    QString description() const override
    {
        return QStringLiteral(
            "Launches every task with std::async(std::launch::async) and collects the futures in set "
            "order, like asyncio.gather or concurrent.futures. The futures hide the threads, but each "
            "launch still starts one, so it behaves like one thread per task: the results come back in "
            "order even though the tasks finish out of order.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    int workerCount(int /*requestedPoolSize*/, int taskCount) const override { return std::max(1, taskCount); }

    std::vector<TaskTiming> run(TimedTasks& execution, int /*workers*/) const override
    {
        std::vector<std::future<TaskTiming>> futures;
        futures.reserve(static_cast<std::size_t>(execution.taskCount()));
        for (int index = 0; index < execution.taskCount(); ++index)
            futures.push_back(std::async(std::launch::async, [&execution, index] { return execution.runTask(index); }));
        std::vector<TaskTiming> timings;
        timings.reserve(futures.size());
        for (auto& future : futures)
            timings.push_back(future.get());
        return timings;
    }
};

} // namespace

std::unique_ptr<Strategy> makeAsyncStrategy()
{
    return std::make_unique<AsyncStrategy>();
}

} // namespace calcprof
