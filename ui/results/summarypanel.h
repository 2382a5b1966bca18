#pragma once

#include <QWidget>

class QSortFilterProxyModel;
class QTableView;

namespace calcprof {

class RunSession;
class SummaryModel;

/// The Summary tab: the medians, intervals, speedups, bounds and checks the views plot, one row per
/// (set, strategy, workers), sortable by value. Copies the selected rows as TSV and exports every
/// row as CSV.
class SummaryPanel : public QWidget
{
    Q_OBJECT

public:
    /// Follows `session`: its summary as runs finish, opened results, cleared runs.
    explicit SummaryPanel(RunSession* session, QWidget* parent = nullptr);

    [[nodiscard]] SummaryModel* model() const { return m_model; }
    [[nodiscard]] QTableView* table() const { return m_table; }

    /// The selected rows, in the table's (sorted) order, to the clipboard as TSV.
    void copySelected() const;
    /// Every row as comma-separated values. Empty on success, else why not.
    QString exportCsv(const QString& path) const;

private:
    SummaryModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QTableView* m_table;
};

} // namespace calcprof
