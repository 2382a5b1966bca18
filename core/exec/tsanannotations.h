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

#include <utility>

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

/// Announces `token` when it goes out of scope, also when an exception leaves the scope: a piece of
/// work that throws (a cancel) still hands what it did over to the thread that waits for it.
class AnnounceHandOffOnExit
{
public:
    explicit AnnounceHandOffOnExit(const void* token)
        : m_token(token)
    { }
    ~AnnounceHandOffOnExit() { announceHandOff(m_token); }
    AnnounceHandOffOnExit(const AnnounceHandOffOnExit&) = delete;
    AnnounceHandOffOnExit& operator=(const AnnounceHandOffOnExit&) = delete;
    AnnounceHandOffOnExit(AnnounceHandOffOnExit&&) = delete;
    AnnounceHandOffOnExit& operator=(AnnounceHandOffOnExit&&) = delete;

private:
    const void* m_token;
};

/// Runs `wait` (a join that may rethrow a piece's exception) and accepts `token` after it, whether
/// it returned or threw: the pieces' work happens before whatever the caller does next, the unwinding
/// of its stack included.
template <typename Wait> void acceptHandOffAfter(const void* token, Wait&& wait)
{
    try {
        std::forward<Wait>(wait)();
    } catch (...) {
        acceptHandOff(token);
        throw;
    }
    acceptHandOff(token);
}

} // namespace calcprof
