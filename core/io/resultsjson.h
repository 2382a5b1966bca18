#pragma once

#include "core/analysis/summary.h"
#include "core/io/resultsreporter.h"
#include "core/model/experiment.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonObject>
#include <QString>

namespace calcprof {

/// The --json schema: {"tool", "version", "environment", "settings", "cancelled", "runs": [...],
/// "csv": [...], "summary": [...], "raw_write": {"bytes", "wall_seconds", "mb_per_second", "fsync"}};
/// "summary" is summarizeExperiment() of the runs; "raw_write", the raw sequential write the CSV
/// stage is compared with, is there only when one was measured.
/// Field names are a contract with the GUI, the report and outside scripts: extend, never rename.
///
/// writeJson() streams the document: each run, CSV stage and summary group is built and written
/// one at a time, so the largest experiment's 100+ MB document never sits in memory (the whole
/// QJsonObject of toJson() took 8x the experiment's own memory). The bytes are exactly
/// QJsonDocument(toJson(experiment)).toJson(QJsonDocument::Indented); toJson() stays as the
/// oracle the tests compare the stream with. False if a write to `out` failed.
bool writeJson(const Experiment& experiment, QIODevice& out);
/// The same with the experiment's summary already computed (summarizeExperiment(experiment)).
bool writeJson(const Experiment& experiment, const ExperimentSummary& summary, QIODevice& out);
QJsonObject toJson(const Experiment& experiment);
/// writeJson() into memory (for tests and small documents).
QByteArray toJsonBytes(const Experiment& experiment);

/// Writes the JSON atomically (a temporary file renamed into place). Empty on success, else why not.
QString writeJsonFile(const Experiment& experiment, const QString& path);
/// The same with the experiment's summary already computed (summarizeExperiment(experiment)).
QString writeJsonFile(const Experiment& experiment, const ExperimentSummary& summary, const QString& path);

/// --json as an output: writeJsonFile() of the experiment when it is finalized.
class JsonFileReporter final : public ResultsReporter
{
public:
    explicit JsonFileReporter(QString path);
    [[nodiscard]] QString finalize(const Experiment& experiment, const ExperimentSummary& summary) override;

private:
    QString m_path;
};

} // namespace calcprof
