#include "core/csv/csvmoderegistry.h"

#include "core/exec/threadlayouts.h"

namespace calcprof {

namespace {

class ParallelCsvMode final : public CsvWriteMode
{
public:
    QString id() const override { return QStringLiteral("parallel"); }
    QString displayName() const override { return QStringLiteral("One thread per file"); }
    QString description() const override
    {
        return QStringLiteral("Starts one writer thread per file, all at once. Writing is I/O-bound, so "
                              "threads do overlap, but dozens of concurrent streams compete for the same "
                              "device and page cache: a lesson in why parallel is not always faster.");
    }
    int writerCount(int /*poolSize*/, int fileCount) const override { return std::max(1, fileCount); }

    std::vector<CsvFileResult> write(CsvJob& job, int /*writers*/) const override
    {
        return runEachOnItsOwnThread(job.fileCount(), [&job](int position) { return job.writeFile(position); });
    }
};

} // namespace

std::unique_ptr<CsvWriteMode> makeParallelCsvMode()
{
    return std::make_unique<ParallelCsvMode>();
}

} // namespace calcprof
