#include "core/processes/workerprotocol.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace calcprof::workerprotocol {

namespace {

template <typename Value> void put(std::vector<std::byte>& out, Value value)
{
    const auto at = out.size();
    out.resize(at + sizeof(Value));
    std::memcpy(out.data() + at, &value, sizeof(Value));
}

template <typename Value> Value get(const std::byte* bytes, std::size_t& offset)
{
    Value value {};
    std::memcpy(&value, bytes + offset, sizeof(Value));
    offset += sizeof(Value);
    return value;
}

} // namespace

std::vector<std::byte> encode(const Ready& ready)
{
    std::vector<std::byte> out;
    out.reserve(kReadySize);
    put(out, kReadyType);
    put(out, ready.magic);
    put(out, ready.version);
    put(out, ready.readyNanoseconds);
    return out;
}

std::vector<std::byte> encode(const Request& request)
{
    std::vector<std::byte> out;
    out.reserve(kRequestSize);
    put(out, request.index);
    put(out, request.n);
    return out;
}

std::vector<std::byte> encode(const Result& result)
{
    std::vector<std::byte> out;
    out.reserve(kResultHeaderSize + result.values.size() * sizeof(FiboValue));
    put(out, kResultType);
    put(out, result.index);
    put(out, result.startNanoseconds);
    put(out, result.endNanoseconds);
    put(out, result.cpuNanoseconds);
    // A task has at most kMaxTaskNumber (50) values: one byte counts them.
    put(out, static_cast<std::uint8_t>(result.values.size()));
    for (const FiboValue value : result.values)
        put(out, value);
    return out;
}

Request decodeRequest(const std::byte* bytes)
{
    std::size_t offset = 0;
    Request request;
    request.index = get<std::uint32_t>(bytes, offset);
    request.n = get<std::uint32_t>(bytes, offset);
    return request;
}

void MessageDecoder::feed(const std::byte* bytes, std::size_t size)
{
    // Drop what was already decoded before growing: the buffer stays the size of one message.
    if (m_consumed > 0) {
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(m_consumed));
        m_consumed = 0;
    }
    m_buffer.insert(m_buffer.end(), bytes, bytes + size);
}

bool MessageDecoder::next(WorkerMessage& message)
{
    if (!m_error.empty() || pending() == 0)
        return false;
    const std::byte* bytes = m_buffer.data() + m_consumed;
    const std::size_t available = pending();
    std::size_t offset = 0;
    const auto type = get<std::uint8_t>(bytes, offset);
    if (type == kReadyType) {
        if (available < kReadySize)
            return false;
        Ready ready;
        ready.magic = get<std::uint32_t>(bytes, offset);
        ready.version = get<std::uint16_t>(bytes, offset);
        ready.readyNanoseconds = get<std::int64_t>(bytes, offset);
        if (ready.magic != kMagic) {
            m_error = "its first message is not a calcprof worker's (is the worker executable the right program?)";
            return false;
        }
        if (ready.version != kVersion) {
            m_error = "it speaks protocol version " + std::to_string(ready.version) + ", this calcprof speaks "
                + std::to_string(kVersion) + " (a worker executable of another build?)";
            return false;
        }
        m_consumed += kReadySize;
        message = ready;
        return true;
    }
    if (type == kResultType) {
        if (available < kResultHeaderSize)
            return false;
        Result result;
        result.index = get<std::uint32_t>(bytes, offset);
        result.startNanoseconds = get<std::int64_t>(bytes, offset);
        result.endNanoseconds = get<std::int64_t>(bytes, offset);
        result.cpuNanoseconds = get<std::int64_t>(bytes, offset);
        const auto count = get<std::uint8_t>(bytes, offset);
        if (count > kMaxTaskNumber) {
            m_error = "it sent a result of " + std::to_string(count) + " values; a task has at most "
                + std::to_string(kMaxTaskNumber);
            return false;
        }
        const std::size_t size = kResultHeaderSize + count * sizeof(FiboValue);
        if (available < size)
            return false;
        result.values.resize(count);
        for (FiboValue& value : result.values)
            value = get<FiboValue>(bytes, offset);
        m_consumed += size;
        message = std::move(result);
        return true;
    }
    m_error = "it sent a message of unknown type " + std::to_string(type);
    return false;
}

bool sendAll(int fd, const std::vector<std::byte>& bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t written = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        sent += static_cast<std::size_t>(written);
    }
    return true;
}

} // namespace calcprof::workerprotocol
