#include "core/csv/csvmoderegistry.h"

#include "core/exec/threadlayouts.h"

namespace calcprof {

namespace {

class SerialCsvMode final : public CsvWriteMode
{
public:
    QString id() const override { return QStringLiteral("serial"); }
    QString displayName() const override { return QStringLiteral("Serial"); }
    QString description() const override
    {
        return QStringLiteral("Writes the files one after another, like the original's save_serial. "
                              "A single sequential stream is what disks do best; whether more writers "
                              "help depends on the device and on whether the data must reach it (fsync) "
                              "or only the page cache.");
    }
    int writerCount(int /*poolSize*/, int /*fileCount*/) const override { return 1; }

    std::vector<CsvFileResult> write(CsvJob& job, int /*writers*/) const override
    {
        return runInOrder(job.fileCount(), [&job](int position) { return job.writeFile(position); });
    }
};

} // namespace

std::unique_ptr<CsvWriteMode> makeSerialCsvMode()
{
    return std::make_unique<SerialCsvMode>();
}

} // namespace calcprof
