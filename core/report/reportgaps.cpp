#include "core/report/reportgaps.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace calcprof {

namespace {

bool usesPoolSize(const QString& id, const StrategyRegistry& strategies)
{
    const Strategy* strategy = strategies.find(id);
    return strategy != nullptr && strategy->usesPoolSize();
}

} // namespace

ReportGaps findReportGaps(const Experiment& experiment, const StrategyRegistry& strategies)
{
    // Worker counts per (strategy, set): a sweep is two or more on one set, whichever set.
    std::map<std::pair<QString, int>, std::set<int>> workers;
    for (const SetRun& run : experiment.runs) {
        if (run.ok() && usesPoolSize(run.strategy, strategies))
            workers[{run.strategy, run.setIndex}].insert(run.poolSize);
    }
    ReportGaps gaps;
    gaps.sweep
        = std::none_of(workers.begin(), workers.end(), [](const auto& entry) { return entry.second.size() >= 2; });
    gaps.csv = std::none_of(experiment.csv.begin(), experiment.csv.end(), [](const CsvRun& run) { return run.ok(); });
    return gaps;
}

ExperimentPlan planFillingGaps(ExperimentPlan plan, const ReportGaps& gaps, const StrategyRegistry& strategies)
{
    if (gaps.sweep) {
        // 8 shows the flattening past the cores of most machines; the task count shows where
        // Pool(len(set)) stands on the curve.
        constexpr int kSweepAtLeast = 8;
        std::size_t largestSet = 0;
        for (const NumberSet& set : plan.sets)
            largestSet = std::max(largestSet, set.size());
        const int largest = std::min(maxPoolSize(), std::max(kSweepAtLeast, static_cast<int>(largestSet)));
        plan.poolSizes.clear();
        for (int size = 1; size <= largest; ++size)
            plan.poolSizes.push_back(size);
        const bool sweepable = std::any_of(plan.strategies.begin(), plan.strategies.end(),
            [&strategies](const QString& id) { return usesPoolSize(id, strategies); });
        if (!sweepable)
            plan.strategies << QStringLiteral("pool");
    }
    if (gaps.csv)
        plan.csv.mode = QStringLiteral("parallel");
    return plan;
}

} // namespace calcprof
