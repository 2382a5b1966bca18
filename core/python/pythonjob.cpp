#include "core/python/pythonjob.h"

#include "core/python/pythoninterpreter.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <atomic>
#include <stdexcept>

namespace calcprof {

namespace {

using namespace std::chrono_literals;

std::atomic<long long> helloTimeoutMilliseconds {10000};
// After its span closed the runner only exits: one that has not after this long is killed.
constexpr auto kExitGrace = 2s;

QString text(const char* literal)
{
    return QString::fromLatin1(literal);
}

} // namespace

PythonJob::PythonJob(QString strategy, int workers, TimedTasks& execution)
    : m_strategy(std::move(strategy))
    , m_workers(std::max(workers, 1))
    , m_execution(execution)
{ }

void PythonJob::setHelloTimeout(std::chrono::milliseconds timeout)
{
    helloTimeoutMilliseconds = timeout.count();
}

double PythonJob::toSeconds(qint64 steadyNanoseconds) const
{
    const qint64 origin
        = std::chrono::duration_cast<std::chrono::nanoseconds>(m_execution.startTime().time_since_epoch()).count();
    return static_cast<double>(steadyNanoseconds - origin) * 1e-9;
}

int PythonJob::workerOf(qint64 pid, qint64 thread)
{
    const auto [entry, added] = m_workerIds.try_emplace({pid, thread}, static_cast<int>(m_workerIds.size()) + 1);
    return entry->second;
}

void PythonJob::fail(const QString& message, int task)
{
    m_failed = true;
    m_execution.failTask(m_timings, m_done, task, message);
    if (m_process)
        m_process->stop();
}

void PythonJob::failEnded()
{
    const int status = m_process->finish(500ms);
    QString context
        = m_spanStarted ? QStringLiteral(" before the run ended") : QStringLiteral(" before it began the run");
    for (std::size_t index = 0; m_spanStarted && index < m_done.size(); ++index) {
        if (!m_done[index]) {
            context = QStringLiteral(" while computing the set's tasks (task %1 had not come back)")
                          .arg(m_execution.numbers()[index]);
            break;
        }
    }
    fail(m_process->describeEnd(status) + context);
}

bool PythonJob::handleTask(const QJsonObject& message)
{
    const int index = message.value(text("task")).toInt(-1);
    const QJsonArray values = message.value(text("values")).toArray();
    if (index < 0 || index >= static_cast<int>(m_done.size()) || m_done[static_cast<std::size_t>(index)]) {
        fail(QStringLiteral("the Python runner broke the protocol: it reported task #%1 unexpectedly").arg(index));
        return false;
    }
    TaskTiming timing;
    timing.values.reserve(static_cast<std::size_t>(values.size()));
    for (const auto& value : values)
        timing.values.push_back(static_cast<FiboValue>(value.toDouble(-1.0) < 0 ? 0 : value.toInteger()));
    timing.worker = workerOf(message.value(text("pid")).toInteger(), message.value(text("thread")).toInteger());
    timing.startSeconds = toSeconds(message.value(text("start")).toInteger());
    timing.endSeconds = toSeconds(message.value(text("end")).toInteger());
    timing.cpuSeconds = static_cast<double>(message.value(text("cpu")).toInteger()) * 1e-9;
    const qint64 received = message.value(text("received")).toInteger();
    const qint64 ended = message.value(text("end")).toInteger();
    timing.returnTripSeconds = received > ended ? static_cast<double>(received - ended) * 1e-9 : 0.0;
    // A pool worker's start-up: from the pool's creation to its initializer, recorded with its first task.
    const qint64 ready = message.value(text("ready")).toInteger();
    const int worker = timing.worker;
    if (ready > 0 && std::none_of(m_timings.begin(), m_timings.end(), [worker](const TaskTiming& task) {
            return task.worker == worker;
        }))
        m_execution.recordWorkerStartup(WorkerStartup {timing.worker, m_poolStartSeconds, toSeconds(ready), true, {}});
    m_timings[static_cast<std::size_t>(index)] = m_execution.completeTask(index, std::move(timing));
    m_done[static_cast<std::size_t>(index)] = true;
    ++m_finished;
    return true;
}

bool PythonJob::handle(const QJsonObject& message)
{
    if (message.contains(text("error"))) {
        fail(QStringLiteral("the Python runner under %1 failed: %2")
                 .arg(m_process->interpreter(), message.value(text("error")).toString()));
        return false;
    }
    if (message.contains(text("span_start"))) {
        const auto start = std::chrono::steady_clock::time_point(
            std::chrono::nanoseconds(message.value(text("span_start")).toInteger()));
        m_execution.moveOrigin(start);
        m_spanStarted = true;
        m_poolStartSeconds = 0.0;
        return true;
    }
    if (message.contains(text("task")) && m_spanStarted)
        return handleTask(message);
    if (message.contains(text("span_end")) && m_spanStarted && m_finished == static_cast<int>(m_done.size())) {
        m_execution.setMeasuredWallSeconds(toSeconds(message.value(text("span_end")).toInteger()));
        m_spanEnded = true;
        return false;
    }
    fail(QStringLiteral("the Python runner broke the protocol: unexpected message %1")
             .arg(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact).left(80))));
    return false;
}

std::vector<TaskTiming> PythonJob::run()
{
    const PythonOptions& options = m_execution.options().python;
    const PythonInfo info = probePythonInterpreter(options.interpreter);
    if (!info.ok())
        throw std::runtime_error(info.error.toStdString());
    const auto count = static_cast<std::size_t>(m_execution.taskCount());
    m_timings.assign(count, TaskTiming {});
    m_done.assign(count, false);

    QJsonArray numbers;
    for (const int n : m_execution.numbers())
        numbers.append(n);
    PythonProcess process(info.interpreter, info.runner);
    m_process = &process;
    process.start(QJsonObject {{text("mode"), text("run")}, {text("strategy"), m_strategy}, {text("numbers"), numbers},
        {text("workers"), m_workers}, {text("start_method"), options.startMethod}});

    const std::atomic<bool>& stop = m_execution.stopFlag();
    QJsonObject message;
    bool hello = false;
    while (!m_failed && !m_spanEnded) {
        const auto timeout = hello ? std::chrono::milliseconds(std::chrono::hours(24))
                                   : std::chrono::milliseconds(helloTimeoutMilliseconds.load());
        switch (process.next(message, timeout, &stop)) {
        case PythonProcess::Next::Message:
            if (!hello) {
                hello = message.value(text("hello")).toInt() == 1;
                if (!hello)
                    fail(QStringLiteral("the Python runner broke the protocol: it did not say hello"));
            } else if (!handle(message) && !m_spanEnded) {
                m_failed = true;
            }
            break;
        case PythonProcess::Next::Stopped: fail(text("cancelled")); break;
        case PythonProcess::Next::Timeout:
            fail(QStringLiteral("%1 did not answer within %2 ms").arg(process.describeEnd(-1)).arg(timeout.count()));
            break;
        case PythonProcess::Next::Garbage:
            fail(QStringLiteral("%1 broke the protocol: it printed '%2' on calcprof's channel")
                     .arg(process.describeEnd(-1), process.garbage()));
            break;
        case PythonProcess::Next::Ended: failEnded(); break;
        }
    }
    if (m_spanEnded) {
        const int status = process.finish(kExitGrace);
        if (status != 0) // every task is in, but a run whose interpreter failed is not one to quote
            fail(process.describeEnd(status) + QStringLiteral(" after the run"), static_cast<int>(count) - 1);
    }
    process.stop();
    m_execution.addBytesReceived(process.bytesReceived());
    m_process = nullptr;
    return m_timings;
}

} // namespace calcprof
