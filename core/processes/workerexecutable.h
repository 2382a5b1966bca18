#pragma once

#include <QString>

namespace calcprof {

/// The environment variable that names the worker executable, overriding the search.
inline constexpr char kWorkerExecutableVariable[] = "CALCPROF_WORKER";

/// The environment variable that names the mpi strategy's rank executable, calcprof-mpi-worker.
inline constexpr char kMpiWorkerExecutableVariable[] = "CALCPROF_MPI_WORKER";

/// Where calcprof-worker was found, or why it was not.
struct WorkerExecutable
{
    QString path; ///< an executable file; empty when not found
    QString error; ///< names every path tried; empty when found

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

/// Finds calcprof-worker: the path in $CALCPROF_WORKER when set (and only there); otherwise beside the
/// running executable (an installed calcprof and its worker share a folder); otherwise where this build
/// tree puts it (tests run from build/tests, the worker is build/app/calcprof-worker).
WorkerExecutable locateWorkerExecutable();

/// Finds calcprof-mpi-worker the same way ($CALCPROF_MPI_WORKER, beside calcprof, this build tree).
WorkerExecutable locateMpiWorkerExecutable();

/// Whether `path` is an executable regular file; otherwise why not ("… does not exist", "… is not executable").
QString checkWorkerExecutable(const QString& path);

} // namespace calcprof
