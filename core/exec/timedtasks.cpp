#include "core/exec/timedtasks.h"

#include "core/model/environment.h"

#include <algorithm>

namespace calcprof {

void WorkerIds::setHomeThread(std::thread::id home)
{
    const std::lock_guard lock(m_mutex);
    m_home = home;
}

int WorkerIds::idOfCurrentThread()
{
    const std::thread::id self = std::this_thread::get_id();
    const std::lock_guard lock(m_mutex);
    const auto found = std::find(m_threads.begin(), m_threads.end(), self);
    if (found != m_threads.end())
        return static_cast<int>(found - m_threads.begin()) + 1;
    m_threads.push_back(self);
    m_lastCpuSeconds.push_back(self == m_home ? 0.0 : threadCpuSeconds());
    return static_cast<int>(m_threads.size());
}

double WorkerIds::cpuSinceLastCall(int id)
{
    // m_home is set before any task is handed out (TimedTasks::start), and never again.
    if (std::this_thread::get_id() == m_home)
        return -1.0;
    const double now = threadCpuSeconds();
    const std::lock_guard lock(m_mutex);
    double& last = m_lastCpuSeconds.at(static_cast<std::size_t>(id - 1));
    const double used = now - last;
    last = now;
    return used;
}

std::vector<FiboValue> TimedTasks::naiveTask(int n, const std::atomic<bool>& stop)
{
    return taskValues(n, stop);
}

TimedTasks::TimedTasks(NumberSet numbers, const std::atomic<bool>& stop, TaskFunction function, TaskFinished onFinished)
    : m_numbers(std::move(numbers))
    , m_stop(stop)
    , m_function(std::move(function))
    , m_onFinished(std::move(onFinished))
    , m_origin(std::chrono::steady_clock::now())
{ }

void TimedTasks::start()
{
    m_workers.setHomeThread(std::this_thread::get_id());
    m_origin = std::chrono::steady_clock::now();
}

double TimedTasks::secondsSinceStart() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_origin).count();
}

TaskTiming TimedTasks::runTask(int index)
{
    TaskTiming timing;
    const int n = m_numbers.at(static_cast<std::size_t>(index));
    timing.worker = m_workers.idOfCurrentThread();
    timing.startSeconds = secondsSinceStart();
    QString failure;
    try {
        timing.values = m_function(n, m_stop);
    } catch (const Cancelled&) {
        failure = QStringLiteral("cancelled");
    } catch (const std::exception& error) {
        failure = QStringLiteral("task %1 failed: %2").arg(n).arg(QString::fromLocal8Bit(error.what()));
    } catch (...) {
        failure = QStringLiteral("task %1 failed with an unknown exception").arg(n);
    }
    timing.endSeconds = secondsSinceStart();
    // Since this worker's previous task ended (or its first began): the task plus the hand-off
    // before it, on this thread. The thread that started the run (serial's only worker) is measured
    // by the ExperimentRunner around the whole run, outside the timed span: clock reads in set 1's
    // microseconds would double serial's time.
    timing.cpuSeconds = m_workers.cpuSinceLastCall(timing.worker);
    return completeTask(index, std::move(timing), failure);
}

TaskTiming TimedTasks::completeTask(int index, TaskTiming timing, const QString& failure)
{
    timing.n = m_numbers.at(static_cast<std::size_t>(index));
    timing.wallSeconds = timing.endSeconds - timing.startSeconds;
    if (!failure.isEmpty()) {
        timing.values.clear();
        const std::lock_guard lock(m_failureMutex);
        if (m_failure.isEmpty())
            m_failure = failure;
        return timing;
    }
    if (m_onFinished)
        m_onFinished(index, timing);
    return timing;
}

void TimedTasks::failTask(
    std::vector<TaskTiming>& timings, const std::vector<bool>& done, int task, const QString& failure)
{
    int index = task;
    for (std::size_t candidate = 0; index < 0 && candidate < done.size(); ++candidate) {
        if (!done[candidate])
            index = static_cast<int>(candidate);
    }
    if (index >= 0) {
        auto& timing = timings.at(static_cast<std::size_t>(index));
        timing = completeTask(index, timing, failure);
    }
}

void TimedTasks::recordWorkerStartup(const WorkerStartup& startup)
{
    const std::lock_guard lock(m_startupMutex);
    m_workerStartups.push_back(startup);
}

void TimedTasks::addBytesReceived(std::uint64_t bytes)
{
    m_bytesReceived += bytes;
}

std::vector<WorkerStartup> TimedTasks::workerStartups() const
{
    std::vector<WorkerStartup> startups;
    {
        const std::lock_guard lock(m_startupMutex);
        startups = m_workerStartups;
    }
    std::sort(startups.begin(), startups.end(),
        [](const WorkerStartup& a, const WorkerStartup& b) { return a.worker < b.worker; });
    return startups;
}

QString TimedTasks::failure() const
{
    const std::lock_guard lock(m_failureMutex);
    return m_failure;
}

} // namespace calcprof
