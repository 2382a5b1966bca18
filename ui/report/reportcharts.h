#pragma once

#include "core/analysis/summary.h"
#include "core/model/experiment.h"
#include "core/report/report.h"

#include <QImage>
#include <QString>

namespace calcprof {

/// Figures are drawn at this many device pixels per logical pixel: sharp when printed.
inline constexpr qreal kReportFigureScale = 2.0;

/// A figure of the report drawn, or why it could not be.
struct RenderedFigure
{
    QImage image; ///< at kReportFigureScale (its devicePixelRatio), null on failure
    QString error; ///< empty on success
};

/// Draws `figure` as the window draws and exports it: the window's own view (TimeView, SpeedupView,
/// TimelineView, CsvChart) fed the same data, given a fixed size offscreen (never shown), rendered
/// by renderChart() and titled by figureTitle(), as File → Export chart… does. A timeline with a
/// comparison run is its two charts, one above the other, on one time scale as the window shows
/// them. Fails, saying why, for a set or run the experiment does not have. Needs a QApplication.
RenderedFigure renderReportFigure(
    const ReportFigure& figure, const Experiment& experiment, const ExperimentSummary& summary);

} // namespace calcprof
