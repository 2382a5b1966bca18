#pragma once

#include <QImage>
#include <QString>

class QChartView;

namespace calcprof {

/// The chart exactly as `view` shows it, rendered at `scale` x its on-screen size, with `title`
/// set on the chart for the picture (and restored afterwards).
QImage renderChart(QChartView* view, qreal scale, const QString& title);

/// `top` above `bottom` in one picture at `scale`, each chart as renderChart() draws it (`topTitle`
/// on the upper, the lower with its own title): the same pixels as their two pictures stacked,
/// without holding those apart as well (a tall timeline at the report's scale is 14 MB a picture).
/// Null if either cannot be drawn.
QImage renderChartsStacked(QChartView* top, const QString& topTitle, QChartView* bottom, qreal scale);

/// Saves renderChart(...) as a PNG at `path` atomically. Empty on success, else a message saying why not.
QString exportChartPng(QChartView* view, const QString& path, qreal scale, const QString& title);

/// Saves the chart as shown, with `title`, as an SVG drawing (text and lines as vectors) at `path`
/// atomically. Empty on success, else why not.
QString exportChartSvg(QChartView* view, const QString& path, const QString& title);

/// Saves the chart as shown, with `title`, as a one-page PDF the size of the chart (vectors) at
/// `path` atomically. Empty on success, else why not.
QString exportChartPdf(QChartView* view, const QString& path, const QString& title);

/// Saves the chart in the format `path`'s extension names: .png (at `pngScale`), .svg or .pdf.
/// Empty on success, else why not (an unknown extension included).
QString exportChart(QChartView* view, const QString& path, qreal pngScale, const QString& title);

} // namespace calcprof
