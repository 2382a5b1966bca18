#include "core/io/chrometrace.h"

#include "core/io/outputfile.h"
#include "core/model/numbersets.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <utility>

namespace calcprof {

namespace {

constexpr double kMicroseconds = 1e6;

/// Writes the events one by one between `{"traceEvents":[` and `]}`.
class TraceWriter
{
public:
    explicit TraceWriter(QIODevice& file)
        : m_file(file)
    {
        m_file.write(R"({"displayTimeUnit":"ms","traceEvents":[)");
    }

    void event(const QJsonObject& event)
    {
        if (!m_first)
            m_file.write(",\n");
        m_first = false;
        m_file.write(QJsonDocument(event).toJson(QJsonDocument::Compact));
    }

    void finish() { m_file.write("]}\n"); }

private:
    QIODevice& m_file;
    bool m_first = true;
};

QJsonObject metadata(const QString& name, int pid, int tid, const QJsonObject& args)
{
    QJsonObject object {
        {QStringLiteral("name"), name},
        {QStringLiteral("ph"), QStringLiteral("M")},
        {QStringLiteral("pid"), pid},
        {QStringLiteral("args"), args},
    };
    if (tid >= 0)
        object.insert(QStringLiteral("tid"), tid);
    return object;
}

void nameProcess(TraceWriter& writer, int pid, const QString& name)
{
    writer.event(metadata(QStringLiteral("process_name"), pid, -1, {{QStringLiteral("name"), name}}));
    // Viewers sort processes by this index: the runs stay in the order they ran.
    writer.event(metadata(QStringLiteral("process_sort_index"), pid, -1, {{QStringLiteral("sort_index"), pid}}));
}

QJsonObject complete(const QString& name, const QString& category, int pid, int tid, double startSeconds,
    double durationSeconds, const QJsonObject& args)
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("cat"), category},
        {QStringLiteral("ph"), QStringLiteral("X")},
        {QStringLiteral("pid"), pid},
        {QStringLiteral("tid"), tid},
        {QStringLiteral("ts"), startSeconds * kMicroseconds},
        {QStringLiteral("dur"), std::max(durationSeconds, 0.0) * kMicroseconds},
        {QStringLiteral("args"), args},
    };
}

void writeRun(TraceWriter& writer, const SetRun& run, int pid)
{
    nameProcess(writer, pid,
        QStringLiteral("%1 · set %2 (%3) · %4 workers · rep %5")
            .arg(run.strategy)
            .arg(run.setIndex)
            .arg(formatNumberSet(run.numbers))
            .arg(run.poolSize)
            .arg(run.repetition));
    std::vector<int> named;
    auto nameWorker = [&](int worker) {
        if (std::find(named.begin(), named.end(), worker) != named.end())
            return;
        named.push_back(worker);
        writer.event(metadata(QStringLiteral("thread_name"), pid, worker,
            {{QStringLiteral("name"), QStringLiteral("worker %1").arg(worker)}}));
    };
    // A worker process's start-up (spawn until ready, or until it was killed still starting) on its lane.
    for (const WorkerStartup& startup : run.workerStartups) {
        if (!startup.host.isEmpty() && std::find(named.begin(), named.end(), startup.worker) == named.end()) {
            named.push_back(startup.worker); // an MPI rank: named where it ran, "host:rank"
            writer.event(metadata(QStringLiteral("thread_name"), pid, startup.worker,
                {{QStringLiteral("name"), QString(startup.host + u':' + QString::number(startup.worker))}}));
        }
        nameWorker(startup.worker);
        writer.event(complete(startup.ready ? QStringLiteral("start-up") : QStringLiteral("start-up (killed)"),
            QStringLiteral("startup"), pid, startup.worker, startup.spawnSeconds,
            startup.endSeconds - startup.spawnSeconds, {{QStringLiteral("ready"), startup.ready}}));
    }
    for (std::size_t index = 0; index < run.tasks.size(); ++index) {
        const TaskTiming& task = run.tasks[index];
        if (task.worker <= 0)
            continue; // never ran (a failed or cancelled run)
        const QString name = QStringLiteral("task %1").arg(task.n);
        const QJsonObject args {{QStringLiteral("n"), task.n}, {QStringLiteral("task_index"), static_cast<int>(index)},
            {QStringLiteral("set"), run.setIndex}};
        if (task.slices.empty()) {
            nameWorker(task.worker);
            writer.event(complete(name, QStringLiteral("task"), pid, task.worker, task.startSeconds,
                task.endSeconds - task.startSeconds, args));
            continue;
        }
        for (std::size_t piece = 0; piece < task.slices.size(); ++piece) {
            const WorkSlice& slice = task.slices[piece];
            nameWorker(slice.worker);
            QJsonObject pieceArgs = args;
            pieceArgs.insert(QStringLiteral("piece"), static_cast<int>(piece) + 1);
            writer.event(complete(name, QStringLiteral("piece"), pid, slice.worker, slice.startSeconds,
                slice.endSeconds - slice.startSeconds, pieceArgs));
        }
    }
}

void writeCsvStage(TraceWriter& writer, const CsvRun& stage, int pid)
{
    nameProcess(writer, pid, QStringLiteral("CSV stage · %1 · set %2").arg(stage.mode).arg(stage.setIndex));
    std::vector<int> named;
    for (const CsvFileResult& file : stage.fileResults) {
        if (std::find(named.begin(), named.end(), file.worker) == named.end()) {
            named.push_back(file.worker);
            writer.event(metadata(QStringLiteral("thread_name"), pid, file.worker,
                {{QStringLiteral("name"), QStringLiteral("writer %1").arg(file.worker)}}));
        }
        writer.event(complete(QStringLiteral("res%1.txt").arg(file.index), QStringLiteral("csv"), pid, file.worker,
            file.startSeconds, file.wallSeconds,
            {{QStringLiteral("bytes"), static_cast<qint64>(file.bytes)}, {QStringLiteral("ok"), file.ok()}}));
    }
}

} // namespace

QString writeChromeTrace(const Experiment& experiment, const QString& path)
{
    // A failed write is remembered by the file, which is then never renamed into place.
    return writeOutputFile(path, QStringLiteral("the trace"), [&experiment](QIODevice& file) {
        TraceWriter writer(file);
        int pid = 0;
        for (const SetRun& run : experiment.runs)
            writeRun(writer, run, ++pid); // the JSON's run ids count from 1 in the same order
        for (const CsvRun& stage : experiment.csv)
            writeCsvStage(writer, stage, ++pid);
        writer.finish();
        return QString();
    });
}

ChromeTraceReporter::ChromeTraceReporter(QString path)
    : m_path(std::move(path))
{ }

QString ChromeTraceReporter::finalize(const Experiment& experiment, const ExperimentSummary& /*summary*/)
{
    return writeChromeTrace(experiment, m_path);
}

} // namespace calcprof
