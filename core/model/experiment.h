#pragma once

#include "core/model/experimentplan.h"
#include "core/model/results.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace calcprof {

/// Why --repeat auto stopped running rounds of a set.
enum class RoundsStop {
    Precise, ///< every group's median within the precision asked
    TimeBudget, ///< another round would have passed the set's time budget
    RoundCap, ///< kMaxRepeat rounds ran
    Cancelled,
};

/// The rounds --repeat auto ran of one set, and why it stopped.
struct SetRounds
{
    int setIndex = 0; ///< 1-based
    int rounds = 0; ///< measured rounds
    double seconds = 0.0; ///< wall time of those rounds
    RoundsStop stop = RoundsStop::Precise;

    bool operator==(const SetRounds&) const = default;
};

/// "precise", "time budget", "round cap", "cancelled": the JSON's and the text's name of a stop.
QString roundsStopName(RoundsStop stop);
/// The stop named `name` by roundsStopName(); nullopt for any other text.
std::optional<RoundsStop> roundsStopFromName(const QString& name);

/// Everything one invocation measured, with the plan it ran.
struct Experiment
{
    QString version;
    EnvironmentInfo environment;
    ExperimentPlan plan;
    std::vector<SetRun> runs; ///< measured runs only: warm-up runs are not recorded
    /// Warm-up runs that failed (repetition < 0): they measured nothing, but are failures all the same.
    std::vector<SetRun> failedWarmups;
    std::vector<CsvRun> csv;
    /// The raw sequential writes the CSV stage compares with: one per CSV round, or one measured
    /// apart; empty when none was measured.
    std::vector<RawWriteReference> rawWrites;
    /// --repeat auto: the rounds each set ran and why they stopped, in the order the sets ran; empty
    /// without it.
    std::vector<SetRounds> setRounds;
    /// --script: the user's program, run after everything else; nullopt when the plan had none or a
    /// cancel came first.
    std::optional<ScriptRun> script;
    bool cancelled = false;

    /// This experiment with the version and machine of this build filled in when it has none yet:
    /// a run says what measured it, and so does what is saved or reported before anything ran.
    [[nodiscard]] Experiment stamped() const&;
    [[nodiscard]] Experiment stamped() &&;
    /// Every failure, one line each ("'pool' on set 2: …", "'processes' on set 3, warm-up 1 of 1: …",
    /// "CSV stage 'serial': …"); empty when all went well. A CSV stage stopped by a cancel is no failure.
    [[nodiscard]] QStringList failures() const;
    /// Whether failures() has anything to say.
    [[nodiscard]] bool hasFailures() const { return !failures().isEmpty(); }
};

} // namespace calcprof
