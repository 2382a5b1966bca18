#include "core/processes/workerexecutable.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <unistd.h>

namespace calcprof {

namespace {

const QString kWorkerName = QStringLiteral("calcprof-worker");

QString besideThisExecutable()
{
    // /proc/self/exe, not argv[0]: right whatever the current folder or the way calcprof was started.
    const QFileInfo self(QStringLiteral("/proc/self/exe"));
    const QString target = self.symLinkTarget();
    return target.isEmpty() ? QString() : QFileInfo(target).dir().filePath(kWorkerName);
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
    const QString chosen = qEnvironmentVariable(kWorkerExecutableVariable);
    if (!chosen.isEmpty()) {
        const QString problem = checkWorkerExecutable(chosen);
        if (problem.isEmpty())
            return {chosen, {}};
        return {{}, problem + QStringLiteral(" (named by $%1)").arg(QLatin1String(kWorkerExecutableVariable))};
    }

    QStringList tried;
    for (const QString& candidate : {besideThisExecutable(), QStringLiteral(CALCPROF_WORKER_BUILD_PATH)}) {
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
            .arg(kWorkerName, tried.join(QStringLiteral(", ")), QLatin1String(kWorkerExecutableVariable))};
}

} // namespace calcprof
