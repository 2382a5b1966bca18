#pragma once

#include "core/model/scriptrun.h"

#include <atomic>
#include <functional>

namespace calcprof {

/// What a script run tells as it goes: each line it prints, and each time_me line among them.
struct ScriptCallbacks
{
    std::function<void(const QString& line)> output;
    std::function<void(const ScriptTiming& timing)> timing;
};

/// What is wrong with `plan` before anything runs, in one sentence naming the path: a script that is
/// missing or not a readable regular file, a working folder that is not a writable folder. Empty
/// when it can run.
QString checkScriptPlan(const ScriptPlan& plan);

/// Runs the user's script as it is (`INTERPRETER SCRIPT ARGS...`) through calcprof's Python runner,
/// which waits for it as the subreaper of its whole tree: the wall time, the tree's CPU and peak
/// memory, its processes, its exit status, every time_me line, and what it left running (ended).
/// A raised `stop` ends the tree (the runner kills it; then calcprof kills the runner's group) and
/// returns a cancelled run. Never throws: a failure to run is the result's `error`.
ScriptRun runScript(const ScriptPlan& plan, const QString& interpreter, const std::atomic<bool>& stop,
    const ScriptCallbacks& callbacks = {});

} // namespace calcprof
