// libFuzzer target for calcprof::parseCommandLine().
//
// The input bytes are argv without the program name: arguments separated by NUL bytes (argv cannot
// hold one), each decoded as UTF-8 the way main() decodes them. Properties:
//   - it never throws, and never writes anything: it runs in a private sandbox folder (the current
//     directory and TMPDIR, holding an empty folder, a file and a folder with a res1.txt) whose
//     listing must be unchanged after every input;
//   - an accepted command line has a plan that validatePlan() accepts, with every value in range,
//     consistent window-scripting flags, and that is read back the same from its canonical arguments;
//   - a refusal has a message; arguments are data, never a format: every '%' typed as '#' instead
//     gives the same answer, the message changed alike (a message may quote a value more than once).

#include "app/cli/commandline.h"
#include "core/model/experimentplan.h"
#include "fuzzsupport.h"

#include <QDir>
#include <QString>
#include <QStringList>

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace {

using calcprof::CommandLine;
using calcprof::CommandLineParse;
using calcprof::ExperimentPlan;
using calcprof::fuzz::fail;
using calcprof::fuzz::require;

namespace fs = std::filesystem;

fs::path g_sandbox;
std::map<std::string, std::uintmax_t> g_snapshot;

// Every entry under the sandbox, with its size (folders: 0).
std::map<std::string, std::uintmax_t> listing()
{
    std::map<std::string, std::uintmax_t> entries;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(g_sandbox, error); !error && it != fs::end(it);
         it.increment(error)) {
        const bool file = it->is_regular_file(error);
        entries[it->path().lexically_relative(g_sandbox).string()] = file ? it->file_size(error) : 0;
    }
    if (error)
        fail("the sandbox can be listed", QString::fromStdString(error.message()));
    return entries;
}

void removeSandbox()
{
    std::error_code ignored;
    fs::current_path(g_sandbox.parent_path(), ignored);
    fs::remove_all(g_sandbox, ignored);
}

QString describe(const QStringList& arguments)
{
    QString text;
    for (const QString& argument : arguments)
        text += u'[' + argument + u']';
    return QStringLiteral("arguments ") + text;
}

// The arguments that ask for exactly `command`, in the --name=value form (a value may start with '-').
QStringList canonicalArguments(const CommandLine& command)
{
    const ExperimentPlan& plan = command.plan;
    const auto option = [](const char* name, const QString& value) -> QString {
        return QStringLiteral("--") + QLatin1StringView(name) + u'=' + value;
    };
    QStringList arguments;
    if (command.headless)
        arguments << QStringLiteral("--headless");
    if (command.quiet)
        arguments << QStringLiteral("--quiet");
    arguments << option("sets", calcprof::formatNumberSets(plan.sets))
              << option("strategies", plan.strategies.join(u','))
              << option("pool-size", calcprof::formatPoolSizes(plan.poolSizes))
              << option("repeat", QString::number(plan.repeat)) << option("warmup", QString::number(plan.warmup))
              << option("csv-mode", plan.csv.mode) << option("csv-set", QString::number(plan.csv.setIndex))
              << option("header-bytes", QString::number(plan.csv.row.headerBytes))
              << option("footer-bytes", QString::number(plan.csv.row.footerBytes));
    if (!plan.csv.directory.isEmpty())
        arguments << option("csv-dir", plan.csv.directory);
    if (plan.csv.fsync)
        arguments << QStringLiteral("--fsync");
    if (plan.csv.keepFiles)
        arguments << QStringLiteral("--keep-files");
    if (!command.jsonPath.isEmpty())
        arguments << option("json", command.jsonPath);
    if (command.runOnStart)
        arguments << QStringLiteral("--run");
    if (!command.exportPngPath.isEmpty())
        arguments << option("export-png", command.exportPngPath);
    if (command.quitWhenDone)
        arguments << QStringLiteral("--quit");
    return arguments;
}

bool samePlan(const ExperimentPlan& a, const ExperimentPlan& b)
{
    return a.sets == b.sets && a.strategies == b.strategies && a.poolSizes == b.poolSizes && a.repeat == b.repeat
        && a.warmup == b.warmup && a.csv.mode == b.csv.mode && a.csv.setIndex == b.csv.setIndex
        && a.csv.directory == b.csv.directory && a.csv.row.headerBytes == b.csv.row.headerBytes
        && a.csv.row.footerBytes == b.csv.row.footerBytes && a.csv.fsync == b.csv.fsync
        && a.csv.keepFiles == b.csv.keepFiles;
}

bool sameCommand(const CommandLine& a, const CommandLine& b)
{
    return a.action == b.action && samePlan(a.plan, b.plan) && a.jsonPath == b.jsonPath && a.quiet == b.quiet
        && a.headless == b.headless && a.runOnStart == b.runOnStart && a.exportPngPath == b.exportPngPath
        && a.quitWhenDone == b.quitWhenDone;
}

void checkAccepted(const CommandLine& command, const QString& detail)
{
    const ExperimentPlan& plan = command.plan;
    require(calcprof::validatePlan(plan).isEmpty(), "an accepted plan passes validatePlan()",
        detail + QStringLiteral(" -> ") + calcprof::validatePlan(plan));

    require(!plan.sets.empty() && plan.sets.size() <= static_cast<std::size_t>(calcprof::kMaxSets), "1..kMaxSets sets",
        detail);
    for (const calcprof::NumberSet& set : plan.sets) {
        require(!set.empty() && set.size() <= static_cast<std::size_t>(calcprof::kMaxNumbersPerSet),
            "1..kMaxNumbersPerSet numbers per set", detail);
        for (const int n : set)
            require(n >= 0 && n <= calcprof::kMaxTaskNumber, "numbers in 0..kMaxTaskNumber", detail);
    }
    const QStringList knownStrategies = calcprof::builtinStrategies().ids();
    require(!plan.strategies.isEmpty(), "at least one strategy", detail);
    for (qsizetype index = 0; index < plan.strategies.size(); ++index) {
        require(knownStrategies.contains(plan.strategies.at(index)), "known strategies only", detail);
        require(plan.strategies.indexOf(plan.strategies.at(index)) == index, "no strategy twice", detail);
    }
    require(!plan.poolSizes.empty(), "at least one pool size", detail);
    for (std::size_t index = 0; index < plan.poolSizes.size(); ++index) {
        const int poolSize = plan.poolSizes[index];
        require(poolSize == calcprof::kAutoPoolSize || (poolSize >= 1 && poolSize <= calcprof::maxPoolSize()),
            "pool sizes auto or 1..maxPoolSize()", detail);
        require(std::count(plan.poolSizes.begin(), plan.poolSizes.end(), poolSize) == 1, "no pool size twice", detail);
    }
    require(plan.warmup >= 0 && plan.warmup <= calcprof::kMaxWarmup, "warmup in 0..kMaxWarmup", detail);
    require(plan.repeat >= 1 && plan.repeat <= calcprof::kMaxRepeat, "repeat in 1..kMaxRepeat", detail);
    require(plan.csv.mode == QStringLiteral("none") || calcprof::builtinCsvModes().ids().contains(plan.csv.mode),
        "CSV mode none or a known one", detail);
    require(plan.csv.setIndex >= 1 && plan.csv.setIndex <= static_cast<int>(plan.sets.size()),
        "CSV set in 1..number of sets", detail);
    require(plan.csv.row.headerBytes <= calcprof::kMaxPaddingBytes
            && plan.csv.row.footerBytes <= calcprof::kMaxPaddingBytes,
        "header and footer bytes in 0..kMaxPaddingBytes", detail);

    const bool opens = !command.openPath.isEmpty();
    require(!command.headless
            || (!command.runOnStart && !command.quitWhenDone && command.exportPngPath.isEmpty() && !opens),
        "--headless never with --run/--open/--export-png/--quit", detail);
    require(!(opens && command.runOnStart), "--open never with --run", detail);
    require(!command.quitWhenDone || command.runOnStart || opens, "--quit needs --run or --open", detail);
    require(
        command.exportPngPath.isEmpty() || command.runOnStart || opens, "--export-png needs --run or --open", detail);

    if (command.action != CommandLine::Action::Run) {
        const ExperimentPlan defaults;
        require(samePlan(plan, defaults) && !command.planGiven, "--help/--version/--list-*: the default plan", detail);
        return;
    }
    const QStringList canonical = canonicalArguments(command);
    const CommandLineParse again = calcprof::parseCommandLine(canonical);
    require(again.ok() && sameCommand(again.commandLine, command), "the canonical arguments read back the same",
        detail + QStringLiteral(" -> ") + describe(canonical) + QStringLiteral(" -> ") + again.error);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/)
{
    // A private folder as the current directory and TMPDIR (the default CSV folder's parent), so that
    // relative paths land where a write would show.
    const char* parent = std::getenv("TMPDIR");
    std::string pattern = std::string(parent != nullptr && *parent != '\0' ? parent : "/tmp") + "/calcprof-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        fail("a sandbox folder can be created");
    g_sandbox = fs::path(pattern);
    fs::create_directory(g_sandbox / "out");
    fs::create_directory(g_sandbox / "tmp");
    fs::create_directory(g_sandbox / "results");
    std::ofstream(g_sandbox / "results" / "res1.txt") << "hhh,1,fff\r\n";
    std::ofstream(g_sandbox / "file.txt") << "not a folder\n";
    std::ofstream(g_sandbox / "report.json") << "{}\n";
    fs::current_path(g_sandbox);
    ::setenv("TMPDIR", (g_sandbox / "tmp").c_str(), 1);
    require(QDir::tempPath() == QString::fromStdString((g_sandbox / "tmp").string()), "TMPDIR is the sandbox's");
    std::atexit(removeSandbox);
    g_snapshot = listing();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    QStringList arguments;
    std::size_t begin = 0;
    for (std::size_t index = 0; size > 0 && index <= size; ++index) {
        if (index == size || data[index] == 0) {
            arguments << QString::fromUtf8(
                reinterpret_cast<const char*>(data) + begin, static_cast<qsizetype>(index - begin));
            begin = index + 1;
        }
    }

    CommandLineParse parsed;
    try {
        parsed = calcprof::parseCommandLine(arguments);
    } catch (const std::exception& error) {
        fail("parseCommandLine never throws", QString::fromUtf8(error.what()));
    } catch (...) {
        fail("parseCommandLine never throws");
    }
    const QString detail = describe(arguments);

    if (parsed.ok())
        checkAccepted(parsed.commandLine, detail);
    else
        require(!parsed.error.isEmpty(), "a refusal says why", detail);
    if (arguments.join(QString()).contains(u'%')) {
        // The user's text is data, never a format: with every '%' typed as '#' instead, the answer is
        // the same, and the message changes by that same substitution (no message of calcprof's own
        // holds a '%'). A "%1" that a chained QString::arg() call replaced breaks this.
        QStringList hashed = arguments;
        for (QString& argument : hashed)
            argument.replace(u'%', u'#');
        const CommandLineParse other = calcprof::parseCommandLine(hashed);
        QString expected = parsed.error;
        expected.replace(u'%', u'#');
        require(other.ok() == parsed.ok() && other.error == expected,
            "'%' in the arguments is plain text: typed as '#', the message differs by the same substitution",
            detail + QStringLiteral(" -> ") + parsed.error + QStringLiteral("; with '#': ") + other.error);
    }
    require(listing() == g_snapshot, "nothing is written: the sandbox is unchanged", detail);
    return 0;
}
