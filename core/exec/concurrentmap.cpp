#include "core/exec/concurrentmap.h"

#include "core/exec/tsanannotations.h"

#include <QtConcurrent/QtConcurrentMap>

#include <numeric>
#include <vector>

namespace calcprof {

void runConcurrentMap(QThreadPool& pool, int count, const std::function<void(int)>& work)
{
    std::vector<int> indices(static_cast<std::size_t>(std::max(count, 0)));
    std::iota(indices.begin(), indices.end(), 0);
    const char handOut = 0;
    char finished = 0;
    announceHandOff(&handOut);
    const QFuture<void> mapping = QtConcurrent::map(&pool, indices, [&](const int& index) {
        acceptHandOff(&handOut);
        const AnnounceHandOffOnExit done(&finished); // also when `work` throws
        work(index);
    });
    pool.waitForDone();
    acceptHandOff(&finished);
    static_cast<void>(mapping); // finished: the pool that ran it is done
}

} // namespace calcprof
