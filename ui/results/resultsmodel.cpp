#include "ui/results/resultsmodel.h"

#include "ui/results/delimitedtext.h"

#include "core/format/units.h"
#include "core/model/environment.h"
#include "core/model/numbersets.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <climits>
#include <utility>
#include <vector>

namespace calcprof {

namespace {

// What else ran while `run` was timed: the wall time's tooltip.
QString noiseToolTip(const SetRun& run, int cores)
{
    QString text = disturbanceText(run, cores);
    if (run.involuntaryContextSwitches >= 0)
        text += ResultsModel::tr(", %n involuntary context switch(es)", nullptr,
            static_cast<int>(std::min<std::int64_t>(run.involuntaryContextSwitches, INT_MAX)));
    if (isDisturbed(run, cores))
        text += ResultsModel::tr("; disturbed");
    if (run.superseded)
        text += ResultsModel::tr(": measured again, the next attempt replaces this run in the summary");
    return text;
}

bool isNumericColumn(int column)
{
    switch (column) {
    case ResultsModel::IdColumn:
    case ResultsModel::RunColumn:
    case ResultsModel::SetColumn:
    case ResultsModel::WorkersColumn:
    case ResultsModel::RepetitionColumn:
    case ResultsModel::WallColumn:
    case ResultsModel::CpuColumn:
    case ResultsModel::SpeedupColumn: return true;
    default: return false;
    }
}

} // namespace

ResultsModel::ResultsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ResultsModel::addRun(int runNumber, const SetRun& run)
{
    Row kept {runNumber, run.workersUsed(), run};
    // Moved-from empty vectors give their memory back; clear() would keep it.
    kept.run.tasks = std::vector<TaskTiming>();
    kept.run.workerStartups = std::vector<WorkerStartup>();
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rows.push_back(std::move(kept));
    endInsertRows();
}

void ResultsModel::setSummary(const ExperimentSummary& summary)
{
    m_summary = summary;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, SpeedupColumn), index(rowCount() - 1, SpeedupColumn),
            {Qt::DisplayRole, kSortRole, Qt::ToolTipRole});
}

void ResultsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_summary = {};
    endResetModel();
}

const SetRun& ResultsModel::runAt(int row) const
{
    Q_ASSERT(row >= 0 && row < rowCount());
    return m_rows.at(static_cast<std::size_t>(row)).run;
}

std::optional<double> ResultsModel::speedup(const Row& row) const
{
    return runSpeedup(m_summary, row.run);
}

QString ResultsModel::displayText(int rowIndex, int column) const
{
    const Row& row = m_rows[static_cast<std::size_t>(rowIndex)];
    const SetRun& run = row.run;
    switch (column) {
    case IdColumn: return QString::number(rowIndex + 1);
    case RunColumn: return QString::number(row.runNumber);
    case SetColumn: return QString::number(run.setIndex);
    case NumbersColumn: return formatNumberSet(run.numbers);
    case StrategyColumn: return run.strategy;
    case WorkersColumn: {
        // The threads that ran tasks; the pool size where it says something else (a pool of 64
        // on a one-task set uses one thread; auto means one per task).
        const int used = run.ok() ? row.workersUsed : run.poolSize;
        const Strategy* strategy = builtinStrategies().find(run.strategy);
        if (strategy == nullptr || !strategy->usesPoolSize())
            return QString::number(used);
        if (run.requestedPoolSize == kAutoPoolSize)
            return tr("%1 (auto)").arg(used);
        return used == run.requestedPoolSize ? QString::number(used)
                                             : tr("%1 (pool of %2)").arg(used).arg(run.requestedPoolSize);
    }
    // SetRun counts repetitions from 0 (the runner's loop index); people count from 1.
    case RepetitionColumn: return QString::number(run.repetition + 1);
    case WallColumn: return formatSeconds(run.wallSeconds);
    case CpuColumn: return formatSeconds(run.cpuSeconds);
    case SpeedupColumn: {
        const std::optional<double> value = speedup(row);
        return value ? formatSpeedup(*value) : QStringLiteral("-");
    }
    case MatchesColumn:
        if (!run.ok())
            return QStringLiteral("failed: ") + run.error;
        return run.matchesSerial ? QStringLiteral("yes") : QStringLiteral("no");
    default: return {};
    }
}

QVariant ResultsModel::sortValue(int rowIndex, int column) const
{
    const Row& row = m_rows[static_cast<std::size_t>(rowIndex)];
    const SetRun& run = row.run;
    switch (column) {
    case IdColumn: return rowIndex + 1;
    case RunColumn: return row.runNumber;
    case SetColumn: return run.setIndex;
    case WorkersColumn: return run.ok() ? row.workersUsed : run.poolSize;
    case RepetitionColumn: return run.repetition + 1;
    case WallColumn: return run.wallSeconds;
    case CpuColumn: return run.cpuSeconds;
    case SpeedupColumn: {
        // No speedup gives an invalid QVariant, which QSortFilterProxyModel sorts after every
        // number (ascending), so the "-" rows gather at the end instead of posing as 0x.
        const std::optional<double> value = speedup(row);
        return value ? QVariant(*value) : QVariant();
    }
    default: return displayText(rowIndex, column);
    }
}

QVariant ResultsModel::toolTip(const Row& row, int column) const
{
    if (column == MatchesColumn && !row.run.ok())
        return row.run.error;
    if (column == WallColumn)
        return noiseToolTip(row.run, m_summary.cores);
    if (column == SpeedupColumn && speedup(row)) {
        // The baseline runSpeedup() divided by: py-serial for a py-* strategy where it ran, else serial.
        const GroupSummary* group = m_summary.findGroup(row.run.numbers, row.run.strategy, row.run.poolSize);
        const GroupSummary* baseline = m_summary.findGroup(row.run.numbers, group->speedupBaseline, 1);
        return tr(
            "Median %2 wall time of these numbers (%1 over %n run(s)) / this wall time", nullptr, baseline->wall.count)
            .arg(formatSeconds(baseline->wall.median), baseline->strategy);
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
    switch (role) {
    case Qt::DisplayRole: return displayText(index.row(), index.column());
    case kSortRole: return sortValue(index.row(), index.column());
    case Qt::ToolTipRole: return toolTip(m_rows[static_cast<std::size_t>(index.row())], index.column());
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
        case IdColumn: return tr("Id");
        case RunColumn: return tr("Run");
        case SetColumn: return tr("Set");
        case NumbersColumn: return tr("Numbers");
        case StrategyColumn: return tr("Strategy");
        case WorkersColumn: return tr("Workers");
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
        case IdColumn: return tr("The run's position among all runs: its place in the exported JSON's \"runs\"");
        case RunColumn: return tr("Run (rerun) number: each press of Run adds one");
        case WorkersColumn:
            return tr("Threads that ran a task (serial: 1); for the pool, the pool size asked for where it differs");
        case WallColumn: return tr("Wall-clock time of the whole set");
        case CpuColumn: return tr("CPU time of the threads that ran the tasks");
        case SpeedupColumn: return tr("Median serial wall time of these numbers (every run so far) / this wall time");
        case MatchesColumn: return tr("Whether every value equals the reference computation");
        default: break;
        }
    }
    if (role == Qt::TextAlignmentRole)
        return isNumericColumn(section) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                        : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    return QAbstractTableModel::headerData(section, orientation, role);
}

QString ResultsModel::exportText(int rowIndex, int column) const
{
    // Plain numbers where a spreadsheet computes with them: seconds and speedups in the shortest
    // form that reads back exactly ("1.5e-06", "0.1786"), never "1.5 µs" or "2.00x"; the header
    // names the unit.
    const SetRun& run = m_rows.at(static_cast<std::size_t>(rowIndex)).run;
    const auto shortest = [](double value) { return QString::number(value, 'g', QLocale::FloatingPointShortest); };
    switch (column) {
    case WallColumn: return shortest(run.wallSeconds);
    case CpuColumn: return shortest(run.cpuSeconds);
    case SpeedupColumn: {
        const std::optional<double> value = speedup(m_rows.at(static_cast<std::size_t>(rowIndex)));
        return value ? shortest(*value) : QString();
    }
    default: return displayText(rowIndex, column);
    }
}

QString ResultsModel::delimited(QChar separator, const QList<int>& rows) const
{
    QStringList header;
    for (int column = 0; column < ColumnCount; ++column) {
        const QString title = headerData(column, Qt::Horizontal).toString();
        const QString unit = column == WallColumn || column == CpuColumn ? QStringLiteral(" (s)")
            : column == SpeedupColumn                                    ? QStringLiteral(" (x)")
                                                                         : QString();
        header << delimitedCell(title + unit, separator);
    }
    QString text = header.join(separator) + u'\n';
    const auto appendRow = [this, &text, separator](int rowIndex) {
        QStringList cells;
        for (int column = 0; column < ColumnCount; ++column)
            cells << delimitedCell(exportText(rowIndex, column), separator);
        text += cells.join(separator) + u'\n';
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

QString ResultsModel::toTsv(const QList<int>& rows) const
{
    // Rows come out in the order given, so a caller can pass them in the order its (sorted) view
    // shows them.
    return delimited(u'\t', rows);
}

QString ResultsModel::toCsv() const
{
    return delimited(u',', {});
}

} // namespace calcprof
