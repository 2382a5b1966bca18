// A deliberate data race, built only in the ThreadSanitizer configuration. CTest passes it only if
// TSan reports the race, so a TSan stage that has quietly stopped detecting anything (a flag, a
// suppression, or AnnotatedThreadPool's hand-off annotations hiding more than Qt's own synchronisation)
// fails instead of passing. The race is between two jobs on Qt's pool threads, the very place the
// annotations and ignore_noninstrumented_modules touch.
#include "core/exec/annotatedthreadpool.h"

#include <latch>

int main()
{
    int unguarded = 0;
    calcprof::AnnotatedThreadPool pool(2);
    std::latch bothRunning(2); // two jobs on two different threads, not one after the other
    for (int job = 0; job < 2; ++job) {
        pool.start([&] {
            bothRunning.arrive_and_wait();
            ++unguarded; // the race
        });
    }
    pool.waitForDone();
    return unguarded == 2 ? 0 : 1;
}
