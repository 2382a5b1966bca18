#pragma once

#include "core/exec/timedtasks.h"
#include "core/model/results.h"
#include "core/python/pythonprocess.h"

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <chrono>
#include <map>
#include <utility>
#include <vector>

namespace calcprof {

/// One run of a py-* strategy: the interpreter of TimedTasks::options().python runs calcprof's runner
/// on the set (`strategy` is the runner's name for it, "py-pool"), and every task it reports is
/// recorded through TimedTasks::completeTask() as it arrives (progress), placed on calcprof's timeline
/// (time.monotonic_ns() and steady_clock read the same CLOCK_MONOTONIC). The set run's time is the
/// runner's own timed span, as the original's time_me: the interpreter's start-up is outside it.
///
/// A cancel, an interpreter that dies, exits early, reports an error or breaks the protocol fail the
/// run on the task it stopped, with the interpreter's reason; the interpreter and everything it started
/// are gone before run() returns, whatever happened (PythonProcess::stop()).
class PythonJob
{
public:
    PythonJob(QString strategy, int workers, TimedTasks& execution);
    Q_DISABLE_COPY_MOVE(PythonJob)
    ~PythonJob() = default;

    /// Runs every task; returns the timings in set order. Throws std::runtime_error when the interpreter
    /// cannot be used or started.
    std::vector<TaskTiming> run();

    /// How long the runner may take to say hello (tests shorten it; default 10 s).
    static void setHelloTimeout(std::chrono::milliseconds timeout);

private:
    /// Handles one protocol message; false once the run has ended (failed, or its span closed).
    bool handle(const QJsonObject& message);
    bool handleTask(const QJsonObject& message);
    /// The worker id of (pid, thread), numbered 1, 2, 3 … in order of first report.
    int workerOf(qint64 pid, qint64 thread);
    [[nodiscard]] double toSeconds(qint64 steadyNanoseconds) const;
    /// Records `message` as the run's failure on the task it stopped (-1: the first not done) and
    /// ends the interpreter.
    void fail(const QString& message, int task = -1);
    /// The interpreter ended before the span closed: how, with its last words.
    void failEnded();

    QString m_strategy;
    int m_workers = 1;
    TimedTasks& m_execution;
    PythonProcess* m_process = nullptr;
    std::vector<TaskTiming> m_timings;
    std::vector<bool> m_done;
    int m_finished = 0;
    bool m_spanStarted = false;
    bool m_spanEnded = false;
    bool m_failed = false;
    double m_poolStartSeconds = 0.0;
    std::map<std::pair<qint64, qint64>, int> m_workerIds;
};

} // namespace calcprof
