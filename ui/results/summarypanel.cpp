#include "ui/results/summarypanel.h"

#include "core/io/resultsexport.h"
#include "ui/results/summarymodel.h"
#include "ui/session/runsession.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace calcprof {

SummaryPanel::SummaryPanel(RunSession* session, QWidget* parent)
    : QWidget(parent)
    , m_model(new SummaryModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView)
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(SummaryModel::kSortRole);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the summary's own order (set, strategy, workers) first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);

    connect(session, &RunSession::summaryChanged, this, [this, session] {
        m_model->setSummary(session->summary());
        m_table->resizeColumnsToContents();
    });
    connect(session, &RunSession::runsCleared, m_model, &SummaryModel::clear);
}

void SummaryPanel::copySelected() const
{
    QList<std::pair<int, int>> rows; // (row shown, row in the model): the table's order
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& index : selected)
        rows.append({index.row(), m_sorted->mapToSource(index).row()});
    std::sort(rows.begin(), rows.end());
    QList<int> modelRows;
    for (const auto& [shown, row] : rows)
        modelRows << row;
    QApplication::clipboard()->setText(m_model->toTsv(modelRows));
}

QString SummaryPanel::exportCsv(const QString& path) const
{
    return writeTextFile(m_model->toCsv(), path, QStringLiteral("CSV"));
}

} // namespace calcprof
