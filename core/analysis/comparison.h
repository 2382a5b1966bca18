#pragma once

#include "core/analysis/stats.h"
#include "core/analysis/summary.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

/// One experiment against a baseline (an earlier run, another build, another machine), group by
/// group, the way Google Benchmark's compare.py does: medians, their ratio with an interval, and a
/// Mann–Whitney U test of the two samples. Unlike compare.py, the p values are adjusted for the
/// number of groups compared (Benjamini–Hochberg): a table of 18 groups tested at 5 % each would
/// otherwise show about one difference that is not there in every comparison of a build with itself.
namespace calcprof {

/// One (set numbers, strategy, workers) measured in both experiments.
struct GroupComparison
{
    int setIndex = 0; ///< in the current experiment
    NumberSet numbers;
    QString strategy;
    int workers = 0;
    Summary before; ///< the baseline's wall times
    Summary after; ///< the current experiment's
    double ratio = 1.0; ///< after median / before median: below 1 is faster
    double ratioLow = 1.0; ///< after ciLow / before ciHigh: a conservative interval of the ratio
    double ratioHigh = 1.0; ///< after ciHigh / before ciLow
    std::optional<MannWhitney> test; ///< none with fewer than kMinComparisonSamples on either side
    /// The test's p value adjusted for every group tested in the same comparison (Benjamini–Hochberg):
    /// the verdict's. 1 without a test.
    double adjustedPValue = 1.0;

    [[nodiscard]] bool enoughSamples() const { return test.has_value(); }
    [[nodiscard]] bool significant() const { return test && adjustedPValue < kSignificanceLevel; }
    /// "faster", "slower", "no significant difference" or "too few samples".
    [[nodiscard]] QString verdict() const;
};

struct ExperimentComparison
{
    QString baselineName; ///< the file the baseline came from, for captions
    QString baselineVersion;
    QString currentVersion;
    EnvironmentInfo baseline;
    EnvironmentInfo current;
    std::vector<GroupComparison> groups; ///< in the current experiment's order
    int onlyInBaseline = 0; ///< groups the current experiment did not measure
    int onlyInCurrent = 0; ///< groups the baseline did not measure

    /// The CPU model, core count or OS differ: differences may be the machine's, not the code's.
    [[nodiscard]] bool otherMachine() const;
    /// The version, compiler or build type differ.
    [[nodiscard]] bool otherBuild() const;
};

/// Benjamini–Hochberg's adjusted p values, in the order given: declaring a difference wherever the
/// adjusted p is below α keeps the expected share of false ones among those declared at most α.
std::vector<double> benjaminiHochberg(const std::vector<double>& pValues);

/// Compares the measured groups of `current` with those of `baseline` (two summaries, each
/// summarizeExperiment() of its experiment), matching them by (set numbers, strategy, workers): set
/// 1 of one run meets set 1 of the other only if their numbers are the same. The groups come in the
/// order `current` measured them; the wall times and samples are the summaries' own.
ExperimentComparison compareExperiments(
    const ExperimentSummary& baseline, const ExperimentSummary& current, const QString& baselineName = {});

// The text of a comparison, the same in the console table and the window's comparison tab: the
// numbers are GroupComparison's, formatted once here.

/// "calcprof 1.2.0 · Intel Xeon, 2 cores · Debian GNU/Linux 12 · g++ 12.2.0 Release": one side.
QString describeEnvironment(const QString& version, const EnvironmentInfo& environment);
/// "another machine: …" or "same machine, another build"; empty when both are the same.
QString comparisonContext(const ExperimentComparison& comparison);
/// The table's column titles, and one group's cells in that order.
QStringList comparisonColumns();
QStringList comparisonCells(const GroupComparison& group);
/// The columns that hold numbers (right-aligned).
std::vector<int> comparisonNumericColumns();
/// What the ratio and the verdict mean, then the groups measured on one side only (if any).
QString comparisonNotes(const ExperimentComparison& comparison);

} // namespace calcprof
