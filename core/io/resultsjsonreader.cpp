#include "core/io/resultsjsonreader.h"

#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>
#include <stdexcept>

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
    [[nodiscard]] double number(double low = 0.0, double high = std::numeric_limits<double>::max()) const
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
    task.startSeconds = field["start_seconds"].number();
    task.endSeconds = field["end_seconds"].number();
    task.wallSeconds = field["wall_seconds"].number();
    task.worker = field["worker"].integer(0, kMaxWorkers);
    const Field cpu = field["cpu_seconds"];
    task.cpuSeconds = cpu.isNull() ? -1.0 : cpu.number();
    if (field.has("slices")) {
        for (const Field& slice : field["slices"].elements()) {
            task.slices.push_back(WorkSlice {slice["worker"].integer(1, kMaxWorkers), slice["start_seconds"].number(),
                slice["end_seconds"].number()});
        }
    }
    if (field.has("return_trip_seconds")) // py-* runs' workers (optional, newer files)
        task.returnTripSeconds = field["return_trip_seconds"].number();
    return task;
}

SetRun runOf(const Field& field)
{
    SetRun run;
    run.strategy = field["strategy"].string();
    run.setIndex = field["set_index"].integer(1, kMaxWorkers);
    run.numbers = numbersOf(field["numbers"]);
    run.poolSize = field["pool_size"].integer(1, kMaxWorkers);
    run.requestedPoolSize = poolSizeOf(field["requested_pool_size"]);
    run.repetition = field["repetition"].integer(0, kMaxRepeat);
    run.wallSeconds = field["wall_seconds"].number();
    run.cpuSeconds = field["cpu_seconds"].number();
    run.processCpuSeconds = field["process_cpu_seconds"].number();
    const Field others = field["other_processes_cpu_seconds"];
    run.otherProcessesCpuSeconds = others.isNull() ? -1.0 : others.number();
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
            worker.spawnSeconds = startup["spawn_seconds"].number();
            const Field ready = startup["ready_seconds"];
            worker.ready = !ready.isNull();
            worker.endSeconds = worker.ready ? ready.number() : startup["killed_seconds"].number();
            if (startup.has("host")) // mpi's ranks; absent in older files and for local processes
                worker.host = startup["host"].string();
            run.workerStartups.push_back(worker);
        }
        run.startupSeconds = field["startup_seconds"].number();
        run.bytesReceived = static_cast<std::uint64_t>(field["bytes_received"].wholeNumber(0, kMaxCount));
    }
    if (field.has("error"))
        run.error = field["error"].string();
    return run;
}

CsvRun csvRunOf(const Field& field)
{
    CsvRun run;
    run.mode = field["mode"].string();
    run.setIndex = field["set_index"].integer(1, kMaxWorkers);
    run.poolSize = field["pool_size"].integer(0, kMaxWorkers);
    run.directory = field["directory"].string();
    run.files = field["files"].integer(0, kMaxWorkers);
    run.plannedFiles = field["planned_files"].integer(0, kMaxWorkers);
    run.bytes = static_cast<std::uint64_t>(field["bytes"].wholeNumber(0, kMaxCount));
    run.headerBytes = static_cast<std::uint64_t>(field["header_bytes"].wholeNumber(0, kMaxCount));
    run.footerBytes = static_cast<std::uint64_t>(field["footer_bytes"].wholeNumber(0, kMaxCount));
    run.wallSeconds = field["wall_seconds"].number();
    run.mbPerSecond = field["mb_per_s"].number();
    run.fsync = field["fsync"].boolean();
    run.keptFiles = field["kept_files"].boolean();
    run.peakRssBytes = field["peak_rss_bytes"].wholeNumber(0, kMaxCount);
    for (const Field& file : field["file_results"].elements()) {
        CsvFileResult result;
        result.index = file["index"].integer(1, kMaxWorkers);
        result.value = static_cast<FiboValue>(file["value"].wholeNumber(0, kMaxExactInteger));
        result.bytes = static_cast<std::uint64_t>(file["bytes"].wholeNumber(0, kMaxCount));
        result.startSeconds = file["start_seconds"].number();
        result.wallSeconds = file["wall_seconds"].number();
        result.worker = file["worker"].integer(0, kMaxWorkers);
        if (file.has("error"))
            result.error = file["error"].string();
        run.fileResults.push_back(result);
    }
    if (field.has("error"))
        run.error = field["error"].string();
    return run;
}

ExperimentPlan planOf(const Field& field)
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
        plan.strategies << strategy.string();
    plan.poolSizes.clear();
    for (const Field& poolSize : field["pool_sizes"].elements())
        plan.poolSizes.push_back(poolSizeOf(poolSize));
    plan.repeat = field["repeat"].integer(1, kMaxRepeat);
    plan.warmup = field["warmup"].integer(0, kMaxWarmup);
    plan.csv.mode = field["csv_mode"].string();
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
    experiment.plan = planOf(root["settings"]);
    experiment.cancelled = root["cancelled"].boolean();
    for (const Field& run : root["runs"].elements())
        experiment.runs.push_back(runOf(run));
    for (const Field& stage : root["csv"].elements())
        experiment.csv.push_back(csvRunOf(stage));
    if (root.has("raw_write") && !root["raw_write"].isNull()) { // files before it was recorded lack it
        const Field raw = root["raw_write"];
        experiment.rawWrite = RawWriteReference {static_cast<std::uint64_t>(raw["bytes"].wholeNumber(0, kMaxCount)),
            raw["wall_seconds"].number(), raw["mb_per_second"].number(), raw["fsync"].boolean()};
    }
    return experiment;
}

} // namespace

ExperimentRead experimentFromJson(const QByteArray& bytes, const QString& name)
{
    ExperimentRead read;
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        read.error
            = QStringLiteral("%1: not valid JSON at byte %2: %3%4")
                  .arg(name)
                  .arg(parseError.offset)
                  .arg(parseError.errorString(),
                      parseError.offset >= bytes.size() - 1 ? QStringLiteral(" (is the file truncated?)") : QString());
        return read;
    }
    if (!document.isObject()) {
        read.error = QStringLiteral("%1: not a calcprof results file (a JSON object is expected)").arg(name);
        return read;
    }
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
    const QFileInfo info(path);
    if (!info.exists())
        return {{}, QStringLiteral("%1: no such file").arg(path)};
    if (info.isDir())
        return {{}, QStringLiteral("%1: is a folder, not a results file").arg(path)};
    if (info.size() > kMaxResultsFileBytes) {
        return {{},
            QStringLiteral("%1: %2 MB, more than the %3 MB a calcprof results file can be")
                .arg(path)
                .arg(info.size() / 1000000)
                .arg(kMaxResultsFileBytes / 1000000)};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, QStringLiteral("%1: cannot read it: %2").arg(path, file.errorString())};
    return experimentFromJson(file.readAll(), path);
}

} // namespace calcprof
