// The report's question 3: what the pool size changes, from the sweep and the bounds.

#include "core/report/reportpoolsize.h"

#include "core/report/reportwording.h"

#include "core/analysis/bounds.h"
#include "core/format/labels.h"
#include "core/format/units.h"

#include <algorithm>
#include <functional>

namespace calcprof::report {

namespace {

/// The swept whole-task pool to explain on `set`: the process pool as the original's, else the
/// thread pool, else any strategy measured with two pool sizes or more. Empty when nothing was swept.
QString sweptStrategy(const Measurements& measurements, const SetSummary& set)
{
    QStringList candidates {kOriginalPool, QStringLiteral("pool")};
    candidates += measurements.parallelStrategies();
    for (const QString& id : candidates) {
        if (measurements.groupsOf(set, id).size() >= 2)
            return id;
    }
    return {};
}

QString workersPhrase(int workers)
{
    return workers == 1 ? QStringLiteral("1 worker") : QStringLiteral("%1 workers").arg(workers);
}

ReportSection withoutSweep(ReportSection section, const Measurements& measurements, const SetSummary& set)
{
    section.answer = QStringLiteral("Not measured: this run used one pool size. Run a pool-size sweep to see it.");
    section.blocks.push_back(
        commandBlock(suggestedCommand(measurements.experiment(), QStringLiteral("--pool-size 1-8"))));
    const int tasks = static_cast<int>(set.numbers.size());
    const int cores = measurements.cores();
    const SpeedupBounds atCores
        = speedupBounds(set.serialTaskSeconds, set.numbers, ScheduleModel::WholeTasksInSetOrder, cores, cores);
    section.blocks.push_back(paragraph(
        QStringLiteral("What the serial task times predict for %1, to check against the sweep: one worker is serial; "
                       "no pool of whole tasks beats %2 on %3 cores, because task %4 is %5 of the work; with %6 the "
                       "schedule in set order allows %7, and with %8 (one per task) %9.")
            .arg(setLabel(set), formatSpeedup(atCores.wholeTask))
            .arg(cores)
            .arg(set.largestTaskN)
            .arg(percent(set.largestTaskShare), workersPhrase(cores), formatSpeedup(atCores.schedule),
                workersPhrase(tasks),
                formatSpeedup(
                    speedupBounds(set.serialTaskSeconds, set.numbers, ScheduleModel::WholeTasksInSetOrder, tasks, cores)
                        .schedule))));
    return section;
}

/// Question 3's answer: the speedup from the fewest workers to the best, where the plateau starts and
/// why, and the whole-task bound no pool size beats.
QString sweepAnswer(
    const SetSummary& set, const QString& strategy, const std::vector<const GroupSummary*>& sweep, int cores)
{
    const int tasks = static_cast<int>(set.numbers.size());
    // The best is the fastest quotable size (the one rule of fastestGroup()): never a speedup above
    // what the cores allow.
    const GroupSummary* best = fastestGroup(sweep);
    if (const QString disturbed = disturbedReason(sweep); best == nullptr && !disturbed.isEmpty())
        return QStringLiteral("On %1 no pool size of %2 gives a speedup that can be quoted: %3.")
            .arg(setLabel(set), strategy, disturbed);
    if (best == nullptr)
        return QStringLiteral("On %1 no pool size of %2 gives a speedup that can be quoted: each one gave a wrong "
                              "result or measured above what the cores allow (noise).")
            .arg(setLabel(set), strategy);
    // The plateau starts at the fewest workers whose time cannot be told from the best's: their
    // intervals overlap. (Times, not speedups: a speedup's interval carries serial's spread too,
    // which is the same for every pool size and would hide the curve's shape.)
    const GroupSummary* plateau = best;
    for (const GroupSummary* group : sweep) {
        if (group->wall.ciLow <= best->wall.ciHigh) {
            plateau = group;
            break;
        }
    }
    const GroupSummary* fewest = sweep.front();
    double wholeTask = 1.0; // the bound at its highest, with as many workers as cores or more
    for (const GroupSummary* group : sweep)
        wholeTask = group->bounds ? std::max(wholeTask, group->bounds->wholeTask) : wholeTask;

    QString answer = QStringLiteral("On %1, %2 goes from %3 with %4 to %5 with %6")
                         .arg(setLabel(set), strategy, formatSpeedup(fewest->speedup.value_or(0.0)),
                             workersPhrase(fewest->workers), formatSpeedup(best->speedup.value_or(0.0)),
                             workersPhrase(best->workers));
    if (plateau == fewest && best != fewest) {
        answer += QStringLiteral(", but the intervals overlap from %1 on: rerun with more repetitions to tell the "
                                 "sizes apart")
                      .arg(workersPhrase(fewest->workers));
    } else if (plateau != sweep.back()) {
        QString reason;
        if (plateau->workers >= tasks)
            reason = QStringLiteral("there are only %1 tasks to hand out").arg(tasks);
        else if (plateau->workers >= cores)
            reason = QStringLiteral("the machine has %1 cores").arg(cores);
        else
            reason = QStringLiteral("the largest task decides the end");
        answer += QStringLiteral("; from %1 on more workers add nothing measurable, because %2")
                      .arg(workersPhrase(plateau->workers), reason);
    }
    return answer
        + QStringLiteral(". No pool size beats the whole-task bound of %1: task %2 is %3 of the work.")
              .arg(formatSpeedup(wholeTask))
              .arg(set.largestTaskN)
              .arg(percent(set.largestTaskShare));
}

/// The sweep by pool size against the bounds.
ReportTable sweepTable(const SetSummary& set, const QString& strategy, const std::vector<const GroupSummary*>& sweep)
{
    ReportTable table;
    table.header = QStringList {QStringLiteral("Workers"), QStringLiteral("Time"), QStringLiteral("Speedup"),
        QStringLiteral("Ideal"), QStringLiteral("Whole-task bound"), QStringLiteral("Schedule model"),
        QStringLiteral("Efficiency")};
    for (const GroupSummary* group : sweep) {
        const bool bounded = group->bounds.has_value();
        table.rows.push_back(QStringList {QString::number(group->workers), timeCell(group->wall), speedupCell(*group),
            bounded ? formatSpeedup(group->bounds->ideal) : QStringLiteral("-"),
            bounded ? formatSpeedup(group->bounds->wholeTask) : QStringLiteral("-"),
            bounded ? formatSpeedup(group->bounds->schedule) : QStringLiteral("-"), efficiencyCell(*group)});
    }
    table.caption = QStringLiteral("%1 on %2 by pool size. Ideal: min(workers, cores). Whole-task bound: no schedule "
                                   "of whole tasks does better. Schedule model: the pool's own hand-out order, "
                                   "simulated from each task's exact work at serial's measured rate.")
                        .arg(strategy, setLabel(set));
    return table;
}

/// The group of `sweep` with `workers` workers; nullptr when not measured.
const GroupSummary* measuredAt(const std::vector<const GroupSummary*>& sweep, int workers)
{
    for (const GroupSummary* group : sweep) {
        if (group->workers == workers)
            return group;
    }
    return nullptr;
}

/// What the pool size changes, effect by effect: serialising below the task count, the hand-out
/// order, time-slicing above the cores, idle workers beyond the tasks.
QStringList sweepEffects(const SetSummary& set, const std::vector<const GroupSummary*>& sweep, int cores)
{
    const int tasks = static_cast<int>(set.numbers.size());
    QStringList effects;
    if (const GroupSummary* one = measuredAt(sweep, 1))
        effects << QStringLiteral("Below the task count the pool serialises: tasks wait for a free worker. With 1 "
                                  "worker it is serial plus the pool's cost: %1.")
                       .arg(quoteSpeedup(*one));
    std::vector<double> largestFirst = set.serialTaskSeconds;
    std::sort(largestFirst.begin(), largestFirst.end(), std::greater<>());
    if (cores < tasks) {
        const double inOrder = orderSpeedup(set.serialTaskSeconds, cores, cores);
        const double sorted = orderSpeedup(largestFirst, cores, cores);
        const GroupSummary* atCores = measuredAt(sweep, cores);
        const QString measured = atCores != nullptr
            ? QStringLiteral(" Measured with %1: %2.").arg(workersPhrase(cores), quoteSpeedup(*atCores))
            : QString();
        if (sorted > inOrder * 1.01)
            effects << QStringLiteral("The order matters: map hands the tasks out in set order, so with %1 the "
                                      "largest task, %2, starts only when another one ends. That schedule allows "
                                      "%3; largest first would allow %4.%5")
                           .arg(workersPhrase(cores))
                           .arg(set.largestTaskN)
                           .arg(formatSpeedup(inOrder), formatSpeedup(sorted), measured);
        else
            effects << QStringLiteral("The order costs nothing here: with %1, handing the tasks out in set order "
                                      "already allows %2, as largest first would.%3")
                           .arg(workersPhrase(cores), formatSpeedup(inOrder), measured);
    }
    if (tasks > cores) {
        const GroupSummary* allAtOnce = measuredAt(sweep, tasks);
        effects << QStringLiteral("With more workers than cores the operating system time-slices them: with %1 all "
                                  "tasks start at once and share the cores, which the model puts at %2.%3")
                       .arg(workersPhrase(tasks), formatSpeedup(orderSpeedup(set.serialTaskSeconds, tasks, cores)),
                           allAtOnce != nullptr ? QStringLiteral(" Measured: %1.").arg(quoteSpeedup(*allAtOnce))
                                                : QString());
    }
    if (const GroupSummary* beyond = sweep.back();
        beyond->workers > tasks && beyond->workUnit == QStringLiteral("task"))
        effects << QStringLiteral("Beyond %1 the extra workers never get a task: %2 gives %3.")
                       .arg(workersPhrase(tasks), workersPhrase(beyond->workers), quoteSpeedup(*beyond));
    return effects;
}

/// "mapped (2 workers) hands out items: …": the measured strategies finer than whole tasks.
QStringList finerGrains(const Measurements& measurements, const SetSummary& set)
{
    QStringList finer;
    for (const QString& id : measurements.parallelStrategies()) {
        const GroupSummary* group = measurements.defaultGroup(set, id);
        if (group != nullptr && group->bounds && group->workUnit != QStringLiteral("task") && group->speedup)
            finer << QStringLiteral("%1 hands out %2: %3 against a bound of %4")
                         .arg(groupName(*group), plural(group->workUnit), quoteSpeedup(*group),
                             formatSpeedup(group->bounds->unit));
    }
    return finer;
}

/// The speedup view of `set`: the sweep beside its bounds.
ReportFigure sweepFigure(const Measurements& measurements, const SetSummary& set)
{
    ReportFigure figure;
    figure.view = ReportFigure::View::Speedup;
    figure.setPosition = measurements.positionOf(set);
    figure.caption = QStringLiteral("Speedup against pool size on %1 with the intervals of the paired estimates, "
                                    "beside the ideal, the "
                                    "whole-task bound and each pool's schedule model; strategies that ignore the "
                                    "pool size are horizontal lines.")
                         .arg(setLabel(set));
    figure.fileStem = QStringLiteral("speedup-set%1").arg(set.setIndex);
    return figure;
}

} // namespace

ReportSection poolSizeSection(const Measurements& measurements)
{
    ReportSection section;
    section.id = QStringLiteral("question-3");
    section.title = QStringLiteral("Question 3: what does the pool size change, and why?");
    const SetSummary* set = measurements.heaviestSet();
    if (set == nullptr) {
        section.answer = QStringLiteral("Not measured: serial did not run, and every speedup is against serial.");
        section.blocks.push_back(commandBlock(
            suggestedCommand(measurements.experiment(), QStringLiteral("--strategies serial,pool --pool-size 1-8"))));
        return section;
    }
    const QString strategy = sweptStrategy(measurements, *set);
    if (strategy.isEmpty())
        return withoutSweep(section, measurements, *set);

    const std::vector<const GroupSummary*> sweep = measurements.groupsOf(*set, strategy);
    section.answer = sweepAnswer(*set, strategy, sweep, measurements.cores());
    section.blocks.push_back(tableBlock(sweepTable(*set, strategy, sweep)));
    QStringList effects = sweepEffects(*set, sweep, measurements.cores());
    const QStringList finer = finerGrains(measurements, *set);
    effects << (finer.isEmpty() ? QStringLiteral("Finer-grained strategies (mapped: one item each; tbb: the "
                                                 "recursion split) lift the bound towards the core count; they were "
                                                 "not measured here.")
                                : QStringLiteral("Finer grains lift the bound towards the core count: ")
                + finer.join(QStringLiteral("; ")) + u'.');
    section.blocks.push_back(bullets(effects));
    if (finer.isEmpty())
        section.blocks.push_back(commandBlock(suggestedCommand(
            measurements.experiment(), QStringLiteral("--strategies serial,pool,mapped,tbb --pool-size 1-8"))));
    section.blocks.push_back(figureBlock(sweepFigure(measurements, *set)));
    return section;
}

} // namespace calcprof::report
