#include "core/exec/annotatedthreadpool.h"

#include "core/exec/tsanannotations.h"

namespace calcprof {

class AnnotatedThreadPool::Runnable final : public QRunnable
{
public:
    Runnable(AnnotatedThreadPool& pool, Job job)
        : m_pool(pool)
        , m_job(std::move(job))
    { }

    void run() override
    {
        acceptHandOff(this);
        std::exception_ptr error;
        try {
            m_job();
        } catch (...) {
            error = std::current_exception();
        }
        m_job = nullptr; // its captures go now, before the job counts as finished
        m_pool.jobFinished(error);
    }

private:
    AnnotatedThreadPool& m_pool;
    Job m_job;
};

AnnotatedThreadPool::AnnotatedThreadPool(int maxThreads, const QString& name)
{
    m_pool.setMaxThreadCount(maxThreads);
    if (!name.isEmpty())
        m_pool.setObjectName(name);
}

AnnotatedThreadPool::~AnnotatedThreadPool()
{
    m_pool.waitForDone();
    acceptHandOff(&m_allDone); // what the jobs did happens before whatever follows the destruction
}

void AnnotatedThreadPool::start(Job job)
{
    auto* runnable = new Runnable(*this, std::move(job)); // the pool deletes it after run()
    announceHandOff(runnable);
    m_pool.start(runnable);
}

void AnnotatedThreadPool::jobFinished(std::exception_ptr error)
{
    if (error) {
        const std::lock_guard lock(m_errorMutex);
        if (!m_firstError)
            m_firstError = std::move(error);
    }
    announceHandOff(&m_allDone);
}

void AnnotatedThreadPool::waitForDone()
{
    m_pool.waitForDone();
    acceptHandOff(&m_allDone);
    std::exception_ptr error;
    {
        const std::lock_guard lock(m_errorMutex);
        std::swap(error, m_firstError);
    }
    if (error)
        std::rethrow_exception(error);
}

} // namespace calcprof
