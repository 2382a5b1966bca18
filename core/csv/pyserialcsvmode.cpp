#include "core/csv/csvmoderegistry.h"

#include "core/csv/csvformat.h"
#include "core/python/pythoninterpreter.h"
#include "core/python/pythonprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

#include <chrono>
#include <stdexcept>

#include <unistd.h>

namespace calcprof {

namespace {

using namespace std::chrono_literals;

QString text(const char* literal)
{
    return QString::fromLatin1(literal);
}

/// The runner's request: the stage's files, their values as decimal strings (a JSON number would round
/// a fibo value above 2^53), and calcprof's pid for the temporary names, so a failed stage's leftovers
/// are the ones calcprof itself would clean.
QJsonObject csvRequest(const CsvJob& job)
{
    QJsonArray values;
    for (const FiboValue value : job.values())
        values.append(QString::number(static_cast<qulonglong>(value)));
    return QJsonObject {{text("mode"), text("csv")}, {text("directory"), job.directory()}, {text("values"), values},
        {text("header_bytes"), static_cast<qint64>(job.spec().headerBytes)},
        {text("footer_bytes"), static_cast<qint64>(job.spec().footerBytes)}, {text("fsync"), job.fsync()},
        {text("partial_pid"), static_cast<qint64>(::getpid())}};
}

/// The runner writes the stage's files one after another, as save_serial does, and reports each.
class PythonCsvWriter
{
public:
    PythonCsvWriter(CsvJob& job, PythonProcess& process)
        : m_job(job)
        , m_process(process)
        , m_results(static_cast<std::size_t>(job.fileCount()))
    {
        for (std::size_t index = 0; index < m_results.size(); ++index) {
            m_results[index].index = static_cast<int>(index) + 1;
            m_results[index].value = job.values()[index];
            m_results[index].worker = 1;
            m_results[index].error = text("skipped");
        }
    }
    Q_DISABLE_COPY_MOVE(PythonCsvWriter)
    ~PythonCsvWriter() = default;

    /// Reads the runner's lines until it is done or fails; the results in file order.
    std::vector<CsvFileResult> run()
    {
        bool hello = false;
        bool done = false;
        QJsonObject message;
        while (!done) {
            const auto timeout = hello ? std::chrono::milliseconds(24h) : std::chrono::milliseconds(10s);
            const PythonProcess::Next next = m_process.next(message, timeout, &m_job.stopFlag());
            if (next != PythonProcess::Next::Message) {
                fail(next);
                break;
            }
            if (!hello) {
                hello = message.value(text("hello")).toInt() == 1;
                if (!hello) {
                    m_job.recordExternalFailure(
                        text("the Python runner broke the protocol: it did not say hello"), false);
                    break;
                }
                continue;
            }
            done = handle(message);
        }
        if (done && m_process.finish(2s) != 0)
            m_job.recordExternalFailure(m_process.describeEnd(-1) + text(" after the CSV files"), false);
        m_process.stop();
        return m_results;
    }

private:
    /// One line: a file written, the end (true), or an error (true: stop reading).
    bool handle(const QJsonObject& message)
    {
        if (message.contains(text("error"))) {
            const QString error
                = QStringLiteral("the Python CSV writer failed: %1").arg(message.value(text("error")).toString());
            markInterrupted(error);
            m_job.recordExternalFailure(error, false);
            return true;
        }
        if (message.contains(text("csv_end"))) {
            m_job.setWriterPeakRssBytes(message.value(text("peak_rss_bytes")).toInteger());
            return true;
        }
        const int index = message.value(text("file")).toInt(0);
        if (index < 1 || index > static_cast<int>(m_results.size())) {
            m_job.recordExternalFailure(text("the Python runner broke the protocol: unexpected CSV message"), false);
            return true;
        }
        CsvFileResult& result = m_results[static_cast<std::size_t>(index - 1)];
        result.error.clear();
        result.bytes = static_cast<std::uint64_t>(message.value(text("bytes")).toInteger());
        result.startSeconds = secondsOf(message.value(text("start")).toInteger());
        result.wallSeconds = secondsOf(message.value(text("end")).toInteger()) - result.startSeconds;
        m_job.recordWritten(result);
        return false;
    }

    /// The file the runner was writing when it stopped (the first not reported) carries `error`, as
    /// writeFile() marks the file it was writing; the rest stay "skipped".
    void markInterrupted(const QString& error)
    {
        for (CsvFileResult& result : m_results) {
            if (result.error == QStringLiteral("skipped")) {
                result.error = error;
                return;
            }
        }
    }

    void fail(PythonProcess::Next next)
    {
        markInterrupted(next == PythonProcess::Next::Stopped ? text("cancelled") : text("interrupted"));
        if (next == PythonProcess::Next::Stopped)
            m_job.recordExternalFailure(text("cancelled"), true);
        else if (next == PythonProcess::Next::Garbage)
            m_job.recordExternalFailure(QStringLiteral("%1 broke the protocol: it printed '%2' on calcprof's channel")
                                            .arg(m_process.describeEnd(-1), m_process.garbage()),
                false);
        else
            m_job.recordExternalFailure(
                m_process.describeEnd(next == PythonProcess::Next::Ended ? m_process.finish(500ms) : -1)
                    + text(" while writing the CSV files"),
                false);
    }

    [[nodiscard]] double secondsOf(qint64 steadyNanoseconds) const
    {
        const qint64 origin
            = std::chrono::duration_cast<std::chrono::nanoseconds>(m_job.origin().time_since_epoch()).count();
        return static_cast<double>(steadyNanoseconds - origin) * 1e-9;
    }

    CsvJob& m_job;
    PythonProcess& m_process;
    std::vector<CsvFileResult> m_results;
};

/// The runner's temporary files of a failed stage: it removes its own, but a runner killed mid-file
/// (a cancel) cannot.
void removePartialFiles(const CsvJob& job)
{
    const QDir dir(job.directory());
    for (int index = 1; index <= job.fileCount(); ++index)
        QFile::remove(dir.filePath(csvTemporaryFileName(index)));
}

class PySerialCsvMode final : public CsvWriteMode
{
public:
    QString id() const override { return QStringLiteral("py-serial"); }
    QString displayName() const override { return QStringLiteral("Python save_serial"); }
    QString description() const override
    {
        return QStringLiteral(
            "The original's save_serial as written, run by the Python interpreter you chose (--python): one file "
            "after another, each row written by csv.writer (the same bytes as every other mode). Its time and its "
            "peak memory are the interpreter's own (ru_maxrss of the Python process): the header and footer "
            "strings and the row csv.writer builds from them are all in memory at once.");
    }
    int writerCount(int /*poolSize*/, int /*fileCount*/) const override { return 1; }

    std::vector<CsvFileResult> write(CsvJob& job, int /*writers*/) const override
    {
        const PythonInfo info = probePythonInterpreter(job.python().interpreter);
        std::vector<CsvFileResult> results;
        if (!info.ok()) {
            job.recordExternalFailure(info.error, false);
        } else {
            PythonProcess process(info.interpreter, info.runner);
            try {
                process.start(csvRequest(job));
                results = PythonCsvWriter(job, process).run();
            } catch (const std::runtime_error& error) {
                job.recordExternalFailure(QString::fromLocal8Bit(error.what()), false);
            }
        }
        if (results.empty()) { // nothing was written: every file skipped
            for (int index = 1; index <= job.fileCount(); ++index)
                results.push_back(CsvFileResult {
                    index, job.values()[static_cast<std::size_t>(index - 1)], 0, 0.0, 0.0, 1, text("skipped")});
        }
        removePartialFiles(job);
        return results;
    }
};

} // namespace

std::unique_ptr<CsvWriteMode> makePySerialCsvMode()
{
    return std::make_unique<PySerialCsvMode>();
}

} // namespace calcprof
