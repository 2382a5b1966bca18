#pragma once

#include "core/analysis/viewdata.h"
#include "core/model/experiment.h"
#include "core/model/experimentplan.h"

#include <QString>
#include <QStringList>

namespace calcprof {

/// What one invocation of calcprof asks for.
struct CommandLine
{
    /// FromJson: the tables (and --baseline, --json, --trace) of a run saved with --json, nothing run.
    enum class Action { Run, FromJson, ListStrategies, ListCsvModes, Help, Version };

    Action action = Action::Run;
    ExperimentPlan plan;
    QString jsonPath; ///< empty: no JSON file
    QString tracePath; ///< empty: no Chrome trace of the timeline
    /// empty: no report; else .html or .md (checked while parsing), written with --headless or --from-json
    QString reportPath;
    QString baselinePath; ///< empty: no comparison
    Experiment baseline; ///< read from baselinePath while parsing, so a bad file is refused before any run
    QString fromJsonPath; ///< Action::FromJson: the saved run
    QString openPath; ///< the window: saved results to open instead of running (--open)
    Experiment saved; ///< read from fromJsonPath while parsing
    bool quiet = false;
    bool headless = false;
    /// Any workload or CSV option was given: the window then uses this plan, not its saved one.
    bool planGiven = false;
    // Scripting the window (not with --headless): run at once, export the chart, quit when done.
    bool runOnStart = false;
    QString exportPngPath;
    /// --view: which chart --export-png saves ("time", "speedup", "timeline", "csv"); empty: the
    /// speedup view after a sweep, the time view otherwise.
    QString view;
    /// --view-set, --view-strategy, --view-pool-size: what the exported view shows.
    ViewFocus viewFocus;
    bool quitWhenDone = false;
};

struct CommandLineParse
{
    CommandLine commandLine;
    QString error; ///< empty when the arguments are valid; otherwise what is wrong and what is allowed

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// Parses `arguments` (argv without the program name) and validates the resulting plan with
/// validatePlan(), the check the GUI uses too. Never throws, never exits.
CommandLineParse parseCommandLine(const QStringList& arguments);

/// The names --view takes, in the order of the window's tabs.
QStringList chartViewNames();

/// The --help text.
QString helpText();

/// "id<TAB>display name" lines for --list-strategies and --list-csv-modes.
QString strategyListing();
QString csvModeListing();

} // namespace calcprof
