#include "csvexpectations.h"

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

} // namespace calcprof::test
