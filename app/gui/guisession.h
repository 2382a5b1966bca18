#pragma once

#include "core/analysis/viewdata.h"
#include "core/model/experimentplan.h"

#include <QString>

#include <atomic>
#include <optional>

namespace calcprof {

/// How the window is opened: with the saved settings, or with a plan from the command line, and
/// optionally scripted (run at once, export the chart, quit), as in
/// `calcprof --sets "40,38,42" --run --export-png chart.png --quit`.
struct GuiOptions
{
    std::optional<ExperimentPlan> plan; ///< empty: the plan saved in the settings
    bool runOnStart = false;
    QString exportPngPath;
    /// The tab exported: 0 time, 1 speedup, 2 timeline, 3 csv (ChartArea::View); -1: the speedup
    /// view after a sweep, the time view otherwise.
    int exportView = -1;
    ViewFocus exportFocus; ///< --view-set, --view-strategy, --view-pool-size
    QString exportJsonPath;
    QString exportTracePath;
    bool quitWhenDone = false;
    QString openPath; ///< saved results opened at start (File → Open results…), then exported as after a run
    QString baselinePath; ///< opened as the baseline (File → Open baseline…) before anything runs
    /// Raised by a signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT): the window cancels its run as Cancel
    /// does (the CSV stage removes its temporary files), closes and exits 130. Null: not watched.
    const std::atomic<bool>* stop = nullptr;
};

/// Shows the main window and runs the event loop; needs a QApplication. Returns the exit code:
/// 0, or for a scripted run 1 when a run or an export failed and 130 when it was cancelled; 130
/// when options.stop ended it.
/// Settings are restored on start and saved on exit, except in scripted runs (--quit), which must
/// not change what the user sees next time.
int runGui(const GuiOptions& options);

} // namespace calcprof
