#include "core/analysis/ratioestimate.h"

#include "core/format/units.h"

#include <algorithm>

namespace calcprof {

QString estimatorName(SpeedupEstimator estimator)
{
    return estimator == SpeedupEstimator::PairedRounds ? QStringLiteral("paired rounds")
                                                       : QStringLiteral("ratio of medians");
}

RatioEstimate estimateRatio(const std::vector<double>& perRoundRatios, const Summary& reference, const Summary& subject)
{
    RatioEstimate estimate;
    if (reference.count > 0 && subject.count > 0 && subject.median > 0.0 && subject.ciLow > 0.0) {
        estimate.ratioOfMedians = reference.median / subject.median;
        const RatioInterval interval = ratioInterval(reference, subject);
        estimate.ratioOfMediansLow = interval.low;
        estimate.ratioOfMediansHigh = interval.high;
    }
    if (static_cast<int>(perRoundRatios.size()) >= kMinPairedRounds) {
        const Summary paired = summarize(perRoundRatios);
        estimate.estimator = SpeedupEstimator::PairedRounds;
        estimate.value = paired.median;
        estimate.low = paired.ciLow;
        estimate.high = paired.ciHigh;
        estimate.confidence = paired.ciConfidence;
        estimate.samples = paired.count;
    } else if (estimate.ratioOfMedians > 0.0) {
        estimate.value = estimate.ratioOfMedians;
        estimate.low = estimate.ratioOfMediansLow;
        estimate.high = estimate.ratioOfMediansHigh;
        estimate.confidence = reference.ciConfidence * subject.ciConfidence;
        estimate.samples = std::min(reference.count, subject.count);
    }
    return estimate;
}

QString ratioCellText(const RatioEstimate& estimate)
{
    if (estimate.low == estimate.high)
        return formatSpeedup(estimate.value);
    return QStringLiteral("%1 [%2, %3]")
        .arg(formatSpeedup(estimate.value), formatSpeedup(estimate.low), formatSpeedup(estimate.high));
}

} // namespace calcprof
