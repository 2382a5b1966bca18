#pragma once
// What the Python tests share: whether python3 is here, which processes live, and fake interpreters.
#include "core/python/pythoninterpreter.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QTextStream>

#include <gtest/gtest.h>

#include <sys/types.h>
#include <unistd.h>
#include <vector>

namespace calcprof {

inline bool havePython()
{
    return probePythonInterpreter({}).ok();
}

// Whether `pid` is a live (not zombie) process.
inline bool processAlive(pid_t pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const char state = line.mid(line.lastIndexOf(')') + 2, 1).at(0);
    return state != 'Z' && state != 'X';
}

// The live processes whose command line names `needle` (this build's runner): what a run left behind.
inline std::vector<pid_t> processesRunning(const QString& needle)
{
    std::vector<pid_t> found;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const pid_t pid = entry.toInt(&isPid);
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (isPid && pid != ::getpid() && cmdline.open(QIODevice::ReadOnly)
            && QString::fromLocal8Bit(cmdline.readAll().replace('\0', ' ')).contains(needle) && processAlive(pid))
            found.push_back(pid);
    }
    return found;
}

// A fake interpreter: answers calcprof's probe like the runner, then does `onRun` for a run request.
// Its protocol channel is fd 3, as the runner's.
class FakePython
{
public:
    explicit FakePython(const QString& onRun)
    {
        m_path = m_folder.filePath(QStringLiteral("python3"));
        QFile script(m_path);
        EXPECT_TRUE(script.open(QIODevice::WriteOnly));
        QTextStream(&script) << "#!/bin/sh\n"
                                "read -r request\n"
                                "hello() { printf '{\"hello\":1,\"implementation\":\"cpython\",\"version\":\"3.11.0\","
                                "\"gil\":true,\"pid\":%d,\"start_method\":\"fork\"}\\n' $$ >&3; }\n"
                                "case \"$request\" in *probe*) hello; exit 0;; esac\n"
                             << onRun << "\n";
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        forgetPythonProbes();
    }
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QString file(const QString& name) const { return m_folder.filePath(name); }

private:
    QTemporaryDir m_folder;
    QString m_path;
};

} // namespace calcprof
