#pragma once

#include "core/strategies/strategyoptions.h"

#include <QString>

#include <vector>

/// Everything about an MPI job that can be checked before anything runs: the launcher, the worker
/// executable, the hostfile. validatePlan() and the mpi strategy's availability read it.
namespace calcprof {

/// What `apt-get` installs Open MPI's launcher with; the strategy's reason when there is no mpirun.
inline constexpr char kMpiNotInstalled[] = "Open MPI is not installed: apt-get install openmpi-bin";

/// One host line of an Open MPI hostfile.
struct MpiHost
{
    QString name;
    int slots = 1; ///< slots=N; Open MPI counts 1 when a line names no slots
    int line = 0; ///< 1-based line in the file
};

/// A hostfile read and checked, or why not.
struct MpiHostfile
{
    std::vector<MpiHost> hosts;
    QString error; ///< names the file and, for a bad line, its number and text

    [[nodiscard]] int slots() const;
};

/// Reads an Open MPI hostfile: `host [slots=N] [max_slots=N]` per line, `#` comments, blank lines.
/// A missing or unreadable file, an unknown keyword, a count that is not a whole number from 1, more
/// slots than max_slots, a host name with characters no host has, or a file without hosts is an error.
MpiHostfile readMpiHostfile(const QString& path);

/// The mpirun to run: options.launcher when set, else `mpirun` from PATH; empty when there is none.
QString mpiLauncher(const MpiOptions& options);

/// Empty when `options` can be used; otherwise a message for the user (checked whether or not the mpi
/// strategy is chosen: a mistyped option deserves an answer).
QString checkMpiOptions(const MpiOptions& options);

} // namespace calcprof
