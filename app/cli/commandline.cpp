#include "app/cli/commandline.h"

#include "core/io/outputclash.h"
#include "core/io/outputfile.h"
#include "core/io/resultsjsonreader.h"
#include "core/model/environment.h"
#include "core/model/numbersets.h"
#include "core/python/pythonstrategy.h"
#include "core/report/reportfile.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>

namespace calcprof {

namespace {

// Option names, in one place: they are a contract with the GUI, the report and outside scripts.
const QString kHeadless = QStringLiteral("headless");
const QString kSets = QStringLiteral("sets");
const QString kStrategies = QStringLiteral("strategies");
const QString kPoolSize = QStringLiteral("pool-size");
const QString kRepeat = QStringLiteral("repeat");
const QString kWarmup = QStringLiteral("warmup");
const QString kRetryDisturbed = QStringLiteral("retry-disturbed");
const QString kPrecision = QStringLiteral("precision");
const QString kMaxTime = QStringLiteral("max-time");
const QString kCsvMode = QStringLiteral("csv-mode");
const QString kCsvSet = QStringLiteral("csv-set");
const QString kCsvDir = QStringLiteral("csv-dir");
const QString kCsvRepeat = QStringLiteral("csv-repeat");
const QString kCsvPoolSize = QStringLiteral("csv-pool-size");
const QString kHeaderBytes = QStringLiteral("header-bytes");
const QString kFooterBytes = QStringLiteral("footer-bytes");
const QString kFsync = QStringLiteral("fsync");
const QString kKeepFiles = QStringLiteral("keep-files");
const QString kJson = QStringLiteral("json");
const QString kTrace = QStringLiteral("trace");
const QString kBaseline = QStringLiteral("baseline");
const QString kReport = QStringLiteral("report");
const QString kFromJson = QStringLiteral("from-json");
const QString kOpen = QStringLiteral("open");
const QString kQuiet = QStringLiteral("quiet");
const QString kListStrategies = QStringLiteral("list-strategies");
const QString kListCsvModes = QStringLiteral("list-csv-modes");
const QString kHelp = QStringLiteral("help");
const QString kVersion = QStringLiteral("version");
const QString kRun = QStringLiteral("run");
const QString kExportPng = QStringLiteral("export-png");
const QString kQuit = QStringLiteral("quit");
const QString kView = QStringLiteral("view");
const QString kViewSet = QStringLiteral("view-set");
const QString kViewStrategy = QStringLiteral("view-strategy");
const QString kViewPoolSize = QStringLiteral("view-pool-size");
// The mpi strategy's (checked by validatePlan(), like the window's fields).
const QString kMpiHostfile = QStringLiteral("mpi-hostfile");
const QString kMpiLauncher = QStringLiteral("mpi-launcher");
// The py-* strategies' (the interpreter is checked by validatePlan(), like the window's field).
const QString kPython = QStringLiteral("python");
const QString kPyStartMethod = QStringLiteral("py-start-method");
// The user's own program (its arguments follow `--`).
const QString kScript = QStringLiteral("script");
const QString kScriptDir = QStringLiteral("script-dir");
const QString kEndOfOptions = QStringLiteral("--");

void addOptions(QCommandLineParser& parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QStringList flags {
        kHeadless, kFsync, kKeepFiles, kQuiet, kListStrategies, kListCsvModes, kVersion, kRun, kQuit};
    for (const QString& flag : flags)
        parser.addOption(QCommandLineOption(flag));
    parser.addOption(QCommandLineOption(QStringList {QStringLiteral("h"), kHelp}));
    const QStringList valued {kSets, kStrategies, kPoolSize, kRepeat, kWarmup, kPrecision, kMaxTime, kRetryDisturbed,
        kCsvMode, kCsvSet, kCsvDir, kCsvRepeat, kCsvPoolSize, kHeaderBytes, kFooterBytes, kJson, kTrace, kReport,
        kBaseline, kFromJson, kOpen, kExportPng, kView, kViewSet, kViewStrategy, kViewPoolSize};
    for (const QString& name : valued)
        parser.addOption(QCommandLineOption(name, QString(), QStringLiteral("value")));
    for (const QString& name : {kMpiHostfile, kMpiLauncher, kPython, kPyStartMethod, kScript, kScriptDir})
        parser.addOption(QCommandLineOption(name, QString(), QStringLiteral("value")));
}

// A whole decimal number in [minimum, maximum]; nullopt for anything else (signs, spaces, 1e3, 0x10…).
std::optional<qint64> parseWholeNumber(const QString& text, qint64 minimum, qint64 maximum)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 value = text.toLongLong();
    if (value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

// Byte counts accept an optional decimal suffix: 100M = 100 000 000, 2G, 512K.
std::optional<std::uint64_t> parseByteCount(const QString& text)
{
    QString digits = text.trimmed();
    std::uint64_t multiplier = 1;
    if (!digits.isEmpty()) {
        switch (digits.back().toUpper().unicode()) {
        case u'K': multiplier = 1000; break;
        case u'M': multiplier = 1000ULL * 1000; break;
        case u'G': multiplier = 1000ULL * 1000 * 1000; break;
        default: break;
        }
        if (multiplier != 1)
            digits.chop(1);
    }
    const std::optional<qint64> value = parseWholeNumber(digits, 0, static_cast<qint64>(kMaxPaddingBytes));
    if (!value || static_cast<std::uint64_t>(*value) > kMaxPaddingBytes / multiplier)
        return std::nullopt;
    return static_cast<std::uint64_t>(*value) * multiplier;
}

QString listing(const auto& entries)
{
    QString text;
    for (const auto* entry : entries)
        text += entry->id() + u'\t' + entry->displayName() + u'\n';
    return text;
}

// --help, --version and the listings: they print something and take no other option.
std::optional<CommandLine::Action> informationAction(const QCommandLineParser& parser)
{
    if (parser.isSet(kHelp))
        return CommandLine::Action::Help;
    if (parser.isSet(kVersion))
        return CommandLine::Action::Version;
    if (parser.isSet(kListStrategies))
        return CommandLine::Action::ListStrategies;
    if (parser.isSet(kListCsvModes))
        return CommandLine::Action::ListCsvModes;
    return std::nullopt;
}

// Each parse*() below reads one group of options into `command`: empty, or why the first bad option
// (in the order of the help text) is refused.

/// A finite number in [minimum, maximum] with an optional unit suffix (`suffix`, e.g. "%" or "s").
std::optional<double> parseBoundedNumber(QString text, const QString& suffix, double minimum, double maximum)
{
    text = text.trimmed();
    if (text.endsWith(suffix))
        text = text.chopped(suffix.size()).trimmed();
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

// --repeat auto, --precision, --max-time.
QString parseAutoRepeat(const QCommandLineParser& parser, ExperimentPlan& plan)
{
    if (parser.isSet(kRepeat) && parser.value(kRepeat).trimmed() == QStringLiteral("auto")) {
        plan.autoRepeat.enabled = true;
        plan.repeat = kMinAutoRepeat;
    }
    for (const QString& option : {kPrecision, kMaxTime}) {
        if (parser.isSet(option) && !plan.autoRepeat.enabled)
            return QStringLiteral("--%1 goes with --repeat auto: it says when auto stops adding runs").arg(option);
    }
    if (parser.isSet(kPrecision)) {
        const auto percent = parseBoundedNumber(
            parser.value(kPrecision), QStringLiteral("%"), kMinPrecision * 100.0, kMaxPrecision * 100.0);
        if (!percent)
            return QStringLiteral("--precision: '%1' is not allowed; use a percentage from %2 to %3 (e.g. 3 or 2.5%)")
                .arg(parser.value(kPrecision))
                .arg(kMinPrecision * 100.0)
                .arg(kMaxPrecision * 100.0);
        plan.autoRepeat.precision = *percent / 100.0;
    }
    if (parser.isSet(kMaxTime)) {
        const auto seconds = parseBoundedNumber(parser.value(kMaxTime), QStringLiteral("s"), 1.0, kMaxSecondsPerSet);
        if (!seconds)
            return QStringLiteral("--max-time: '%1' is not allowed; use seconds from 1 to %2")
                .arg(parser.value(kMaxTime))
                .arg(kMaxSecondsPerSet);
        plan.autoRepeat.maxSecondsPerSet = *seconds;
    }
    return {};
}

// --sets, --strategies, --pool-size, --repeat, --warmup, --retry-disturbed.
QString parseWorkload(const QCommandLineParser& parser, CommandLine& command)
{
    ExperimentPlan& plan = command.plan;
    if (parser.isSet(kSets)) {
        const NumberSetsParse sets = parseNumberSets(parser.value(kSets));
        if (!sets.ok())
            return QStringLiteral("--sets: ") + sets.error;
        plan.sets = sets.sets;
    }
    if (parser.isSet(kStrategies)) {
        plan.strategies.clear();
        const QStringList ids = parser.value(kStrategies).split(u',');
        for (const QString& id : ids) {
            if (id.trimmed().isEmpty())
                return QStringLiteral("--strategies: empty name in '%1'; give a comma-separated list from %2")
                    .arg(parser.value(kStrategies), builtinStrategies().ids().join(u','));
            plan.strategies << id.trimmed();
        }
    }
    if (parser.isSet(kPoolSize)) {
        const PoolSizesParse sizes = parsePoolSizes(parser.value(kPoolSize));
        if (!sizes.ok())
            return QStringLiteral("--pool-size: ") + sizes.error;
        plan.poolSizes = sizes.poolSizes;
    }
    if (QString error = parseAutoRepeat(parser, plan); !error.isEmpty())
        return error;
    // --repeat, --warmup and --retry-disturbed: run counts within their range, refused with the text as given.
    for (const auto& [option, minimum, maximum, count] :
        {std::tuple {kRepeat, 1, kMaxRepeat, &plan.repeat}, std::tuple {kWarmup, 0, kMaxWarmup, &plan.warmup},
            std::tuple {kRetryDisturbed, 0, kMaxRetryDisturbed, &plan.retryDisturbed}}) {
        if (!parser.isSet(option) || (option == kRepeat && plan.autoRepeat.enabled))
            continue;
        const std::optional<qint64> value = parseWholeNumber(parser.value(option).trimmed(), minimum, maximum);
        if (!value)
            return QStringLiteral("--%1: '%2' is not allowed; use a whole number from %3 to %4%5")
                .arg(option, parser.value(option), QString::number(minimum), QString::number(maximum),
                    option == kRepeat ? QStringLiteral(", or auto") : QString());
        *count = static_cast<int>(*value);
    }
    return {};
}

// --csv-mode, --csv-set, --csv-dir, --csv-repeat, --csv-pool-size: which stages, whose values, where,
// how many rounds, how many writers.
QString parseCsvStage(const QCommandLineParser& parser, CommandLine& command)
{
    CsvOptions& csv = command.plan.csv;
    if (parser.isSet(kCsvMode)) {
        csv.mode = parser.value(kCsvMode).trimmed();
        if (csv.mode == QStringLiteral("all"))
            csv.mode = allCsvModesList();
    }
    if (parser.isSet(kCsvSet)) {
        const std::optional<qint64> set = parseWholeNumber(parser.value(kCsvSet).trimmed(), 1, kMaxSets);
        if (!set)
            return QStringLiteral("--csv-set: '%1' is not allowed; use a set number from 1 to %2")
                .arg(parser.value(kCsvSet), QString::number(command.plan.sets.size()));
        csv.setIndex = static_cast<int>(*set);
    }
    if (parser.isSet(kCsvDir)) {
        csv.directory = parser.value(kCsvDir);
        if (csv.directory.isEmpty())
            return QStringLiteral("--csv-dir: the folder name is empty");
    }
    for (const auto& [option, maximum, count] :
        {std::tuple {kCsvRepeat, kMaxRepeat, &csv.repeat}, std::tuple {kCsvPoolSize, maxPoolSize(), &csv.poolSize}}) {
        if (!parser.isSet(option))
            continue;
        const std::optional<qint64> value = parseWholeNumber(parser.value(option).trimmed(), 1, maximum);
        if (!value)
            return QStringLiteral("--%1: '%2' is not allowed; use a whole number from 1 to %3")
                .arg(option, parser.value(option), QString::number(maximum));
        *count = static_cast<int>(*value);
    }
    return {};
}

// --mpi-hostfile, --mpi-launcher (their files are checked by validatePlan(), like the window's fields).
QString parseMpiOptions(const QCommandLineParser& parser, CommandLine& command)
{
    MpiOptions& mpi = command.plan.strategyOptions.mpi;
    for (const auto& [option, value] : {std::pair {kMpiHostfile, &mpi.hostfile}, {kMpiLauncher, &mpi.launcher}}) {
        if (parser.isSet(option) && (*value = parser.value(option)).isEmpty())
            return QStringLiteral("--%1: the file name is empty").arg(option);
    }
    return {};
}

// --python, --py-start-method (the interpreter is checked by validatePlan(), like the window's field).
QString parsePythonOptions(const QCommandLineParser& parser, CommandLine& command)
{
    PythonOptions& python = command.plan.strategyOptions.python;
    if (parser.isSet(kPython) && (python.interpreter = parser.value(kPython)).isEmpty())
        return QStringLiteral("--python: the interpreter name is empty");
    if (parser.isSet(kPyStartMethod)) {
        python.startMethod = parser.value(kPyStartMethod);
        if (QString problem = checkPythonStartMethod(python.startMethod); !problem.isEmpty())
            return QStringLiteral("--py-start-method: ") + problem;
    }
    return {};
}

// --script FILE.py, --script-dir DIR: the user's program, alone unless --strategies names some (the
// file and the folder are checked by validatePlan(), like the window's). Its arguments came after `--`.
QString parseScript(
    const QCommandLineParser& parser, CommandLine& command, const std::optional<QStringList>& scriptArguments)
{
    ScriptPlan& script = command.plan.script;
    if (!parser.isSet(kScript)) {
        if (parser.isSet(kScriptDir))
            return QStringLiteral("--script-dir is where --script runs: it needs --script FILE.py");
        if (scriptArguments)
            return QStringLiteral("'--' starts the script's arguments: it needs --script FILE.py");
        return {};
    }
    if (parser.value(kScript).isEmpty())
        return QStringLiteral("--script: the file name is empty");
    script.path = QFileInfo(parser.value(kScript)).absoluteFilePath();
    script.arguments = scriptArguments.value_or(QStringList());
    if (parser.isSet(kScriptDir)) {
        if (parser.value(kScriptDir).isEmpty())
            return QStringLiteral("--script-dir: the folder name is empty");
        script.workingDirectory = QFileInfo(parser.value(kScriptDir)).absoluteFilePath();
    }
    if (!parser.isSet(kStrategies))
        command.plan.strategies.clear();
    return {};
}

// --header-bytes, --footer-bytes, --fsync, --keep-files: what each CSV file holds and what becomes of it.
QString parseCsvFiles(const QCommandLineParser& parser, CommandLine& command)
{
    CsvOptions& csv = command.plan.csv;
    for (const QString& option : {kHeaderBytes, kFooterBytes}) {
        if (!parser.isSet(option))
            continue;
        const std::optional<std::uint64_t> bytes = parseByteCount(parser.value(option));
        if (!bytes)
            return QStringLiteral("--%1: '%2' is not allowed; use a byte count from 0 to %3 "
                                  "(suffixes K, M, G multiply by 1000, 10^6, 10^9)")
                .arg(option, parser.value(option), QString::number(kMaxPaddingBytes));
        (option == kHeaderBytes ? csv.row.headerBytes : csv.row.footerBytes) = *bytes;
    }
    csv.fsync = parser.isSet(kFsync);
    csv.keepFiles = parser.isSet(kKeepFiles);
    return {};
}

// --json, --trace, --report, --baseline: checked (or read) now, so a bad path fails before anything runs.
QString parseOutputFiles(const QCommandLineParser& parser, CommandLine& command)
{
    if (parser.isSet(kJson)) {
        command.jsonPath = parser.value(kJson);
        if (QString error = checkOutputFile(command.jsonPath); !error.isEmpty())
            return QStringLiteral("--json: ") + error;
    }
    if (parser.isSet(kTrace)) {
        command.tracePath = parser.value(kTrace);
        if (QString error = checkOutputFile(command.tracePath); !error.isEmpty())
            return QStringLiteral("--trace: ") + error;
    }
    if (parser.isSet(kReport)) {
        command.reportPath = parser.value(kReport);
        if (QString error = checkReportFile(command.reportPath); !error.isEmpty())
            return QStringLiteral("--report: ") + error;
        if (!command.headless && !parser.isSet(kFromJson))
            return QStringLiteral("--report writes the report of a console run: use it with --headless or "
                                  "--from-json (in the window: File > Save report...)");
    }
    if (parser.isSet(kBaseline)) {
        command.baselinePath = parser.value(kBaseline);
        ExperimentRead read = readExperimentJson(command.baselinePath);
        if (!read.ok())
            return QStringLiteral("--baseline: ") + read.error;
        command.baseline = std::move(read.experiment);
    }
    return {};
}

// --view-set, --view-strategy, --view-pool-size: which set, run or pool size the exported --view shows.
// Whether the run has it is known only when it is done (the window then says what is missing).
QString parseViewFocus(const QCommandLineParser& parser, CommandLine& command)
{
    if (!parser.isSet(kViewSet) && !parser.isSet(kViewStrategy) && !parser.isSet(kViewPoolSize))
        return {};
    if (command.view.isEmpty() || command.view == QStringLiteral("csv") || command.view == QStringLiteral("findings")
        || command.view == QStringLiteral("program"))
        return QStringLiteral("--view-set, --view-strategy and --view-pool-size choose what --view time, speedup "
                              "or timeline shows: give one of those views");
    ViewFocus& focus = command.viewFocus;
    if (parser.isSet(kViewSet)) {
        const std::optional<qint64> set = parseWholeNumber(parser.value(kViewSet).trimmed(), 1, kMaxSets);
        if (!set)
            return QStringLiteral("--view-set: '%1' is not a set; give its number, 1 to %2")
                .arg(parser.value(kViewSet))
                .arg(kMaxSets);
        focus.setIndex = static_cast<int>(*set);
    }
    if (parser.isSet(kViewStrategy)) {
        focus.strategy = parser.value(kViewStrategy).trimmed();
        if (!builtinStrategies().ids().contains(focus.strategy))
            return QStringLiteral("--view-strategy: unknown strategy '%1'; choose from %2")
                .arg(parser.value(kViewStrategy), builtinStrategies().ids().join(u','));
    }
    if (parser.isSet(kViewPoolSize)) {
        const PoolSizesParse size = parsePoolSizes(parser.value(kViewPoolSize));
        if (!size.ok() || size.poolSizes.size() != 1)
            return QStringLiteral("--view-pool-size: '%1' is not one pool size; give auto or a whole number")
                .arg(parser.value(kViewPoolSize));
        focus.poolSize = size.poolSizes.front();
    }
    return {};
}

// --export-png, --view, --run, --quit: they script the window, so they need each other and no --headless.
QString parseWindowScript(const QCommandLineParser& parser, CommandLine& command)
{
    if (parser.isSet(kExportPng)) {
        command.exportPngPath = parser.value(kExportPng);
        if (QString error = checkOutputFile(command.exportPngPath); !error.isEmpty())
            return QStringLiteral("--export-png: ") + error;
    }
    if (parser.isSet(kView)) {
        command.view = parser.value(kView).trimmed();
        if (!chartViewNames().contains(command.view))
            return QStringLiteral("--view: '%1' is not a view; choose from %2")
                .arg(parser.value(kView), chartViewNames().join(u','));
        if (command.exportPngPath.isEmpty())
            return QStringLiteral("--view chooses the chart --export-png saves: it needs --export-png");
    }
    if (QString error = parseViewFocus(parser, command); !error.isEmpty())
        return error;
    // The window profiles a --script at once, as File → Profile a Python script… does.
    command.runOnStart = parser.isSet(kRun) || (!command.headless && command.plan.script.enabled());
    command.quitWhenDone = parser.isSet(kQuit);
    command.openPath = parser.value(kOpen);
    const bool open = parser.isSet(kOpen);
    if (open && command.openPath.isEmpty())
        return QStringLiteral("--open: the file name is empty");
    if (command.headless && (command.runOnStart || command.quitWhenDone || !command.exportPngPath.isEmpty() || open))
        return QStringLiteral("--run, --open, --export-png and --quit script the window; they cannot go with "
                              "--headless (--from-json reads saved results in the console)");
    if (open && command.runOnStart)
        return QStringLiteral("--open shows saved results and --run starts a new run: give one of them");
    if (command.quitWhenDone && !command.runOnStart && !open)
        return QStringLiteral("--quit quits when the run is done: it needs --run (or --open)");
    if (!command.exportPngPath.isEmpty() && !command.runOnStart && !open)
        return QStringLiteral("--export-png exports the chart of a run: it needs --run (or --open)");
    return {};
}

// No two outputs may write one file (--json o.html --report o.html would lose the JSON without a
// word): refused before anything runs, naming both options. The CSV stage's folder owns its result
// files, a Markdown report's figures folder everything in it.
QString parseDistinctOutputs(const QCommandLineParser& parser, const CommandLine& command)
{
    std::vector<NamedOutput> outputs;
    for (const auto& [option, path] : {std::pair {kJson, &command.jsonPath}, {kTrace, &command.tracePath},
             {kReport, &command.reportPath}, {kExportPng, &command.exportPngPath}}) {
        if (!path->isEmpty())
            outputs.push_back({QStringLiteral("--") + option, *path, {}});
    }
    if (reportFormatOf(command.reportPath) == ReportFormat::Markdown)
        outputs.push_back({QStringLiteral("--report's figures folder"), reportFiguresFolder(command.reportPath),
            QStringLiteral("*")});
    const CsvOptions& csv = command.plan.csv;
    if (parser.isSet(kCsvDir) && csv.enabled())
        outputs.push_back({QStringLiteral("--") + kCsvDir, csv.directory, QStringLiteral("res*.txt")});
    return findOutputClash(outputs);
}

// Whether any option of the plan was given (the window then starts with it, not with its settings).
bool anyPlanOption(const QCommandLineParser& parser)
{
    const QStringList planOptions {kSets, kStrategies, kPoolSize, kRepeat, kWarmup, kPrecision, kMaxTime,
        kRetryDisturbed, kCsvMode, kCsvSet, kCsvDir, kCsvRepeat, kCsvPoolSize, kHeaderBytes, kFooterBytes, kFsync,
        kKeepFiles, kMpiHostfile, kMpiLauncher, kPython, kPyStartMethod, kScript, kScriptDir};
    return std::any_of(
        planOptions.begin(), planOptions.end(), [&parser](const QString& option) { return parser.isSet(option); });
}

// --from-json: a saved run to show instead of a run, so nothing of a run may come with it.
QString parseSavedRun(const QCommandLineParser& parser, CommandLine& command)
{
    if (command.planGiven || command.runOnStart || !command.exportPngPath.isEmpty())
        return QStringLiteral("--from-json shows a saved run: it runs nothing, so it takes no workload, CSV "
                              "or window option");
    command.fromJsonPath = parser.value(kFromJson);
    ExperimentRead read = readExperimentJson(command.fromJsonPath);
    if (!read.ok())
        return QStringLiteral("--from-json: ") + read.error;
    command.saved = std::move(read.experiment);
    command.action = CommandLine::Action::FromJson;
    return {};
}

// Every option of a run (or of --from-json), group by group: empty, or why the first bad one is refused.
QString parseRunOptions(
    const QCommandLineParser& parser, CommandLine& command, const std::optional<QStringList>& scriptArguments)
{
    if (QString error = parseScript(parser, command, scriptArguments); !error.isEmpty())
        return error;
    using Parse = QString (*)(const QCommandLineParser&, CommandLine&);
    for (const Parse parse : {&parseWorkload, &parseCsvStage, &parseMpiOptions, &parsePythonOptions, &parseCsvFiles,
             &parseOutputFiles, &parseWindowScript}) {
        if (QString error = parse(parser, command); !error.isEmpty())
            return error;
    }
    if (QString error = parseDistinctOutputs(parser, command); !error.isEmpty())
        return error;
    command.planGiven = anyPlanOption(parser);
    if (parser.isSet(kFromJson))
        return parseSavedRun(parser, command);
    return validatePlan(command.plan);
}

QString usageHelp()
{
    return QStringLiteral("Usage: calcprof [options]               the desktop window\n"
                          "  or:  calcprof --headless [options]    the same runs in the console\n"
                          "Times serial and parallel strategies on the classic 'calc' exercise: naive recursive\n"
                          "Fibonacci lists for number sets, then the CSV files of the original's save_serial.\n"
                          "\n");
}

// The registered strategies of one language, "a,b,c": the help lists the C++ and the py-* ones on
// lines of their own (one unbreakable word of all would not fit a line of the man page).
QString strategyIdsIn(TaskLanguage language)
{
    QStringList ids;
    for (const Strategy* strategy : builtinStrategies().all()) {
        if (strategy->language() == language)
            ids << strategy->id();
    }
    return ids.join(u',');
}

QString workloadHelp()
{
    return QStringLiteral("Workload:\n"
                          "  --sets TEXT           number sets: ';' between sets, ',' between numbers, each 0..%1\n"
                          "                        (default \"%2\")\n"
                          "  --strategies LIST     comma-separated, from: %3,\n"
                          "                        %19 (default: all but the py-* ones,\n"
                          "                        ~90x slower: they run when named)\n"
                          "  --pool-size LIST      workers of pool, processes, mapped and tbb: auto (pool,\n"
                          "                        processes: tasks in the set, as Pool(len(set)); mapped, tbb:\n"
                          "                        cores), N from 1 to %4, a range A-B, or a comma list of\n"
                          "                        those (1-4,8,auto): a sweep; other strategies run once\n"
                          "                        (default auto)\n"
                          "  --repeat N|auto       measured runs of every set x strategy x pool size, 1..%5\n"
                          "                        (default %6); tables show medians and 95% intervals.\n"
                          "                        auto: at least %9 rounds, then more until every median's\n"
                          "                        interval is within --precision or --max-time is spent\n"
                          "  --precision P         repeat auto: the interval's half-width, %10..%11 % of the\n"
                          "                        median (default %12)\n"
                          "  --max-time S          repeat auto: seconds of rounds a set may take, 1..%13\n"
                          "                        (default %14)\n"
                          "  --warmup N            runs before the measured ones, not recorded, 0..%7 (default %8)\n"
                          "  --retry-disturbed N   measure a disturbed run again at the end of its round, up to\n"
                          "                        N times, 0..%15 (default %16; 0: off); the last attempt is\n"
                          "                        kept. Disturbed: other processes took more than %17 % of\n"
                          "                        the CPU, or the VM's steal more than %18 % (wall x cores)\n"
                          "  --mpi-hostfile FILE   mpi: run the ranks on the hosts of this Open MPI hostfile\n"
                          "                        ('host slots=N' lines; default: this machine)\n"
                          "  --mpi-launcher PATH   mpi: the mpirun to start the job with (default: mpirun on PATH)\n"
                          "  --python PATH         py-*: the Python interpreter to run the original's code in\n"
                          "                        (default: python3 on PATH)\n"
                          "  --py-start-method M   py-pool, py-futures: fork, spawn or forkserver (default: the\n"
                          "                        interpreter's own)\n"
                          "\n")
        .arg(kMaxTaskNumber)
        .arg(QLatin1StringView(kDefaultNumberSets))
        .arg(strategyIdsIn(TaskLanguage::Cpp))
        .arg(maxPoolSize())
        .arg(kMaxRepeat)
        .arg(kDefaultRepeat)
        .arg(kMaxWarmup)
        .arg(kDefaultWarmup)
        .arg(kMinAutoRepeat)
        .arg(kMinPrecision * 100.0)
        .arg(kMaxPrecision * 100.0)
        .arg(kDefaultPrecision * 100.0)
        .arg(kMaxSecondsPerSet)
        .arg(kDefaultMaxSecondsPerSet)
        .arg(kMaxRetryDisturbed)
        .arg(kDefaultRetryDisturbed)
        .arg(qRound(kCompetingShareThreshold * 100.0))
        .arg(qRound(kStealShareThreshold * 100.0))
        .arg(strategyIdsIn(TaskLanguage::Python));
}

QString csvStageHelp()
{
    return QStringLiteral("CSV stage (the original's save_serial):\n"
                          "  --csv-mode MODES      none, %1, several separated by commas (one stage\n"
                          "                        each per round), or all (the C++ ones; default none)\n"
                          "  --csv-repeat N        rounds: each runs every mode and a raw sequential write\n"
                          "                        once, in an order rotated round by round; medians are\n"
                          "                        quoted (default %2 with several modes, else 1)\n"
                          "  --csv-pool-size N     writer threads of the pool mode (default: the cores, %3)\n"
                          "  --csv-set K           whose results to write, 1-based (default 1: 43 files)\n"
                          "  --csv-dir DIR         an existing, writable folder without res*.txt in it\n"
                          "                        (default: a fresh folder under the system temp directory)\n"
                          "  --header-bytes N      bytes of 'h' before the value (default 100M; K/M/G suffixes)\n"
                          "  --footer-bytes N      bytes of 'f' after the value (default 100M)\n"
                          "  --fsync               fdatasync each file, so timings include reaching the disk\n"
                          "                        (without it the speeds are the page cache's, memory)\n"
                          "  --keep-files          keep the last round's files (default: delete them once\n"
                          "                        timed; every round deletes its files before the next)\n"
                          "\n")
        .arg(builtinCsvModes().ids().join(QStringLiteral(", ")))
        .arg(kDefaultCsvRepeatSeveralModes)
        .arg(defaultCsvPoolSize());
}

QString scriptHelp()
{
    return QStringLiteral("Your own program:\n"
                          "  --script FILE.py [-- ARGS]\n"
                          "                        run your Python program as it is (with --python's interpreter),\n"
                          "                        after any --strategies (alone without them). Its output is\n"
                          "                        shown as it prints; each \"Ran 'NAME' in X secs\" line (time_me)\n"
                          "                        becomes a row; the wall time, CPU, peak memory and processes of\n"
                          "                        its whole process tree, and its exit status, go to the tables,\n"
                          "                        --json and --report. What it leaves running is ended and named\n"
                          "  --script-dir DIR      where it runs (default: a fresh temporary folder, removed after)\n"
                          "\n");
}

QString windowHelp()
{
    return QStringLiteral("Window (without --headless):\n"
                          "  --run                 start the run at once\n"
                          "  --export-png FILE     when the run is done, save a chart as shown: FILE.png (2x),\n"
                          "                        .svg or .pdf\n"
                          "  --view VIEW           which one: time, speedup, timeline, csv, findings (the\n"
                          "                        answers, as PNG) or program (--script's run); default:\n"
                          "                        speedup after a pool-size sweep, time otherwise\n"
                          "  --view-set K          the set the speedup view shows, or the timeline's set\n"
                          "  --view-strategy S     the timeline's strategy (its latest run of the set)\n"
                          "  --view-pool-size P    the time view's pool size, or the timeline's (auto or N)\n"
                          "  --quit                quit when the run is done (exit code as in the console)\n"
                          "\n");
}

QString outputHelp()
{
    return QStringLiteral("Output:\n"
                          "  --json FILE           write every measurement as JSON\n"
                          "  --trace FILE          write the timeline as a Chrome trace (Perfetto, chrome://tracing)\n"
                          "  --report FILE         write the report: the exercise's questions answered from these\n"
                          "                        measurements, with the window's figures; FILE.html (one\n"
                          "                        self-contained page) or FILE.md (PNG figures beside it);\n"
                          "                        with --headless, or with --from-json (nothing run)\n"
                          "  --baseline FILE       compare with a saved --json run: medians, ratio, Mann-Whitney\n"
                          "                        U test (the window opens with it as File > Open baseline)\n"
                          "  --open FILE           the window opens a run saved with --json (File > Open results);\n"
                          "                        with --export-png (and --quit) it exports it once shown\n"
                          "  --from-json FILE      run nothing: print the tables of a run saved with --json (and\n"
                          "                        --baseline, --trace, --json, --report from it)\n"
                          "  --quiet               only the summary tables: no per-run lines, no progress\n"
                          "  --list-strategies     list strategy ids and names, tab-separated\n"
                          "  --list-csv-modes      list CSV write mode ids and names, tab-separated\n"
                          "  --version, --help\n"
                          "\n"
                          "Exit codes: 0 success, 1 a run failed, 2 bad input (nothing run or written; also\n"
                          "a --csv-dir another calcprof is using), 130 interrupted (Ctrl-C, SIGTERM, SIGHUP,\n"
                          "SIGQUIT; the results so far are printed).\n");
}

} // namespace

QStringList chartViewNames()
{
    return {QStringLiteral("time"), QStringLiteral("speedup"), QStringLiteral("timeline"), QStringLiteral("csv"),
        QStringLiteral("findings"), QStringLiteral("program")};
}

QString strategyListing()
{
    return listing(builtinStrategies().all());
}

QString csvModeListing()
{
    return listing(builtinCsvModes().all());
}

CommandLineParse parseCommandLine(const QStringList& arguments)
{
    CommandLineParse result;
    CommandLine& command = result.commandLine;
    QCommandLineParser parser;
    addOptions(parser);
    // Everything after the first `--` is the script's own command line, never calcprof's.
    const qsizetype endOfOptions = arguments.indexOf(kEndOfOptions);
    const QStringList options = endOfOptions < 0 ? arguments : arguments.first(endOfOptions);
    const std::optional<QStringList> scriptArguments
        = endOfOptions < 0 ? std::nullopt : std::optional(arguments.sliced(endOfOptions + 1));
    if (!parser.parse(QStringList {QStringLiteral("calcprof")} + options)) {
        result.error = parser.errorText() + QStringLiteral(" (see calcprof --help)");
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = QStringLiteral("unexpected argument '%1' (options start with --; see calcprof --help)")
                           .arg(parser.positionalArguments().constFirst());
        return result;
    }
    if (const std::optional<CommandLine::Action> action = informationAction(parser)) {
        command.action = *action;
        return result;
    }
    command.headless = parser.isSet(kHeadless);
    command.quiet = parser.isSet(kQuiet);
    result.error = parseRunOptions(parser, command, scriptArguments);
    return result;
}

QString helpText()
{
    return usageHelp() + workloadHelp() + csvStageHelp() + scriptHelp() + windowHelp() + outputHelp();
}

} // namespace calcprof
