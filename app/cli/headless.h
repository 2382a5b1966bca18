#pragma once

#include "app/cli/commandline.h"
#include "app/cli/reportfilereporter.h"
#include "core/exec/experimentrunner.h"

#include <atomic>
#include <cstdio>

namespace calcprof {

/// Runs a parsed, valid command line without any window: the console front end of the runner.
/// Raising `stop` (Ctrl-C) cancels; the results so far are still printed and written. Raised after the
/// runs (while the outputs are written), it gives up the files not written yet instead (exit 130). With
/// --report, the report is written by `writeReport`.
int runHeadless(const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out = stdout,
    std::FILE* err = stderr, const ReportWriter& writeReport = {});
/// Prints the tables of `command.saved` (--from-json), with --baseline's comparison, and writes its
/// --json, --trace and --report: what runHeadless() prints after a run, for a run saved earlier.
/// Raising `stop` (Ctrl-C) gives up the files not written yet, leaving none half-written (exit 130).
int showSavedRun(const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out = stdout,
    std::FILE* err = stderr, const ReportWriter& writeReport = {});
/// The same with a given runner (tests: strategies or tasks that fail).
int runHeadless(const CommandLine& command, const ExperimentRunner& runner, const std::atomic<bool>& stop,
    std::FILE* out, std::FILE* err, const ReportWriter& writeReport = {});

} // namespace calcprof
