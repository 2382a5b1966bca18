#pragma once

class QChart;
class QChartView;
class QWidget;

/// What the figure views (time, speedup) share: a chart view set up the same way, and the rebuild
/// that starts from an empty chart.
namespace calcprof {

/// An antialiased chart view without animations (every update would blur an export) and with the
/// legend below the plot.
QChartView* makeFigureChartView(QWidget* parent);

/// Removes every series and deletes every axis of `chart`, for a rebuild from scratch.
void clearChart(QChart* chart);

} // namespace calcprof
