#pragma once

#include <QString>

#include <optional>

/// Where a report may be written: the checks the CLI makes before it runs anything and the window
/// makes before it saves, in one place (the writer itself is ui/reportwriter: it draws figures).
namespace calcprof {

enum class ReportFormat { Html, Markdown };

/// The format `path`'s extension names (.html or .md, any case), or nullopt for anything else.
std::optional<ReportFormat> reportFormatOf(const QString& path);

/// Empty if a report can be written at `path`: it ends in .html or .md, its folder exists and is
/// writable (checkOutputFile()), and for Markdown the figures' folder beside it is a folder or can
/// be made. Otherwise why not, naming the path.
QString checkReportFile(const QString& path);

/// The folder a Markdown report's figures go into, beside it: "notes/report.md" ->
/// "notes/report_figures".
QString reportFiguresFolder(const QString& markdownPath);

} // namespace calcprof
