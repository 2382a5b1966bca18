#pragma once

#include <QObject>

#include <deque>
#include <functional>
#include <mutex>

namespace calcprof {

/// Runs closures posted from any thread on the thread this object lives on, in posting order.
///
/// What QMetaObject::invokeMethod(object, functor, Qt::QueuedConnection) does, with two
/// differences. The closures travel through a std::mutex of ours rather than Qt's event queue, so
/// ThreadSanitizer sees them handed over even with a Qt that is not built with it (see WorkerPool).
/// And a burst of posts costs one event-loop wake-up, not one per post: a set of 256 tiny tasks
/// must not flood the GUI thread's queue.
class Mailbox : public QObject
{
    Q_OBJECT

public:
    using Delivery = std::function<void()>;

    explicit Mailbox(QObject* parent = nullptr);

    /// Thread-safe. `delivery` runs later on this object's thread, unless the mailbox is gone.
    void post(Delivery delivery);

Q_SIGNALS:
    /// Emitted, from the posting thread, when a post finds the mailbox empty.
    void wakeUp();

private:
    void deliverAll();

    std::mutex m_mutex;
    std::deque<Delivery> m_pending;
};

} // namespace calcprof
