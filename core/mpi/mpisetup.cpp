#include "core/mpi/mpisetup.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <unistd.h>

namespace calcprof {

namespace {

constexpr int kMaxSlots = 1 << 20;

// A whole number from 1 to kMaxSlots, or -1.
int slotCount(QStringView text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 1 && value <= kMaxSlots ? value : -1;
}

} // namespace

int MpiHostfile::slots() const
{
    int total = 0;
    for (const MpiHost& host : hosts)
        total += host.slots;
    return total;
}

MpiHostfile readMpiHostfile(const QString& path)
{
    MpiHostfile result;
    QFile file(path);
    if (!file.exists()) {
        result.error = QStringLiteral("--mpi-hostfile: %1 does not exist").arg(path);
        return result;
    }
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        result.error = QStringLiteral("--mpi-hostfile: cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    // Names and addresses as a hostfile holds them: letters, digits, '.', '-', '_', ':' (IPv6).
    static const QRegularExpression hostName(QStringLiteral("^[A-Za-z0-9._:-]+$"));
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString raw = QString::fromUtf8(file.readLine()).trimmed();
        const QString line = raw.left(raw.indexOf(u'#')).trimmed();
        if (line.isEmpty())
            continue;
        const auto bad = [&](const QString& why) {
            result.error
                = QStringLiteral("--mpi-hostfile: %1 line %2: %3 ('%4')").arg(path).arg(lineNumber).arg(why, raw);
            result.hosts.clear();
            return result;
        };
        const QStringList words = line.simplified().split(u' ');
        MpiHost host {words.front(), 1, lineNumber};
        if (!hostName.match(host.name).hasMatch())
            return bad(QStringLiteral("'%1' is not a host name").arg(host.name));
        int maxSlots = -1;
        for (qsizetype index = 1; index < words.size(); ++index) {
            const QString& word = words.at(index);
            const qsizetype equals = word.indexOf(u'=');
            const QString key = word.left(equals);
            const int count = equals > 0 ? slotCount(QStringView(word).mid(equals + 1)) : -1;
            if (key != QLatin1String("slots") && key != QLatin1String("max_slots") && key != QLatin1String("max-slots"))
                return bad(QStringLiteral("'%1' is not slots=N or max_slots=N").arg(word));
            if (count < 0)
                return bad(QStringLiteral("'%1' needs a whole number from 1 to %2").arg(word).arg(kMaxSlots));
            (key == QLatin1String("slots") ? host.slots : maxSlots) = count;
        }
        if (maxSlots > 0 && host.slots > maxSlots)
            return bad(QStringLiteral("more slots than max_slots"));
        result.hosts.push_back(host);
    }
    if (result.hosts.empty())
        result.error = QStringLiteral("--mpi-hostfile: %1 names no host").arg(path);
    return result;
}

QString mpiLauncher(const MpiOptions& options)
{
    if (!options.launcher.isEmpty())
        return options.launcher;
    return QStandardPaths::findExecutable(QStringLiteral("mpirun"));
}

QString checkMpiOptions(const MpiOptions& options)
{
    if (!options.launcher.isEmpty()) {
        const QFileInfo launcher(options.launcher);
        if (!launcher.exists())
            return QStringLiteral("--mpi-launcher: %1 does not exist").arg(options.launcher);
        // access(), not the permission bits: it answers for this process (root included).
        if (!launcher.isFile() || ::access(QFile::encodeName(options.launcher).constData(), X_OK) != 0)
            return QStringLiteral("--mpi-launcher: %1 is not an executable file").arg(options.launcher);
    }
    if (!options.hostfile.isEmpty())
        return readMpiHostfile(options.hostfile).error;
    return {};
}

} // namespace calcprof
