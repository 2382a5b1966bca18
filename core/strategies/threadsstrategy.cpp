#include "core/strategies/builtinstrategies.h"

#include "core/exec/threadlayouts.h"

namespace calcprof {

namespace {

class ThreadsStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("threads"); }
    QString displayName() const override { return QStringLiteral("One thread per task"); }
    QString description() const override
    {
        return QStringLiteral("Starts one dedicated std::thread per task, all at once, and joins them at the end: the "
                              "classic threading.Thread answer. Unlike Python's threads (held back by the GIL) these "
                              "really run in parallel, but more threads than cores only time-slice the same cores, and "
                              "the set still ends when its longest task does.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    int workerCount(int /*requestedPoolSize*/, int taskCount) const override { return std::max(1, taskCount); }

    std::vector<TaskTiming> run(TimedTasks& execution, int /*workers*/) const override
    {
        return runEachOnItsOwnThread(
            execution.taskCount(), [&execution](int index) { return execution.runTask(index); });
    }
};

} // namespace

std::unique_ptr<Strategy> makeThreadsStrategy()
{
    return std::make_unique<ThreadsStrategy>();
}

} // namespace calcprof
