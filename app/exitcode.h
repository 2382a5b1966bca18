#pragma once

namespace calcprof {

/// Exit codes of both front ends, the console and the scripted window: the contract with scripts
/// (see --help).
enum ExitCode : int {
    kExitSuccess = 0,
    kExitRunFailed = 1,
    kExitBadInput = 2,
    kExitInterrupted = 130,
};

} // namespace calcprof
