#include "core/strategies/builtinstrategies.h"

#include "core/exec/threadlayouts.h"

namespace calcprof {

namespace {

class SerialStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("serial"); }
    QString displayName() const override { return QStringLiteral("Serial"); }
    QString description() const override
    {
        return QStringLiteral(
            "Runs the tasks one after another on the calling thread, like the original's do_serial. "
            "There is no start-up cost and no coordination, so for tiny tasks (set 1 takes microseconds) "
            "nothing beats it; its time is simply the sum of the task times, the baseline every "
            "speedup is measured against.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    int workerCount(int /*requestedPoolSize*/, int /*taskCount*/) const override { return 1; }

    std::vector<TaskTiming> run(TimedTasks& execution, int /*workers*/) const override
    {
        return runInOrder(execution.taskCount(), [&execution](int index) { return execution.runTask(index); });
    }
};

} // namespace

std::unique_ptr<Strategy> makeSerialStrategy()
{
    return std::make_unique<SerialStrategy>();
}

} // namespace calcprof
