#pragma once

#include "core/analysis/summary.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace calcprof {

/// The summary table's columns, one row per (set, strategy, workers) group: the console prints
/// them aligned, the window's Summary tab shows them, so both read the same cells of one source.
QStringList summaryTableHeader();
/// The cells of `group`'s row, formatted from the summary (nothing is computed here): set, numbers,
/// strategy, workers, runs, median, its interval, CPU median, speedup, its interval, estimator,
/// schedule model, bound of its unit, check.
QStringList summaryTableRow(const GroupSummary& group);
/// The numbers behind summaryTableRow()'s cells, column by column, for sorting: nullopt where a
/// cell is text (numbers, strategy, estimator, check) or not measured ("-").
std::vector<std::optional<double>> summaryTableSortKeys(const GroupSummary& group);
/// The check cell: FAILED, MISMATCH, not measurable, above the cores, or "ok".
QString summaryCheckCell(const GroupSummary& group);

} // namespace calcprof
