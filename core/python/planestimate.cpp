#include "core/python/planestimate.h"

#include "core/exec/workload.h"
#include "core/python/pythoninterpreter.h"
#include "core/python/pythonprocess.h"

#include <QHash>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>

namespace calcprof {

namespace {

using namespace std::chrono_literals;

// How long one calibration times fibo: a few milliseconds, long against the clock's resolution.
constexpr int kCalibrationMilliseconds = 5;
constexpr auto kCalibrationTimeout = 10s;

std::mutex rateMutex;

double measurePythonRate(const PythonInfo& info, QString& error)
{
    PythonProcess process(info.interpreter, info.runner);
    try {
        process.start(QJsonObject {{QStringLiteral("mode"), QStringLiteral("calibrate")},
            {QStringLiteral("milliseconds"), kCalibrationMilliseconds}});
    } catch (const std::exception& failure) {
        error = QString::fromLocal8Bit(failure.what());
        return 0.0;
    }
    QJsonObject message;
    while (process.next(message, kCalibrationTimeout) == PythonProcess::Next::Message) {
        if (message.contains(QStringLiteral("rate"))) {
            process.finish(1s);
            return message.value(QStringLiteral("rate")).toDouble();
        }
        if (!message.contains(QStringLiteral("hello")))
            break;
    }
    const int status = process.stop();
    error = QStringLiteral("cannot calibrate %1").arg(process.describeEnd(status));
    return 0.0;
}

// Seconds of one set run of `strategy` with `workers` workers on `set`, at `rate` calls per second.
double setRunSeconds(const Strategy& strategy, const NumberSet& set, int workers, double rate)
{
    double total = 0.0;
    double largest = 0.0;
    for (const int n : set) {
        const auto calls = static_cast<double>(taskCalls(n));
        total += calls;
        largest = std::max(largest, calls);
    }
    const int cores = std::max(1, QThread::idealThreadCount());
    const int atOnce = strategy.computesInParallel() ? std::min({workers, cores, static_cast<int>(set.size())}) : 1;
    return std::max(largest, total / std::max(atOnce, 1)) / rate;
}

} // namespace

QString formatEstimate(double seconds)
{
    const auto whole = static_cast<long long>(std::llround(seconds));
    if (seconds < 1.0)
        return QStringLiteral("under a second");
    if (whole < 60)
        return QStringLiteral("%1 s").arg(whole);
    if (whole < 3600)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString PlanEstimate::describe() const
{
    if (!ok())
        return QStringLiteral("no estimate: ") + error;
    QString text = (atLeast ? QStringLiteral("at least ") : QStringLiteral("about ")) + formatEstimate(seconds);
    if (pythonRate > 0.0) {
        text += QStringLiteral(" (Python %1: fibo at %2 M calls/s against calcprof's %3 M)")
                    .arg(formatEstimate(pythonSeconds))
                    .arg(pythonRate / 1e6, 0, 'f', 1)
                    .arg(cppRate / 1e6, 0, 'f', 0);
    }
    return text;
}

bool planRunsPython(const ExperimentPlan& plan, const StrategyRegistry& strategies)
{
    return std::any_of(plan.strategies.begin(), plan.strategies.end(), [&strategies](const QString& id) {
        const Strategy* strategy = strategies.find(id);
        return strategy && strategy->language() == TaskLanguage::Python;
    });
}

double calibrateCppRate()
{
    static const double rate = [] {
        // Grows n until one fibo(n) takes the calibration time.
        for (int n = 20;; ++n) {
            const auto start = std::chrono::steady_clock::now();
            volatile FiboValue sink = fibo(n);
            (void)sink;
            const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (took * 1e3 >= kCalibrationMilliseconds || n >= 40)
                return static_cast<double>(fiboCalls(n)) / std::max(took, 1e-9);
        }
    }();
    return rate;
}

double calibratePythonRate(const QString& chosen, QString& error)
{
    const PythonInfo info = probePythonInterpreter(chosen);
    if (!info.ok()) {
        error = info.error;
        return 0.0;
    }
    static QHash<QString, double> rates;
    const std::lock_guard lock(rateMutex);
    if (const auto found = rates.constFind(info.interpreter); found != rates.constEnd())
        return *found;
    const double rate = measurePythonRate(info, error);
    if (rate > 0.0)
        rates.insert(info.interpreter, rate);
    return rate;
}

PlanEstimate estimatePlan(const ExperimentPlan& plan, const StrategyRegistry& strategies)
{
    PlanEstimate estimate;
    estimate.cppRate = calibrateCppRate();
    double pythonStartup = 0.0;
    if (planRunsPython(plan, strategies)) {
        estimate.pythonRate = calibratePythonRate(plan.strategyOptions.python.interpreter, estimate.error);
        if (!estimate.ok())
            return estimate;
        pythonStartup = probePythonInterpreter(plan.strategyOptions.python.interpreter).startupSeconds;
    }
    // --repeat auto runs plan.repeat rounds at least, then more until precise (its time is not known before).
    estimate.atLeast = plan.autoRepeat.enabled;
    const int runs = std::max(0, plan.warmup) + std::max(0, plan.repeat);
    for (const NumberSet& set : plan.sets) {
        for (const QString& id : plan.strategies) {
            const Strategy* strategy = strategies.find(id);
            if (!strategy)
                continue;
            const bool python = strategy->language() == TaskLanguage::Python;
            for (const int poolSize : poolSizesToRun(plan, *strategy, set)) {
                const int workers = strategy->workerCount(poolSize, static_cast<int>(set.size()));
                const double rate = python ? estimate.pythonRate : estimate.cppRate;
                const double seconds
                    = runs * (setRunSeconds(*strategy, set, workers, rate) + (python ? pythonStartup : 0.0));
                estimate.seconds += seconds;
                estimate.pythonSeconds += python ? seconds : 0.0;
            }
        }
    }
    return estimate;
}

} // namespace calcprof
