#pragma once

#include "core/analysis/summary.h"
#include "core/model/experiment.h"

#include <QString>
#include <QStringList>

#include <vector>

/// The write-up of an experiment: the exercise's questions answered from the user's own numbers.
/// Every sentence and every figure quoted is generated here, from the ExperimentSummary (and the
/// runs' timelines); the HTML and Markdown writers (ui/reportwriter) only lay it out and draw the
/// figures with the window's own views.
namespace calcprof {

/// A figure of the report: one of the window's views, set up as described, drawn by the writer
/// with the same code that draws and exports it in the window.
struct ReportFigure
{
    enum class View { Time, Speedup, Timeline, Csv };

    View view = View::Time;
    /// Speedup: the set shown, as its position in ExperimentSummary::sets (0-based).
    int setPosition = 0;
    /// Timeline: the run shown, an index into Experiment::runs, and optionally a second run drawn
    /// under it on the same time scale (-1: none).
    int run = -1;
    int comparisonRun = -1;
    QString caption; ///< a sentence under the figure: what to see in it
    QString fileStem; ///< a file name without extension for the Markdown's PNG: "speedup-set3"

    bool operator==(const ReportFigure&) const = default;
};

struct ReportTable
{
    QStringList header;
    std::vector<QStringList> rows; ///< each as long as the header
    QString caption; ///< empty: none

    bool operator==(const ReportTable&) const = default;
};

/// One element of a section, in reading order.
struct ReportBlock
{
    enum class Kind {
        Paragraph, ///< text
        Bullets, ///< items
        Table, ///< table
        Figure, ///< figure
        Command, ///< text: a command line to run (what would answer a question that lacks data)
    };

    Kind kind = Kind::Paragraph;
    QString text;
    QStringList items;
    ReportTable table;
    ReportFigure figure;

    bool operator==(const ReportBlock&) const = default;
};

struct ReportSection
{
    QString id; ///< a stable anchor: "machine", "before-after", "question-1", … "csv"
    QString title;
    /// The one-line answer a reader can quote ("Answer: …" is added by the writers); empty for the
    /// sections that answer no question (the machine and settings).
    QString answer;
    std::vector<ReportBlock> blocks;

    bool operator==(const ReportSection&) const = default;
};

struct Report
{
    QString title;
    QString subtitle; ///< what was run, where, when
    std::vector<ReportSection> sections;

    [[nodiscard]] const ReportSection* section(const QString& id) const;
    bool operator==(const Report&) const = default;
};

/// Writes up `experiment`, whose summary is `summary` (summarizeExperiment(experiment)). Never
/// invents an answer: a question the experiment has no data for says what to run instead.
Report buildReport(const Experiment& experiment, const ExperimentSummary& summary,
    const StrategyRegistry& strategies = builtinStrategies());

} // namespace calcprof
