#include "ui/session/queuedcalls.h"

#include <QCoreApplication>
#include <QThread>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

using namespace calcprof;

namespace {

void deliverPosted()
{
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
}

} // namespace

TEST(QueuedCalls, DeliversOnItsOwnThreadInPostingOrder)
{
    QueuedCalls mailbox;
    std::vector<int> delivered;
    std::vector<bool> onOwnThread;
    std::thread poster([&] {
        for (int index = 0; index < 500; ++index) {
            mailbox.post([&, index] {
                delivered.push_back(index);
                onOwnThread.push_back(QThread::currentThread() == mailbox.thread());
            });
        }
    });
    poster.join();
    EXPECT_TRUE(delivered.empty()); // nothing runs until the owner's event loop does
    deliverPosted();
    ASSERT_EQ(delivered.size(), 500U);
    for (int index = 0; index < 500; ++index)
        EXPECT_EQ(delivered[static_cast<std::size_t>(index)], index);
    EXPECT_EQ(std::count(onOwnThread.begin(), onOwnThread.end(), false), 0);
}

TEST(QueuedCalls, ABurstOfPostsWakesTheReceiverOnce)
{
    QueuedCalls mailbox;
    std::atomic<int> wakeUps {0};
    QObject::connect(
        &mailbox, &QueuedCalls::wakeUp, &mailbox, [&wakeUps] { ++wakeUps; }, Qt::DirectConnection);
    int delivered = 0;
    std::thread poster([&] {
        for (int index = 0; index < 1000; ++index)
            mailbox.post([&delivered] { ++delivered; });
    });
    poster.join();
    EXPECT_EQ(wakeUps.load(), 1);
    deliverPosted();
    EXPECT_EQ(delivered, 1000);
    mailbox.post([&delivered] { ++delivered; }); // empty again: the next post wakes it again
    EXPECT_EQ(wakeUps.load(), 2);
    deliverPosted();
    EXPECT_EQ(delivered, 1001);
}

TEST(QueuedCalls, APassDeliversOnlyWhatWasPostedBeforeItBegan)
{
    // What a delivery posts waits for the next pass, behind whatever else the event loop has
    // queued meanwhile (input, paint): workers posting faster than the window delivers can never
    // keep it in one endless pass.
    QueuedCalls mailbox;
    std::vector<char> order;
    mailbox.post([&] {
        order.push_back('a');
        mailbox.post([&] { order.push_back('c'); });
    });
    mailbox.post([&] { order.push_back('b'); });
    QCoreApplication::sendPostedEvents();
    EXPECT_EQ(order, (std::vector<char> {'a', 'b'}));
    QCoreApplication::sendPostedEvents();
    EXPECT_EQ(order, (std::vector<char> {'a', 'b', 'c'}));
}

TEST(QueuedCalls, ANestedEventLoopInADeliveryCarriesOnInOrder)
{
    QueuedCalls mailbox;
    std::vector<char> order;
    mailbox.post([&] {
        order.push_back('a');
        mailbox.post([&] { order.push_back('d'); }); // queues a pass, which the nested loop runs
        QCoreApplication::sendPostedEvents(); // what a modal dialog's event loop does
    });
    mailbox.post([&] { order.push_back('b'); });
    mailbox.post([&] { order.push_back('c'); });
    deliverPosted();
    deliverPosted();
    EXPECT_EQ(order, (std::vector<char> {'a', 'b', 'c', 'd'}));
}

TEST(QueuedCalls, PostsToADestroyedMailboxAreNeverDelivered)
{
    bool delivered = false;
    {
        QueuedCalls mailbox;
        mailbox.post([&delivered] { delivered = true; });
    }
    deliverPosted();
    EXPECT_FALSE(delivered);
}
