#include "chartexport.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDir>
#include <QGraphicsLayout>
#include <QLegend>
#include <QPainter>
#include <QResizeEvent>
#include <QSaveFile>

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

} // namespace

QImage renderChart(QChartView* view, qreal scale, const QString& title)
{
    if (view == nullptr || view->chart() == nullptr || !std::isfinite(scale) || scale <= 0.0)
        return {};
    const QSize logical = view->size();
    if (logical.isEmpty())
        return {};

    QChart* chart = view->chart();
    const QString shownTitle = chart->title();
    // An empty title keeps the one on screen: "as shown" is the better default than no title.
    if (!title.isEmpty())
        chart->setTitle(title);
    settle(view);

    // Painting at the logical size on an image with a device pixel ratio renders text, lines and
    // markers as vectors at full resolution, not an upscaled screen grab.
    QImage image(logical * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(view->palette().color(QPalette::Base));
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        // QWidget::render, not QGraphicsView::render: the widget as it paints itself on screen,
        // viewport background included, rather than a region of the scene.
        view->QWidget::render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    }

    if (!title.isEmpty()) {
        chart->setTitle(shownTitle);
        settle(view);
    }
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

    // QSaveFile writes a temporary file and renames it on commit, so a failed export never leaves
    // a truncated PNG (or destroys an older one) at `path`.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write PNG to ") + shownPath + QStringLiteral(": ") + file.errorString();
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        const QString reason
            = file.error() != QFileDevice::NoError ? file.errorString() : QStringLiteral("the PNG encoder failed");
        return QStringLiteral("cannot write PNG to ") + shownPath + QStringLiteral(": ") + reason;
    }
    if (!file.commit())
        return QStringLiteral("cannot write PNG to ") + shownPath + QStringLiteral(": ") + file.errorString();
    return {};
}

} // namespace calcprof
