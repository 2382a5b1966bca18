// libFuzzer target for calcprof::experimentFromJson(), the reader of --json files (--baseline,
// --from-json, File → Open results…), which takes whatever file a user points it at.
//
// Properties, for any bytes:
//   - it never crashes or throws;
//   - it either reads an experiment and has no error, or has an error that names the file and no
//     runs (nothing half-read);
//   - what it reads, written back with toJsonBytes() and read again, gives the same runs: the reader
//     accepts exactly what the writer writes (the raw write reference included).

#include "core/io/resultsjson.h"
#include "core/io/resultsjsonreader.h"
#include "fuzzsupport.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using calcprof::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QString name = QStringLiteral("input.json");
    const calcprof::ExperimentRead read = calcprof::experimentFromJson(bytes, name);
    if (!read.ok()) {
        require(read.error.startsWith(name + QStringLiteral(": ")), "an error names the file", read.error);
        require(read.experiment.runs.empty() && read.experiment.csv.empty(), "nothing half-read", read.error);
        return 0;
    }
    const calcprof::ExperimentRead again = calcprof::experimentFromJson(calcprof::toJsonBytes(read.experiment), name);
    require(again.ok(), "what was read writes back readable", again.error);
    require(again.experiment.runs.size() == read.experiment.runs.size(), "the same runs come back");
    require(again.experiment.rawWrites == read.experiment.rawWrites, "the same raw write reference comes back");
    for (std::size_t index = 0; index < read.experiment.runs.size(); ++index) {
        require(
            again.experiment.runs[index].numbers == read.experiment.runs[index].numbers, "the same numbers come back");
        require(again.experiment.runs[index].tasks.size() == read.experiment.runs[index].tasks.size(),
            "the same tasks come back");
    }
    return 0;
}
