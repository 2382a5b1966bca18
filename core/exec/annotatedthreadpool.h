#pragma once

#include <QString>
#include <QThreadPool>

#include <exception>
#include <functional>
#include <mutex>

namespace calcprof {

/// A QThreadPool whose hand-offs ThreadSanitizer can follow; every pool calcprof runs work on.
///
/// QThreadPool hands a job to a worker, and tells waitForDone() it is finished, through atomics
/// inside libQt6Core. Debian's Qt is not built with ThreadSanitizer, so TSan never sees that
/// synchronisation and would take a job's first read of what its starter wrote for a data race.
/// AnnotatedThreadPool states the two edges Qt guarantees as TSan annotations: start() happens before the
/// job runs, and every job happens before waitForDone() returns. In other builds they compile to
/// nothing. Our own data still has to be synchronised by us; TSan checks that.
class AnnotatedThreadPool
{
public:
    using Job = std::function<void()>;

    /// `maxThreads` workers at most, started on demand; `name` shows in debuggers and `top -H`.
    explicit AnnotatedThreadPool(int maxThreads, const QString& name = {});
    /// Waits for every job, as QThreadPool does (an exception a job threw is dropped: call
    /// waitForDone() first to see it).
    ~AnnotatedThreadPool();
    AnnotatedThreadPool(const AnnotatedThreadPool&) = delete;
    AnnotatedThreadPool& operator=(const AnnotatedThreadPool&) = delete;
    AnnotatedThreadPool(AnnotatedThreadPool&&) = delete;
    AnnotatedThreadPool& operator=(AnnotatedThreadPool&&) = delete;

    /// Queues `job`; jobs start in the order they were queued (FIFO), as soon as a worker is free.
    void start(Job job);
    /// Blocks until every queued job has finished; then rethrows the first exception a job threw
    /// (an exception must not reach QThreadPool, which would terminate the program).
    void waitForDone();
    [[nodiscard]] int maxThreadCount() const { return m_pool.maxThreadCount(); }

private:
    class Runnable;

    void jobFinished(std::exception_ptr error);

    QThreadPool m_pool;
    std::mutex m_errorMutex;
    std::exception_ptr m_firstError;
    char m_allDone = 0; ///< only its address matters: TSan's "job finished" edges meet here
};

} // namespace calcprof
