#include "ui/results/resultspanel.h"

#include "core/io/resultsexport.h"
#include "ui/results/resultsmodel.h"
#include "ui/session/runsession.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace calcprof {

ResultsPanel::ResultsPanel(RunSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new ResultsModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView)
    , m_savedRunLabel(new QLabel)
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(ResultsModel::kSortRole);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();

    // Opened results say where they came from, above the rows they fill.
    m_savedRunLabel->setWordWrap(true);
    m_savedRunLabel->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_savedRunLabel);
    layout->addWidget(m_table, 1);

    connect(session, &RunSession::setFinished, this,
        [this](const SetRun& run) { m_model->addRun(m_session->runNumber(), run); });
    connect(session, &RunSession::summaryChanged, this, [this] { m_model->setSummary(m_session->summary()); });
    connect(session, &RunSession::runsCleared, this, [this] {
        m_model->clear();
        m_savedRunLabel->hide();
    });
    connect(session, &RunSession::resultsOpened, this, &ResultsPanel::showOpenedResults);
}

void ResultsPanel::showOpenedResults(const QString& description)
{
    for (const SetRun& run : m_session->experiment().runs)
        m_model->addRun(1, run);
    m_savedRunLabel->setText(tr("<b>Opened from %1</b> (%2). Run replaces these results; to compare with them, "
                                "open the file as the baseline (File → Open baseline…).")
                                 .arg(m_session->savedRunFile().toHtmlEscaped(), description.toHtmlEscaped()));
    m_savedRunLabel->show();
}

void ResultsPanel::copySelected() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& index : selected)
        rows << m_sorted->mapToSource(index).row();
    std::sort(rows.begin(), rows.end());
    QApplication::clipboard()->setText(m_model->toTsv(rows));
}

QString ResultsPanel::exportCsv(const QString& path) const
{
    return writeTextFile(m_model->toCsv(), path, QStringLiteral("CSV"));
}

} // namespace calcprof
