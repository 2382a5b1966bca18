#include "core/model/environment.h"

#include <QFile>
#include <QSysInfo>
#include <QThread>
#include <QtMath>

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

MachineCpuTimes machineCpuTimes()
{
    // The first line sums every core: "cpu  user nice system idle iowait irq softirq steal guest
    // guest_nice", in clock ticks. Busy is everything but idle, iowait and steal (guest time is
    // already counted in user and nice).
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> fields = stat.readLine().simplified().split(' ');
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (fields.size() < 9 || fields.first() != "cpu" || ticksPerSecond <= 0)
        return {};
    double busyTicks = 0.0;
    for (const int field : {1, 2, 3, 6, 7}) // user nice system irq softirq
        busyTicks += fields.at(field).toDouble();
    const auto ticks = static_cast<double>(ticksPerSecond);
    return {busyTicks / ticks, fields.at(8).toDouble() / ticks};
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

std::int64_t involuntaryContextSwitches()
{
    rusage self {};
    rusage children {};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    return static_cast<std::int64_t>(self.ru_nivcsw) + static_cast<std::int64_t>(children.ru_nivcsw);
}

namespace {
// `seconds` of the machine over the run's wall time x cores; -1 when either is unknown or the run is
// too short for /proc/stat's clock ticks to tell.
double shareOfMachine(double seconds, const SetRun& run, int cores)
{
    if (seconds < 0.0 || run.wallSeconds < kMinSecondsForShare || cores <= 0)
        return -1.0;
    return std::min(1.0, seconds / (run.wallSeconds * cores));
}
} // namespace

double otherProcessesShare(const SetRun& run, int cores)
{
    return shareOfMachine(run.otherProcessesCpuSeconds, run, cores);
}

double stealShare(const SetRun& run, int cores)
{
    return shareOfMachine(run.stealSeconds, run, cores);
}

bool isDisturbed(const SetRun& run, int cores)
{
    return otherProcessesShare(run, cores) > kCompetingShareThreshold || stealShare(run, cores) > kStealShareThreshold;
}

QString disturbanceText(const SetRun& run, int cores)
{
    const auto share = [](double value) {
        return value < 0.0 ? QStringLiteral("unknown") : QStringLiteral("%1 %").arg(qRound(value * 100.0));
    };
    return QStringLiteral("other processes %1, steal %2")
        .arg(share(otherProcessesShare(run, cores)), share(stealShare(run, cores)));
}

std::int64_t peakRssBytes()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::int64_t>(usage.ru_maxrss) * 1024; // Linux reports kilobytes
}

} // namespace calcprof
