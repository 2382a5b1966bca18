#pragma once

#include "core/analysis/summary.h"
#include "core/model/results.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace calcprof {

/// One row per measured set run so far (every repetition of every rerun): id, run number, set,
/// numbers, strategy, workers, repetition, wall, CPU, speedup, matches serial. The speedup of a row
/// is runSpeedup() of the experiment summary the window shows, so the table, the charts and the
/// JSON agree. Qt::DisplayRole gives formatted text (times in µs/ms/s); kSortRole gives the raw
/// number (or text) so a QSortFilterProxyModel sorts numerically.
class ResultsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        RunColumn,
        SetColumn,
        NumbersColumn,
        StrategyColumn,
        WorkersColumn,
        RepetitionColumn,
        WallColumn,
        CpuColumn,
        SpeedupColumn,
        MatchesColumn,
        ColumnCount
    };
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit ResultsModel(QObject* parent = nullptr);

    /// Appends a finished set run of run (rerun) number `runNumber` (1-based). Its id is its
    /// 1-based position, the same as in the JSON's "runs". The row keeps what the table shows, not
    /// the run's tasks and worker start-ups (the session keeps those; the largest experiment's are
    /// tens of MB).
    void addRun(int runNumber, const SetRun& run);
    /// The summary the speedups come from (every run so far); the speedup column updates.
    void setSummary(const ExperimentSummary& summary);
    void clear();
    /// The run of `row` as addRun() kept it: without its tasks and worker start-ups.
    [[nodiscard]] const SetRun& runAt(int row) const;

    /// The rows (all when `rows` is empty) as tab-separated text with a header line, for the clipboard.
    [[nodiscard]] QString toTsv(const QList<int>& rows = {}) const;
    /// Every row as comma-separated values (RFC 4180 quoting), with units in the header.
    [[nodiscard]] QString toCsv() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int runNumber = 0;
        int workersUsed = 0; ///< SetRun::workersUsed() of the run, read from its tasks before they went
        SetRun run; ///< without its tasks and worker start-ups
    };

    [[nodiscard]] std::optional<double> speedup(const Row& row) const;
    [[nodiscard]] QString displayText(int row, int column) const;
    [[nodiscard]] QVariant sortValue(int row, int column) const;
    [[nodiscard]] QVariant toolTip(const Row& row, int column) const;
    /// Plain values for TSV and CSV: seconds and speedups in the shortest form that reads back exactly.
    [[nodiscard]] QString exportText(int row, int column) const;
    [[nodiscard]] QString delimited(QChar separator, const QList<int>& rows) const;

    std::vector<Row> m_rows;
    ExperimentSummary m_summary;
};

} // namespace calcprof
