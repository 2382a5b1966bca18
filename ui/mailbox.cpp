#include "mailbox.h"

namespace calcprof {

Mailbox::Mailbox(QObject* parent)
    : QObject(parent)
{
    connect(this, &Mailbox::wakeUp, this, &Mailbox::deliverAll, Qt::QueuedConnection);
}

void Mailbox::post(Delivery delivery)
{
    bool wasEmpty = false;
    {
        const std::lock_guard lock(m_mutex);
        wasEmpty = m_pending.empty();
        m_pending.push_back(std::move(delivery));
    }
    // Only the first post of a burst wakes the receiving thread; deliverAll() takes the rest.
    if (wasEmpty)
        Q_EMIT wakeUp();
}

void Mailbox::deliverAll()
{
    // One at a time, each taken under the lock and run outside it: a delivery may post again, or
    // spin a nested event loop (a dialog) in which a nested deliverAll() carries on in order
    // instead of overtaking the rest of this batch.
    for (;;) {
        Delivery next;
        {
            const std::lock_guard lock(m_mutex);
            if (m_pending.empty())
                return;
            next = std::move(m_pending.front());
            m_pending.pop_front();
        }
        next();
    }
}

} // namespace calcprof
