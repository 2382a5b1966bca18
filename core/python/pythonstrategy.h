#pragma once

#include "core/strategies/strategy.h"

namespace calcprof {

/// What the py-* strategies share: their tasks run in a Python interpreter (PythonJob), the runner's
/// strategy of the same id decides how; they run only when asked for, and are unavailable, with the
/// reason, where the interpreter cannot be used.
class PythonStrategy : public Strategy
{
public:
    QString unavailableReason(const StrategyOptions& options) const override;
    // The tasks run in the interpreter: a task function injected into calcprof cannot run there.
    bool runsTaskFunction() const override { return false; }
    bool runsByDefault() const override { return false; }
    TaskLanguage language() const override { return TaskLanguage::Python; }
    std::vector<TaskTiming> run(TimedTasks& execution, int workers) const override;
};

/// Empty when `startMethod` is empty (the interpreter's default) or one of fork, spawn, forkserver.
QString checkPythonStartMethod(const QString& startMethod);

} // namespace calcprof
