#pragma once

#include <QThreadPool>

#include <functional>

namespace calcprof {

/// Runs work(0) … work(count - 1) with QtConcurrent::map on `pool`, at most pool.maxThreadCount()
/// at once, and returns when every one has finished. The calling thread only waits
/// (QThreadPool::waitForDone() never runs queued work itself, whereas QFuture::waitForFinished()
/// may take the map's runnable and compute on the waiting thread, one worker more than asked).
/// `work` must not throw.
///
/// ThreadSanitizer: this file is built without TSan instrumentation (core/CMakeLists.txt), so the
/// QtConcurrent templates it instantiates count as Qt's own code, like the rest of the Qt library,
/// whose synchronisation TSan cannot see. `work` stays instrumented where the caller defines it,
/// and this function states the two edges QtConcurrent guarantees: whatever the caller did before
/// the call happens before every work(i), and every work(i) before the return.
void runConcurrentMap(QThreadPool& pool, int count, const std::function<void(int)>& work);

} // namespace calcprof
