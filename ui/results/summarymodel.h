#pragma once

#include "core/analysis/summary.h"

#include <QAbstractTableModel>

namespace calcprof {

/// The Summary tab's rows: one per (set, strategy, workers) group of the experiment summary, with
/// the console's summary table cells (core/format/summarytable: the same source, nothing computed
/// here) and the group's warnings. Qt::DisplayRole gives the console's text; kSortRole the number
/// behind it (or the text), so a QSortFilterProxyModel sorts 9 ms before 10 ms. A group with fewer
/// runs than the plan's is provisional: its runs cell says "k of n" and its row is italic.
class SummaryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit SummaryModel(QObject* parent = nullptr);

    void setSummary(const ExperimentSummary& summary);
    void clear();
    [[nodiscard]] const ExperimentSummary& summary() const { return m_summary; }
    /// Whether the group of `row` has fewer runs than planned.
    [[nodiscard]] bool provisional(int row) const;

    /// The rows (all when `rows` is empty, else in the order given) as tab-separated text with a
    /// header line, for the clipboard.
    [[nodiscard]] QString toTsv(const QList<int>& rows = {}) const;
    /// Every row as comma-separated values (RFC 4180 quoting), with the header.
    [[nodiscard]] QString toCsv() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// The cells of `row` as shown: the console's, the runs cell marked when provisional, warnings last.
    [[nodiscard]] QStringList cells(int row) const;
    [[nodiscard]] QString delimited(QChar separator, const QList<int>& rows) const;

    ExperimentSummary m_summary;
    QStringList m_header;
};

} // namespace calcprof
