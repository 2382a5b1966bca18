// A deliberate data race between two items of runConcurrentMap(), the QtConcurrent::map that the
// mapped strategy runs on, built only in the ThreadSanitizer configuration. concurrentmap.cpp is
// built without TSan so that QtConcurrent's own templates count as Qt's code; this canary proves
// that the work those templates call back into is still checked: CTest passes it only if TSan
// reports the race.
#include "core/exec/concurrentmap.h"

#include <latch>

int main()
{
    int unguarded = 0;
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    std::latch bothRunning(2); // two items on two different threads, not one after the other
    calcprof::runConcurrentMap(pool, 2, [&](int /*index*/) {
        bothRunning.arrive_and_wait();
        ++unguarded; // the race
    });
    return unguarded == 2 ? 0 : 1;
}
