#pragma once

#include "core/analysis/summary.h"
#include "core/model/experiment.h"
#include "core/strategies/strategyregistry.h"

#include <QString>
#include <QStringList>

#include <vector>

/// What the report's sections are written from: the experiment, its summary, and where to find a
/// group, a set or a typical run in them. Internal to the report (core/report/*.cpp).
namespace calcprof::report {

/// The strategy of the original's do_parallel: a pool of processes, Pool(len(set)).
inline const QString kOriginalPool = QStringLiteral("processes");
/// The original's do_parallel itself, in CPython: when it ran, it is the report's "before".
inline const QString kPythonPool = QStringLiteral("py-pool");

class Measurements
{
public:
    Measurements(const Experiment& experiment, const ExperimentSummary& summary, const StrategyRegistry& strategies)
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

    /// The successful, kept (not superseded) run of `group` whose wall time is closest to the group's
    /// median: the one a timeline shows as typical. -1 when none.
    [[nodiscard]] int typicalRun(const GroupSummary& group) const;

    /// The position of `set` in summary().sets.
    [[nodiscard]] int positionOf(const SetSummary& set) const;

    /// The group `group`'s speedup is against (GroupSummary::speedupBaseline) on its numbers: serial,
    /// or py-serial for a py-* strategy where it ran. nullptr when none was measured.
    [[nodiscard]] const GroupSummary* baselineOf(const GroupSummary& group) const;

    /// The measured strategies other than the baselines (serial, py-serial), in registry order.
    [[nodiscard]] QStringList parallelStrategies() const;

private:
    const Experiment& m_experiment;
    const ExperimentSummary& m_summary;
    const StrategyRegistry& m_strategies;
};

} // namespace calcprof::report
