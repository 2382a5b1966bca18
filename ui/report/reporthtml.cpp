#include "ui/report/reportformats.h"

#include <QRegularExpression>
#include <QSet>

namespace calcprof {

namespace {

// Screen and print: A4 pages, a section per page, nothing split across pages that a reader needs
// whole (a figure, a table row, the answer). Only local fonts: the file must open anywhere offline.
const char* const kStyle = R"css(
body { font-family: "DejaVu Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif; font-size: 11pt;
  line-height: 1.45; color: #1b1b1b; background: #fff; max-width: 62em; margin: 2em auto; padding: 0 1.5em; }
header h1 { font-size: 1.9em; margin: 0 0 0.2em; line-height: 1.2; }
header .subtitle { color: #555; margin: 0 0 1.5em; font-size: 1.05em; }
h2 { font-size: 1.45em; margin: 1.8em 0 0.6em; padding-bottom: 0.2em; border-bottom: 2px solid #2c5f9e; }
nav.toc { border: 1px solid #d5dce6; background: #f7f9fc; padding: 0.6em 1.2em 0.8em; margin-bottom: 2em; }
nav.toc h2 { font-size: 1.15em; border: none; margin: 0.4em 0; }
nav.toc ol { margin: 0; padding-left: 1.4em; }
nav.toc li { margin: 0.35em 0; }
nav.toc .toc-answer { display: block; color: #444; font-size: 0.92em; }
a { color: #2c5f9e; }
p.answer { font-size: 1.08em; background: #edf3fb; border-left: 5px solid #2c5f9e; padding: 0.6em 0.9em;
  margin: 0.8em 0 1.2em; }
p.answer strong { color: #2c5f9e; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.93em; }
th, td { border: 1px solid #c9ced6; padding: 0.3em 0.65em; text-align: left; vertical-align: top; }
thead th { background: #eef1f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
caption { caption-side: bottom; text-align: left; color: #555; font-size: 0.92em; padding-top: 0.35em; }
pre { background: #f5f7f9; border: 1px solid #d9dee4; padding: 0.7em 1em; white-space: pre-wrap;
  overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
figure { margin: 1.4em 0; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #dde1e6; }
figcaption { font-size: 0.93em; color: #333; margin-top: 0.45em; }
footer { color: #777; font-size: 0.85em; border-top: 1px solid #ddd; margin-top: 3em; padding-top: 0.6em; }
@page { size: A4; margin: 15mm 14mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  section { break-before: page; page-break-before: always; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, tr, pre, p.answer, nav.toc { break-inside: avoid; page-break-inside: avoid; }
  p.answer, thead th, nav.toc { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  figure img { border: none; }
}
)css";

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

// An id attribute from a section's id: letters, digits and '-' only, unique in the page.
QString anchorOf(const QString& id, QSet<QString>& used)
{
    QString anchor = id.toLower();
    anchor.replace(QRegularExpression(QStringLiteral("[^a-z0-9-]+")), QStringLiteral("-"));
    if (anchor.isEmpty() || !anchor.front().isLetter())
        anchor.prepend(QStringLiteral("section-"));
    QString unique = anchor;
    for (int suffix = 2; used.contains(unique); ++suffix)
        unique = anchor + u'-' + QString::number(suffix);
    used.insert(unique);
    return unique;
}

void appendTable(QString& html, const ReportTable& table)
{
    const qsizetype columns = table.header.size();
    QList<bool> numeric;
    numeric.reserve(columns);
    for (qsizetype column = 0; column < columns; ++column)
        numeric.append(isNumericColumn(table, static_cast<int>(column)));
    const auto cellClass = [&numeric](qsizetype column) {
        return column < numeric.size() && numeric.at(column) ? QStringLiteral(" class=\"num\"") : QString();
    };
    html += QStringLiteral("<table>\n");
    if (!table.caption.isEmpty())
        html += QStringLiteral("<caption>%1</caption>\n").arg(escaped(table.caption));
    html += QStringLiteral("<thead><tr>");
    for (qsizetype column = 0; column < columns; ++column)
        html += QStringLiteral("<th%1>%2</th>").arg(cellClass(column), escaped(table.header.at(column)));
    html += QStringLiteral("</tr></thead>\n<tbody>\n");
    for (const QStringList& row : table.rows) {
        html += QStringLiteral("<tr>");
        for (qsizetype column = 0; column < row.size(); ++column)
            html += QStringLiteral("<td%1>%2</td>").arg(cellClass(column), escaped(row.at(column)));
        html += QStringLiteral("</tr>\n");
    }
    html += QStringLiteral("</tbody>\n</table>\n");
}

void appendFigure(QString& html, const ReportFigure& figure, const EncodedFigure& encoded, int number)
{
    html += QStringLiteral("<figure>\n<img src=\"data:image/png;base64,%1\" width=\"%2\" height=\"%3\" alt=\"%4\" />\n"
                           "<figcaption><strong>Figure %5.</strong> %6</figcaption>\n</figure>\n")
                .arg(QString::fromLatin1(encoded.png.toBase64()), QString::number(encoded.size.width()),
                    QString::number(encoded.size.height()), escaped(figure.caption), QString::number(number),
                    escaped(figure.caption));
}

void appendBlock(QString& html, const ReportBlock& block, const std::vector<EncodedFigure>& figures, int& figureCount)
{
    switch (block.kind) {
    case ReportBlock::Kind::Paragraph: html += QStringLiteral("<p>%1</p>\n").arg(escaped(block.text)); break;
    case ReportBlock::Kind::Bullets:
        html += QStringLiteral("<ul>\n");
        for (const QString& item : block.items)
            html += QStringLiteral("<li>%1</li>\n").arg(escaped(item));
        html += QStringLiteral("</ul>\n");
        break;
    case ReportBlock::Kind::Table: appendTable(html, block.table); break;
    case ReportBlock::Kind::Figure:
        if (static_cast<std::size_t>(figureCount) < figures.size())
            appendFigure(html, block.figure, figures[static_cast<std::size_t>(figureCount)], figureCount + 1);
        ++figureCount;
        break;
    case ReportBlock::Kind::Command:
        html += QStringLiteral("<pre><code>%1</code></pre>\n").arg(escaped(block.text));
        break;
    }
}

} // namespace

QString reportHtml(const Report& report, const std::vector<EncodedFigure>& figures)
{
    QSet<QString> used;
    std::vector<QString> anchors;
    for (const ReportSection& section : report.sections)
        anchors.push_back(anchorOf(section.id, used));

    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                                  "<meta name=\"generator\" content=\"calcprof %1\" />\n<title>%2</title>\n"
                                  "<style>%3</style>\n</head>\n<body>\n")
                       .arg(QStringLiteral(CALCPROF_VERSION), escaped(report.title), QString::fromUtf8(kStyle));
    html += QStringLiteral("<header>\n<h1>%1</h1>\n").arg(escaped(report.title));
    if (!report.subtitle.isEmpty())
        html += QStringLiteral("<p class=\"subtitle\">%1</p>\n").arg(escaped(report.subtitle));
    html += QStringLiteral("</header>\n");

    // The contents double as a summary: each question with its one-line answer.
    html += QStringLiteral("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
    for (std::size_t index = 0; index < report.sections.size(); ++index) {
        const ReportSection& section = report.sections[index];
        html += QStringLiteral("<li><a href=\"#%1\">%2</a>").arg(anchors[index], escaped(section.title));
        if (!section.answer.isEmpty())
            html += QStringLiteral("<span class=\"toc-answer\">%1</span>").arg(escaped(section.answer));
        html += QStringLiteral("</li>\n");
    }
    html += QStringLiteral("</ol>\n</nav>\n");

    int figureCount = 0;
    for (std::size_t index = 0; index < report.sections.size(); ++index) {
        const ReportSection& section = report.sections[index];
        html += QStringLiteral("<section id=\"%1\">\n<h2>%2</h2>\n").arg(anchors[index], escaped(section.title));
        if (!section.answer.isEmpty())
            html
                += QStringLiteral("<p class=\"answer\"><strong>Answer:</strong> %1</p>\n").arg(escaped(section.answer));
        for (const ReportBlock& block : section.blocks)
            appendBlock(html, block, figures, figureCount);
        html += QStringLiteral("</section>\n");
    }
    html += QStringLiteral("<footer>Written by calcprof %1 from its own measurements on the machine described "
                           "above.</footer>\n</body>\n</html>\n")
                .arg(QStringLiteral(CALCPROF_VERSION));
    return html;
}

} // namespace calcprof
