#include "ui/report/reportformats.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace calcprof {

namespace {

// Characters Markdown would read as markup in running text; escaped, the text reads as written.
QString escaped(const QString& text)
{
    static const QRegularExpression kMarkup(QStringLiteral(R"(([\\`*_\[\]<>#|]))"));
    QString result = text;
    result.replace(kMarkup, QStringLiteral(R"(\\1)"));
    return result;
}

// A table cell: escaped, and on one line (a line break would end the row).
QString cell(const QString& text)
{
    return escaped(text).replace(QRegularExpression(QStringLiteral("\\s*\\n\\s*")), QStringLiteral(" "));
}

// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as '-', "-1", "-2"…
// after repeats.
QString headingAnchor(const QString& heading, QSet<QString>& used)
{
    QString anchor;
    for (const QChar c : heading.toLower()) {
        if (c.isLetterOrNumber() || c == u'-' || c == u'_')
            anchor += c;
        else if (c == u' ')
            anchor += u'-';
    }
    QString unique = anchor;
    for (int suffix = 1; used.contains(unique); ++suffix)
        unique = anchor + u'-' + QString::number(suffix);
    used.insert(unique);
    return unique;
}

void appendTable(QString& markdown, const ReportTable& table)
{
    const auto row = [](const QStringList& cells) -> QString {
        QStringList shown;
        for (const QString& text : cells)
            shown << cell(text);
        return QStringLiteral("| ") + shown.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    };
    markdown += row(table.header);
    QStringList rule;
    for (int column = 0; column < static_cast<int>(table.header.size()); ++column)
        rule << (isNumericColumn(table, column) ? QStringLiteral("---:") : QStringLiteral("---"));
    markdown += QStringLiteral("|") + rule.join(u'|') + QStringLiteral("|\n");
    for (const QStringList& cells : table.rows)
        markdown += row(cells);
    if (!table.caption.isEmpty())
        markdown += QStringLiteral("\n*%1*\n").arg(escaped(table.caption));
    markdown += u'\n';
}

// A fence longer than any run of backticks in the command, so the command is shown as it is.
void appendCommand(QString& markdown, const QString& command)
{
    qsizetype longest = 0;
    static const QRegularExpression kBackticks(QStringLiteral("`+"));
    for (QRegularExpressionMatchIterator matches = kBackticks.globalMatch(command); matches.hasNext();)
        longest = std::max(longest, matches.next().capturedLength());
    const QString fence(std::max<qsizetype>(3, longest + 1), u'`');
    markdown += fence + QStringLiteral("sh\n") + command + u'\n' + fence + QStringLiteral("\n\n");
}

void appendBlock(
    QString& markdown, const ReportBlock& block, const std::vector<EncodedFigure>& figures, int& figureCount)
{
    switch (block.kind) {
    case ReportBlock::Kind::Paragraph: markdown += escaped(block.text) + QStringLiteral("\n\n"); break;
    case ReportBlock::Kind::Bullets:
        for (const QString& item : block.items)
            markdown += QStringLiteral("- ") + cell(item) + u'\n';
        markdown += u'\n';
        break;
    case ReportBlock::Kind::Table: appendTable(markdown, block.table); break;
    case ReportBlock::Kind::Figure:
        ++figureCount;
        if (static_cast<std::size_t>(figureCount) <= figures.size()) {
            markdown += QStringLiteral("![Figure %1](%2)\n\n*Figure %1. %3*\n\n")
                            .arg(QString::number(figureCount), figures[static_cast<std::size_t>(figureCount) - 1].link,
                                escaped(block.figure.caption));
        }
        break;
    case ReportBlock::Kind::Command: appendCommand(markdown, block.text); break;
    }
}

} // namespace

QString reportMarkdown(const Report& report, const std::vector<EncodedFigure>& figures)
{
    QString markdown = QStringLiteral("# %1\n\n").arg(escaped(report.title));
    if (!report.subtitle.isEmpty())
        markdown += QStringLiteral("*%1*\n\n").arg(escaped(report.subtitle));

    QSet<QString> used;
    headingAnchor(report.title, used); // the headings before the sections' take their anchors first
    headingAnchor(QStringLiteral("Contents"), used);
    std::vector<QString> anchors;
    for (const ReportSection& section : report.sections)
        anchors.push_back(headingAnchor(section.title, used));
    markdown += QStringLiteral("## Contents\n\n");
    for (std::size_t index = 0; index < report.sections.size(); ++index) {
        const ReportSection& section = report.sections[index];
        markdown
            += QStringLiteral("%1. [%2](#%3)").arg(QString::number(index + 1), escaped(section.title), anchors[index]);
        if (!section.answer.isEmpty())
            markdown += QStringLiteral(" — %1").arg(cell(section.answer));
        markdown += u'\n';
    }
    markdown += u'\n';

    int figureCount = 0;
    for (const ReportSection& section : report.sections) {
        markdown += QStringLiteral("## %1\n\n").arg(escaped(section.title));
        if (!section.answer.isEmpty())
            markdown += QStringLiteral("**Answer:** %1\n\n").arg(escaped(section.answer));
        for (const ReportBlock& block : section.blocks)
            appendBlock(markdown, block, figures, figureCount);
    }
    markdown += QStringLiteral("---\n\n*Written by calcprof %1 from its own measurements on the machine described "
                               "above.*\n")
                    .arg(QStringLiteral(CALCPROF_VERSION));
    return markdown;
}

bool isNumericColumn(const ReportTable& table, int column)
{
    // A number (with thousands or decimal separators, a sign), then an optional unit.
    static const QRegularExpression kNumber(
        QStringLiteral(R"(^[-+−]?[0-9][0-9.,]*\s?(x|%|[nµm]?s|secs|[kKMG]?B|[kKMG]B/s|cores?|files?)?$)"));
    bool any = false;
    for (const QStringList& row : table.rows) {
        if (column >= row.size() || row.at(column).trimmed().isEmpty())
            continue;
        if (!kNumber.match(row.at(column).trimmed()).hasMatch())
            return false;
        any = true;
    }
    return any;
}

} // namespace calcprof
