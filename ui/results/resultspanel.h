#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace calcprof {

class ResultsModel;
class RunSession;

/// The Results tab: one row per set run the session shows (sortable), and above them, for opened
/// results, where they came from. Copies the selected rows as TSV and exports every row as CSV.
class ResultsPanel : public QWidget
{
    Q_OBJECT

public:
    /// Follows `session`: its runs as they finish, its summary, opened results.
    explicit ResultsPanel(RunSession* session, QWidget* parent = nullptr);

    [[nodiscard]] ResultsModel* model() const { return m_model; }
    [[nodiscard]] QTableView* table() const { return m_table; }
    /// Above the table: where the results shown were opened from; hidden after a run.
    [[nodiscard]] QLabel* savedRunLabel() const { return m_savedRunLabel; }

    /// The selected rows, in the table's order of the runs, to the clipboard as TSV.
    void copySelected() const;
    /// The whole table as comma-separated values. Empty on success, else why not.
    QString exportCsv(const QString& path) const;

private:
    void showOpenedResults(const QString& description);

    RunSession* m_session;
    ResultsModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QTableView* m_table;
    QLabel* m_savedRunLabel;
};

} // namespace calcprof
