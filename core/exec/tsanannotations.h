#pragma once

// CALCPROF_TSAN_ANNOTATE: a file of a TSan build compiled without instrumentation (core/CMakeLists.txt)
// that still states its hand-offs.
#if defined(__SANITIZE_THREAD__) || defined(CALCPROF_TSAN_ANNOTATE)
#define CALCPROF_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CALCPROF_TSAN 1
#endif
#endif

#ifdef CALCPROF_TSAN
#include <sanitizer/tsan_interface.h>
#endif

/// Happens-before edges that ThreadSanitizer cannot see for itself: the hand-offs inside libraries
/// not built with TSan (Debian's Qt, oneTBB), whose synchronisation runs in uninstrumented code.
/// Each call states one edge the library guarantees; in other builds they compile to nothing. Our
/// own data still has to be synchronised by us, and TSan checks that.
namespace calcprof {

/// Everything this thread did so far happens before whatever follows acceptHandOff(`token`).
inline void announceHandOff([[maybe_unused]] const void* token)
{
#ifdef CALCPROF_TSAN
    __tsan_release(const_cast<void*>(token)); // NOLINT(cppcoreguidelines-pro-type-const-cast)
#endif
}

inline void acceptHandOff([[maybe_unused]] const void* token)
{
#ifdef CALCPROF_TSAN
    __tsan_acquire(const_cast<void*>(token)); // NOLINT(cppcoreguidelines-pro-type-const-cast)
#endif
}

} // namespace calcprof
