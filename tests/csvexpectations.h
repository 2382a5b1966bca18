#pragma once

#include "csv/csvformat.h"

#include <QByteArray>

#include <vector>

// What the CSV tests compare against, written independently of the production writer.
namespace calcprof::test {

/// The row Python's csv.writer writes for ['h' * header, value, 'f' * footer].
QByteArray expectedRow(const CsvRowSpec& row, FiboValue value);

/// The default set 1 (10,12,5,7,4,3,2) in result order, from the iterative reference: 43 values.
std::vector<FiboValue> setOneValues();

} // namespace calcprof::test
