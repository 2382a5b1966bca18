#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace calcprof {

/// One cell of tab- or comma-separated text (a cell must not break the grid: error texts may carry
/// tabs or line breaks): tabs and line breaks become spaces; with commas, a cell
/// holding a comma or a quote is quoted (RFC 4180).
QString delimitedCell(QString text, QChar separator);
/// A header line and `rows`, each cell through delimitedCell(), one line each.
QString delimitedTable(const QStringList& header, const std::vector<QStringList>& rows, QChar separator);

} // namespace calcprof
