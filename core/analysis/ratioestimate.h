#pragma once

#include "core/analysis/stats.h"

#include <QString>

#include <vector>

/// One estimator for every "reference / subject" ratio calcprof quotes: a strategy's speedup against
/// serial and a CSV mode's against save_serial or the raw write are estimated the same way.
namespace calcprof {

/// How a ratio was estimated.
enum class SpeedupEstimator {
    /// The median of the per-round ratios reference / subject, each pair measured in the same round
    /// (slow drift of the machine and the order within a round cancel), with the distribution-free
    /// interval of that median.
    PairedRounds,
    /// The reference's median over the subject's, with the conservative interval ratioInterval():
    /// when fewer than kMinPairedRounds rounds hold both.
    RatioOfMedians,
};

/// Below this many rounds holding both, the estimate is the ratio of medians.
inline constexpr int kMinPairedRounds = 2;

/// "paired rounds" or "ratio of medians": how a figure names its estimator.
QString estimatorName(SpeedupEstimator estimator);

struct RatioEstimate
{
    SpeedupEstimator estimator = SpeedupEstimator::RatioOfMedians;
    double value = 0.0; ///< 0: nothing to estimate from (a median of zero, no pairs)
    double low = 0.0; ///< the interval of `value` by `estimator`
    double high = 0.0;
    /// Coverage of [low, high]: summarize()'s for the paired median; for the ratio of medians the
    /// product of the two medians' coverages (both intervals covering gives the ratio's).
    double confidence = 0.0;
    int samples = 0; ///< the rounds (paired) or the fewer of the two medians' runs behind `value`
    /// reference median / subject median with ratioInterval(): always given beside a paired value.
    double ratioOfMedians = 0.0;
    double ratioOfMediansLow = 0.0;
    double ratioOfMediansHigh = 0.0;

    [[nodiscard]] bool valid() const { return value > 0.0; }
    [[nodiscard]] bool paired() const { return estimator == SpeedupEstimator::PairedRounds; }
};

/// The ratio reference / subject: the paired median of `perRoundRatios` when at least
/// kMinPairedRounds rounds gave one, else the ratio of the medians of `reference` and `subject`.
RatioEstimate estimateRatio(
    const std::vector<double>& perRoundRatios, const Summary& reference, const Summary& subject);

/// "1.85x [1.70x, 1.93x]": the value and its interval, for a table cell; the value alone when the
/// interval has no width.
QString ratioCellText(const RatioEstimate& estimate);

} // namespace calcprof
