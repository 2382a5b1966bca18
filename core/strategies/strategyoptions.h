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

/// The py-* strategies' settings (--python, --py-start-method; the window's Python field).
struct PythonOptions
{
    QString interpreter; ///< the Python to run; empty: `python3` from PATH
    QString startMethod; ///< fork, spawn or forkserver; empty: the interpreter's own default

    bool operator==(const PythonOptions&) const = default;
};

/// Settings that only some strategies read, carried by the plan to the strategies' availability
/// checks and runs (TimedTasks::options()).
struct StrategyOptions
{
    MpiOptions mpi;
    PythonOptions python;

    bool operator==(const StrategyOptions&) const = default;
};

} // namespace calcprof
