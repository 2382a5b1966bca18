#include "core/model/scriptrun.h"

#include <cstring>

namespace calcprof {

QString describeExitStatus(int status)
{
    if (status >= 0)
        return QStringLiteral("exited with status %1").arg(status);
    // sigdescr_np: strsignal()'s text without its thread-unsafe buffer (as describeStatus()).
    const char* name = ::sigdescr_np(-status);
    return QStringLiteral("was killed by signal %1 (%2)")
        .arg(-status)
        .arg(name != nullptr ? QString::fromLocal8Bit(name) : QStringLiteral("unknown"));
}

QString ScriptRun::failure() const
{
    if (!error.isEmpty())
        return error;
    if (cancelled)
        return {};
    QStringList why;
    if (exitStatus && *exitStatus != 0) {
        QString sentence = QStringLiteral("the script %1").arg(describeExitStatus(*exitStatus));
        // A traceback ends with the exception: the line that says what went wrong.
        for (qsizetype index = outputTail.size() - 1; index >= 0; --index) {
            if (const QString line = outputTail.at(index).trimmed(); !line.isEmpty()) {
                sentence += QStringLiteral(": ") + line;
                break;
            }
        }
        why << sentence;
    }
    if (!leftovers.empty()) {
        QStringList names;
        for (const LeftoverProcess& process : leftovers)
            names << QStringLiteral("pid %1 (%2)").arg(process.pid).arg(process.command);
        why << QStringLiteral("it left %1 running when it exited, which calcprof ended: %2; their work after the "
                              "script's exit is not in its wall time")
                   .arg(leftovers.size() == 1 ? QStringLiteral("1 process")
                                              : QStringLiteral("%1 processes").arg(leftovers.size()))
                   .arg(names.join(QStringLiteral(", ")));
    }
    return why.join(QStringLiteral("; "));
}

} // namespace calcprof
