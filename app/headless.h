#pragma once

#include "app/commandline.h"
#include "app/exitcode.h"
#include "core/runner.h"

#include <atomic>
#include <cstdio>

namespace calcprof {

/// Runs a parsed, valid command line without any window: the console front end of the runner.
/// Raising `stop` (Ctrl-C) cancels; the results so far are still printed and written.
int runHeadless(
    const CommandLine& command, const std::atomic<bool>& stop, std::FILE* out = stdout, std::FILE* err = stderr);
/// Prints the tables of `command.saved` (--from-json), with --baseline's comparison, and writes its
/// --json and --trace: what runHeadless() prints after a run, for a run saved earlier.
int showSavedRun(const CommandLine& command, std::FILE* out = stdout, std::FILE* err = stderr);
/// The same with a given runner (tests: strategies or tasks that fail).
int runHeadless(
    const CommandLine& command, const Runner& runner, const std::atomic<bool>& stop, std::FILE* out, std::FILE* err);

} // namespace calcprof
