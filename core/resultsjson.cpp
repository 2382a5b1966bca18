#include "resultsjson.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

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

QJsonObject toJson(const TaskTiming& task)
{
    return {
        {QStringLiteral("n"), task.n},
        {QStringLiteral("values"), integers(task.values)},
        {QStringLiteral("wall_seconds"), task.wallSeconds},
        {QStringLiteral("start_seconds"), task.startSeconds},
        {QStringLiteral("end_seconds"), task.endSeconds},
        {QStringLiteral("worker"), task.worker},
    };
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
        {QStringLiteral("repetition"), run.repetition},
        {QStringLiteral("wall_seconds"), run.wallSeconds},
        {QStringLiteral("cpu_seconds"), run.cpuSeconds},
        {QStringLiteral("matches_serial"), run.matchesSerial},
        {QStringLiteral("tasks"), tasks},
    };
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
        {QStringLiteral("mb_per_s"),
            file.wallSeconds > 0 ? static_cast<double>(file.bytes) / 1e6 / file.wallSeconds : 0.0},
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

} // namespace

QJsonObject toJson(const Experiment& experiment)
{
    const EnvironmentInfo& env = experiment.environment;
    QJsonArray runs;
    for (const SetRun& run : experiment.runs)
        runs.append(toJson(run));
    QJsonArray csv;
    for (const CsvRun& run : experiment.csv)
        csv.append(toJson(run));
    return {
        {QStringLiteral("tool"), QStringLiteral("calcprof")},
        {QStringLiteral("version"), experiment.version},
        {QStringLiteral("environment"),
            QJsonObject {
                {QStringLiteral("cores"), env.cores},
                {QStringLiteral("cpu"), env.cpu},
                {QStringLiteral("compiler"), env.compiler},
                {QStringLiteral("build_type"), env.buildType},
                {QStringLiteral("os"), env.os},
            }},
        {QStringLiteral("cancelled"), experiment.cancelled},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("csv"), csv},
    };
}

QByteArray toJsonBytes(const Experiment& experiment)
{
    return QJsonDocument(toJson(experiment)).toJson(QJsonDocument::Indented);
}

QString checkOutputFile(const QString& path)
{
    const QFileInfo info(path);
    if (path.isEmpty())
        return QStringLiteral("the output path is empty");
    if (info.isDir())
        return QStringLiteral("cannot write %1: it is a folder").arg(path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return QStringLiteral("cannot write %1: folder %2 does not exist").arg(path, folder.filePath());
    if (!folder.isWritable() || (info.exists() && !info.isWritable()))
        return QStringLiteral("cannot write %1: permission denied").arg(path);
    return {};
}

QString writeJsonFile(const Experiment& experiment, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write JSON to %1: %2").arg(path, file.errorString());
    file.write(toJsonBytes(experiment));
    if (!file.commit())
        return QStringLiteral("cannot write JSON to %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace calcprof
