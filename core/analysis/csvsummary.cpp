#include "core/analysis/csvsummary.h"

#include "core/csv/csvmoderegistry.h"
#include "core/exec/runobserver.h"

#include <algorithm>
#include <map>

namespace calcprof {

namespace {

/// One entry's successful timings by round (kMeasuredApart for a raw write measured apart).
using RoundSeconds = std::map<int, double>;

std::vector<double> secondsOf(const RoundSeconds& rounds)
{
    std::vector<double> seconds;
    for (const auto& [round, wall] : rounds)
        seconds.push_back(wall);
    return seconds;
}

/// `reference`'s time over `entry`'s: paired by round where both ran in the same rounds.
CsvRatio ratioAgainst(const RoundSeconds& reference, const RoundSeconds& entry)
{
    std::vector<double> perRound;
    for (const auto& [round, wall] : entry) {
        const auto other = reference.find(round);
        if (round != kMeasuredApart && other != reference.end() && wall > 0.0)
            perRound.push_back(other->second / wall);
    }
    return estimateRatio(perRound, summarize(secondsOf(reference)), summarize(secondsOf(entry)));
}

/// The medians and MB/s of `entry` from its timings.
void summarizeSeconds(CsvEntrySummary& entry, const RoundSeconds& rounds)
{
    entry.rounds = static_cast<int>(rounds.size());
    entry.seconds = summarize(secondsOf(rounds));
    entry.mbPerSecond = megabytesPerSecond(entry.bytes, entry.seconds.median);
    entry.mbPerSecondLow = megabytesPerSecond(entry.bytes, entry.seconds.ciHigh);
    entry.mbPerSecondHigh = megabytesPerSecond(entry.bytes, entry.seconds.ciLow);
}

struct ModeTimings
{
    CsvEntrySummary summary;
    RoundSeconds rounds;
};

std::vector<ModeTimings> modeTimings(const std::vector<CsvRun>& stages)
{
    std::vector<ModeTimings> modes;
    for (const CsvRun& stage : stages) {
        auto found = std::find_if(
            modes.begin(), modes.end(), [&stage](const ModeTimings& mode) { return mode.summary.mode == stage.mode; });
        if (found == modes.end()) {
            found = modes.insert(modes.end(), ModeTimings {});
            found->summary.mode = stage.mode;
        }
        CsvEntrySummary& summary = found->summary;
        if (!stage.ok()) {
            ++summary.failures;
            continue;
        }
        summary.writers = stage.poolSize;
        summary.bytes = stage.bytes;
        summary.files = stage.files;
        summary.headerBytes = stage.headerBytes;
        summary.footerBytes = stage.footerBytes;
        summary.fsync = stage.fsync;
        summary.peakRssBytes = std::max(summary.peakRssBytes, stage.peakRssBytes);
        found->rounds[stage.round] = stage.wallSeconds;
    }
    // The registry's order: the same table whichever order the modes were given in.
    const QStringList known = builtinCsvModes().ids();
    auto rank = [&known](const QString& mode) {
        const qsizetype index = known.indexOf(mode);
        return index < 0 ? known.size() : index;
    };
    std::stable_sort(modes.begin(), modes.end(),
        [&rank](const ModeTimings& a, const ModeTimings& b) { return rank(a.summary.mode) < rank(b.summary.mode); });
    return modes;
}

std::optional<ModeTimings> rawTimings(const std::vector<RawWriteReference>& rawWrites)
{
    if (rawWrites.empty())
        return std::nullopt;
    ModeTimings raw;
    raw.summary.mode = kRawWriteEntry;
    raw.summary.writers = 1;
    raw.summary.files = 1;
    for (const RawWriteReference& write : rawWrites) {
        raw.summary.bytes = write.bytes;
        raw.summary.fsync = write.fsync;
        raw.rounds[write.round] = write.wallSeconds;
    }
    summarizeSeconds(raw.summary, raw.rounds);
    return raw;
}

} // namespace

const CsvEntrySummary* CsvSummary::fastest() const
{
    const CsvEntrySummary* best = nullptr;
    for (const CsvEntrySummary& mode : modes) {
        if (mode.rounds > 0 && (best == nullptr || mode.mbPerSecond > best->mbPerSecond))
            best = &mode;
    }
    return best;
}

const CsvEntrySummary* CsvSummary::find(const QString& mode) const
{
    const auto found = std::find_if(
        modes.begin(), modes.end(), [&mode](const CsvEntrySummary& entry) { return entry.mode == mode; });
    return found == modes.end() ? nullptr : &*found;
}

CsvSummary summarizeCsv(const Experiment& experiment)
{
    CsvSummary summary;
    for (const CsvRun& stage : experiment.csv) {
        summary.rounds = std::max(summary.rounds, stage.round + 1);
        summary.fsync = summary.fsync || stage.fsync;
    }
    std::vector<ModeTimings> modes = modeTimings(experiment.csv);
    const std::optional<ModeTimings> raw = rawTimings(experiment.rawWrites);
    const auto serial = std::find_if(
        modes.begin(), modes.end(), [](const ModeTimings& mode) { return mode.summary.mode == kSaveSerialMode; });
    for (ModeTimings& mode : modes) {
        if (mode.rounds.empty())
            continue; // failed in every round: nothing to summarise
        summarizeSeconds(mode.summary, mode.rounds);
        if (serial != modes.end() && &*serial != &mode && !serial->rounds.empty())
            mode.summary.againstSerial = ratioAgainst(serial->rounds, mode.rounds);
        if (raw)
            mode.summary.againstRaw = ratioAgainst(raw->rounds, mode.rounds);
        summary.modes.push_back(mode.summary);
    }
    if (raw)
        summary.raw = raw->summary;
    return summary;
}

} // namespace calcprof
