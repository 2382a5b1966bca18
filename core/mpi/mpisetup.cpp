#include "core/mpi/mpisetup.h"

#include "core/io/inputfile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

namespace calcprof {

namespace {

constexpr int kMaxSlots = 1 << 20;
// A hostfile of a thousand hosts is some 40 kB: more is no hostfile.
constexpr std::int64_t kMaxHostfileBytes = 4'000'000;
// RFC 1123 (and 1035): a name of at most 253 characters, in labels of 1 to 63.
constexpr qsizetype kMaxHostNameLength = 253;
constexpr qsizetype kMaxLabelLength = 63;
// How much of a long name or line a message quotes.
constexpr qsizetype kQuotedLength = 60;

// A whole number from 1 to kMaxSlots, or -1.
int slotCount(QStringView text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 1 && value <= kMaxSlots ? value : -1;
}

QString quoted(const QString& text)
{
    return text.size() > kQuotedLength ? text.left(kQuotedLength - 3) + QStringLiteral("...") : text;
}

bool isIpv6Address(const QString& name)
{
    in6_addr address {};
    return ::inet_pton(AF_INET6, name.toLatin1().constData(), &address) == 1;
}

// Empty when `label` is one of a host name's RFC 1123 labels; else what is wrong with it.
QString labelProblem(const QString& label)
{
    static const QRegularExpression letters(QStringLiteral("^[A-Za-z0-9-]+$"));
    if (label.isEmpty())
        return QStringLiteral("has an empty label (two dots, or a dot at an end)");
    if (label.size() > kMaxLabelLength)
        return QStringLiteral("has a label of %1 characters (at most %2)").arg(label.size()).arg(kMaxLabelLength);
    if (!letters.match(label).hasMatch())
        return QStringLiteral("is not a host name (letters, digits, '-' and '.' only)");
    if (label.startsWith(u'-') || label.endsWith(u'-'))
        return QStringLiteral("has a label that starts or ends with '-'");
    return {};
}

// Empty when `name` is a host name (RFC 1123), an IPv4 address (which is one) or an IPv6 address;
// else why not. Whatever passes is safe on ssh's command line, where mpirun puts it.
QString hostNameProblem(const QString& name)
{
    if (name.startsWith(u'-'))
        return QStringLiteral("'%1' starts with '-' (ssh would take it for an option)").arg(quoted(name));
    if (name.contains(u':'))
        return isIpv6Address(name) ? QString() : QStringLiteral("'%1' is not an IPv6 address").arg(quoted(name));
    if (name.size() > kMaxHostNameLength) {
        return QStringLiteral("'%1' is %2 characters long (a host name has at most %3)")
            .arg(quoted(name))
            .arg(name.size())
            .arg(kMaxHostNameLength);
    }
    for (const QString& label : name.split(u'.')) {
        if (const QString problem = labelProblem(label); !problem.isEmpty())
            return QStringLiteral("'%1' %2").arg(quoted(name), problem);
    }
    return {};
}

// Reads the words after a host's name into `host`; empty, or what is wrong with them.
QString readSlots(const QStringList& words, MpiHost& host)
{
    QStringList seen;
    for (qsizetype index = 1; index < words.size(); ++index) {
        const QString& word = words.at(index);
        const qsizetype equals = word.indexOf(u'=');
        QString key = word.left(equals);
        const int count = equals > 0 ? slotCount(QStringView(word).mid(equals + 1)) : -1;
        if (key == QLatin1String("max-slots"))
            key = QStringLiteral("max_slots"); // Open MPI takes both spellings for one setting
        if (key != QLatin1String("slots") && key != QLatin1String("max_slots"))
            return QStringLiteral("'%1' is not slots=N or max_slots=N").arg(quoted(word));
        if (count < 0)
            return QStringLiteral("'%1' needs a whole number from 1 to %2").arg(quoted(word)).arg(kMaxSlots);
        if (seen.contains(key))
            return QStringLiteral("%1 is given twice").arg(key);
        seen << key;
        (key == QLatin1String("slots") ? host.slots : host.maxSlots) = count;
    }
    if (host.maxSlots > 0 && host.slots > host.maxSlots)
        return QStringLiteral("more slots than max_slots");
    return {};
}

// Reads one line (without its end and comment, not empty) into `host`; empty, or what is wrong.
QString readHostLine(const QString& line, const std::vector<MpiHost>& earlier, MpiHost& host)
{
    const QStringList words = line.simplified().split(u' ');
    host.name = words.front();
    if (QString problem = hostNameProblem(host.name); !problem.isEmpty())
        return problem;
    for (const MpiHost& other : earlier) {
        // Host names are case-insensitive: NODE1 and node1 are one host, whose slots belong on one line.
        if (other.name.compare(host.name, Qt::CaseInsensitive) == 0)
            return QStringLiteral("'%1' is named again (line %2 names it)").arg(quoted(host.name)).arg(other.line);
    }
    return readSlots(words, host);
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
    const InputFile input = readInputFile(path, kMaxHostfileBytes, QStringLiteral("a hostfile"));
    if (input.missing) {
        result.error = QStringLiteral("--mpi-hostfile: %1 does not exist").arg(path);
        return result;
    }
    if (!input.ok()) {
        result.error = QStringLiteral("--mpi-hostfile: cannot read %1: %2").arg(path, input.error);
        return result;
    }
    // Lines end in LF or CRLF (a file from Windows): trimmed() takes the CR with the spaces.
    const QStringList lines = QString::fromUtf8(input.bytes).split(u'\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QString raw = lines.at(index).trimmed();
        const QString line = raw.left(raw.indexOf(u'#')).trimmed();
        if (line.isEmpty())
            continue;
        MpiHost host;
        host.line = static_cast<int>(index) + 1;
        if (const QString problem = readHostLine(line, result.hosts, host); !problem.isEmpty()) {
            result.error = QStringLiteral("--mpi-hostfile: %1 line %2: %3 ('%4')")
                               .arg(path)
                               .arg(host.line)
                               .arg(problem, quoted(raw));
            result.hosts.clear();
            return result;
        }
        result.hosts.push_back(host);
    }
    if (result.hosts.empty())
        result.error = QStringLiteral("--mpi-hostfile: %1 names no host").arg(path);
    return result;
}

QByteArray hostfileText(const MpiHostfile& hostfile)
{
    QByteArray text;
    for (const MpiHost& host : hostfile.hosts) {
        text += host.name.toLatin1() + " slots=" + QByteArray::number(host.slots);
        if (host.maxSlots > 0)
            text += " max_slots=" + QByteArray::number(host.maxSlots);
        text += '\n';
    }
    return text;
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
