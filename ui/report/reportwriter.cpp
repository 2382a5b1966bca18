#include "ui/report/reportwriter.h"

#include "core/io/outputfile.h"
#include "core/report/reportfile.h"
#include "ui/report/reportcharts.h"
#include "ui/report/reportformats.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <memory>

namespace calcprof {

namespace {

QString failure(const QString& path, const QString& reason)
{
    return QStringLiteral("cannot write the report to %1: %2").arg(QDir::toNativeSeparators(path), reason);
}

std::vector<const ReportFigure*> figuresOf(const Report& report)
{
    std::vector<const ReportFigure*> figures;
    for (const ReportSection& section : report.sections) {
        for (const ReportBlock& block : section.blocks) {
            if (block.kind == ReportBlock::Kind::Figure)
                figures.push_back(&block.figure);
        }
    }
    return figures;
}

// A figure's PNG file name: its stem made safe for any file system and URL, unique in the report.
QString fileNameOf(const ReportFigure& figure, int number, QSet<QString>& used)
{
    QString stem = figure.fileStem.toLower();
    stem.replace(QRegularExpression(QStringLiteral("[^a-z0-9_-]+")), QStringLiteral("-"));
    if (stem.isEmpty())
        stem = QStringLiteral("figure-%1").arg(number);
    QString name = stem;
    for (int suffix = 2; used.contains(name); ++suffix)
        name = stem + u'-' + QString::number(suffix);
    used.insert(name);
    return name + QStringLiteral(".png");
}

struct Drawn
{
    std::vector<EncodedFigure> figures;
    QString error;
};

// Every figure drawn and encoded before a byte is written: drawing is what can fail on bad content,
// and what takes the time (seconds on a large run), so a stop is looked for before each figure.
Drawn drawFigures(
    const Report& report, const Experiment& experiment, const ExperimentSummary& summary, const std::atomic<bool>& stop)
{
    Drawn drawn;
    const std::vector<const ReportFigure*> figures = figuresOf(report);
    for (std::size_t index = 0; index < figures.size(); ++index) {
        if (stop.load()) {
            drawn.error = QStringLiteral("interrupted");
            return drawn;
        }
        const RenderedFigure rendered = renderReportFigure(*figures[index], experiment, summary);
        QByteArray png;
        QBuffer buffer(&png);
        if (rendered.error.isEmpty() && (!buffer.open(QIODevice::WriteOnly) || !rendered.image.save(&buffer, "PNG")))
            drawn.error = QStringLiteral("the PNG encoder failed");
        if (!rendered.error.isEmpty() || !drawn.error.isEmpty()) {
            drawn.error = QStringLiteral("figure %1 (\"%2\"): %3")
                              .arg(QString::number(index + 1), figures[index]->caption,
                                  rendered.error.isEmpty() ? drawn.error : rendered.error);
            return drawn;
        }
        drawn.figures.push_back(
            {png, (QSizeF(rendered.image.size()) / rendered.image.devicePixelRatio()).toSize(), QString()});
    }
    return drawn;
}

QString writeHtml(const QString& path, const QString& html)
{
    OutputFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(path, file.failure());
    file.write(html.toUtf8()); // a failed write is remembered: commit() then fails and replaces nothing
    if (!file.commit())
        return failure(path, file.failure());
    return {};
}

// The figures, then the text that links them, each through its OutputFile: all are written, synced
// and closed before any is renamed into place, so a failure on the way (a full disk) leaves what was
// there before, and removes the folder of figures if it made it.
QString writeMarkdown(const QString& path, const Report& report, std::vector<EncodedFigure> figures)
{
    const QString folder = reportFiguresFolder(path);
    const QString folderName = QFileInfo(folder).fileName();
    QSet<QString> used;
    const std::vector<const ReportFigure*> reportFigures = figuresOf(report);
    std::vector<QString> paths;
    for (std::size_t index = 0; index < figures.size(); ++index) {
        const QString name = fileNameOf(*reportFigures[index], static_cast<int>(index) + 1, used);
        figures[index].link = QString::fromLatin1(QUrl::toPercentEncoding(folderName + u'/' + name, "/"));
        paths.push_back(QDir(folder).filePath(name));
    }
    const QByteArray text = reportMarkdown(report, figures).toUtf8();

    const bool madeFolder = !figures.empty() && !QFileInfo::exists(folder);
    if (madeFolder && !QDir().mkpath(folder))
        return failure(path, QStringLiteral("cannot make the folder %1").arg(QDir::toNativeSeparators(folder)));
    std::vector<std::unique_ptr<OutputFile>> files;
    std::vector<bool> existed;
    QString error;
    const auto stage = [&files, &existed, &error](const QString& file, const QByteArray& bytes) {
        existed.push_back(QFileInfo::exists(file));
        files.push_back(std::make_unique<OutputFile>(file));
        OutputFile& staged = *files.back();
        if (staged.open(QIODevice::WriteOnly))
            staged.write(bytes);
        if (!staged.finish())
            error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(file), staged.failure());
    };
    for (std::size_t index = 0; index < figures.size() && error.isEmpty(); ++index)
        stage(paths[index], figures[index].png);
    if (error.isEmpty())
        stage(path, text); // last: the text never links a figure not yet in place
    for (std::size_t index = 0; index < files.size() && error.isEmpty(); ++index) {
        if (!files[index]->commit())
            error
                = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(files[index]->path()), files[index]->failure());
    }
    if (error.isEmpty())
        return {};
    // Uncommitted files vanish with their OutputFile; new files already committed are removed.
    for (std::size_t index = 0; index < files.size(); ++index) {
        if (!existed[index])
            QFile::remove(files[index]->path());
    }
    files.clear();
    if (madeFolder)
        QDir(folder).removeRecursively();
    return failure(path, error);
}

} // namespace

QString writeReport(
    const Report& report, const Experiment& experiment, const ExperimentSummary& summary, const QString& path)
{
    const std::atomic<bool> never {false};
    return writeReportUnlessStopped(report, experiment, summary, path, never);
}

QString writeReportUnlessStopped(const Report& report, const Experiment& experiment, const ExperimentSummary& summary,
    const QString& path, const std::atomic<bool>& stop)
{
    if (QString error = checkReportFile(path); !error.isEmpty())
        return error;
    Drawn drawn = drawFigures(report, experiment, summary, stop);
    if (!drawn.error.isEmpty())
        return failure(path, drawn.error);
    if (stop.load())
        return failure(path, QStringLiteral("interrupted"));
    if (reportFormatOf(path) == ReportFormat::Html)
        return writeHtml(path, reportHtml(report, drawn.figures));
    return writeMarkdown(path, report, std::move(drawn.figures));
}

} // namespace calcprof
