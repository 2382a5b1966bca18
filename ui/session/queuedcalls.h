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
/// ThreadSanitizer sees them handed over even with a Qt that is not built with it (see AnnotatedThreadPool).
/// And there is at most one wake-up event in the queue at a time: a set of 256 tiny tasks costs a
/// few event-loop passes, not 256 events.
class QueuedCalls : public QObject
{
    Q_OBJECT

public:
    using Delivery = std::function<void()>;

    explicit QueuedCalls(QObject* parent = nullptr);

    /// Thread-safe. `delivery` runs later on this object's thread, in a pass of the event loop. The
    /// mailbox must outlive every thread that posts to it; what is queued when it goes is dropped.
    void post(Delivery delivery);

Q_SIGNALS:
    /// Emitted, from the posting thread, when a post finds no wake-up pending.
    void wakeUp();

private:
    /// Delivers what was queued when the pass began.
    void deliverPass();

    std::mutex m_mutex;
    std::deque<Delivery> m_pending;
    bool m_wakeUpPending = false; ///< a wakeUp() is queued and its pass has not begun
};

} // namespace calcprof
