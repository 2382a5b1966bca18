#pragma once

#include "core/model/experimentplan.h"
#include "core/strategies/strategyregistry.h"

#include <QString>

namespace calcprof {

/// Above this, a plan's estimate comes with a warning (console) or a warning colour (the window).
inline constexpr double kLongPlanSeconds = 60.0;

/// How long a plan's set runs should take, before they run: the exact work of every set run (fibo(n)
/// makes 2 fibo(n) - 1 calls) at the rate calibrated for its language, spread over the workers that
/// can compute at once (one for Python threads and coroutines), but never shorter than its largest
/// task; Python set runs add the interpreter's start-up. The CSV stage is not included.
struct PlanEstimate
{
    double seconds = 0.0; ///< every set run of the plan, warm-ups included
    double pythonSeconds = 0.0; ///< of which the py-* strategies'
    double cppRate = 0.0; ///< calcprof's fibo, logical calls per second on one core
    double pythonRate = 0.0; ///< the interpreter's, 0 when the plan runs no Python
    QString error; ///< why no estimate could be made (the interpreter could not be calibrated)
    bool atLeast = false; ///< --repeat auto: estimated for its least rounds; more may run

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    [[nodiscard]] bool isLong() const { return seconds > kLongPlanSeconds; }
    /// "about 3 min 20 s (Python 3 min 10 s: fibo at 6.1 M calls/s against calcprof's 2300 M)"; "at least …"
    /// with --repeat auto
    [[nodiscard]] QString describe() const;
};

/// Whether `plan` runs any py-* strategy.
bool planRunsPython(const ExperimentPlan& plan, const StrategyRegistry& strategies = builtinStrategies());

/// calcprof's fibo rate on this core, timed for a few milliseconds once per process.
double calibrateCppRate();

/// The interpreter's fibo rate (`chosen` as --python), timed for a few milliseconds by the runner; once
/// per interpreter per process. 0, with `error` set, when it cannot be measured.
double calibratePythonRate(const QString& chosen, QString& error);

/// The estimate of `plan`'s set runs; calibrates what it needs (the interpreter only if the plan runs Python).
PlanEstimate estimatePlan(const ExperimentPlan& plan, const StrategyRegistry& strategies = builtinStrategies());

/// "45 s", "3 min 20 s", "1 h 05 min": a duration for people, to the precision an estimate has.
QString formatEstimate(double seconds);

} // namespace calcprof
