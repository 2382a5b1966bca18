#pragma once

#include "core/analysis/summary.h"
#include "core/model/experiment.h"
#include "core/report/report.h"

#include <QString>

#include <atomic>

namespace calcprof {

/// Writes `report` (buildReport(experiment, summary)) to `path`, in the format its extension names
/// (core/report/reportfile.h):
/// - .html: one self-contained page, the figures inline as PNG data (2x, for print);
/// - .md: Markdown, its figures as PNG files in a folder beside it ("report.md" ->
///   "report_figures/speedup-set3.png"), linked relatively.
/// The figures are drawn by the window's own views through the window's export code
/// (ui/report/reportcharts.h). Everything is drawn before anything is written, and every file is written
/// atomically: a failure leaves no half-written file and removes the new files it had written.
/// Empty on success, else why not (refused before anything is drawn for a bad extension or folder).
/// Needs a QApplication (the offscreen platform will do).
QString writeReport(
    const Report& report, const Experiment& experiment, const ExperimentSummary& summary, const QString& path);
/// writeReport(), given up as soon as `stop` is raised (Ctrl-C while the figures are drawn): then
/// nothing is written, nothing is left, and the answer says "interrupted". A report already
/// renamed into place when `stop` rises is complete and stays.
QString writeReportUnlessStopped(const Report& report, const Experiment& experiment, const ExperimentSummary& summary,
    const QString& path, const std::atomic<bool>& stop);

} // namespace calcprof
