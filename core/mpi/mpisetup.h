#pragma once

#include "core/strategies/strategyoptions.h"

#include <QByteArray>
#include <QString>

#include <vector>

/// Everything about an MPI job that can be checked before anything runs: the launcher, the worker
/// executable, the hostfile. validatePlan() and the mpi strategy's availability read it.
namespace calcprof {

/// What `apt-get` installs Open MPI's launcher with; the strategy's reason when there is no mpirun.
inline constexpr char kMpiNotInstalled[] = "Open MPI is not installed: apt-get install openmpi-bin";

/// One host line of an Open MPI hostfile.
struct MpiHost
{
    QString name;
    int slots = 1; ///< slots=N; Open MPI counts 1 when a line names no slots
    int maxSlots = 0; ///< max_slots=N; 0 when the line names none
    int line = 0; ///< 1-based line in the file
};

/// A hostfile read and checked, or why not.
struct MpiHostfile
{
    std::vector<MpiHost> hosts;
    QString error; ///< names the file and, for a bad line, its number and text

    [[nodiscard]] int slots() const;
};

/// Reads an Open MPI hostfile: `host [slots=N] [max_slots=N]` per line, `#` comments, blank lines,
/// LF or CRLF line ends. An error, naming the file and the line (number and text): a missing or
/// unreadable file, one that is not a regular file (a FIFO would never end) or is over 4 MB; an
/// unknown keyword or one given twice, a count that is not a whole number from 1, more slots than
/// max_slots; a host that is neither an RFC 1123 host name (labels of 1-63 letters, digits and '-',
/// not at a label's ends; 253 characters at most) nor an IP address, or that starts with '-'; a
/// host named twice; a file without hosts.
MpiHostfile readMpiHostfile(const QString& path);

/// The hosts of `hostfile` as a hostfile again, one `name slots=N [max_slots=M]` line each, LF line
/// ends: what mpirun is given, so it reads exactly the hosts calcprof checked (not a CRLF file it
/// would misread, nor one changed since it was checked).
QByteArray hostfileText(const MpiHostfile& hostfile);

/// The mpirun to run: options.launcher when set, else `mpirun` from PATH; empty when there is none.
QString mpiLauncher(const MpiOptions& options);

/// Empty when `options` can be used; otherwise a message for the user (checked whether or not the mpi
/// strategy is chosen: a mistyped option deserves an answer).
QString checkMpiOptions(const MpiOptions& options);

} // namespace calcprof
