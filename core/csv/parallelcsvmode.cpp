#include "csvmoderegistry.h"

#include <thread>

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
        std::vector<CsvFileResult> results(static_cast<std::size_t>(job.fileCount()));
        {
            std::vector<std::jthread> threads;
            threads.reserve(results.size());
            for (int position = 0; position < job.fileCount(); ++position) {
                threads.emplace_back([&job, &results, position] {
                    results[static_cast<std::size_t>(position)] = job.writeFile(position);
                });
            }
        } // every jthread joins here
        return results;
    }
};

} // namespace

std::unique_ptr<CsvWriteMode> makeParallelCsvMode()
{
    return std::make_unique<ParallelCsvMode>();
}

} // namespace calcprof
