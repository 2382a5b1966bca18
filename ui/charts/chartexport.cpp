#include "ui/charts/chartexport.h"

#include "core/io/outputfile.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QLegend>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QResizeEvent>
#include <QSvgGenerator>
#include <QTextDocumentFragment>

#include <algorithm>
#include <cmath>

namespace calcprof {

namespace {

// Brings the scene to the state the event loop would show, without running the event loop (the
// export may be called from a slot, and a test may never run one).
void settle(QChartView* view)
{
    QChart* chart = view->chart();
    // A view resized while hidden has its resize event pending until it is shown, so its chart
    // still has its construction-time size. QWidget::render() would deliver the event too, but
    // only after the layouts below had been applied at the old size: deliver it first.
    if (chart->size() != QSizeF(view->size()) || view->sceneRect() != chart->geometry()) {
        QResizeEvent event(view->size(), view->size());
        QCoreApplication::sendEvent(view, &event);
    }
    // Qt Charts removes an axis or series by hiding its item and deleting it later, but an axis
    // keeps its labels and grid lines in separate items that stay visible until that deletion:
    // rendered right after a change of axes (log toggle, mode switch), the picture would show the
    // old axis' labels over the new one's. Deleting what is already scheduled for deletion is
    // what the event loop does next anyway.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    // Titles, series and legend entries only request a relayout, handled later by the event loop;
    // the picture is taken now, so the layouts are applied now.
    QCoreApplication::sendPostedEvents(chart, QEvent::LayoutRequest);
    QCoreApplication::sendPostedEvents(chart->legend(), QEvent::LayoutRequest);
    if (QGraphicsLayout* layout = chart->layout())
        layout->activate();
}

bool canRender(QChartView* view)
{
    return view != nullptr && view->chart() != nullptr && !view->size().isEmpty();
}

// A title too wide for its chart is elided by Qt Charts, which first makes the title cut at every
// length, all the copies at once: n characters cost n²/2 of memory (the largest experiment's list
// of sets, ~10,000 characters, took 110 MB each time a figure was drawn). So the rich-text `title`
// is cut first after a run of `widthPixels` x 2 characters with no tag between them (a line, or
// more), none of which is narrower than half a pixel: such a run is wider than the chart, so Qt
// elides the cut title to the same text as the whole one. The cut is where Qt's own elision steps
// too (after a visible character, never inside a tag or an entity), so its candidates that fit
// are the same strings.
QString cutWiderThan(const QString& title, int widthPixels)
{
    const qsizetype limit = 2 * static_cast<qsizetype>(std::max(widthPixels, 1));
    qsizetype run = 0;
    bool inTag = false;
    bool inEntity = false;
    for (qsizetype i = 0; i < title.size(); ++i) {
        const QChar c = title.at(i);
        if (inTag || c == u'<') {
            inTag = c != u'>';
            run = 0; // a tag may break the line: only what follows it is surely on one line
        } else if (inEntity || c == u'&') {
            inEntity = c != u';'; // counted as nothing: it may stand for a narrow character
        } else if (c.isLetterOrNumber() || c.isPunct() || c.isSymbol()) {
            if (++run > limit)
                return title.left(i + 1);
        }
    }
    return title;
}

// Paints the view as shown, with `title` on the chart for the picture (restored afterwards), on
// `device` at `offset` (logical), where the device has room for the view's size. False if no
// painter could be opened on `device`.
bool paintChart(QChartView* view, const QString& title, QPaintDevice* device, QPoint offset = {})
{
    QChart* chart = view->chart();
    const QString shownTitle = chart->title();
    // An empty title keeps the one on screen: "as shown" is the better default than no title.
    if (!title.isEmpty())
        chart->setTitle(cutWiderThan(title, view->width()));
    settle(view);
    bool painted = false;
    {
        QPainter painter(device);
        painted = painter.isActive();
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        // QWidget::render, not QGraphicsView::render: the widget as it paints itself on screen,
        // viewport background included, rather than a region of the scene.
        view->QWidget::render(&painter, offset, QRegion(), QWidget::DrawChildren);
    }
    if (!title.isEmpty()) {
        chart->setTitle(shownTitle);
        settle(view);
    }
    return painted;
}

// A file's title metadata from a chart title, which may be rich text (the window's figure titles
// are two lines, "<br><small>…</small>"): its plain text on one line.
QString documentTitle(const QString& chartTitle)
{
    if (!Qt::mightBeRichText(chartTitle))
        return chartTitle;
    QString plain = QTextDocumentFragment::fromHtml(chartTitle).toPlainText();
    plain.replace(QChar::LineSeparator, QStringLiteral(" — "));
    plain.replace(QChar::ParagraphSeparator, QStringLiteral(" — "));
    plain.replace(u'\n', QStringLiteral(" — "));
    return plain.trimmed();
}

QString failure(const QString& format, const QString& path, const QString& reason)
{
    return QStringLiteral("cannot write %1 to %2: %3").arg(format, QDir::toNativeSeparators(path), reason);
}

// Writes a vector drawing through an OutputFile: `draw` paints on the open file, and says whether its
// painter worked. A failed export (a full disk) never leaves a truncated file or destroys an older one.
template <typename Draw> QString saveDrawing(const QString& format, QChartView* view, const QString& path, Draw draw)
{
    if (path.isEmpty())
        return QStringLiteral("cannot write %1: no file name given").arg(format);
    if (!canRender(view))
        return failure(format, path, QStringLiteral("there is no chart to render"));
    return writeOutputFile(path, format, [&format, &draw](QIODevice& file) {
        return draw(&file) ? QString() : QStringLiteral("the %1 painter failed").arg(format);
    });
}

} // namespace

QImage renderChart(QChartView* view, qreal scale, const QString& title)
{
    if (!canRender(view) || !std::isfinite(scale) || scale <= 0.0)
        return {};
    // Painting at the logical size on an image with a device pixel ratio renders text, lines and
    // markers as vectors at full resolution, not an upscaled screen grab.
    QImage image(view->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(view->palette().color(QPalette::Base));
    paintChart(view, title, &image);
    return image;
}

QImage renderChartsStacked(QChartView* top, const QString& topTitle, QChartView* bottom, qreal scale)
{
    if (!canRender(top) || !canRender(bottom) || !std::isfinite(scale) || scale <= 0.0)
        return {};
    const QRect lower(QPoint(0, top->height()), bottom->size());
    QImage image(QSize(std::max(top->width(), bottom->width()), top->height() + bottom->height()) * scale,
        QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    // Each chart on the background renderChart() gives it; beside a narrower one, the upper's.
    image.fill(top->palette().color(QPalette::Base));
    {
        QPainter painter(&image);
        painter.fillRect(lower, bottom->palette().color(QPalette::Base));
    }
    if (!paintChart(top, topTitle, &image) || !paintChart(bottom, QString(), &image, lower.topLeft()))
        return {};
    return image;
}

QString exportChartPng(QChartView* view, const QString& path, qreal scale, const QString& title)
{
    if (path.isEmpty())
        return QStringLiteral("cannot write PNG: no file name given");
    const QString shownPath = QDir::toNativeSeparators(path);
    const QImage image = renderChart(view, scale, title);
    if (image.isNull())
        return QStringLiteral("cannot write PNG to ") + shownPath + QStringLiteral(": there is no chart to render");

    // Through an OutputFile: a failed export never leaves a truncated PNG (or destroys an older one) at `path`.
    return writeOutputFile(path, QStringLiteral("PNG"), [&image](QIODevice& file) {
        return image.save(&file, "PNG") ? QString() : QStringLiteral("the PNG encoder failed");
    });
}

QString exportChartSvg(QChartView* view, const QString& path, const QString& title)
{
    return saveDrawing(QStringLiteral("SVG"), view, path, [view, &title](QIODevice* file) {
        QSvgGenerator svg;
        svg.setOutputDevice(file);
        svg.setSize(view->size());
        svg.setViewBox(QRect(QPoint(), view->size()));
        // Qt 6.4's QSvgGenerator writes the title into <title> as it is: escaped here, or a "<" or
        // "&" in it makes the file invalid XML, which no viewer opens.
        svg.setTitle(documentTitle(title.isEmpty() ? view->chart()->title() : title).toHtmlEscaped());
        svg.setDescription(QStringLiteral("calcprof " CALCPROF_VERSION));
        return paintChart(view, title, &svg);
    });
}

QString exportChartPdf(QChartView* view, const QString& path, const QString& title)
{
    return saveDrawing(QStringLiteral("PDF"), view, path, [view, &title](QIODevice* file) {
        QPdfWriter pdf(file);
        // One point per pixel: the page is the chart, at the size it has on screen.
        constexpr int kPointsPerInch = 72;
        pdf.setResolution(kPointsPerInch);
        pdf.setPageSize(QPageSize(QSizeF(view->size()), QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF());
        pdf.setTitle(documentTitle(title.isEmpty() ? view->chart()->title() : title));
        pdf.setCreator(QStringLiteral("calcprof " CALCPROF_VERSION));
        return paintChart(view, title, &pdf);
    });
}

QString exportChart(QChartView* view, const QString& path, qreal pngScale, const QString& title)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("png"))
        return exportChartPng(view, path, pngScale, title);
    if (suffix == QStringLiteral("svg"))
        return exportChartSvg(view, path, title);
    if (suffix == QStringLiteral("pdf"))
        return exportChartPdf(view, path, title);
    return QStringLiteral("cannot export the chart to %1: name it .png, .svg or .pdf")
        .arg(QDir::toNativeSeparators(path));
}

} // namespace calcprof
