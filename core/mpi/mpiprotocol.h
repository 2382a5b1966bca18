#pragma once

#include "core/exec/workload.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

/// What the mpi strategy's coordinator (rank 0 of calcprof-mpi-worker) tells calcprof: one text line
/// per event on rank 0's standard output, which mpirun forwards to calcprof from whichever host rank 0
/// runs on. Text, not binary: mpirun's output forwarding may split and regroup what it carries, and
/// a line survives that (calcprof reassembles lines); anything else a rank or mpirun prints on stdout
/// is not a protocol line and is ignored.
///
///   @calcprof clock HOST PID NS                       rank 0 is up: its host, pid and steady clock
///   @calcprof ready RANK HOST PID NS                  worker rank RANK finished MPI_Init at NS
///   @calcprof sent INDEX RANK                         task INDEX went to RANK
///   @calcprof result INDEX RANK START END CPU V...    task INDEX done on RANK, its values
///   @calcprof failed MESSAGE                          the coordinator gives up (bad arguments)
///
/// Every time is rank 0's steady clock in nanoseconds; rank 0 converts the other ranks' clocks to its
/// own (exactly 0 apart on one host, estimated from a round trip across hosts).
namespace calcprof::mpiprotocol {

inline constexpr std::string_view kPrefix = "@calcprof ";

struct Clock
{
    std::string host;
    std::int64_t pid = 0;
    std::int64_t nanoseconds = 0;
    bool operator==(const Clock&) const = default;
};

struct Ready
{
    int rank = 0;
    std::string host;
    std::int64_t pid = 0;
    std::int64_t nanoseconds = 0;
    bool operator==(const Ready&) const = default;
};

struct Sent
{
    int index = 0;
    int rank = 0;
    bool operator==(const Sent&) const = default;
};

struct Result
{
    int index = 0;
    int rank = 0;
    std::int64_t startNanoseconds = 0;
    std::int64_t endNanoseconds = 0;
    /// CPU of the rank from the end of its previous task (or its ready) to the end of this one.
    std::int64_t cpuNanoseconds = 0;
    std::vector<FiboValue> values;
    bool operator==(const Result&) const = default;
};

struct Failed
{
    std::string message;
    bool operator==(const Failed&) const = default;
};

using Event = std::variant<Clock, Ready, Sent, Result, Failed>;

/// The line (with its '\n') that says `event`.
std::string encode(const Event& event);
/// The event a line (without its '\n') says; nullopt for a line that is not a protocol line, or one
/// that is malformed (`error` then says why; it stays empty for a line that is simply not ours).
std::optional<Event> decode(std::string_view line, std::string& error);

/// Parses "a,b,c" (whole numbers 0..kMaxTaskNumber); false on anything else.
bool parseNumbers(std::string_view text, std::vector<int>& numbers);

} // namespace calcprof::mpiprotocol
