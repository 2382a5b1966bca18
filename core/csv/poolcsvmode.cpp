#include "core/csv/csvmoderegistry.h"

#include "core/exec/threadlayouts.h"

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
        return runOnWorkerThreads(job.fileCount(), writers, [&job](int position) { return job.writeFile(position); });
    }
};

} // namespace

std::unique_ptr<CsvWriteMode> makePoolCsvMode()
{
    return std::make_unique<PoolCsvMode>();
}

} // namespace calcprof
