#include "csvmoderegistry.h"

#include <atomic>
#include <thread>

namespace calcprof {

namespace {

class PoolCsvMode final : public CsvWriteMode
{
public:
    QString id() const override { return QStringLiteral("pool"); }
    QString displayName() const override { return QStringLiteral("Writer pool"); }
    QString description() const override
    {
        return QStringLiteral("A bounded pool of writer threads (size = the pool-size setting) takes the "
                              "files in order from a shared queue. It keeps a few streams in flight "
                              "without the scheduling and seek cost of one thread per file.");
    }
    bool usesPoolSize() const override { return true; }
    int writerCount(int poolSize, int fileCount) const override { return std::max(1, std::min(poolSize, fileCount)); }

    std::vector<CsvFileResult> write(CsvJob& job, int writers) const override
    {
        std::vector<CsvFileResult> results(static_cast<std::size_t>(job.fileCount()));
        std::atomic<int> next {0};
        {
            std::vector<std::jthread> threads;
            threads.reserve(static_cast<std::size_t>(writers));
            for (int writer = 0; writer < writers; ++writer) {
                threads.emplace_back([&job, &results, &next] {
                    for (int position = next++; position < job.fileCount(); position = next++)
                        results[static_cast<std::size_t>(position)] = job.writeFile(position);
                });
            }
        } // every jthread joins here
        return results;
    }
};

} // namespace

std::unique_ptr<CsvWriteMode> makePoolCsvMode()
{
    return std::make_unique<PoolCsvMode>();
}

} // namespace calcprof
