#include "csvexpectations.h"

#include "core/csv/csvmoderegistry.h"
#include "core/csv/csvstage.h"

namespace calcprof::test {

QByteArray expectedRow(const CsvRowSpec& row, FiboValue value)
{
    QByteArray bytes(static_cast<qsizetype>(row.headerBytes), 'h');
    bytes += ',';
    bytes += QByteArray::number(static_cast<qulonglong>(value));
    bytes += ',';
    bytes += QByteArray(static_cast<qsizetype>(row.footerBytes), 'f');
    bytes += "\r\n";
    return bytes;
}

std::vector<FiboValue> setOneValues()
{
    std::vector<FiboValue> values;
    for (const int n : {10, 12, 5, 7, 4, 3, 2}) {
        const std::vector<FiboValue> list = referenceTaskValues(n);
        values.insert(values.end(), list.begin(), list.end());
    }
    return values;
}

CsvRowSpec rowOf(std::uint64_t header, std::uint64_t footer)
{
    CsvRowSpec row;
    row.headerBytes = header;
    row.footerBytes = footer;
    return row;
}

CsvRun runStage(const StageSetup& setup, const std::atomic<bool>& stop, const CsvJob::FileWritten& onWritten)
{
    const CsvWriteMode* mode = builtinCsvModes().find(setup.mode);
    if (!mode) {
        CsvRun missing;
        missing.error = QStringLiteral("test setup: no CSV mode ") + setup.mode;
        return missing;
    }
    CsvOptions options;
    options.mode = setup.mode;
    options.directory = setup.directory;
    options.row = setup.row;
    options.keepFiles = setup.keepFiles;
    options.fsync = setup.fsync;
    options.writeFault = setup.fault;
    return runCsvStage(*mode, options, setup.writers, 1, setup.values, stop, onWritten);
}

} // namespace calcprof::test
