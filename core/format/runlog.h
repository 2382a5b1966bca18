#pragma once

#include "core/model/experimentplan.h"
#include "core/model/results.h"

#include <QString>

/// The log lines of a run, in the spirit of the original's `Ran 'do_parallel' in 0.1786 secs`,
/// shared by the console and the window's log pane.
namespace calcprof {

/// What a run is about to measure: "sets 10,12; 25,22; strategies serial,pool; pool size auto;
/// repeat 5 (+1 warm-up); CSV none". The console's first line and the window's "Run 2: …" say it.
QString planLine(const ExperimentPlan& plan);
/// "Ran 'pool' on set 1 in 0.0012 secs (7 workers)", plus " FAILED: …" for a failed run.
QString runLogLine(const SetRun& run);
/// "Disturbed 'pool' on set 3 (4 workers, repetition 2: other processes 23 %, steal 0 %): measuring
/// it again, retry 1 of at most 2": RunObserver::runRetried() in the console's words.
QString retryLogLine(const SetRun& run, const QString& why, int attempt, int attempts);
/// "Ran csv 'serial' in 6.5000 secs: 43 files, 8.60 GB, 1320 MB/s", plus " FAILED: …".
QString runLogLine(const CsvRun& run);
/// "student.py one 'two words'": the script and its arguments as the log shows them.
QString scriptCommand(const ScriptPlan& plan);
/// "Running your script student.py in a fresh temporary folder (removed after)…".
QString scriptStartLine(const ScriptPlan& plan);
/// "  | <what the script printed>".
QString scriptOutputLine(const QString& line);
/// "Ran your script 'student.py' in 12.3400 secs: exited with status 0, CPU 20.13 s, 9 processes, peak
/// memory …", plus " FAILED: …"; "Cancelled your script 'student.py' after 1.4000 secs; its processes were ended".
QString runLogLine(const ScriptRun& run);
/// "  wrote res3.txt (200.00 MB) in 0.1500 secs, 1333 MB/s".
QString wroteLine(const CsvFileResult& file);

} // namespace calcprof
