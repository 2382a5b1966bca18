#pragma once

#include "core/report/report.h"

#include <QByteArray>
#include <QSize>
#include <QString>

#include <vector>

/// The report laid out as text: pure functions of the report and its figures, already drawn
/// (ui/report/reportcharts.h) and encoded; ui/report/reportwriter.h writes the results.
namespace calcprof {

/// A figure of the report, drawn and encoded: the report's figures in reading order.
struct EncodedFigure
{
    QByteArray png;
    QSize size; ///< logical size: the PNG has twice as many pixels each way, for print
    QString link; ///< Markdown: the PNG's path relative to the .md file, '/'-separated
};

/// One self-contained HTML page: inline CSS (laid out for print too), the figures inline as
/// data:image/png;base64 URIs, no reference to anything outside the file. Well-formed XML as well
/// as HTML, all text escaped.
QString reportHtml(const Report& report, const std::vector<EncodedFigure>& figures);

/// GitHub-flavoured Markdown: figures as links to their PNG files (EncodedFigure::link), tables
/// as pipe tables with '|' escaped, command lines fenced.
QString reportMarkdown(const Report& report, const std::vector<EncodedFigure>& figures);

/// Whether a table column reads as numbers (every non-empty cell a number with an optional unit:
/// "1.53x", "220.5 ms", "96 %"), so it is right-aligned.
bool isNumericColumn(const ReportTable& table, int column);

} // namespace calcprof
