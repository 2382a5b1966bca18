#pragma once

#include "core/model/experiment.h"

#include <QString>
#include <QStringList>

namespace calcprof {

struct ExperimentPlan;

/// The raw sequential write's name in a CSV round's order (RunObserver::csvRoundStarted()).
inline const QString kRawWriteEntry = QStringLiteral("raw write");

/// What a ExperimentRunner reports while it works. Every method has an empty default, so an observer
/// overrides only what it shows. Methods marked "any thread" are called from worker threads,
/// concurrently: a GUI adapter must forward them through queued connections.
class RunObserver
{
public:
    RunObserver() = default;
    virtual ~RunObserver() = default;
    RunObserver(const RunObserver&) = delete;
    RunObserver& operator=(const RunObserver&) = delete;
    RunObserver(RunObserver&&) = delete;
    RunObserver& operator=(RunObserver&&) = delete;

    /// Before anything runs; `totalSteps` = tasks of all set runs + files of the CSV stage.
    virtual void runStarted(const ExperimentPlan& /*plan*/, int /*totalSteps*/) { }
    /// Any thread: one task of a measured set run (strategy, set, workers, repetition) has finished.
    virtual void taskFinished(
        const QString& /*strategy*/, int /*setIndex*/, int /*workers*/, int /*repetition*/, const TaskTiming& /*task*/)
    { }
    /// One strategy has run one set (successfully or not: see SetRun::error).
    virtual void setFinished(const SetRun& /*run*/) { }
    /// `run` was disturbed (`why`: disturbanceText()) and is measured again now, attempt `attempt` of
    /// at most `attempts` retries; setFinished() follows for it (superseded) and for the new attempt.
    virtual void runRetried(const SetRun& /*run*/, const QString& /*why*/, int /*attempt*/, int /*attempts*/) { }
    /// A CSV round (0-based, of `rounds`) starts; `order` is what it runs, in turn: mode ids and
    /// kRawWriteEntry for the raw sequential write.
    virtual void csvRoundStarted(int /*round*/, int /*rounds*/, const QStringList& /*order*/) { }
    virtual void csvStageStarted(const QString& /*mode*/, int /*files*/, std::uint64_t /*bytes*/) { }
    /// Any thread: one CSV file has been written completely.
    virtual void csvFileWritten(const CsvFileResult& /*file*/) { }
    virtual void csvStageFinished(const CsvRun& /*run*/) { }
    /// A CSV round's raw sequential write has finished: `error` is empty when `raw` was measured.
    virtual void csvRawWriteFinished(const RawWriteReference& /*raw*/, const QString& /*error*/) { }
    /// The user's script starts, after the set runs and the CSV stage.
    virtual void scriptStarted(const ScriptPlan& /*plan*/) { }
    /// Any thread: a line the script printed; a time_me line is also a timing.
    virtual void scriptOutput(const QString& /*line*/) { }
    virtual void scriptTiming(const ScriptTiming& /*timing*/) { }
    virtual void scriptFinished(const ScriptRun& /*run*/) { }
    /// Any thread: `done` of `total` steps are complete.
    virtual void progress(int /*done*/, int /*total*/) { }
    virtual void runFinished(const Experiment& /*experiment*/) { }
};

} // namespace calcprof
