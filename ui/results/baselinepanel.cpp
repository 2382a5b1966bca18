#include "ui/results/baselinepanel.h"

#include "core/io/savedrun.h"
#include "ui/session/runsession.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace calcprof {

namespace {

const QColor kWarningColor(0xb2, 0x4a, 0x00);

/// The two environments side by side, one row each (a wide, short block above the table); the
/// values that differ are bold.
QString environmentTable(const ExperimentComparison& c, const QString& currentName)
{
    const QStringList fields {BaselinePanel::tr("calcprof"), BaselinePanel::tr("CPU"), BaselinePanel::tr("cores"),
        BaselinePanel::tr("OS"), BaselinePanel::tr("compiler"), BaselinePanel::tr("build")};
    const QStringList before {c.baselineVersion, c.baseline.cpu, QString::number(c.baseline.cores), c.baseline.os,
        c.baseline.compiler, c.baseline.buildType};
    const QStringList after {c.currentVersion, c.current.cpu, QString::number(c.current.cores), c.current.os,
        c.current.compiler, c.current.buildType};
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\"><tr><td></td>");
    for (const QString& field : fields)
        html += QStringLiteral("<td><i>%1</i>&nbsp;&nbsp;</td>").arg(field);
    html += QStringLiteral("</tr>");
    auto row = [&](const QString& name, const QStringList& values) {
        html += QStringLiteral("<tr><td><b>%1</b>&nbsp;&nbsp;</td>").arg(name);
        for (int index = 0; index < values.size(); ++index) {
            const QString text = values[index].isEmpty() ? QStringLiteral("?") : values[index].toHtmlEscaped();
            html += before[index] != after[index] ? QStringLiteral("<td><b>%1</b>&nbsp;&nbsp;</td>").arg(text)
                                                  : QStringLiteral("<td>%1&nbsp;&nbsp;</td>").arg(text);
        }
        html += QStringLiteral("</tr>");
    };
    row(BaselinePanel::tr("baseline"), before);
    row(currentName, after);
    return html + QStringLiteral("</table>");
}

} // namespace

BaselinePanel::BaselinePanel(RunSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_environment(new QLabel)
    , m_notes(new QLabel)
    , m_table(new QTableWidget)
    , m_status(new QLabel)
{
    m_environment->setTextFormat(Qt::RichText);
    m_environment->setWordWrap(true);
    m_environment->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_environment->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setWordWrap(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnCount(static_cast<int>(comparisonColumns().size()));
    m_table->setHorizontalHeaderLabels(comparisonColumns());
    m_status->setVisible(false);
    m_status->setContentsMargins(0, 0, 12, 0); // apart from the machine label beside it

    // The environments above the table, one short row each: the table keeps the whole width, so
    // its verdict column stays in view.
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_environment);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_notes);
    showComparison();
    connect(session, &RunSession::baselineChanged, this, &BaselinePanel::showComparison);
    connect(session, &RunSession::summaryChanged, this, [this] {
        if (m_session->hasBaseline())
            showComparison(); // the comparison follows the runs as they finish
    });
}

const ExperimentComparison& BaselinePanel::comparison() const
{
    return m_session->comparison();
}

void BaselinePanel::showComparison()
{
    m_table->setRowCount(0);
    if (!m_session->hasBaseline()) {
        m_environment->setText(tr("<b>No baseline.</b><p>File → Open baseline… loads a run saved with "
                                  "<tt>--json</tt> (or File → Export results as JSON) and compares what is shown "
                                  "with it: here group by group, and in the Time and Speedup views as dashed "
                                  "series.</p>"));
        m_notes->clear();
        m_status->setVisible(false);
        return;
    }
    const SavedRun& baseline = m_session->baseline();
    const bool currentHasRuns = !m_session->experiment().runs.empty();
    const ExperimentComparison& c = m_session->comparison();
    const QString context = comparisonContext(c);
    QString html
        = tr("Compared with the baseline <b>%1</b>%2: what is shown now against it, group by group.")
              .arg(baseline.fileName().toHtmlEscaped(),
                  baseline.modified.isValid()
                      ? tr(" (file dated %1)").arg(baseline.modified.toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                      : QString());
    if (!context.isEmpty()) {
        // The console's words, as a sentence of their own here.
        const QString sentence = context.left(1).toUpper() + context.mid(1) + u'.';
        html += QStringLiteral(" <span style=\"color:%1\"><b>%2</b></span>")
                    .arg(kWarningColor.name(), sentence.toHtmlEscaped());
    }
    html += environmentTable(c, currentHasRuns ? tr("shown now") : tr("this machine"));
    m_environment->setText(html);

    showRows(c);
    if (!currentHasRuns)
        m_notes->setText(tr("Run (or File → Open results…) to compare with the baseline."));
    else if (c.groups.empty())
        m_notes->setText(tr("No group (set numbers, strategy, workers) was measured in both: nothing to compare."));
    else
        m_notes->setText(comparisonNotes(c).trimmed());

    m_status->setText(context.isEmpty()
            ? tr("baseline: %1").arg(baseline.fileName())
            : tr("baseline: %1 · %2")
                  .arg(baseline.fileName(), c.otherMachine() ? tr("another machine") : tr("another build")));
    m_status->setStyleSheet(context.isEmpty()
            ? QString()
            : QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(kWarningColor.name()));
    m_status->setToolTip(
        tr("baseline: %1\nshown now: %2")
            .arg(describeEnvironment(c.baselineVersion, c.baseline), describeEnvironment(c.currentVersion, c.current)));
    m_status->setVisible(true);
}

void BaselinePanel::showRows(const ExperimentComparison& c)
{
    const std::vector<int> numeric = comparisonNumericColumns();
    m_table->setRowCount(static_cast<int>(c.groups.size()));
    for (std::size_t row = 0; row < c.groups.size(); ++row) {
        const QStringList cells = comparisonCells(c.groups[row]);
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (std::find(numeric.begin(), numeric.end(), column) != numeric.end())
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(static_cast<int>(row), column, item);
        }
        // The verdict in colour: what a reader looks for first.
        if (c.groups[row].significant()) {
            m_table->item(static_cast<int>(row), static_cast<int>(cells.size()) - 1)
                ->setForeground(c.groups[row].ratio < 1.0 ? QColor(0x1b, 0x7a, 0x2e) : QColor(0xc6, 0x28, 0x28));
        }
    }
    m_table->resizeColumnsToContents();
}

} // namespace calcprof
