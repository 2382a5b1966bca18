#include "resultsmodel.h"

#include "numbersets.h"
#include "stats.h"
#include "units.h"

#include <QLocale>
#include <QStringList>

namespace calcprof {

namespace {

// The id the serial strategy registers under (core/strategies/serialstrategy.cpp): the baseline
// every speedup is measured against, as in the console summary table.
const QString& serialStrategyId()
{
    static const QString id = QStringLiteral("serial");
    return id;
}

bool isNumericColumn(int column)
{
    switch (column) {
    case ResultsModel::RunColumn:
    case ResultsModel::SetColumn:
    case ResultsModel::PoolSizeColumn:
    case ResultsModel::RepetitionColumn:
    case ResultsModel::WallColumn:
    case ResultsModel::CpuColumn:
    case ResultsModel::SpeedupColumn: return true;
    default: return false;
    }
}

// A cell must not break the TSV grid: error texts may carry tabs or line breaks.
QString tsvCell(QString text)
{
    text.replace(u'\t', u' ').replace(u'\r', u' ').replace(u'\n', u' ');
    return text;
}

} // namespace

ResultsModel::ResultsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ResultsModel::addRun(int runNumber, const SetRun& run)
{
    // The serial baseline is updated and the existing rows are told before the new row goes in,
    // so that every signal describes a consistent model: when dataChanged arrives the row count is
    // still the old one, and when rowsInserted arrives the new row already shows its final speedup.
    if (run.ok() && run.strategy == serialStrategyId()) {
        const SerialKey key {runNumber, run.setIndex};
        SerialBase& base = m_serial[key];
        const bool hadBase = !base.wallSeconds.empty();
        const double oldMedian = base.median;
        base.wallSeconds.push_back(run.wallSeconds);
        base.median = summarize(base.wallSeconds).median;
        // A repetition that leaves the median where it was changes no speedup: no signal.
        if (!hadBase || base.median != oldMedian)
            notifySpeedupChanged(key);
    }

    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rows.push_back(Row {runNumber, run});
    endInsertRows();
}

void ResultsModel::notifySpeedupChanged(const SerialKey& key)
{
    // Rows of one run and set are usually contiguous but need not be (strategies of several sets
    // may interleave), so one signal per contiguous block keeps views from repainting unrelated rows.
    const QList<int> roles {Qt::DisplayRole, kSortRole, Qt::ToolTipRole};
    const int count = rowCount();
    int first = -1;
    for (int row = 0; row <= count; ++row) {
        const bool affected = row < count && m_rows[static_cast<std::size_t>(row)].runNumber == key.first
            && m_rows[static_cast<std::size_t>(row)].run.setIndex == key.second;
        if (affected && first < 0)
            first = row;
        if (!affected && first >= 0) {
            Q_EMIT dataChanged(index(first, SpeedupColumn), index(row - 1, SpeedupColumn), roles);
            first = -1;
        }
    }
}

void ResultsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_serial.clear();
    endResetModel();
}

const SetRun& ResultsModel::runAt(int row) const
{
    Q_ASSERT(row >= 0 && row < rowCount());
    return m_rows.at(static_cast<std::size_t>(row)).run;
}

std::optional<double> ResultsModel::speedup(const Row& row) const
{
    // A failed run has no meaningful time, and a zero time would divide by zero.
    if (!row.run.ok() || row.run.wallSeconds <= 0.0)
        return std::nullopt;
    const auto found = m_serial.find(SerialKey {row.runNumber, row.run.setIndex});
    if (found == m_serial.end() || found->second.wallSeconds.empty())
        return std::nullopt;
    return found->second.median / row.run.wallSeconds;
}

QString ResultsModel::displayText(const Row& row, int column) const
{
    const SetRun& run = row.run;
    switch (column) {
    case RunColumn: return QString::number(row.runNumber);
    case SetColumn: return QString::number(run.setIndex);
    case NumbersColumn: return formatNumberSet(run.numbers);
    case StrategyColumn: return run.strategy;
    case PoolSizeColumn: return QString::number(run.poolSize);
    // SetRun counts repetitions from 0 (the runner's loop index); people count from 1.
    case RepetitionColumn: return QString::number(run.repetition + 1);
    case WallColumn: return formatSeconds(run.wallSeconds);
    case CpuColumn: return formatSeconds(run.cpuSeconds);
    case SpeedupColumn: {
        const std::optional<double> value = speedup(row);
        return value ? QString(QString::number(*value, 'f', 2) + u'x') : QStringLiteral("-");
    }
    case MatchesColumn:
        if (!run.ok())
            return QStringLiteral("failed: ") + run.error;
        return run.matchesSerial ? QStringLiteral("yes") : QStringLiteral("no");
    default: return {};
    }
}

QVariant ResultsModel::sortValue(const Row& row, int column) const
{
    const SetRun& run = row.run;
    switch (column) {
    case RunColumn: return row.runNumber;
    case SetColumn: return run.setIndex;
    case PoolSizeColumn: return run.poolSize;
    case RepetitionColumn: return run.repetition + 1;
    case WallColumn: return run.wallSeconds;
    case CpuColumn: return run.cpuSeconds;
    case SpeedupColumn: {
        // No speedup gives an invalid QVariant, which QSortFilterProxyModel sorts after every
        // number (ascending), so the "-" rows gather at the end instead of posing as 0x.
        const std::optional<double> value = speedup(row);
        return value ? QVariant(*value) : QVariant();
    }
    default: return displayText(row, column);
    }
}

QVariant ResultsModel::toolTip(const Row& row, int column) const
{
    if (column == MatchesColumn && !row.run.ok())
        return row.run.error;
    if (column == SpeedupColumn && speedup(row)) {
        const SerialBase& base = m_serial.at(SerialKey {row.runNumber, row.run.setIndex});
        return tr("Median serial wall time of run %1, set %2 (%3 over %n repetition(s)) / this wall time", nullptr,
            static_cast<int>(base.wallSeconds.size()))
            .arg(row.runNumber)
            .arg(row.run.setIndex)
            .arg(formatSeconds(base.median));
    }
    return {};
}

int ResultsModel::rowCount(const QModelIndex& parent) const
{
    // A table: only the invisible root has children.
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ResultsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const
{
    // Views probe the root with an invalid index now and then; any other index must be one of ours.
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return displayText(row, index.column());
    case kSortRole: return sortValue(row, index.column());
    case Qt::ToolTipRole: return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        // Numbers right-aligned so digits and units line up down a column.
        return isNumericColumn(index.column()) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                               : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    default: return {};
    }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case RunColumn: return tr("Run");
        case SetColumn: return tr("Set");
        case NumbersColumn: return tr("Numbers");
        case StrategyColumn: return tr("Strategy");
        case PoolSizeColumn: return tr("Pool size");
        case RepetitionColumn: return tr("Rep.");
        case WallColumn: return tr("Wall");
        case CpuColumn: return tr("CPU");
        case SpeedupColumn: return tr("Speedup");
        case MatchesColumn: return tr("Matches serial");
        default: break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case RunColumn: return tr("Run (rerun) number: each press of Run adds one");
        case PoolSizeColumn: return tr("Workers the strategy actually used (serial: 1)");
        case WallColumn: return tr("Wall-clock time of the whole set");
        case CpuColumn: return tr("Process CPU time, all threads, during the set");
        case SpeedupColumn: return tr("Median serial wall time of the same run and set / this wall time");
        case MatchesColumn: return tr("Whether every value equals the reference computation");
        default: break;
        }
    }
    if (role == Qt::TextAlignmentRole)
        return isNumericColumn(section) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                        : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    return QAbstractTableModel::headerData(section, orientation, role);
}

QString ResultsModel::toTsv(const QList<int>& rows) const
{
    // Display text everywhere for readability, except Wall and CPU: those are plain seconds in the
    // shortest form that reads back exactly ("1.5e-06", "0.1786"), so a spreadsheet pastes them as
    // numbers it can compute with, where "1.5 µs" / "178.60 ms" would be text in mixed units.
    // Their headers name the unit. Rows come out in the order given, so a caller can pass the rows
    // in the order its (sorted) view shows them.
    QStringList header;
    for (int column = 0; column < ColumnCount; ++column) {
        const QString title = headerData(column, Qt::Horizontal).toString();
        header << (column == WallColumn || column == CpuColumn ? QString(title + QStringLiteral(" (s)")) : title);
    }
    QString text = header.join(u'\t') + u'\n';

    const auto appendRow = [this, &text](int rowIndex) {
        const Row& row = m_rows.at(static_cast<std::size_t>(rowIndex));
        QStringList cells;
        for (int column = 0; column < ColumnCount; ++column) {
            if (column == WallColumn || column == CpuColumn) {
                const double seconds = column == WallColumn ? row.run.wallSeconds : row.run.cpuSeconds;
                cells << QString::number(seconds, 'g', QLocale::FloatingPointShortest);
            } else {
                cells << tsvCell(displayText(row, column));
            }
        }
        text += cells.join(u'\t') + u'\n';
    };
    if (rows.isEmpty()) {
        for (int row = 0; row < rowCount(); ++row)
            appendRow(row);
    } else {
        for (const int row : rows) {
            Q_ASSERT(row >= 0 && row < rowCount());
            appendRow(row);
        }
    }
    return text;
}

} // namespace calcprof
