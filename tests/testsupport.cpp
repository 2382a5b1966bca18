#include "testsupport.h"

#include <QDir>
#include <QFile>

namespace calcprof::test {

QStringList filesIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

QStringList everythingIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

TaskTiming taskTiming(int n, int worker, double start, double end)
{
    TaskTiming timing;
    timing.n = n;
    timing.worker = worker;
    timing.startSeconds = start;
    timing.endSeconds = end;
    timing.wallSeconds = end - start;
    return timing;
}

bool skipsAreFailures()
{
    return qEnvironmentVariable("CI") == QStringLiteral("true");
}

const char* skipFailurePrefix()
{
    return skipsAreFailures() ? "CI=true: this test proves a docs/RELIABILITY.md row and may not be skipped; "
                                "make the machine able to run it. It would have been skipped because:"
                              : "";
}

} // namespace calcprof::test
