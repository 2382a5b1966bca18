#pragma once

/// The worker side of the processes strategy: what the calcprof-worker executable runs. It lives in
/// core, without Qt, so tests drive it directly over a socket pair and the executable stays lean.
namespace calcprof {

/// Serves tasks on the socket `channel`: sends Ready, then answers every Request with its Result, in
/// order, until the parent closes its end. Returns 0 then; on a malformed request or a failed write,
/// writes why to stderr and returns non-zero.
int serveTasks(int channel);

/// main() of calcprof-worker, started by calcprof as `calcprof-worker --parent PID --worker K` with its
/// socket on workerprotocol::kChannelFd. It dies with its parent: the kernel sends it SIGKILL when the
/// parent's spawning thread ends, and it gives up at once if the parent was already gone.
int workerMain(int argc, char** argv);

} // namespace calcprof
