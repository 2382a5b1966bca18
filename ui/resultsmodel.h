#pragma once

#include "results.h"

#include <QAbstractTableModel>

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace calcprof {

/// One row per set x strategy x repetition of every run (rerun) so far: run number, set, numbers,
/// strategy, pool size, repetition, wall, CPU, speedup vs serial, matches serial.
/// Qt::DisplayRole gives formatted text (times in µs/ms/s); kSortRole gives the raw number (or
/// text) so a QSortFilterProxyModel sorts numerically.
class ResultsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        RunColumn,
        SetColumn,
        NumbersColumn,
        StrategyColumn,
        PoolSizeColumn,
        RepetitionColumn,
        WallColumn,
        CpuColumn,
        SpeedupColumn,
        MatchesColumn,
        ColumnCount
    };
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit ResultsModel(QObject* parent = nullptr);

    /// Appends a finished set run of run (rerun) number `runNumber` (1-based). The speedup of every
    /// row of that run and set is the median serial wall time of that run and set over this row's
    /// wall time ("-" while no serial run of that set exists in that run).
    void addRun(int runNumber, const SetRun& run);
    void clear();
    [[nodiscard]] const SetRun& runAt(int row) const;

    /// The rows (all when `rows` is empty) as tab-separated text with a header line, for the clipboard.
    [[nodiscard]] QString toTsv(const QList<int>& rows = {}) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int runNumber = 0;
        SetRun run;
    };
    /// (run number, set index): speedups never compare across reruns or sets.
    using SerialKey = std::pair<int, int>;
    struct SerialBase
    {
        std::vector<double> wallSeconds; ///< successful serial repetitions only
        double median = 0.0;
    };

    [[nodiscard]] std::optional<double> speedup(const Row& row) const;
    [[nodiscard]] QString displayText(const Row& row, int column) const;
    [[nodiscard]] QVariant sortValue(const Row& row, int column) const;
    [[nodiscard]] QVariant toolTip(const Row& row, int column) const;
    void notifySpeedupChanged(const SerialKey& key);

    std::vector<Row> m_rows;
    std::map<SerialKey, SerialBase> m_serial;
};

} // namespace calcprof
