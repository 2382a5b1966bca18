#include "core/python/pythoninterpreter.h"

#include "core/python/pythonprocess.h"

#include "core/model/environment.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QStandardPaths>
#include <QStringList>

#include <chrono>
#include <exception>
#include <mutex>
#include <unistd.h>

namespace calcprof {

namespace {

using namespace std::chrono_literals;

// A Python that has not said hello after this long will not: a wrong program that waits for something.
// Generous: a cold interpreter on a loaded machine takes a second.
constexpr auto kProbeTimeout = 10s;

std::mutex probeMutex;
QHash<QString, PythonInfo>& probes()
{
    static QHash<QString, PythonInfo> remembered;
    return remembered;
}

QString besideThisExecutable(const QString& relative)
{
    const QString target = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    return target.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(target).dir().filePath(relative));
}

QString checkExecutable(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("the Python interpreter %1 does not exist").arg(path);
    if (!info.isFile())
        return QStringLiteral("the Python interpreter %1 is not a file").arg(path);
    if (::access(QFile::encodeName(path).constData(), X_OK) != 0)
        return QStringLiteral("the Python interpreter %1 is not executable").arg(path);
    return {};
}

// Reads the hello line the runner sends first; fills `info` from it or says why it is not usable.
void readHello(PythonProcess& process, PythonInfo& info)
{
    const auto started = std::chrono::steady_clock::now();
    QJsonObject hello;
    const PythonProcess::Next outcome = process.next(hello, kProbeTimeout);
    info.startupSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const QString notPython = QStringLiteral("%1 is not a Python interpreter calcprof can use: ").arg(info.interpreter);
    if (outcome == PythonProcess::Next::Timeout) {
        info.error = notPython
            + QStringLiteral("it did not answer within %1 s")
                  .arg(std::chrono::duration_cast<std::chrono::seconds>(kProbeTimeout).count());
    } else if (outcome == PythonProcess::Next::Garbage) {
        info.error = notPython + QStringLiteral("it answered '%1'").arg(process.garbage());
    } else if (outcome != PythonProcess::Next::Message || hello.value(QStringLiteral("hello")).toInt() != 1) {
        const int status = process.finish(1s);
        info.error = notPython + process.describeEnd(status) + QStringLiteral(" without answering");
    } else {
        info.implementation = hello.value(QStringLiteral("implementation")).toString();
        info.version = hello.value(QStringLiteral("version")).toString();
        info.gilEnabled = hello.value(QStringLiteral("gil")).toBool(true);
        const QStringList parts = info.version.split(u'.');
        if (parts.size() < 2 || parts[0].toInt() != 3 || parts[1].toInt() < kMinPythonMinor)
            info.error = QStringLiteral("%1 is Python %2; calcprof's runner needs Python 3.%3 or newer")
                             .arg(info.interpreter, info.version)
                             .arg(kMinPythonMinor);
    }
}

PythonInfo probe(const QString& interpreter, const QString& runner)
{
    PythonInfo info;
    info.interpreter = interpreter;
    info.runner = runner;
    PythonProcess process(interpreter, runner);
    try {
        process.start(QJsonObject {{QStringLiteral("mode"), QStringLiteral("probe")}});
    } catch (const std::exception& error) {
        info.error = QString::fromLocal8Bit(error.what());
        return info;
    }
    readHello(process, info);
    process.stop();
    return info;
}

} // namespace

PythonEnvironment PythonInfo::environment() const
{
    return PythonEnvironment {interpreter, implementation, version, gilEnabled};
}

QString resolvePythonInterpreter(const QString& chosen, QString& error)
{
    const QString name = chosen.isEmpty() ? QStringLiteral("python3") : chosen;
    if (!name.contains(u'/')) {
        QString found = QStandardPaths::findExecutable(name);
        if (found.isEmpty()) {
            error = QStringLiteral("the Python interpreter %1 was not found on PATH; install it or name one with "
                                   "--python PATH")
                        .arg(name);
            return {};
        }
        return found;
    }
    error = checkExecutable(name);
    return error.isEmpty() ? name : QString();
}

QString locatePythonRunner(QString& error)
{
    QString chosen = qEnvironmentVariable(kPythonRunnerVariable);
    if (!chosen.isEmpty()) {
        if (QFileInfo(chosen).isFile())
            return chosen;
        error = QStringLiteral("calcprof's Python runner %1 (named by $%2) does not exist")
                    .arg(chosen, QLatin1String(kPythonRunnerVariable));
        return {};
    }
    const QString name = QLatin1String(kPythonRunnerName);
    QStringList tried;
    for (const QString& candidate :
        {besideThisExecutable(name), besideThisExecutable(QStringLiteral("../share/calcprof/") + name),
            QStringLiteral(CALCPROF_PYTHON_RUNNER_BUILD_PATH)}) {
        if (candidate.isEmpty() || tried.contains(candidate))
            continue;
        tried << candidate;
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    error = QStringLiteral("cannot find calcprof's Python runner %1 (tried %2); reinstall calcprof or name it in $%3")
                .arg(name, tried.join(QStringLiteral(", ")), QLatin1String(kPythonRunnerVariable));
    return {};
}

PythonInfo probePythonInterpreter(const QString& chosen)
{
    PythonInfo info;
    info.interpreter = resolvePythonInterpreter(chosen, info.error);
    if (!info.ok())
        return info;
    info.runner = locatePythonRunner(info.error);
    if (!info.ok())
        return info;
    // Keyed by the file's time too: an interpreter replaced at the same path is asked again.
    const QString key = info.interpreter + u'@'
        + QString::number(QFileInfo(info.interpreter).lastModified().toMSecsSinceEpoch()) + u'@' + info.runner;
    const std::lock_guard lock(probeMutex);
    const auto found = probes().constFind(key);
    if (found != probes().constEnd())
        return *found;
    info = probe(info.interpreter, info.runner);
    probes().insert(key, info);
    return info;
}

void forgetPythonProbes()
{
    const std::lock_guard lock(probeMutex);
    probes().clear();
}

} // namespace calcprof
