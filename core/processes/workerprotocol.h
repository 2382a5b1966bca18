#pragma once

#include "core/exec/workload.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

/// The wire protocol between calcprof and its worker processes (the processes strategy): compact
/// binary messages over one Unix stream socket per worker. Both ends are the same build on the same
/// machine, so integers travel in native byte order, copied field by field (no padding on the wire).
///
///   worker -> parent  Ready   type 'R', magic, version, ready time           15 bytes, once
///   parent -> worker  Request index, n                                       8 bytes per task
///   worker -> parent  Result  type 'T', index, start, end, cpu, count, values 30 + 8 x n bytes per task
///
/// Times are std::chrono::steady_clock nanoseconds (CLOCK_MONOTONIC on Linux: one clock for every
/// process of the machine), so the parent places a worker's task on its own timeline exactly.
namespace calcprof::workerprotocol {

/// "CPWK": a Ready message that does not start with it came from something that is not our worker.
inline constexpr std::uint32_t kMagic = 0x4B575043;
/// Bumped whenever a message changes; the parent refuses a worker that speaks another version.
inline constexpr std::uint16_t kVersion = 1;
/// The descriptor the worker finds its socket on (the parent dup2()s it there when spawning).
inline constexpr int kChannelFd = 3;

inline constexpr std::size_t kReadySize = 1 + 4 + 2 + 8;
inline constexpr std::size_t kRequestSize = 4 + 4;
inline constexpr std::size_t kResultHeaderSize = 1 + 4 + 8 + 8 + 8 + 1;

inline constexpr std::uint8_t kReadyType = 'R';
inline constexpr std::uint8_t kResultType = 'T';

/// The worker is running and waits for tasks.
struct Ready
{
    std::uint32_t magic = kMagic;
    std::uint16_t version = kVersion;
    std::int64_t readyNanoseconds = 0; ///< steady_clock when it was ready

    bool operator==(const Ready&) const = default;
};

/// Compute task `index` of the set, whose number is `n`.
struct Request
{
    std::uint32_t index = 0;
    std::uint32_t n = 0;

    bool operator==(const Request&) const = default;
};

/// Task `index` computed: its values and when, on the worker, it ran.
struct Result
{
    std::uint32_t index = 0;
    std::int64_t startNanoseconds = 0; ///< steady_clock
    std::int64_t endNanoseconds = 0; ///< steady_clock
    /// CPU time of the worker from the end of its previous task (or from when it was ready) to the
    /// end of this one: the task plus the hand-off before it, as TaskTiming::cpuSeconds counts.
    std::int64_t cpuNanoseconds = 0;
    std::vector<FiboValue> values;

    bool operator==(const Result&) const = default;
};

using WorkerMessage = std::variant<Ready, Result>;

std::vector<std::byte> encode(const Ready& ready);
std::vector<std::byte> encode(const Request& request);
std::vector<std::byte> encode(const Result& result);
/// A request from exactly kRequestSize bytes.
Request decodeRequest(const std::byte* bytes);

/// Reassembles the worker's messages from whatever pieces the socket delivers.
class MessageDecoder
{
public:
    /// Appends bytes read from the worker.
    void feed(const std::byte* bytes, std::size_t size);
    /// Takes the next complete message out, if there is one; on malformed input returns false and
    /// sets error() (and keeps returning false).
    bool next(WorkerMessage& message);
    /// Why the input is malformed; empty while it is not.
    [[nodiscard]] const std::string& error() const { return m_error; }
    /// Bytes fed but not yet taken out as a message.
    [[nodiscard]] std::size_t pending() const { return m_buffer.size() - m_consumed; }

private:
    std::vector<std::byte> m_buffer;
    std::size_t m_consumed = 0;
    std::string m_error;
};

/// Writes all of `bytes` to the socket `fd`, retrying on EINTR, never raising SIGPIPE (the peer may
/// be dead: that is an error, not a reason for the whole process to die). False with errno set on failure.
bool sendAll(int fd, const std::vector<std::byte>& bytes);

} // namespace calcprof::workerprotocol
