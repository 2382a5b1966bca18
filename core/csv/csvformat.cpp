#include "core/csv/csvformat.h"

#include <unistd.h>

namespace calcprof {

QString csvFileName(int index)
{
    return QStringLiteral("res%1.txt").arg(index);
}

QString csvTemporaryFileName(int index)
{
    return csvTemporaryFileName(index, ::getpid());
}

QString csvTemporaryFileName(int index, qint64 processId)
{
    return QStringLiteral(".calcprof-res%1.txt.%2.partial").arg(index).arg(processId);
}

QByteArray csvValueField(FiboValue value)
{
    return ',' + QByteArray::number(static_cast<qulonglong>(value)) + ',';
}

std::uint64_t csvFileBytes(const CsvRowSpec& spec, FiboValue value)
{
    constexpr std::uint64_t kLineEnd = 2; // "\r\n"
    return spec.headerBytes + static_cast<std::uint64_t>(csvValueField(value).size()) + spec.footerBytes + kLineEnd;
}

std::vector<FiboValue> csvValues(const std::vector<std::vector<FiboValue>>& taskLists)
{
    std::vector<FiboValue> values;
    for (const auto& list : taskLists)
        values.insert(values.end(), list.begin(), list.end());
    return values;
}

} // namespace calcprof
