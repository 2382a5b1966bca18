#include "core/strategies/builtinstrategies.h"

#include "core/exec/splittasks.h"

#include "core/exec/concurrentmap.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <memory>

namespace calcprof {

namespace {

/// One fibo(i) of one task: the unit of work this strategy hands out.
struct Item
{
    int task = 0; ///< index into the set
    int i = -1; ///< the n of fibo(n); -1 stands for an empty task (n = 0), so it completes on a worker too
    FiboValue value = 0;
};

class MappedStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("mapped"); }
    QString displayName() const override { return QStringLiteral("QtConcurrent::map over items"); }
    QString description() const override
    {
        return QStringLiteral(
            "Splits every task into its items (one fibo(i) each), sorts them largest first and runs them with "
            "QtConcurrent::map on a dedicated QThreadPool of the pool size (auto = one thread per core), then "
            "reassembles each task's list in order. Finer pieces lift the whole-task limit: the set no longer "
            "waits for its largest task, only for its largest item (fibo(n-1) of the largest task, about 38 % of "
            "that task), and handing the big items out first leaves the small ones to fill the gaps at the end.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::ItemsLargestFirst; }
    bool runsTaskFunction() const override { return false; }
    bool usesPoolSize() const override { return true; }
    int workerCount(int requestedPoolSize, int /*taskCount*/) const override
    {
        return requestedPoolSize > 0 ? requestedPoolSize : std::max(1, QThread::idealThreadCount());
    }

    std::vector<TaskTiming> run(TimedTasks& execution, int workers) const override
    {
        const NumberSet& numbers = execution.numbers();
        std::vector<Item> items;
        std::vector<std::atomic<int>> itemsLeft(numbers.size());
        for (std::size_t task = 0; task < numbers.size(); ++task) {
            const int n = numbers[task];
            itemsLeft[task] = std::max(n, 1);
            if (n == 0)
                items.push_back(Item {static_cast<int>(task), -1, 0});
            for (int i = 0; i < n; ++i)
                items.push_back(Item {static_cast<int>(task), i, 0});
        }
        // Largest first, so the long items start at once and the short ones fill the gaps at the end
        // (LPT scheduling); stable, so equal items keep set order.
        std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.i > b.i; });

        std::vector<std::vector<std::size_t>> itemsOfTask(numbers.size());
        for (std::size_t position = 0; position < items.size(); ++position)
            itemsOfTask[static_cast<std::size_t>(items[position].task)].push_back(position);

        SplitTasks tasks(execution);
        std::vector<std::atomic<bool>> taskCancelled(numbers.size());
        const std::atomic<bool>& stop = execution.stopFlag();
        auto compute = [&](int position) {
            Item& item = items[static_cast<std::size_t>(position)];
            const double start = tasks.beginPiece();
            const auto task = static_cast<std::size_t>(item.task);
            try {
                if (item.i >= 0)
                    item.value = fibo(item.i, stop); // polls `stop` inside the recursion
            } catch (const Cancelled&) {
                taskCancelled[task] = true;
            }
            tasks.endPiece(item.task, start);
            // The worker that finishes a task's last item reassembles it: the acq_rel countdown makes
            // every other item of the task, written by other workers, visible here.
            if (itemsLeft[task].fetch_sub(1, std::memory_order_acq_rel) == 1)
                completeTask(tasks, items, itemsOfTask[task], item.task, numbers[task], taskCancelled[task]);
        };

        // A pool of our own whose size is the experiment's variable; the calling thread only waits.
        QThreadPool pool;
        pool.setMaxThreadCount(workers);
        pool.setObjectName(QStringLiteral("calcprof mapped strategy"));
        runConcurrentMap(pool, static_cast<int>(items.size()), compute);
        return tasks.takeTimings();
    }

private:
    static void completeTask(SplitTasks& tasks, const std::vector<Item>& items,
        const std::vector<std::size_t>& positions, int task, int n, bool cancelled)
    {
        if (cancelled) {
            tasks.complete(task, {}, QStringLiteral("cancelled"));
            return;
        }
        std::vector<FiboValue> values(static_cast<std::size_t>(n));
        for (const std::size_t position : positions) {
            const Item& item = items[position];
            if (item.i >= 0)
                values[static_cast<std::size_t>(item.i)] = item.value;
        }
        tasks.complete(task, std::move(values));
    }
};

} // namespace

std::unique_ptr<Strategy> makeMappedStrategy()
{
    return std::make_unique<MappedStrategy>();
}

} // namespace calcprof
