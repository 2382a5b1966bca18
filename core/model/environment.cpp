#include "core/model/environment.h"

#include <QFile>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>

namespace calcprof {

namespace {

QString cpuModel()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (!cpuinfo.open(QIODevice::ReadOnly | QIODevice::Text))
        return QSysInfo::currentCpuArchitecture();
    // Read until readLine() comes back empty: /proc files have no size, so atEnd() is true at once.
    for (QByteArray line = cpuinfo.readLine(); !line.isEmpty(); line = cpuinfo.readLine()) {
        if (line.startsWith("model name")) {
            const qsizetype colon = line.indexOf(':');
            return QString::fromUtf8(line.mid(colon + 1).trimmed());
        }
    }
    return QSysInfo::currentCpuArchitecture();
}

QString compilerName()
{
#if defined(__clang__)
    return QStringLiteral("clang ") + QStringLiteral(__clang_version__);
#elif defined(__GNUC__)
    return QStringLiteral("g++ ") + QStringLiteral(__VERSION__);
#else
    return QStringLiteral("unknown");
#endif
}

} // namespace

EnvironmentInfo currentEnvironment()
{
    EnvironmentInfo info;
    info.cores = QThread::idealThreadCount();
    info.cpu = cpuModel();
    info.compiler = compilerName();
    info.buildType = QStringLiteral(CALCPROF_BUILD_TYPE);
    info.os = QSysInfo::prettyProductName() + QStringLiteral(", kernel ") + QSysInfo::kernelVersion();
    return info;
}

double threadCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double processCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double reapedChildrenCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto seconds = [](const timeval& time) {
        return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) * 1e-6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double machineBusyCpuSeconds()
{
    // The first line sums every core: "cpu  user nice system idle iowait irq softirq steal guest
    // guest_nice", in clock ticks. Busy is everything but idle and iowait (guest time is already
    // counted in user and nice).
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1.0;
    const QList<QByteArray> fields = stat.readLine().simplified().split(' ');
    if (fields.size() < 9 || fields.first() != "cpu")
        return -1.0;
    double busyTicks = 0.0;
    for (const int field : {1, 2, 3, 6, 7, 8}) // user nice system irq softirq steal
        busyTicks += fields.at(field).toDouble();
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    return ticksPerSecond > 0 ? busyTicks / static_cast<double>(ticksPerSecond) : -1.0;
}

QString describePython(const PythonEnvironment& python)
{
    const QString name = python.implementation == QLatin1String("cpython") ? QStringLiteral("CPython")
        : python.implementation == QLatin1String("pypy")                   ? QStringLiteral("PyPy")
                                                                           : python.implementation;
    return QStringLiteral("%1 %2 (GIL %3), %4")
        .arg(name, python.version, python.gilEnabled ? QStringLiteral("enabled") : QStringLiteral("disabled"),
            python.interpreter);
}

double otherProcessesShare(const SetRun& run, int cores)
{
    if (run.otherProcessesCpuSeconds < 0.0 || run.wallSeconds < kMinSecondsForShare || cores <= 0)
        return -1.0;
    return std::min(1.0, run.otherProcessesCpuSeconds / (run.wallSeconds * cores));
}

std::int64_t peakRssBytes()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::int64_t>(usage.ru_maxrss) * 1024; // Linux reports kilobytes
}

} // namespace calcprof
