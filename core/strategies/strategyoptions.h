#pragma once

#include <QString>

namespace calcprof {

/// The mpi strategy's settings (--mpi-hostfile, --mpi-launcher; the window's two fields beside the
/// strategy list).
struct MpiOptions
{
    QString hostfile; ///< an Open MPI hostfile; empty: this machine only
    QString launcher; ///< the mpirun to use; empty: `mpirun` from PATH

    bool operator==(const MpiOptions&) const = default;
};

/// Settings that only some strategies read, carried by the plan to the strategies' availability
/// checks and runs (TimedTasks::options()).
struct StrategyOptions
{
    MpiOptions mpi;

    bool operator==(const StrategyOptions&) const = default;
};

} // namespace calcprof
