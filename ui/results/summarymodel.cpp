#include "ui/results/summarymodel.h"

#include "core/format/summarytable.h"
#include "ui/results/delimitedtext.h"

#include <QFont>

namespace calcprof {

namespace {

// summaryTableHeader()'s runs column: where a provisional group says "k of n".
constexpr int kRunsColumn = 4;

} // namespace

SummaryModel::SummaryModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_header(summaryTableHeader() << QStringLiteral("warnings"))
{ }

void SummaryModel::setSummary(const ExperimentSummary& summary)
{
    beginResetModel();
    m_summary = summary;
    endResetModel();
}

void SummaryModel::clear()
{
    setSummary({});
}

bool SummaryModel::provisional(int row) const
{
    const GroupSummary& group = m_summary.groups.at(static_cast<std::size_t>(row));
    return group.runs < m_summary.plannedRuns;
}

QStringList SummaryModel::cells(int row) const
{
    const GroupSummary& group = m_summary.groups.at(static_cast<std::size_t>(row));
    QStringList cells = summaryTableRow(group);
    if (provisional(row))
        cells[kRunsColumn] = tr("%1 of %2").arg(group.runs).arg(m_summary.plannedRuns);
    cells << group.warnings.join(QStringLiteral("; "));
    return cells;
}

int SummaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_summary.groups.size());
}

int SummaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_header.size());
}

QVariant SummaryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return cells(index.row()).value(column);
    case kSortRole: {
        const std::vector<std::optional<double>> keys
            = summaryTableSortKeys(m_summary.groups.at(static_cast<std::size_t>(index.row())));
        if (column < static_cast<int>(keys.size()) && keys[static_cast<std::size_t>(column)])
            return *keys[static_cast<std::size_t>(column)];
        return cells(index.row()).value(column);
    }
    case Qt::FontRole: {
        if (!provisional(index.row()))
            return {};
        QFont font;
        font.setItalic(true);
        return font;
    }
    case Qt::ToolTipRole:
        return provisional(index.row()) ? tr("Provisional: %1 of the %2 planned runs measured so far")
                                              .arg(m_summary.groups.at(static_cast<std::size_t>(index.row())).runs)
                                              .arg(m_summary.plannedRuns)
                                        : QVariant();
    default: return {};
    }
}

QVariant SummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_header.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    return m_header.at(section);
}

QString SummaryModel::delimited(QChar separator, const QList<int>& rows) const
{
    std::vector<QStringList> lines;
    if (rows.isEmpty()) {
        for (int row = 0; row < rowCount(); ++row)
            lines.push_back(cells(row));
    } else {
        for (const int row : rows)
            lines.push_back(cells(row));
    }
    return delimitedTable(m_header, lines, separator);
}

QString SummaryModel::toTsv(const QList<int>& rows) const
{
    return delimited(u'\t', rows);
}

QString SummaryModel::toCsv() const
{
    return delimited(u',', {});
}

} // namespace calcprof
