#pragma once

#include "core/analysis/stats.h"
#include "core/analysis/summary.h"
#include "core/model/experiment.h"

#include <QString>

#include <vector>

/// --repeat auto: when a set's rounds are precise enough (the runner asks after each round) and why
/// each group's rounds stopped (the console and the window say it).
namespace calcprof {

/// How far the median's interval reaches from the median, relative to it: max(median - low,
/// high - median) / median. Infinite for a median of 0 or no runs.
double relativePrecision(const Summary& wall);

/// A group of one set whose median is not yet within the precision: its strategy, workers and
/// relativePrecision() of its successful runs' wall times.
struct ImpreciseGroup
{
    QString strategy;
    int workers = 0;
    double precision = 0.0;
};

/// The groups of set `setIndex` among `runs` whose median interval is wider than ±`precision`. A group
/// without a successful run is not counted: more rounds cannot make it precise.
std::vector<ImpreciseGroup> impreciseGroups(const std::vector<SetRun>& runs, int setIndex, double precision);

/// Whether the runner stops after `rounds` measured rounds of a set that took `seconds` so far, and
/// why; nullopt: run another. `precise`: every group is within the precision. Another round is
/// expected to take as long as the mean round so far.
std::optional<RoundsStop> roundsStopAfter(const AutoRepeat& policy, int rounds, double seconds, bool precise);

/// One line per set that ran with --repeat auto: its rounds, their time and why they stopped, naming
/// every group not within the precision and what it reached ("set 2: 41 rounds in 59.1 s; the 60 s
/// budget ran out with 2 of 8 groups not within ±3.0 %: processes 4 workers ±5.2 %, mpi 4 workers
/// ±7.9 %"); empty without it. The console prints them and the window logs them.
QStringList autoRepeatLines(const ExperimentSummary& summary);

} // namespace calcprof
