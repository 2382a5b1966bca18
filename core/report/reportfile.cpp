#include "core/report/reportfile.h"

#include "core/io/outputfile.h"

#include <QDir>
#include <QFileInfo>

namespace calcprof {

std::optional<ReportFormat> reportFormatOf(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("html"))
        return ReportFormat::Html;
    if (suffix == QStringLiteral("md"))
        return ReportFormat::Markdown;
    return std::nullopt;
}

QString checkReportFile(const QString& path)
{
    const std::optional<ReportFormat> format = reportFormatOf(path);
    if (!format) {
        return QStringLiteral("cannot write the report to %1: name it .html (one self-contained page) or .md "
                              "(Markdown, with its figures as PNG files beside it)")
            .arg(QDir::toNativeSeparators(path));
    }
    if (QString error = checkOutputFile(path); !error.isEmpty())
        return error;
    if (*format == ReportFormat::Markdown) {
        const QFileInfo figures(reportFiguresFolder(path));
        if (figures.exists() && !figures.isDir())
            return QStringLiteral("cannot write the report's figures into %1: it is a file, not a folder")
                .arg(QDir::toNativeSeparators(figures.filePath()));
        if (figures.isDir() && !figures.isWritable())
            return QStringLiteral("cannot write the report's figures into %1: permission denied")
                .arg(QDir::toNativeSeparators(figures.filePath()));
    }
    return {};
}

QString reportFiguresFolder(const QString& markdownPath)
{
    const QFileInfo info(markdownPath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral("_figures"));
}

} // namespace calcprof
