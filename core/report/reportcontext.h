#pragma once

#include "core/report/report.h"

#include <QString>

/// What the report's sections share: where to find a group or a run, and how a measured figure is
/// quoted (always with its interval). Internal to the report (core/report*.cpp).
namespace calcprof::report {

/// The strategy of the original's do_parallel: a pool of processes, Pool(len(set)).
inline const QString kOriginalPool = QStringLiteral("processes");

class Context
{
public:
    Context(const Experiment& experiment, const ExperimentSummary& summary, const StrategyRegistry& strategies)
        : m_experiment(experiment)
        , m_summary(summary)
        , m_strategies(strategies)
    { }

    [[nodiscard]] const Experiment& experiment() const { return m_experiment; }
    [[nodiscard]] const ExperimentSummary& summary() const { return m_summary; }
    [[nodiscard]] const StrategyRegistry& strategies() const { return m_strategies; }
    [[nodiscard]] int cores() const { return m_summary.cores; }

    /// The group of `strategy` on `set` as it runs without a pool size given: the auto pool size
    /// (one worker per task for pool and processes, as Pool(len(set))), or the only group of a
    /// strategy that ignores the pool size. nullptr when not measured.
    [[nodiscard]] const GroupSummary* defaultGroup(const SetSummary& set, const QString& strategy) const;
    /// Every measured group of `strategy` on `set`, by workers.
    [[nodiscard]] std::vector<const GroupSummary*> groupsOf(const SetSummary& set, const QString& strategy) const;

    /// The set with the most serial work (the one that shows a strategy's limits), or nullptr
    /// when no set has serial task times.
    [[nodiscard]] const SetSummary* heaviestSet() const;
    /// The set with the least serial work (the one that shows a strategy's fixed cost).
    [[nodiscard]] const SetSummary* lightestSet() const;

    /// The successful run of `group` whose wall time is closest to the group's median: the one a
    /// timeline shows as typical. -1 when none.
    [[nodiscard]] int typicalRun(const GroupSummary& group) const;

    /// The position of `set` in summary().sets.
    [[nodiscard]] int positionOf(const SetSummary& set) const;

    /// The measured strategies other than serial, in registry order.
    [[nodiscard]] QStringList parallelStrategies() const;

private:
    const Experiment& m_experiment;
    const ExperimentSummary& m_summary;
    const StrategyRegistry& m_strategies;
};

/// "412 ms (95 % interval 405–420 ms)"; "412 ms (one run)"; the interval's real confidence when below 95 %.
QString quoteTime(const Summary& wall);
/// "1.39x (95 % interval 1.35–1.42x)", from the group's speedup against serial; "-" without one.
QString quoteSpeedup(const GroupSummary& group);
/// The same, compact for a table cell: "412 ms [405 ms, 420 ms]" (the interval as in quoteTime()).
QString timeCell(const Summary& wall);
/// "1.39x [1.35x, 1.42x]".
QString speedupCell(const GroupSummary& group);
/// "41 %".
QString percent(double share);
/// "faster than serial", "slower than serial" or "no clearer than serial …": from the speedup's interval.
enum class Verdict { Faster, Slower, Undecided, Unknown };
Verdict verdictAgainstSerial(const GroupSummary& group);
/// "items", "leaves": a work unit's plural.
QString plural(const QString& unit);
/// "pool (2 workers)", "tbb (2 threads)": a group's strategy and worker count for prose.
QString groupName(const GroupSummary& group);

ReportBlock paragraph(const QString& text);
ReportBlock bullets(const QStringList& items);
ReportBlock tableBlock(ReportTable table);
ReportBlock figureBlock(ReportFigure figure);
ReportBlock commandBlock(const QString& commandLine);

/// A command line that would measure what the report lacks, with the experiment's own sets.
QString suggestedCommand(const Experiment& experiment, const QString& extraOptions);

ReportSection machineSection(const Context& context);
ReportSection beforeAfterSection(const Context& context);
ReportSection timeSpentSection(const Context& context); ///< question 1
ReportSection setSizeSection(const Context& context); ///< question 2
ReportSection poolSizeSection(const Context& context); ///< question 3
ReportSection alternativesSection(const Context& context);
ReportSection csvSection(const Context& context);

} // namespace calcprof::report
