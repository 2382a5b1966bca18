#include "ui/session/queuedcalls.h"

#include <utility>

namespace calcprof {

QueuedCalls::QueuedCalls(QObject* parent)
    : QObject(parent)
{
    connect(this, &QueuedCalls::wakeUp, this, &QueuedCalls::deliverPass, Qt::QueuedConnection);
}

void QueuedCalls::post(Delivery delivery)
{
    bool wake = false;
    {
        const std::lock_guard lock(m_mutex);
        m_pending.push_back(std::move(delivery));
        wake = !std::exchange(m_wakeUpPending, true);
    }
    // One wake-up at a time: a burst of posts costs one event, and the pass it starts takes them all.
    if (wake)
        Q_EMIT wakeUp();
}

void QueuedCalls::deliverPass()
{
    // Only what was posted before this pass: posts made meanwhile wake a pass of their own, queued
    // behind the input and paint events that arrived in between, so a flood of small events from
    // the workers can never keep the window from repainting or seeing the Cancel click.
    std::size_t batch = 0;
    {
        const std::lock_guard lock(m_mutex);
        m_wakeUpPending = false;
        batch = m_pending.size();
    }
    // One at a time, each taken under the lock and run outside it: a delivery may post again, or
    // spin a nested event loop (a dialog), in which the next pass carries on in order.
    for (; batch > 0; --batch) {
        Delivery next;
        {
            const std::lock_guard lock(m_mutex);
            if (m_pending.empty())
                return; // a nested pass took the rest
            next = std::move(m_pending.front());
            m_pending.pop_front();
        }
        next();
    }
}

} // namespace calcprof
