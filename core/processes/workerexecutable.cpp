#include "core/processes/workerexecutable.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <unistd.h>

namespace calcprof {

namespace {

QString besideThisExecutable(const QString& name)
{
    // /proc/self/exe, not argv[0]: right whatever the current folder or the way calcprof was started.
    const QFileInfo self(QStringLiteral("/proc/self/exe"));
    const QString target = self.symLinkTarget();
    return target.isEmpty() ? QString() : QFileInfo(target).dir().filePath(name);
}

// The search both worker executables share: $variable, else beside calcprof, else the build tree.
WorkerExecutable locate(const QString& name, const char* variable, const QString& buildPath)
{
    const QString chosen = qEnvironmentVariable(variable);
    if (!chosen.isEmpty()) {
        const QString problem = checkWorkerExecutable(chosen);
        if (problem.isEmpty())
            return {chosen, {}};
        return {{}, problem + QStringLiteral(" (named by $%1)").arg(QLatin1String(variable))};
    }

    QStringList tried;
    for (const QString& candidate : {besideThisExecutable(name), buildPath}) {
        if (candidate.isEmpty() || tried.contains(candidate))
            continue;
        tried << candidate;
        if (!QFileInfo::exists(candidate))
            continue;
        // The first one that exists is the one meant: a broken one is reported, not skipped.
        const QString problem = checkWorkerExecutable(candidate);
        if (problem.isEmpty())
            return {candidate, {}};
        return {{}, problem};
    }
    return {{},
        QStringLiteral("cannot find the worker executable %1 (tried %2); build it "
                       "(cmake --build build --target %1) or name it in $%3")
            .arg(name, tried.join(QStringLiteral(", ")), QLatin1String(variable))};
}

} // namespace

QString checkWorkerExecutable(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("worker executable %1 does not exist").arg(path);
    if (!info.isFile())
        return QStringLiteral("worker executable %1 is not a file").arg(path);
    // access(), not the permission bits: it answers for this process (root included).
    if (::access(QFile::encodeName(path).constData(), X_OK) != 0)
        return QStringLiteral("worker executable %1 is not executable").arg(path);
    return {};
}

WorkerExecutable locateWorkerExecutable()
{
    return locate(
        QStringLiteral("calcprof-worker"), kWorkerExecutableVariable, QStringLiteral(CALCPROF_WORKER_BUILD_PATH));
}

WorkerExecutable locateMpiWorkerExecutable()
{
    const QString buildPath = QStringLiteral(CALCPROF_MPI_WORKER_BUILD_PATH);
    WorkerExecutable found = locate(QStringLiteral("calcprof-mpi-worker"), kMpiWorkerExecutableVariable, buildPath);
    // A build without Open MPI's headers has no such target: say what is missing, not just "not found".
    if (!found.ok() && buildPath.isEmpty() && qEnvironmentVariableIsEmpty(kMpiWorkerExecutableVariable))
        found.error
            = QStringLiteral("calcprof was built without Open MPI: apt-get install libopenmpi-dev, then rebuild");
    return found;
}

} // namespace calcprof
