#include "ui/report/findingspanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace calcprof {

namespace {

// The machine and settings are the report's preamble, not a finding.
constexpr const char* kPreambleSection = "machine";
constexpr const char* kShowScheme = "show";

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

/// The section's key numbers: its first paragraph (the report opens each with them).
QString keyNumbers(const ReportSection& section)
{
    for (const ReportBlock& block : section.blocks) {
        if (block.kind == ReportBlock::Kind::Paragraph && !block.text.isEmpty())
            return block.text;
    }
    return {};
}

/// The section's first list: where its answer's reasons are, cost by cost (question 1: start-up,
/// per-task work on shared cores, waiting for the longest task).
QString reasonsHtml(const ReportSection& section)
{
    for (const ReportBlock& block : section.blocks) {
        if (block.kind != ReportBlock::Kind::Bullets || block.items.isEmpty())
            continue;
        QString html = QStringLiteral("<ul>");
        for (const QString& item : block.items)
            html += QStringLiteral("<li>%1</li>").arg(escaped(item));
        return html + QStringLiteral("</ul>");
    }
    return {};
}

QString figureLinkText(const ReportFigure& figure)
{
    switch (figure.view) {
    case ReportFigure::View::Time: return FindingsPanel::tr("Show the Time view");
    case ReportFigure::View::Speedup: return FindingsPanel::tr("Show the Speedup view of this set");
    case ReportFigure::View::Timeline: return FindingsPanel::tr("Show the Timeline of this run");
    case ReportFigure::View::Csv: return FindingsPanel::tr("Show the CSV write view");
    }
    return {};
}

QString sectionHtml(const ReportSection& section, int index)
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(escaped(section.title));
    html += section.answer.isEmpty()
        ? QStringLiteral("<p><i>%1</i></p>").arg(FindingsPanel::tr("Not answered yet: see below what to run."))
        : QStringLiteral("<p><b>%1</b></p>").arg(escaped(section.answer));
    if (const QString numbers = keyNumbers(section); !numbers.isEmpty() && numbers != section.answer)
        html += QStringLiteral("<p>%1</p>").arg(escaped(numbers));
    html += reasonsHtml(section);
    for (const ReportBlock& block : section.blocks) {
        if (block.kind == ReportBlock::Kind::Command)
            html += QStringLiteral("<p>%1</p><pre>%2</pre>")
                        .arg(FindingsPanel::tr("What would answer it:"), escaped(block.text));
    }
    if (const ReportFigure* figure = FindingsPanel::figureOf(section)) {
        html += QStringLiteral("<p><a href=\"%1:%2\">%3</a> <small>%4</small></p>")
                    .arg(QString::fromLatin1(kShowScheme))
                    .arg(index)
                    .arg(escaped(figureLinkText(*figure)), escaped(figure->caption));
    }
    return html;
}

} // namespace

FindingsPanel::FindingsPanel(QWidget* parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_text(new QTextBrowser(this))
    , m_runMissing(new QPushButton(tr("Run what is missing"), this))
{
    setObjectName(QStringLiteral("findings"));
    m_state->setWordWrap(true);
    m_runMissing->setToolTip(tr("Runs exactly the sets, strategies, pool sizes or CSV stage the answers below lack, "
                                "with the plan's other settings"));
    m_text->setOpenLinks(false);
    m_text->setOpenExternalLinks(false);
    auto* top = new QHBoxLayout;
    top->addWidget(m_state, 1);
    top->addWidget(m_runMissing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_text, 1);
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QString::fromLatin1(kShowScheme))
            showSection(url.path().toInt());
    });
    connect(m_runMissing, &QPushButton::clicked, this, &FindingsPanel::runMissingRequested);
    clear();
}

void FindingsPanel::clear()
{
    m_report = {};
    m_provisional = false;
    m_state->setText(tr("Press Run: the answers to the exercise's questions appear here, each with the numbers "
                        "and the view that prove it."));
    m_text->clear();
    m_runMissing->setVisible(false);
}

void FindingsPanel::setReport(const Report& report, bool provisional, bool runnableGaps)
{
    m_report = report;
    m_provisional = provisional;
    m_state->setText(provisional ? tr("<b>Provisional</b>: the run is still going; these answers change as its sets "
                                      "finish.")
                                 : escaped(report.subtitle));
    m_runMissing->setVisible(runnableGaps && !provisional);
    // Keep the reader's place across updates while a run goes on.
    const int scroll = m_text->verticalScrollBar() != nullptr ? m_text->verticalScrollBar()->value() : 0;
    m_text->setHtml(findingsHtml(report));
    if (m_text->verticalScrollBar() != nullptr)
        m_text->verticalScrollBar()->setValue(scroll);
}

QString FindingsPanel::findingsHtml(const Report& report)
{
    QString html;
    for (std::size_t i = 0; i < report.sections.size(); ++i) {
        const ReportSection& section = report.sections[i];
        if (section.id != QString::fromLatin1(kPreambleSection))
            html += sectionHtml(section, static_cast<int>(i));
    }
    return html;
}

const ReportFigure* FindingsPanel::figureOf(const ReportSection& section)
{
    for (const ReportBlock& block : section.blocks) {
        if (block.kind == ReportBlock::Kind::Figure)
            return &block.figure;
    }
    return nullptr;
}

void FindingsPanel::showSection(int index)
{
    if (index < 0 || index >= static_cast<int>(m_report.sections.size()))
        return;
    if (const ReportFigure* figure = figureOf(m_report.sections[static_cast<std::size_t>(index)]))
        Q_EMIT showFigure(*figure);
}

} // namespace calcprof
