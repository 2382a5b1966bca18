#pragma once

#include <QImage>
#include <QString>

class QChartView;

namespace calcprof {

/// The chart exactly as `view` shows it, rendered at `scale` x its on-screen size, with `title`
/// set on the chart for the picture (and restored afterwards).
QImage renderChart(QChartView* view, qreal scale, const QString& title);

/// Saves renderChart(...) as a PNG at `path` atomically. Empty on success, else a message saying why not.
QString exportChartPng(QChartView* view, const QString& path, qreal scale, const QString& title);

} // namespace calcprof
