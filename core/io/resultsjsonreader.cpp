#include "core/io/resultsjsonreader.h"

#include "core/io/inputfile.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"
#include "core/strategies/strategyregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace calcprof {

namespace {

/// A field that is not what the schema says: where it is and what was expected.
class SchemaError : public std::runtime_error
{
public:
    explicit SchemaError(const QString& message)
        : std::runtime_error(message.toStdString())
    { }
};

/// A JSON value and the path that leads to it ("runs[3].tasks[0].n"), with typed, range-checked
/// accessors that throw SchemaError naming that path.
// No run lasts longer than this (115 days); cannot be in a file calcprof wrote.
constexpr double kMaxSeconds = 1e7;
// No rate is faster than this (1 PB/s), as no time is shorter than a tick.
constexpr double kMaxMegabytesPerSecond = 1e9;

class Field
{
public:
    Field(QJsonValue value, QString path)
        : m_value(std::move(value))
        , m_path(std::move(path))
    { }

    [[nodiscard]] bool isNull() const { return m_value.isNull() || m_value.isUndefined(); }
    [[nodiscard]] bool isString() const { return m_value.isString(); }

    [[nodiscard]] Field operator[](const char* key) const
    {
        const QJsonObject object = asObject();
        const QString name = QString::fromLatin1(key);
        if (!object.contains(name))
            throw SchemaError(child(name) + QStringLiteral(": missing"));
        return {object.value(name), child(name)};
    }

    [[nodiscard]] bool has(const char* key) const { return asObject().contains(QString::fromLatin1(key)); }

    [[nodiscard]] std::vector<Field> elements() const
    {
        if (!m_value.isArray())
            fail(QStringLiteral("an array"));
        const QJsonArray array = m_value.toArray();
        std::vector<Field> fields;
        fields.reserve(static_cast<std::size_t>(array.size()));
        for (qsizetype index = 0; index < array.size(); ++index)
            fields.emplace_back(array.at(index), QStringLiteral("%1[%2]").arg(m_path).arg(index));
        return fields;
    }

    [[nodiscard]] QString string() const
    {
        if (!m_value.isString())
            fail(QStringLiteral("a string"));
        return m_value.toString();
    }

    [[nodiscard]] bool boolean() const
    {
        if (!m_value.isBool())
            fail(QStringLiteral("true or false"));
        return m_value.toBool();
    }

    /// A finite number from `low` to `high`.
    [[nodiscard]] double number(double low, double high) const
    {
        const double value = m_value.toDouble(std::nan(""));
        if (!m_value.isDouble() || !std::isfinite(value) || value < low || value > high)
            fail(QStringLiteral("a number from %1 to %2").arg(low).arg(high));
        return value;
    }

    /// A whole number from `low` to `high` (JSON numbers are doubles: exact up to 2^53).
    [[nodiscard]] std::int64_t wholeNumber(std::int64_t low, std::int64_t high) const
    {
        const double value = m_value.toDouble(std::nan(""));
        if (!m_value.isDouble() || !std::isfinite(value) || std::floor(value) != value
            || value < static_cast<double>(low) || value > static_cast<double>(high))
            fail(QStringLiteral("a whole number from %1 to %2").arg(low).arg(high));
        return static_cast<std::int64_t>(value);
    }

    [[nodiscard]] int integer(int low, int high) const { return static_cast<int>(wholeNumber(low, high)); }

    /// A duration or a moment of a run in seconds, from 0 to kMaxSeconds: more is no measurement (a
    /// crafted 1e308 would reach every chart's axis and every printed time).
    [[nodiscard]] double seconds() const
    {
        const double value = m_value.toDouble(std::nan(""));
        if (!m_value.isDouble() || !std::isfinite(value) || value < 0.0 || value > kMaxSeconds)
            fail(QStringLiteral("a time from 0 to %1 seconds").arg(kMaxSeconds, 0, 'f', 0));
        return value;
    }

    /// One of `known` (names): a strategy this calcprof does not know is no run of it.
    [[nodiscard]] QString name(const QStringList& known) const
    {
        QString value = isString() ? string() : QString();
        if (!known.contains(value))
            fail(QStringLiteral("one of %1").arg(known.join(QStringLiteral(", "))));
        return value;
    }

    /// Throws: the value at this path is not `expected`.
    [[noreturn]] void fail(const QString& expected) const
    {
        QString found = QString::fromUtf8(QJsonDocument(QJsonArray {m_value}).toJson(QJsonDocument::Compact));
        found = found.mid(1, found.size() - 2); // without the array's brackets
        if (found.size() > 40)
            found = found.left(37) + QStringLiteral("...");
        throw SchemaError(QStringLiteral("%1: expected %2, found %3")
                              .arg(m_path.isEmpty() ? QStringLiteral("the document") : m_path, expected,
                                  found.isEmpty() ? QStringLiteral("nothing") : found));
    }

private:
    [[nodiscard]] QJsonObject asObject() const
    {
        if (!m_value.isObject())
            fail(QStringLiteral("an object"));
        return m_value.toObject();
    }

    [[nodiscard]] QString child(const QString& key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }

    QJsonValue m_value;
    QString m_path;
};

// Generous limits: what a file written by calcprof can hold, so garbage is refused early.
constexpr int kMaxWorkers = 1 << 16;
constexpr std::int64_t kMaxCount = std::int64_t {1} << 40;
constexpr std::int64_t kMaxExactInteger = std::int64_t {1} << 53;

NumberSet numbersOf(const Field& field)
{
    const std::vector<Field> elements = field.elements();
    if (elements.empty() || elements.size() > static_cast<std::size_t>(kMaxNumbersPerSet))
        field.fail(QStringLiteral("a set of 1 to %1 numbers").arg(kMaxNumbersPerSet));
    NumberSet numbers;
    for (const Field& n : elements)
        numbers.push_back(n.integer(0, kMaxTaskNumber));
    return numbers;
}

/// "auto" or a number of workers, as --pool-size takes it.
int poolSizeOf(const Field& field)
{
    if (field.isString() && field.string() == QStringLiteral("auto"))
        return kAutoPoolSize;
    if (field.isString())
        field.fail(QStringLiteral("\"auto\" or a whole number"));
    return field.integer(1, kMaxWorkers);
}

TaskTiming taskOf(const Field& field)
{
    TaskTiming task;
    task.n = field["n"].integer(0, kMaxTaskNumber);
    for (const Field& value : field["values"].elements())
        task.values.push_back(static_cast<FiboValue>(value.wholeNumber(0, kMaxExactInteger)));
    task.startSeconds = field["start_seconds"].seconds();
    task.endSeconds = field["end_seconds"].seconds();
    task.wallSeconds = field["wall_seconds"].seconds();
    task.worker = field["worker"].integer(0, kMaxWorkers);
    const Field cpu = field["cpu_seconds"];
    task.cpuSeconds = cpu.isNull() ? -1.0 : cpu.seconds();
    if (field.has("slices")) {
        for (const Field& slice : field["slices"].elements()) {
            task.slices.push_back(WorkSlice {slice["worker"].integer(1, kMaxWorkers), slice["start_seconds"].seconds(),
                slice["end_seconds"].seconds()});
        }
    }
    if (field.has("return_trip_seconds")) // py-* runs' workers (optional, newer files)
        task.returnTripSeconds = field["return_trip_seconds"].seconds();
    return task;
}

/// A run of one of the plan's `sets` by one of the `strategies` calcprof knows.
SetRun runOf(const Field& field, int sets, const QStringList& strategies)
{
    SetRun run;
    run.strategy = field["strategy"].name(strategies);
    run.setIndex = field["set_index"].integer(1, sets);
    run.numbers = numbersOf(field["numbers"]);
    run.poolSize = field["pool_size"].integer(1, kMaxWorkers);
    run.requestedPoolSize = poolSizeOf(field["requested_pool_size"]);
    run.repetition = field["repetition"].integer(0, kMaxRepeat);
    run.wallSeconds = field["wall_seconds"].seconds();
    run.cpuSeconds = field["cpu_seconds"].seconds();
    run.processCpuSeconds = field["process_cpu_seconds"].seconds();
    const Field others = field["other_processes_cpu_seconds"];
    run.otherProcessesCpuSeconds = others.isNull() ? -1.0 : others.seconds();
    // Files from before the noise accounting lack these: unknown (-1), and nothing was superseded.
    if (field.has("steal_seconds") && !field["steal_seconds"].isNull())
        run.stealSeconds = field["steal_seconds"].seconds();
    if (field.has("involuntary_context_switches") && !field["involuntary_context_switches"].isNull())
        run.involuntaryContextSwitches = field["involuntary_context_switches"].wholeNumber(0, kMaxCount);
    run.superseded = field.has("superseded") && field["superseded"].boolean();
    run.matchesSerial = field["matches_serial"].boolean();
    for (const Field& task : field["tasks"].elements())
        run.tasks.push_back(taskOf(task));
    if (run.tasks.size() != run.numbers.size())
        throw SchemaError(QStringLiteral("%1 tasks for %2 numbers in a run of set %3")
                              .arg(run.tasks.size())
                              .arg(run.numbers.size())
                              .arg(run.setIndex));
    if (field.has("worker_startups")) { // runs of worker processes
        for (const Field& startup : field["worker_startups"].elements()) {
            WorkerStartup worker;
            worker.worker = startup["worker"].integer(1, kMaxWorkers);
            worker.spawnSeconds = startup["spawn_seconds"].seconds();
            const Field ready = startup["ready_seconds"];
            worker.ready = !ready.isNull();
            worker.endSeconds = worker.ready ? ready.seconds() : startup["killed_seconds"].seconds();
            if (startup.has("host")) // mpi's ranks; absent in older files and for local processes
                worker.host = startup["host"].string();
            run.workerStartups.push_back(worker);
        }
        run.startupSeconds = field["startup_seconds"].seconds();
        run.bytesReceived = static_cast<std::uint64_t>(field["bytes_received"].wholeNumber(0, kMaxCount));
    }
    if (field.has("error"))
        run.error = field["error"].string();
    return run;
}

CsvRun csvRunOf(const Field& field, int sets)
{
    CsvRun run;
    run.mode = field["mode"].string();
    run.setIndex = field["set_index"].integer(1, sets);
    if (field.has("round")) { // files before the CSV rounds ran each mode once
        run.round = field["round"].integer(0, kMaxRepeat - 1);
        run.order = field["order"].integer(0, kMaxWorkers);
    }
    run.poolSize = field["pool_size"].integer(0, kMaxWorkers);
    run.directory = field["directory"].string();
    run.files = field["files"].integer(0, kMaxWorkers);
    run.plannedFiles = field["planned_files"].integer(0, kMaxWorkers);
    run.bytes = static_cast<std::uint64_t>(field["bytes"].wholeNumber(0, kMaxCount));
    run.headerBytes = static_cast<std::uint64_t>(field["header_bytes"].wholeNumber(0, kMaxCount));
    run.footerBytes = static_cast<std::uint64_t>(field["footer_bytes"].wholeNumber(0, kMaxCount));
    run.wallSeconds = field["wall_seconds"].seconds();
    run.mbPerSecond = field["mb_per_s"].number(0.0, kMaxMegabytesPerSecond);
    run.fsync = field["fsync"].boolean();
    run.keptFiles = field["kept_files"].boolean();
    run.peakRssBytes = field["peak_rss_bytes"].wholeNumber(0, kMaxCount);
    for (const Field& file : field["file_results"].elements()) {
        CsvFileResult result;
        result.index = file["index"].integer(1, kMaxWorkers);
        result.value = static_cast<FiboValue>(file["value"].wholeNumber(0, kMaxExactInteger));
        result.bytes = static_cast<std::uint64_t>(file["bytes"].wholeNumber(0, kMaxCount));
        result.startSeconds = file["start_seconds"].seconds();
        result.wallSeconds = file["wall_seconds"].seconds();
        result.worker = file["worker"].integer(0, kMaxWorkers);
        if (file.has("error"))
            result.error = file["error"].string();
        run.fileResults.push_back(result);
    }
    if (field.has("error"))
        run.error = field["error"].string();
    return run;
}

/// A raw sequential write; one without "round" (files before the CSV rounds) was measured apart.
RawWriteReference rawWriteOf(const Field& raw)
{
    RawWriteReference write {static_cast<std::uint64_t>(raw["bytes"].wholeNumber(0, kMaxCount)),
        raw["wall_seconds"].seconds(), raw["mb_per_second"].number(0.0, kMaxMegabytesPerSecond),
        raw["fsync"].boolean()};
    if (raw.has("round") && !raw["round"].isNull()) {
        write.round = raw["round"].integer(0, kMaxRepeat - 1);
        write.order = raw["order"].integer(0, kMaxWorkers);
    }
    return write;
}

/// The rounds --repeat auto ran of one set and why it stopped.
SetRounds setRoundsOf(const Field& field, int sets)
{
    SetRounds set;
    set.setIndex = field["set_index"].integer(1, sets);
    set.rounds = field["rounds"].integer(0, kMaxRepeat);
    set.seconds = field["seconds"].seconds();
    const Field stop = field["stop"];
    const std::optional<RoundsStop> reason = roundsStopFromName(stop.isString() ? stop.string() : QString());
    if (!reason)
        stop.fail(QStringLiteral("one of precise, time budget, round cap, cancelled"));
    set.stop = *reason;
    return set;
}

QStringList stringsOf(const Field& field)
{
    QStringList strings;
    for (const Field& element : field.elements())
        strings << element.string();
    return strings;
}

ScriptRun scriptOf(const Field& field)
{
    ScriptRun script;
    script.plan.path = field["path"].string();
    script.plan.arguments = stringsOf(field["arguments"]);
    script.plan.workingDirectory = field["requested_directory"].string();
    script.directory = field["directory"].string();
    script.temporaryDirectory = field["temporary_directory"].boolean();
    script.wallSeconds = field["wall_seconds"].seconds();
    script.userSeconds = field["user_seconds"].seconds();
    script.systemSeconds = field["system_seconds"].seconds();
    script.peakRssBytes = field["peak_rss_bytes"].wholeNumber(0, kMaxCount);
    script.peakTreeRssBytes = field["peak_tree_rss_bytes"].wholeNumber(0, kMaxCount);
    script.processes = field["processes"].integer(0, std::numeric_limits<int>::max());
    script.sampleSeconds = field["sample_seconds"].seconds();
    script.samplerCpuSeconds = field["sampler_cpu_seconds"].seconds();
    if (const Field status = field["exit_status"]; !status.isNull())
        script.exitStatus = status.integer(-128, 255);
    script.cancelled = field["cancelled"].boolean();
    for (const Field& timing : field["timings"].elements())
        script.timings.push_back(
            ScriptTiming {timing["name"].string(), timing["seconds"].seconds(), timing["end_seconds"].seconds()});
    for (const Field& process : field["leftovers"].elements())
        script.leftovers.push_back(
            LeftoverProcess {process["pid"].wholeNumber(1, kMaxCount), process["command"].string()});
    script.outputTail = stringsOf(field["output_tail"]);
    script.error = field["error"].string();
    return script;
}

ExperimentPlan planOf(const Field& field, const QStringList& knownStrategies)
{
    ExperimentPlan plan;
    plan.sets.clear();
    const Field sets = field["sets"];
    for (const Field& set : sets.elements())
        plan.sets.push_back(numbersOf(set));
    if (plan.sets.empty() || plan.sets.size() > static_cast<std::size_t>(kMaxSets))
        sets.fail(QStringLiteral("1 to %1 sets").arg(kMaxSets));
    plan.strategies.clear();
    for (const Field& strategy : field["strategies"].elements())
        plan.strategies << strategy.name(knownStrategies);
    plan.poolSizes.clear();
    for (const Field& poolSize : field["pool_sizes"].elements())
        plan.poolSizes.push_back(poolSizeOf(poolSize));
    plan.repeat = field["repeat"].integer(1, kMaxRepeat);
    plan.warmup = field["warmup"].integer(0, kMaxWarmup);
    // Files from before the retries lack it: nothing was retried then.
    plan.retryDisturbed = field.has("retry_disturbed") ? field["retry_disturbed"].integer(0, kMaxRetryDisturbed) : 0;
    if (field.has("repeat_auto")) { // only with --repeat auto
        const Field automatic = field["repeat_auto"];
        plan.autoRepeat.enabled = true;
        plan.autoRepeat.precision = automatic["precision"].number(kMinPrecision, kMaxPrecision);
        plan.autoRepeat.maxSecondsPerSet = automatic["max_seconds_per_set"].number(1.0, kMaxSecondsPerSet);
    }
    plan.csv.mode = field["csv_mode"].string();
    if (field.has("csv_repeat")) // files before the CSV rounds lack both
        plan.csv.repeat = field["csv_repeat"].integer(1, kMaxRepeat);
    if (field.has("csv_pool_size"))
        plan.csv.poolSize = field["csv_pool_size"].integer(1, kMaxWorkers);
    return plan;
}

Experiment experimentOf(const Field& root)
{
    if (!root.has("tool") || root["tool"].isNull() || root["tool"].string() != QStringLiteral("calcprof"))
        throw SchemaError(QStringLiteral("not a calcprof results file (its \"tool\" is not \"calcprof\")"));
    Experiment experiment;
    experiment.version = root["version"].string();
    const Field environment = root["environment"];
    experiment.environment.cores = environment["cores"].integer(1, kMaxWorkers);
    experiment.environment.cpu = environment["cpu"].string();
    experiment.environment.compiler = environment["compiler"].string();
    experiment.environment.buildType = environment["build_type"].string();
    experiment.environment.os = environment["os"].string();
    if (environment.has("python") && !environment["python"].isNull()) { // only runs of py-* strategies
        const Field python = environment["python"];
        experiment.environment.python = PythonEnvironment {python["interpreter"].string(),
            python["implementation"].string(), python["version"].string(), python["gil_enabled"].boolean()};
    }
    QStringList knownStrategies;
    for (const Strategy* strategy : builtinStrategies().all())
        knownStrategies << strategy->id();
    experiment.plan = planOf(root["settings"], knownStrategies);
    experiment.cancelled = root["cancelled"].boolean();
    const int sets = static_cast<int>(experiment.plan.sets.size());
    for (const Field& run : root["runs"].elements())
        experiment.runs.push_back(runOf(run, sets, knownStrategies));
    for (const Field& stage : root["csv"].elements())
        experiment.csv.push_back(csvRunOf(stage, sets));
    if (root.has("raw_writes")) {
        for (const Field& raw : root["raw_writes"].elements())
            experiment.rawWrites.push_back(rawWriteOf(raw));
    } else if (root.has("raw_write") && !root["raw_write"].isNull()) { // files before the CSV rounds
        experiment.rawWrites.push_back(rawWriteOf(root["raw_write"]));
    }
    if (root.has("set_rounds")) { // only with --repeat auto
        for (const Field& set : root["set_rounds"].elements())
            experiment.setRounds.push_back(setRoundsOf(set, sets));
    }
    if (root.has("script")) { // only with --script
        experiment.script = scriptOf(root["script"]);
        experiment.plan.script = experiment.script->plan;
    }
    return experiment;
}

/// True when `bytes`, not valid JSON as a document, are one JSON value all the same (`null`, `42`,
/// `"text"`): what Qt refuses as a document is then a file of another kind, not a broken one.
bool isScalarJson(const QByteArray& bytes)
{
    // An object or array that failed is broken, not a scalar: no copy of a large file to find it out.
    const QByteArray start = bytes.left(64).trimmed();
    if (start.isEmpty() || start.front() == '{' || start.front() == '[')
        return false;
    QJsonParseError error {};
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + bytes + ']', &error);
    return error.error == QJsonParseError::NoError && wrapped.array().size() == 1;
}

// Whether a parse error is the file ending too soon. Qt reports a cut inside a literal ("tru", "nul")
// at the literal's first byte, not at the end, so the test is that nothing from the error on is
// structure or whitespace: the error's token is the file's last bytes.
bool endsInsideItsLastToken(const QByteArray& bytes, qsizetype errorOffset)
{
    const auto structural
        = [](char c) { return std::string_view(" \t\r\n,:{}[]\"").find(c) != std::string_view::npos; };
    if (errorOffset >= bytes.size() - 1)
        return true;
    const qsizetype from = std::max<qsizetype>(errorOffset, 0);
    return std::none_of(bytes.cbegin() + from, bytes.cend(), structural);
}

} // namespace

ExperimentRead experimentFromJson(const QByteArray& bytes, const QString& name)
{
    ExperimentRead read;
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    const QString notOurs = QStringLiteral("%1: not a calcprof results file: the top level is not an object").arg(name);
    if (parseError.error != QJsonParseError::NoError) {
        if (isScalarJson(bytes))
            return {{}, notOurs};
        read.error
            = QStringLiteral("%1: not valid JSON at byte %2: %3%4")
                  .arg(name)
                  .arg(parseError.offset)
                  .arg(parseError.errorString(),
                      endsInsideItsLastToken(bytes, parseError.offset) ? QStringLiteral(" (is the file truncated?)")
                                                                       : QString());
        return read;
    }
    if (!document.isObject())
        return {{}, notOurs};
    try {
        read.experiment = experimentOf(Field(document.object(), QString()));
    } catch (const SchemaError& error) {
        read.experiment = {};
        read.error = name + QStringLiteral(": ") + QString::fromStdString(error.what());
    }
    return read;
}

ExperimentRead readExperimentJson(const QString& path)
{
    InputFile input = readInputFile(path, kMaxResultsFileBytes, QStringLiteral("a calcprof results file"));
    if (!input.ok())
        return {{}, QStringLiteral("%1: %2").arg(path, input.error)};
    return experimentFromJson(input.bytes, path);
}

} // namespace calcprof
