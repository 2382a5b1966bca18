#pragma once

#include "core/analysis/summary.h"
#include "core/model/experiment.h"
#include "core/report/report.h"

#include <QString>

/// How the report's sections word a measured figure (always with its interval) and build their
/// blocks. Internal to the report (core/report/*.cpp).
namespace calcprof::report {

/// "412 ms (95 % interval 405–420 ms)"; "412 ms (94 % interval 405–420 ms, range of 5 runs)";
/// "412 ms (one run)": the interval worded by intervalText().
QString quoteTime(const Summary& wall);
/// "1.39x (paired rounds; 95 % interval 1.35x–1.42x)", from the group's speedup against serial,
/// worded by speedupIntervalText(); ", above what 2 cores allow: noise" after a flagged one; "-"
/// without one.
QString quoteSpeedup(const GroupSummary& group);
/// The same, compact for a table cell: "412 ms [405 ms, 420 ms]" (the interval as in quoteTime()).
QString timeCell(const Summary& wall);
/// "1.39x [1.35x, 1.42x]", with " (above what 2 cores allow: noise)" after a flagged one.
QString speedupCell(const GroupSummary& group);
/// "71 %", or for a speedup above what its cores allow "100 % (capped: above what 2 cores allow:
/// noise)": the only place an efficiency is capped, and only where the flag says why.
QString efficiencyCell(const GroupSummary& group);
/// "faster than serial", "slower than serial" or "no clearer than serial …": from the speedup's interval.
/// NotMeasurable: most of the group's (or its baseline's) runs were disturbed (GroupSummary::notMeasurable).
enum class Verdict { Faster, Slower, Undecided, Unknown, NotMeasurable };
Verdict verdictAgainstSerial(const GroupSummary& group);
/// "items", "leaves": a work unit's plural.
QString plural(const QString& unit);
/// "pool (2 workers)", "tbb (2 threads)": a group's strategy and worker count for prose.
QString groupName(const GroupSummary& group);

ReportBlock paragraph(const QString& text);
ReportBlock bullets(const QStringList& items);
ReportBlock tableBlock(ReportTable table);
ReportBlock figureBlock(ReportFigure figure);
ReportBlock commandBlock(const QString& commandLine);

/// A command line that would measure what the report lacks, with the experiment's own sets.
QString suggestedCommand(const Experiment& experiment, const QString& extraOptions);

} // namespace calcprof::report
