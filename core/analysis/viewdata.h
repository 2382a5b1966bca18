#pragma once

#include "core/analysis/summary.h"
#include "core/model/experimentplan.h"

#include <QString>

#include <optional>
#include <vector>

/// The data of the speedup and time views, derived from an ExperimentSummary and nothing else: the
/// charts only draw it, and tests check it without a scene. No Qt Charts here.
namespace calcprof {

/// A measured median with its interval (intervalText(): 95 %, or the range of fewer than 6 runs).
struct FigurePoint
{
    double x = 0.0;
    double y = 0.0;
    double low = 0.0;
    double high = 0.0;
    QString toolTip;
    /// A median of fewer runs than the plan's (ExperimentSummary::plannedRuns): it may still move.
    bool provisional = false;
};

struct FigureSeries
{
    QString name; ///< legend text
    QString strategy; ///< colours the series
    std::vector<FigurePoint> points;
};

/// Speedup (or efficiency) against workers for one set.
struct SpeedupFigure
{
    QString title;
    QString caption; ///< boundCaption(): why the curve stops where it does
    int cores = 1; ///< the core count the bounds are drawn for
    bool simulatedCores = false; ///< cores differs from the machine that measured
    bool efficiency = false; ///< y is speedup / min(workers, cores)
    double maxWorkers = 1.0; ///< the x axis spans 1 .. maxWorkers
    /// Strategies that use the pool size: one point per worker count, with error bars.
    std::vector<FigureSeries> sweeps;
    /// Strategies that ignore the pool size: one value each, drawn as a horizontal reference line.
    std::vector<FigureSeries> references;
    /// Drawn at every worker count 1 .. maxWorkers: the ideal, the whole-task bound and each swept
    /// strategy's schedule model (name "pool: schedule model"); lines of equal values are one, named
    /// by both ("ideal (2 cores) = tbb: schedule model"), so none hides under another.
    std::vector<FigureSeries> bounds;
    /// A baseline's strategies that use the pool size (addBaseline): its own speedups against its
    /// own serial, one point per worker count, named "pool (baseline)"; drawn dashed.
    std::vector<FigureSeries> baselines;
    /// A measured speedup (a median) is below kLogSpeedupBelow (set 1: pools at ~0.004x): a linear axis
    /// from 0 would put it on its floor, so the view draws a log axis and says so.
    bool logAxis = false;
};

/// Below this (any measured speedup of a set) the speedup view's axis is logarithmic.
inline constexpr double kLogSpeedupBelow = 0.1;

/// The speedup view of the set of `numbers`, bounds for `cores` cores (the experiment's own when 0).
SpeedupFigure speedupFigure(const ExperimentSummary& summary, const NumberSet& numbers, int cores = 0,
    bool efficiency = false, const StrategyRegistry& strategies = builtinStrategies());

/// Adds to `figure` (the set of `numbers`) the speedups `baseline` measured on the same numbers.
void addBaseline(SpeedupFigure& figure, const ExperimentSummary& baseline, const NumberSet& numbers);

/// Median time per set: one category per set, one bar per strategy (at `requestedPoolSize` for the
/// strategies that use it).
struct TimeFigure
{
    QString title;
    QStringList categories; ///< "set 3\n40,38,42"
    struct Bars
    {
        QString strategy;
        QString name; ///< legend text: "pool (auto)"
        std::vector<std::optional<FigurePoint>> values; ///< per category, x = category index; seconds
        /// Per category, with a baseline: its median for the same numbers, strategy and workers as
        /// the value beside it (what compareExperiments pairs); empty without a baseline.
        std::vector<std::optional<FigurePoint>> baseline;
    };
    std::vector<Bars> bars;
    /// Bars of a strategy shown whose set is not measured yet (or not at all): drawn as nothing, never
    /// as a value; the title says how many.
    int pending = 0;
    /// Bars whose median is provisional (FigurePoint::provisional).
    int provisional = 0;
    /// What the whiskers are, at the confidence the bars' runs give: "94 % interval (range of 5 runs)
    /// of each median"; empty when no bar has one (single runs).
    QString whiskers;
};

/// The time figure of `summary`; with `baseline`, each bar's baseline median beside it.
TimeFigure timeFigure(const ExperimentSummary& summary, int requestedPoolSize = kAutoPoolSize,
    const ExperimentSummary* baseline = nullptr);

/// The requested pool sizes measured for the strategies that use one, in sweep order, for a chooser.
std::vector<int> measuredPoolSizes(const ExperimentSummary& summary);

/// The views results open in (the window's first two tabs).
enum class PrimaryView { Time, Speedup };
/// After a sweep (a plan of several pool sizes) the speedup against pool size is the figure to
/// read; otherwise the time per set. `latestPlan`: the plan of the latest run, or of the saved run.
PrimaryView defaultView(const ExperimentPlan& latestPlan);

/// Which part of the results a view should show: a set (the speedup view), a pool size (the time
/// view) or one run (the timeline: the latest run of that set, strategy and pool size). Unset parts
/// leave the view's own choice. --view-set/--view-strategy/--view-pool-size script it, so an exported
/// figure names exactly what it shows.
struct ViewFocus
{
    int setIndex = 0; ///< 1-based; 0: any
    QString strategy; ///< empty: any
    std::optional<int> poolSize; ///< as asked (kAutoPoolSize for auto); nullopt: any

    [[nodiscard]] bool empty() const { return setIndex == 0 && strategy.isEmpty() && !poolSize; }
};

/// "'processes' with 7 workers on set 1": the focus in words, for messages.
QString describeFocus(const ViewFocus& focus);
/// The latest of `runs` that matches every part `focus` sets (a pool size matches the size asked,
/// or for auto the size it resolved to); -1 when none does.
int findFocusedRun(const std::vector<SetRun>& runs, const ViewFocus& focus);

} // namespace calcprof
