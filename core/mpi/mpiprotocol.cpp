#include "core/mpi/mpiprotocol.h"

#include <charconv>

namespace calcprof::mpiprotocol {

namespace {

template <typename... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
// Spelled out: clang before 17 does not deduce an aggregate's template arguments by itself.
template <typename... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

// Splits on single spaces; the message of `failed` is the rest of the line, handled by the caller.
std::vector<std::string_view> words(std::string_view text)
{
    std::vector<std::string_view> result;
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        result.push_back(text.substr(0, space));
        if (space == std::string_view::npos)
            break;
        text.remove_prefix(space + 1);
    }
    return result;
}

template <typename Integer> bool parse(std::string_view word, Integer& value)
{
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
    return error == std::errc() && end == word.data() + word.size();
}

} // namespace

std::string encode(const Event& event)
{
    std::string line(kPrefix);
    std::visit(Overloaded {
                   [&line](const Clock& clock) {
                       line += "clock " + clock.host + ' ' + std::to_string(clock.pid) + ' '
                           + std::to_string(clock.nanoseconds);
                   },
                   [&line](const Ready& ready) {
                       line += "ready " + std::to_string(ready.rank) + ' ' + ready.host + ' '
                           + std::to_string(ready.pid) + ' ' + std::to_string(ready.nanoseconds);
                   },
                   [&line](const Sent& sent) {
                       line += "sent " + std::to_string(sent.index) + ' ' + std::to_string(sent.rank);
                   },
                   [&line](const Result& result) {
                       line += "result " + std::to_string(result.index) + ' ' + std::to_string(result.rank) + ' '
                           + std::to_string(result.startNanoseconds) + ' ' + std::to_string(result.endNanoseconds) + ' '
                           + std::to_string(result.cpuNanoseconds);
                       for (const FiboValue value : result.values)
                           line += ' ' + std::to_string(value);
                   },
                   [&line](const Failed& failed) { line += "failed " + failed.message; },
               },
        event);
    line += '\n';
    return line;
}

std::optional<Event> decode(std::string_view line, std::string& error)
{
    error.clear();
    if (!line.starts_with(kPrefix))
        return std::nullopt;
    line.remove_prefix(kPrefix.size());
    if (line.starts_with("failed "))
        return Failed {std::string(line.substr(7))};
    const std::vector<std::string_view> parts = words(line);
    const std::string_view kind = parts.empty() ? std::string_view() : parts.front();
    bool ok = false;
    Event event;
    if (kind == "clock" && parts.size() == 4) {
        Clock clock {std::string(parts[1])};
        ok = parse(parts[2], clock.pid) && parse(parts[3], clock.nanoseconds);
        event = clock;
    } else if (kind == "ready" && parts.size() == 5) {
        Ready ready;
        ready.host = std::string(parts[2]);
        ok = parse(parts[1], ready.rank) && parse(parts[3], ready.pid) && parse(parts[4], ready.nanoseconds);
        event = ready;
    } else if (kind == "sent" && parts.size() == 3) {
        Sent sent;
        ok = parse(parts[1], sent.index) && parse(parts[2], sent.rank);
        event = sent;
    } else if (kind == "result" && parts.size() >= 6) {
        Result result;
        ok = parse(parts[1], result.index) && parse(parts[2], result.rank) && parse(parts[3], result.startNanoseconds)
            && parse(parts[4], result.endNanoseconds) && parse(parts[5], result.cpuNanoseconds);
        for (std::size_t part = 6; ok && part < parts.size(); ++part) {
            FiboValue value = 0;
            ok = parse(parts[part], value);
            result.values.push_back(value);
        }
        event = std::move(result);
    }
    if (!ok) {
        error = "malformed line from the MPI job: " + std::string(line.substr(0, 120));
        return std::nullopt;
    }
    return event;
}

bool parseNumbers(std::string_view text, std::vector<int>& numbers)
{
    numbers.clear();
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        int n = -1;
        if (!parse(text.substr(0, comma), n) || n < 0 || n > kMaxTaskNumber)
            return false;
        numbers.push_back(n);
        if (comma == std::string_view::npos)
            return true;
        text.remove_prefix(comma + 1);
    }
    return false;
}

} // namespace calcprof::mpiprotocol
