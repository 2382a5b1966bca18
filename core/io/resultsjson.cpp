#include "core/io/resultsjson.h"

#include "core/analysis/summary.h"
#include "core/io/jsonstream.h"
#include "core/io/outputfile.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>

#include <utility>

namespace calcprof {

namespace {

QJsonArray integers(const std::vector<int>& numbers)
{
    QJsonArray array;
    for (const int n : numbers)
        array.append(n);
    return array;
}

QJsonArray integers(const std::vector<FiboValue>& values)
{
    // Values stay far below 2^63 (fibo(49) ~ 1.3e10), so qint64 holds them exactly.
    QJsonArray array;
    for (const FiboValue value : values)
        array.append(static_cast<qint64>(value));
    return array;
}

QJsonArray toJson(const std::vector<WorkSlice>& slices)
{
    QJsonArray array;
    for (const WorkSlice& slice : slices) {
        array.append(QJsonObject {{QStringLiteral("worker"), slice.worker},
            {QStringLiteral("start_seconds"), slice.startSeconds}, {QStringLiteral("end_seconds"), slice.endSeconds}});
    }
    return array;
}

QJsonObject toJson(const TaskTiming& task)
{
    QJsonObject object {
        {QStringLiteral("n"), task.n},
        {QStringLiteral("values"), integers(task.values)},
        {QStringLiteral("wall_seconds"), task.wallSeconds},
        {QStringLiteral("start_seconds"), task.startSeconds},
        {QStringLiteral("end_seconds"), task.endSeconds},
        {QStringLiteral("worker"), task.worker},
        {QStringLiteral("cpu_seconds"), task.cpuSeconds >= 0.0 ? QJsonValue(task.cpuSeconds) : QJsonValue()},
    };
    // Only strategies that split a task say where its pieces ran.
    if (!task.slices.empty())
        object.insert(QStringLiteral("slices"), toJson(task.slices));
    // Only workers in another process that send results back (py-*) have a return trip.
    if (task.returnTripSeconds >= 0.0)
        object.insert(QStringLiteral("return_trip_seconds"), task.returnTripSeconds);
    return object;
}

// "auto" or the number, as --pool-size takes it.
QJsonValue poolSizeValue(int poolSize)
{
    return poolSize == kAutoPoolSize ? QJsonValue(QStringLiteral("auto")) : QJsonValue(poolSize);
}

QJsonValue optionalNumber(const std::optional<double>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject toJson(const SetRun& run)
{
    QJsonArray tasks;
    for (const TaskTiming& task : run.tasks)
        tasks.append(toJson(task));
    QJsonObject object {
        {QStringLiteral("strategy"), run.strategy},
        {QStringLiteral("set_index"), run.setIndex},
        {QStringLiteral("numbers"), integers(run.numbers)},
        {QStringLiteral("pool_size"), run.poolSize},
        {QStringLiteral("requested_pool_size"), poolSizeValue(run.requestedPoolSize)},
        {QStringLiteral("repetition"), run.repetition},
        {QStringLiteral("wall_seconds"), run.wallSeconds},
        {QStringLiteral("cpu_seconds"), run.cpuSeconds},
        {QStringLiteral("process_cpu_seconds"), run.processCpuSeconds},
        {QStringLiteral("other_processes_cpu_seconds"),
            run.otherProcessesCpuSeconds >= 0.0 ? QJsonValue(run.otherProcessesCpuSeconds) : QJsonValue()},
        {QStringLiteral("steal_seconds"), run.stealSeconds >= 0.0 ? QJsonValue(run.stealSeconds) : QJsonValue()},
        {QStringLiteral("involuntary_context_switches"),
            run.involuntaryContextSwitches >= 0 ? QJsonValue(static_cast<qint64>(run.involuntaryContextSwitches))
                                                : QJsonValue()},
        {QStringLiteral("superseded"), run.superseded},
        {QStringLiteral("matches_serial"), run.matchesSerial},
        {QStringLiteral("tasks"), tasks},
    };
    // Runs whose workers are processes (processes) say what starting them cost and what came back.
    if (!run.workerStartups.empty() || run.bytesReceived > 0) {
        QJsonArray startups;
        for (const WorkerStartup& startup : run.workerStartups) {
            QJsonObject worker {{QStringLiteral("worker"), startup.worker},
                {QStringLiteral("spawn_seconds"), startup.spawnSeconds},
                {QStringLiteral("ready_seconds"), startup.ready ? QJsonValue(startup.endSeconds) : QJsonValue()}};
            if (!startup.ready)
                worker.insert(QStringLiteral("killed_seconds"), startup.endSeconds);
            if (!startup.host.isEmpty()) // mpi's ranks: where each ran (optional, newer files)
                worker.insert(QStringLiteral("host"), startup.host);
            startups.append(worker);
        }
        object.insert(QStringLiteral("startup_seconds"), run.startupSeconds);
        object.insert(QStringLiteral("bytes_received"), static_cast<qint64>(run.bytesReceived));
        object.insert(QStringLiteral("worker_startups"), startups);
    }
    if (!run.ok())
        object.insert(QStringLiteral("error"), run.error);
    return object;
}

QJsonObject toJson(const CsvFileResult& file)
{
    QJsonObject object {
        {QStringLiteral("index"), file.index},
        {QStringLiteral("value"), static_cast<qint64>(file.value)},
        {QStringLiteral("bytes"), static_cast<qint64>(file.bytes)},
        {QStringLiteral("start_seconds"), file.startSeconds},
        {QStringLiteral("wall_seconds"), file.wallSeconds},
        {QStringLiteral("mb_per_s"), file.mbPerSecond()},
        {QStringLiteral("worker"), file.worker},
    };
    if (!file.ok())
        object.insert(QStringLiteral("error"), file.error);
    return object;
}

QJsonObject toJson(const CsvRun& run)
{
    QJsonArray files;
    for (const CsvFileResult& file : run.fileResults)
        files.append(toJson(file));
    QJsonObject object {
        {QStringLiteral("mode"), run.mode},
        {QStringLiteral("set_index"), run.setIndex},
        {QStringLiteral("round"), run.round},
        {QStringLiteral("order"), run.order},
        {QStringLiteral("pool_size"), run.poolSize},
        {QStringLiteral("directory"), run.directory},
        {QStringLiteral("files"), run.files},
        {QStringLiteral("planned_files"), run.plannedFiles},
        {QStringLiteral("bytes"), static_cast<qint64>(run.bytes)},
        {QStringLiteral("header_bytes"), static_cast<qint64>(run.headerBytes)},
        {QStringLiteral("footer_bytes"), static_cast<qint64>(run.footerBytes)},
        {QStringLiteral("wall_seconds"), run.wallSeconds},
        {QStringLiteral("mb_per_s"), run.mbPerSecond},
        {QStringLiteral("fsync"), run.fsync},
        {QStringLiteral("kept_files"), run.keptFiles},
        {QStringLiteral("peak_rss_bytes"), static_cast<qint64>(run.peakRssBytes)},
        {QStringLiteral("file_results"), files},
    };
    if (!run.ok())
        object.insert(QStringLiteral("error"), run.error);
    return object;
}

QJsonObject toJson(const ExperimentPlan& plan)
{
    QJsonArray sets;
    for (const NumberSet& set : plan.sets)
        sets.append(integers(set));
    QJsonArray poolSizes;
    for (const int poolSize : plan.poolSizes)
        poolSizes.append(poolSizeValue(poolSize));
    QJsonObject settings {
        {QStringLiteral("sets"), sets},
        {QStringLiteral("strategies"), QJsonArray::fromStringList(plan.strategies)},
        {QStringLiteral("pool_sizes"), poolSizes},
        {QStringLiteral("repeat"), plan.repeat},
        {QStringLiteral("warmup"), plan.warmup},
        {QStringLiteral("retry_disturbed"), plan.retryDisturbed},
        {QStringLiteral("csv_mode"), plan.csv.mode},
        {QStringLiteral("csv_repeat"), plan.csv.rounds()},
        {QStringLiteral("csv_pool_size"), plan.csv.writerPoolSize()},
    };
    // Only with --repeat auto: files without it stay byte for byte what they were.
    if (plan.autoRepeat.enabled)
        settings.insert(QStringLiteral("repeat_auto"),
            QJsonObject {{QStringLiteral("precision"), plan.autoRepeat.precision},
                {QStringLiteral("max_seconds_per_set"), plan.autoRepeat.maxSecondsPerSet}});
    return settings;
}

QJsonArray setRoundsJson(const std::vector<SetRounds>& sets)
{
    QJsonArray array;
    for (const SetRounds& set : sets)
        array.append(QJsonObject {{QStringLiteral("set_index"), set.setIndex}, {QStringLiteral("rounds"), set.rounds},
            {QStringLiteral("seconds"), set.seconds}, {QStringLiteral("stop"), roundsStopName(set.stop)}});
    return array;
}

/// --script's run: what the user's program measured, and how it ended.
QJsonObject scriptJson(const ScriptRun& script)
{
    QJsonArray timings;
    for (const ScriptTiming& timing : script.timings)
        timings.append(QJsonObject {{QStringLiteral("name"), timing.name}, {QStringLiteral("seconds"), timing.seconds},
            {QStringLiteral("end_seconds"), timing.endSeconds}});
    QJsonArray leftovers;
    for (const LeftoverProcess& process : script.leftovers)
        leftovers.append(
            QJsonObject {{QStringLiteral("pid"), process.pid}, {QStringLiteral("command"), process.command}});
    return QJsonObject {
        {QStringLiteral("path"), script.plan.path},
        {QStringLiteral("arguments"), QJsonArray::fromStringList(script.plan.arguments)},
        {QStringLiteral("requested_directory"), script.plan.workingDirectory},
        {QStringLiteral("directory"), script.directory},
        {QStringLiteral("temporary_directory"), script.temporaryDirectory},
        {QStringLiteral("wall_seconds"), script.wallSeconds},
        {QStringLiteral("user_seconds"), script.userSeconds},
        {QStringLiteral("system_seconds"), script.systemSeconds},
        {QStringLiteral("peak_rss_bytes"), script.peakRssBytes},
        {QStringLiteral("peak_tree_rss_bytes"), script.peakTreeRssBytes},
        {QStringLiteral("processes"), script.processes},
        {QStringLiteral("sample_seconds"), script.sampleSeconds},
        {QStringLiteral("sampler_cpu_seconds"), script.samplerCpuSeconds},
        {QStringLiteral("exit_status"), script.exitStatus ? QJsonValue(*script.exitStatus) : QJsonValue()},
        {QStringLiteral("cancelled"), script.cancelled},
        {QStringLiteral("timings"), timings},
        {QStringLiteral("leftovers"), leftovers},
        {QStringLiteral("output_tail"), QJsonArray::fromStringList(script.outputTail)},
        {QStringLiteral("error"), script.error},
        {QStringLiteral("failure"), script.failure()},
    };
}

QJsonObject toJson(const GroupSummary& group)
{
    QJsonArray requested;
    for (const int poolSize : group.requestedPoolSizes)
        requested.append(poolSizeValue(poolSize));
    QJsonObject object {
        {QStringLiteral("set_index"), group.setIndex},
        {QStringLiteral("numbers"), integers(group.numbers)},
        {QStringLiteral("strategy"), group.strategy},
        {QStringLiteral("pool_size"), group.workers},
        {QStringLiteral("requested_pool_sizes"), requested},
        {QStringLiteral("uses_pool_size"), group.usesPoolSize},
        {QStringLiteral("runs"), group.runs},
        {QStringLiteral("failures"), group.failures},
        {QStringLiteral("samples"), group.wall.count},
        {QStringLiteral("median_seconds"), group.wall.median},
        {QStringLiteral("mean_seconds"), group.wall.mean},
        {QStringLiteral("stddev_seconds"), group.wall.stddev},
        {QStringLiteral("min_seconds"), group.wall.min},
        {QStringLiteral("max_seconds"), group.wall.max},
        {QStringLiteral("cv"), group.wall.cv},
        {QStringLiteral("ci95_low_seconds"), group.wall.ciLow},
        {QStringLiteral("ci95_high_seconds"), group.wall.ciHigh},
        {QStringLiteral("ci_confidence"), group.wall.ciConfidence},
        {QStringLiteral("outliers"), group.wall.outliers},
        {QStringLiteral("cpu_median_seconds"), group.cpu.median},
        {QStringLiteral("speedup"), optionalNumber(group.speedup)},
        {QStringLiteral("speedup_ci95_low"), optionalNumber(group.speedupLow)},
        {QStringLiteral("speedup_ci95_high"), optionalNumber(group.speedupHigh)},
        {QStringLiteral("speedup_ci_confidence"), group.speedup ? QJsonValue(group.speedupConfidence) : QJsonValue()},
        {QStringLiteral("speedup_estimator"),
            group.speedup
                ? QJsonValue(group.estimator == SpeedupEstimator::PairedRounds ? QStringLiteral("paired_rounds")
                                                                               : QStringLiteral("ratio_of_medians"))
                : QJsonValue()},
        {QStringLiteral("speedup_ratio_of_medians"), optionalNumber(group.ratioOfMedians)},
        {QStringLiteral("speedup_ratio_of_medians_low"), optionalNumber(group.ratioOfMediansLow)},
        {QStringLiteral("speedup_ratio_of_medians_high"), optionalNumber(group.ratioOfMediansHigh)},
        {QStringLiteral("above_cores"), group.aboveCores},
        {QStringLiteral("efficiency"), optionalNumber(group.efficiency)},
        {QStringLiteral("other_processes_share"),
            group.otherProcessesShare >= 0.0 ? QJsonValue(group.otherProcessesShare) : QJsonValue()},
        {QStringLiteral("steal_share"), group.stealShare >= 0.0 ? QJsonValue(group.stealShare) : QJsonValue()},
        {QStringLiteral("disturbed_runs"), group.disturbedRuns},
        {QStringLiteral("not_measurable"), group.notMeasurable},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(group.warnings)},
    };
    // Only where it is not serial (a py-* strategy against py-serial): older files keep their bytes.
    if (!group.speedupBaseline.isEmpty() && group.speedupBaseline != baselineStrategyId())
        object.insert(QStringLiteral("speedup_baseline"), group.speedupBaseline);
    if (group.bounds) {
        object.insert(QStringLiteral("bounds"),
            QJsonObject {
                {QStringLiteral("ideal"), group.bounds->ideal},
                {QStringLiteral("whole_task"), group.bounds->wholeTask},
                {QStringLiteral("unit"), group.bounds->unit},
                {QStringLiteral("work_unit"), group.workUnit},
                {QStringLiteral("schedule"), group.bounds->schedule},
            });
    } else {
        object.insert(QStringLiteral("bounds"), QJsonValue());
    }
    return object;
}

} // namespace

namespace {

QJsonObject environmentJson(const EnvironmentInfo& env)
{
    QJsonObject object {
        {QStringLiteral("cores"), env.cores},
        {QStringLiteral("cpu"), env.cpu},
        {QStringLiteral("compiler"), env.compiler},
        {QStringLiteral("build_type"), env.buildType},
        {QStringLiteral("os"), env.os},
    };
    // Only experiments that ran a py-* strategy name their interpreter.
    if (!env.python.interpreter.isEmpty()) {
        object.insert(QStringLiteral("python"),
            QJsonObject {{QStringLiteral("interpreter"), env.python.interpreter},
                {QStringLiteral("implementation"), env.python.implementation},
                {QStringLiteral("version"), env.python.version},
                {QStringLiteral("gil_enabled"), env.python.gilEnabled}});
    }
    return object;
}

QJsonObject rawWriteJson(const RawWriteReference& raw)
{
    return {
        {QStringLiteral("bytes"), static_cast<qint64>(raw.bytes)},
        {QStringLiteral("wall_seconds"), raw.wallSeconds},
        {QStringLiteral("mb_per_second"), raw.mbPerSecond},
        {QStringLiteral("fsync"), raw.fsync},
        // null: measured apart from the CSV rounds (the window's "Measure raw write")
        {QStringLiteral("round"), raw.round == kMeasuredApart ? QJsonValue() : QJsonValue(raw.round)},
        {QStringLiteral("order"), raw.order},
    };
}

QJsonArray rawWritesJson(const std::vector<RawWriteReference>& rawWrites)
{
    QJsonArray array;
    for (const RawWriteReference& raw : rawWrites)
        array.append(rawWriteJson(raw));
    return array;
}

// One element of "runs": the run and its place in the list.
QJsonObject runJson(const SetRun& run, std::size_t index)
{
    QJsonObject object = toJson(run);
    object.insert(QStringLiteral("id"), static_cast<qint64>(index) + 1); // the window's Results "Id"
    return object;
}

} // namespace

namespace {

/// Each set's language factor (SetSummary::languageFactor): py-serial / serial as the ratio of the
/// medians with its interval, and the paired estimate beside it. Empty when no set measured both.
QJsonArray languageFactorsJson(const ExperimentSummary& summary)
{
    QJsonArray factors;
    for (const SetSummary& set : summary.sets) {
        if (!set.languageFactor)
            continue;
        const RatioEstimate& factor = *set.languageFactor;
        factors.append(QJsonObject {
            {QStringLiteral("set_index"), set.setIndex},
            {QStringLiteral("numbers"), integers(set.numbers)},
            {QStringLiteral("ratio_of_medians"), factor.ratioOfMedians},
            {QStringLiteral("ratio_of_medians_low"), factor.ratioOfMediansLow},
            {QStringLiteral("ratio_of_medians_high"), factor.ratioOfMediansHigh},
            {QStringLiteral("estimate"), factor.value},
            {QStringLiteral("estimate_low"), factor.low},
            {QStringLiteral("estimate_high"), factor.high},
            {QStringLiteral("estimator"),
                factor.paired() ? QStringLiteral("paired_rounds") : QStringLiteral("ratio_of_medians")},
        });
    }
    return factors;
}

} // namespace

QJsonObject toJson(const Experiment& experiment)
{
    QJsonArray runs;
    for (std::size_t index = 0; index < experiment.runs.size(); ++index)
        runs.append(runJson(experiment.runs[index], index));
    QJsonArray csv;
    for (const CsvRun& run : experiment.csv)
        csv.append(toJson(run));
    QJsonArray summary;
    const ExperimentSummary summarized = summarizeExperiment(experiment);
    for (const GroupSummary& group : summarized.groups)
        summary.append(toJson(group));
    QJsonObject object {
        {QStringLiteral("tool"), QStringLiteral("calcprof")},
        {QStringLiteral("version"), experiment.version},
        {QStringLiteral("environment"), environmentJson(experiment.environment)},
        {QStringLiteral("settings"), toJson(experiment.plan)},
        {QStringLiteral("cancelled"), experiment.cancelled},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("csv"), csv},
        {QStringLiteral("summary"), summary},
    };
    // Only when one was measured: files without it stay byte for byte what they were.
    if (!experiment.rawWrites.empty())
        object.insert(QStringLiteral("raw_writes"), rawWritesJson(experiment.rawWrites));
    if (!experiment.setRounds.empty())
        object.insert(QStringLiteral("set_rounds"), setRoundsJson(experiment.setRounds));
    if (experiment.script)
        object.insert(QStringLiteral("script"), scriptJson(*experiment.script));
    if (const QJsonArray factors = languageFactorsJson(summarized); !factors.isEmpty())
        object.insert(QStringLiteral("language_factors"), factors);
    return object;
}

bool writeJson(const Experiment& experiment, QIODevice& out)
{
    return writeJson(experiment, summarizeExperiment(experiment), out);
}

bool writeJson(const Experiment& experiment, const ExperimentSummary& summary, QIODevice& out)
{
    // The members in QJsonObject's (sorted) order, so that the bytes are toJson()'s exactly; only
    // one run, CSV stage or summary group is ever held as a QJsonObject at a time.
    JsonStreamWriter json(out);
    json.beginObject();
    json.key(QStringLiteral("cancelled"));
    json.value(experiment.cancelled);
    json.key(QStringLiteral("csv"));
    json.beginArray();
    for (const CsvRun& run : experiment.csv)
        json.value(toJson(run));
    json.endArray();
    json.key(QStringLiteral("environment"));
    json.value(environmentJson(experiment.environment));
    if (const QJsonArray factors = languageFactorsJson(summary); !factors.isEmpty()) {
        json.key(QStringLiteral("language_factors"));
        json.value(factors);
    }
    if (!experiment.rawWrites.empty()) {
        json.key(QStringLiteral("raw_writes"));
        json.value(rawWritesJson(experiment.rawWrites));
    }
    json.key(QStringLiteral("runs"));
    json.beginArray();
    for (std::size_t index = 0; index < experiment.runs.size() && json.ok(); ++index)
        json.value(runJson(experiment.runs[index], index));
    json.endArray();
    if (experiment.script) {
        json.key(QStringLiteral("script"));
        json.value(scriptJson(*experiment.script));
    }
    if (!experiment.setRounds.empty()) {
        json.key(QStringLiteral("set_rounds"));
        json.value(setRoundsJson(experiment.setRounds));
    }
    json.key(QStringLiteral("settings"));
    json.value(toJson(experiment.plan));
    json.key(QStringLiteral("summary"));
    json.beginArray();
    for (const GroupSummary& group : summary.groups)
        json.value(toJson(group));
    json.endArray();
    json.key(QStringLiteral("tool"));
    json.value(QStringLiteral("calcprof"));
    json.key(QStringLiteral("version"));
    json.value(experiment.version);
    json.endObject();
    return json.ok();
}

QByteArray toJsonBytes(const Experiment& experiment)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    writeJson(experiment, buffer);
    return bytes;
}

QString writeJsonFile(const Experiment& experiment, const QString& path)
{
    return writeJsonFile(experiment, summarizeExperiment(experiment), path);
}

QString writeJsonFile(const Experiment& experiment, const ExperimentSummary& summary, const QString& path)
{
    // OutputFile remembers a failed write (a full disk, say): the file is then never renamed into place.
    return writeOutputFile(path, QStringLiteral("JSON"), [&experiment, &summary](QIODevice& file) {
        return writeJson(experiment, summary, file) ? QString() : QStringLiteral("the JSON writer failed");
    });
}

JsonFileReporter::JsonFileReporter(QString path)
    : m_path(std::move(path))
{ }

QString JsonFileReporter::finalize(const Experiment& experiment, const ExperimentSummary& summary)
{
    return writeJsonFile(experiment, summary, m_path);
}

} // namespace calcprof
