#include "core/python/pythonstrategy.h"

#include "core/python/pythoninterpreter.h"
#include "core/python/pythonjob.h"

#include <QStringList>

#include <stdexcept>

namespace calcprof {

QString checkPythonStartMethod(const QString& startMethod)
{
    const QStringList methods {QStringLiteral("fork"), QStringLiteral("spawn"), QStringLiteral("forkserver")};
    if (startMethod.isEmpty() || methods.contains(startMethod))
        return {};
    return QStringLiteral("unknown Python start method '%1'; choose fork, spawn or forkserver").arg(startMethod);
}

QString PythonStrategy::unavailableReason(const StrategyOptions& options) const
{
    if (QString problem = checkPythonStartMethod(options.python.startMethod); !problem.isEmpty())
        return problem;
    return probePythonInterpreter(options.python.interpreter).error;
}

std::vector<TaskTiming> PythonStrategy::run(TimedTasks& execution, int workers) const
{
    if (QString problem = checkPythonStartMethod(execution.options().python.startMethod); !problem.isEmpty())
        throw std::runtime_error(problem.toStdString());
    PythonJob job(id(), workers, execution);
    return job.run();
}

} // namespace calcprof
