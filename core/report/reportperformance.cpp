// The report's sections on compute time: before and after, questions 1 and 2, the alternatives.

#include "core/report/reportperformance.h"

#include "core/report/reportwording.h"

#include "core/analysis/costs.h"
#include "core/analysis/timeline.h"
#include "core/exec/workload.h"
#include "core/format/labels.h"
#include "core/format/units.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace calcprof::report {

namespace {

const QString kThreadPool = QStringLiteral("pool");

/// The strategy that stands for the original's do_parallel: the original itself in CPython (py-pool),
/// else the process pool, else the thread pool, else the first parallel strategy measured. Empty when
/// none ran.
QString originalPoolStrategy(const Measurements& measurements)
{
    const QStringList measured = measurements.parallelStrategies();
    for (const QString& id : QStringList {kPythonPool, kOriginalPool, kThreadPool} + measured) {
        if (measured.contains(id))
            return id;
    }
    return {};
}

/// That strategy on `set` as the original runs it: at its auto size (Pool(len(set))), else with
/// the most workers measured up to one per task. nullptr when it did not run the set.
const GroupSummary* originalPool(const Measurements& measurements, const SetSummary& set)
{
    const QString id = originalPoolStrategy(measurements);
    if (id.isEmpty())
        return nullptr;
    if (const GroupSummary* group = measurements.defaultGroup(set, id))
        return group;
    const GroupSummary* closest = nullptr;
    for (const GroupSummary* group : measurements.groupsOf(set, id)) {
        if (group->workers <= static_cast<int>(set.numbers.size()))
            closest = group; // by workers, ascending
    }
    return closest;
}

const GroupSummary* serialGroup(const Measurements& measurements, const SetSummary& set)
{
    return measurements.defaultGroup(set, baselineStrategyId());
}

/// The serial run `pool` is compared with: its speedup's baseline (py-serial for py-pool where it
/// ran), else serial on `set`.
const GroupSummary* serialFor(const Measurements& measurements, const SetSummary& set, const GroupSummary* pool)
{
    const GroupSummary* baseline = pool != nullptr ? measurements.baselineOf(*pool) : nullptr;
    return baseline != nullptr ? baseline : serialGroup(measurements, set);
}

/// Every group of any parallel strategy and pool size on `set`.
std::vector<const GroupSummary*> parallelGroups(const Measurements& measurements, const SetSummary& set)
{
    std::vector<const GroupSummary*> groups;
    for (const QString& id : measurements.parallelStrategies()) {
        for (const GroupSummary* group : measurements.groupsOf(set, id))
            groups.push_back(group);
    }
    return groups;
}

/// The fastest quotable group (fastestGroup()) of any parallel strategy and pool size on `set`.
const GroupSummary* fastestParallel(const Measurements& measurements, const SetSummary& set)
{
    return fastestGroup(parallelGroups(measurements, set));
}

QString setList(const QStringList& sets)
{
    if (sets.size() <= 1)
        return sets.join(QString());
    return QStringList(sets.mid(0, sets.size() - 1)).join(QStringLiteral(", ")) + QStringLiteral(" and ")
        + sets.constLast();
}

/// "The process pool (processes, 3 workers)" or the strategy that stands in for it.
QString poolPhrase(const GroupSummary& pool)
{
    if (pool.strategy == kOriginalPool)
        return QStringLiteral("the process pool with %1 workers").arg(pool.workers);
    if (pool.strategy == kPythonPool)
        return QStringLiteral("the original's Pool(%1) in Python (py-pool)").arg(pool.workers);
    return groupName(pool);
}

ReportSection missingSerial(ReportSection section, const Measurements& measurements)
{
    section.answer = QStringLiteral("Not measured: serial did not run, and every comparison here is against serial.");
    section.blocks.push_back(
        commandBlock(suggestedCommand(measurements.experiment(), QStringLiteral("--strategies serial,processes"))));
    return section;
}

ReportSection missingParallel(ReportSection section, const Measurements& measurements)
{
    section.answer = QStringLiteral("Not measured: no parallel strategy ran.");
    section.blocks.push_back(commandBlock(suggestedCommand(measurements.experiment(), QString())));
    return section;
}

/// The smallest n whose task (the list fibo(0) … fibo(n-1)) takes at least `seconds` serially at
/// `callsPerSecond`; kMaxTaskNumber + 1 when none does.
int taskNumberTaking(double seconds, double callsPerSecond)
{
    for (int n = 0; n <= kMaxTaskNumber; ++n) {
        if (static_cast<double>(taskCalls(n)) / callsPerSecond >= seconds)
            return n;
    }
    return kMaxTaskNumber + 1;
}

/// The share of a run's lanes × wall time its workers stood idle (0 without lanes).
double idleShareOf(const RunTimeline& timeline)
{
    const double lanesTime = static_cast<double>(timeline.lanes.size()) * timeline.wallSeconds;
    return lanesTime > 0.0 ? timeline.idleSeconds / lanesTime : 0.0;
}

/// Question 1's answer: it leads with whichever cost took more of the run, the wait for the first task or the
/// workers' waiting for the longest task.
QString timeSpentAnswer(
    const SetSummary& heaviest, const GroupSummary& serial, const GroupSummary& pool, const RunTimeline& timeline)
{
    const double startupShare = timeline.wallSeconds > 0.0 ? timeline.firstTaskSeconds / timeline.wallSeconds : 0.0;
    const double lanes = std::max<double>(1.0, static_cast<double>(timeline.lanes.size()));
    const double waitingPerLane = timeline.idleSeconds / lanes - timeline.firstTaskSeconds;
    const QString serialName = serial.strategy == baselineStrategyId() ? QStringLiteral("Serial") : serial.strategy;
    const QString serialPart = QStringLiteral("%5's time is the sum of its tasks (%1 on %2); %3 takes %4")
                                   .arg(formatSeconds(serial.wall.median), setLabel(heaviest), poolPhrase(pool),
                                       formatSeconds(pool.wall.median), serialName);
    if (timeline.firstTaskSeconds > waitingPerLane)
        return serialPart
            + QStringLiteral(", and most of that passes before its first task starts: %1 (%2 of the run).")
                  .arg(formatSeconds(timeline.firstTaskSeconds), percent(startupShare));
    return serialPart
        + QStringLiteral(": its first task starts after %1, then the tasks run side by side until the longest, "
                         "task %2 (%3 of the work), ends, while its other workers idle %4 of their time.")
              .arg(formatSeconds(timeline.firstTaskSeconds))
              .arg(heaviest.largestTaskN)
              .arg(percent(heaviest.largestTaskShare), percent(idleShareOf(timeline)));
}

/// Where the pool's time went, cost by cost: start-up, per-task work, waiting.
QStringList timeSpentReasons(
    const Measurements& measurements, const SetSummary& heaviest, const GroupSummary& pool, const RunTimeline& timeline)
{
    // A Python pool's tasks run at the interpreter's rate: its largest task serially is py-serial's.
    const GroupSummary* baseline = measurements.baselineOf(pool);
    const bool python = baseline != nullptr && baseline->strategy != baselineStrategyId();
    const double rate = python && heaviest.languageFactor ? heaviest.languageFactor->ratioOfMedians : 1.0;
    const double largestSerial = heaviest.largestTaskShare * heaviest.serialWorkSeconds * rate;
    QStringList reasons;
    reasons << QStringLiteral("Before the first task: it started %1 after the run began (%2).")
                   .arg(formatSeconds(timeline.firstTaskSeconds),
                       pool.strategy == kOriginalPool || pool.strategy == kPythonPool
                           ? QStringLiteral("spawning %1 worker processes and waiting until they were ready")
                                 .arg(pool.workers)
                           : QStringLiteral("starting the workers and handing out the first task"));
    // Measured against measured: the pool's task times against its serial's as timed (py-serial's
    // typical run for a Python pool: its tasks run at the interpreter's rate, not serial's).
    const int baselineRun = python ? measurements.typicalRun(*baseline) : -1;
    const double serialMeasured = baselineRun >= 0
        ? timelineOf(measurements.experiment().runs[static_cast<std::size_t>(baselineRun)]).workSeconds
        : std::accumulate(heaviest.measuredTaskSeconds.begin(), heaviest.measuredTaskSeconds.end(), 0.0);
    const double stretch = serialMeasured > 0.0 ? timeline.workSeconds / serialMeasured : 1.0;
    reasons << QStringLiteral("Per-task work: the tasks' own times add up to %1 against %5's %2 (%3x). %4")
                   .arg(formatSeconds(timeline.workSeconds), formatSeconds(serialMeasured))
                   .arg(stretch, 0, 'f', 2)
                   .arg(pool.workers > measurements.cores()
                           ? QStringLiteral("With %1 workers on %2 cores the tasks share the cores, so each one takes "
                                            "longer than it does alone.")
                                 .arg(pool.workers)
                                 .arg(measurements.cores())
                           : QStringLiteral("Each task runs on a core of its own, about as fast as alone."))
                   .arg(python ? baseline->strategy : baselineStrategyId());
    reasons << QStringLiteral("Waiting: the run cannot end before its longest task, task %1 (%2 serially); the "
                              "workers that finish first have nothing left to take, so the lanes stand idle %3 of "
                              "the run, and the last %4 after the final task are the pool's shutdown.")
                   .arg(heaviest.largestTaskN)
                   .arg(formatSeconds(largestSerial), percent(idleShareOf(timeline)),
                       formatSeconds(timeline.tailSeconds));
    return reasons;
}

/// The typical run of serial and of each parallel strategy on `heaviest`, read from its timeline.
ReportTable typicalRunsTable(const Measurements& measurements, const SetSummary& heaviest)
{
    ReportTable table;
    table.header = QStringList {QStringLiteral("Strategy"), QStringLiteral("Wall"), QStringLiteral("First task after"),
        QStringLiteral("Tasks' time (sum)"), QStringLiteral("Idle share"), QStringLiteral("Longest task")};
    for (const QString& id : QStringList {baselineStrategyId()} + measurements.parallelStrategies()) {
        const GroupSummary* group = measurements.defaultGroup(heaviest, id);
        const int run = group != nullptr ? measurements.typicalRun(*group) : -1;
        if (run < 0)
            continue;
        const RunTimeline line = timelineOf(measurements.experiment().runs[static_cast<std::size_t>(run)]);
        const double laneTime = static_cast<double>(line.lanes.size()) * line.wallSeconds;
        table.rows.push_back(QStringList {groupName(*group), formatSeconds(line.wallSeconds),
            formatSeconds(line.firstTaskSeconds), formatSeconds(line.workSeconds),
            laneTime > 0.0 ? percent(line.idleSeconds / laneTime) : QStringLiteral("-"),
            QStringLiteral("task %1, %2").arg(line.longestTaskN).arg(formatSeconds(line.longestTaskSeconds))});
    }
    table.caption = QStringLiteral("The typical run (closest to the median) of each strategy on %1, read from its "
                                   "timeline.")
                        .arg(setLabel(heaviest));
    return table;
}

/// On the lightest set the start-up weighs more: the strategy's start-up there against serial's
/// whole run. nullopt when either was not measured there.
std::optional<ReportBlock> lightSetStartup(
    const Measurements& measurements, const SetSummary& lightest, const QString& strategy)
{
    const GroupSummary* lightPool = measurements.defaultGroup(lightest, strategy);
    const GroupSummary* lightSerial = serialFor(measurements, lightest, lightPool);
    if (lightSerial == nullptr || lightPool == nullptr || measurements.typicalRun(*lightPool) < 0)
        return std::nullopt;
    const RunTimeline small
        = timelineOf(measurements.experiment().runs[static_cast<std::size_t>(measurements.typicalRun(*lightPool))]);
    return paragraph(QStringLiteral("On %1 the same costs dominate differently: %2 spends %3 before its first task "
                                    "starts, against %4's whole run of %5.")
                         .arg(setLabel(lightest), groupName(*lightPool), formatSeconds(small.firstTaskSeconds),
                             lightSerial->strategy, formatSeconds(lightSerial->wall.median)));
}

/// The alternatives' answer: the fastest at the default pool size on `heaviest`, its share of its
/// bound, and whether the next can be told from it. `groups`: the quotable ones fastest first
/// (fastestGroup() first), then the rest; at least one.
QString alternativesAnswer(const SetSummary& heaviest, const std::vector<const GroupSummary*>& groups)
{
    const GroupSummary& first = *groups.front();
    if (const QString disturbed = disturbedReason(groups); !quotable(first) && !disturbed.isEmpty())
        return QStringLiteral("On %1 no strategy's speedup can be quoted: %2.").arg(setLabel(heaviest), disturbed);
    if (!quotable(first))
        return QStringLiteral("On %1 no strategy's speedup can be quoted: each one either gave a wrong result or "
                              "measured above what the cores allow (noise); rerun with more repetitions on a "
                              "quieter machine.")
            .arg(setLabel(heaviest));
    QString answer
        = QStringLiteral("On %1, %2 is fastest at %3").arg(setLabel(heaviest), groupName(first), quoteSpeedup(first));
    if (first.bounds)
        answer += QStringLiteral(", %1 of the %2 its %3 allow")
                      .arg(percent(first.speedup.value_or(0.0) / first.bounds->unit), formatSpeedup(first.bounds->unit),
                          plural(first.workUnit));
    if (groups.size() > 1 && quotable(*groups[1])) {
        const GroupSummary& second = *groups[1];
        const bool overlap = second.wall.ciLow <= first.wall.ciHigh;
        answer += overlap
            ? QStringLiteral("; %1 (%2) is within its interval, so this run cannot tell them apart")
                  .arg(groupName(second), formatSpeedup(second.speedup.value_or(0.0)))
            : QStringLiteral("; next is %1 (%2)").arg(groupName(second), formatSpeedup(second.speedup.value_or(0.0)));
    }
    return answer + u'.';
}

/// Every parallel strategy's speedup on every set, at the default pool size.
ReportTable speedupsBySet(const Measurements& measurements)
{
    ReportTable bySet;
    bySet.header = QStringList {QStringLiteral("Strategy")};
    for (const SetSummary& set : measurements.summary().sets)
        bySet.header << setLabel(set);
    for (const QString& id : measurements.parallelStrategies()) {
        QStringList row {id};
        for (const SetSummary& set : measurements.summary().sets) {
            const GroupSummary* group = measurements.defaultGroup(set, id);
            row << (group != nullptr && group->speedup ? formatSpeedup(*group->speedup) : QStringLiteral("-"));
        }
        bySet.rows.push_back(row);
    }
    const bool python = std::ranges::any_of(measurements.summary().groups,
        [](const GroupSummary& group) { return group.speedupBaseline == pythonBaselineStrategyId(); });
    bySet.caption = python ? QStringLiteral("Speedup on every set, at the default pool size: against serial, and a "
                                            "py-* strategy's against py-serial where it ran.")
                           : QStringLiteral("Speedup against serial on every set, at the default pool size.");
    return bySet;
}

/// Question 2's verdict on every set: serial against the original's pool, as a table and as the
/// sets each side wins.
struct SetVerdicts
{
    ReportTable table;
    QStringList parts; ///< "serial wins on set 1", "the pool wins on set 2 and set 3", …
    const GroupSummary* lightPool = nullptr; ///< the pool on the lightest set, if it ran there
};

SetVerdicts setVerdicts(const Measurements& measurements)
{
    SetVerdicts verdicts;
    QStringList serialWins;
    QStringList poolWins;
    QStringList undecided;
    QStringList disturbed;
    verdicts.table.header = QStringList {QStringLiteral("Set"), QStringLiteral("Serial work"), QStringLiteral("Serial"),
        QStringLiteral("Pool"), QStringLiteral("Speedup"), QStringLiteral("Verdict")};
    for (const SetSummary& set : measurements.summary().sets) {
        const GroupSummary* pool = originalPool(measurements, set);
        const GroupSummary* serial = serialFor(measurements, set, pool);
        if (serial == nullptr || pool == nullptr)
            continue;
        const QString label = setLabel(set);
        QString verdict;
        switch (verdictAgainstSerial(*pool)) {
        case Verdict::Faster:
            poolWins << label;
            verdict = QStringLiteral("parallel wins");
            break;
        case Verdict::Slower:
            serialWins << label;
            verdict = QStringLiteral("serial wins");
            break;
        case Verdict::Undecided:
        case Verdict::Unknown:
            undecided << label;
            verdict = QStringLiteral("no clear difference");
            break;
        case Verdict::NotMeasurable:
            disturbed << label;
            verdict = pool->notMeasurableText;
            break;
        }
        if (&set == measurements.lightestSet())
            verdicts.lightPool = pool;
        verdicts.table.rows.push_back(QStringList {label, formatSeconds(set.serialWorkSeconds),
            serial->strategy == baselineStrategyId()
                ? timeCell(serial->wall)
                : QStringLiteral("%1: %2").arg(serial->strategy, timeCell(serial->wall)),
            QStringLiteral("%1: %2").arg(groupName(*pool), timeCell(pool->wall)), speedupCell(*pool), verdict});
    }
    if (!serialWins.isEmpty())
        verdicts.parts << QStringLiteral("serial wins on %1").arg(setList(serialWins));
    if (!poolWins.isEmpty())
        verdicts.parts << QStringLiteral("the pool wins on %1").arg(setList(poolWins));
    if (!undecided.isEmpty())
        verdicts.parts << QStringLiteral("neither is clearly faster on %1").arg(setList(undecided));
    if (!disturbed.isEmpty())
        verdicts.parts << QStringLiteral("%1 not measurable now: most of the runs there were disturbed by other "
                                         "processes or the VM's steal; rerun on a quieter machine")
                              .arg(setList(disturbed));
    return verdicts;
}

/// Why: the pool's fixed cost (fixedCost(), from the lightest set) against that set's work.
QString fixedCostClause(const GroupSummary& lightPool, const GroupSummary& lightSerial, const SetSummary& lightest)
{
    const double cost = fixedCost(lightPool, lightSerial);
    return cost > lightSerial.wall.median
        ? QStringLiteral(": a set wins in parallel only when its work is well above the pool's fixed cost of "
                         "about %1, more than all of %2's work (%3)")
              .arg(formatSeconds(cost), setLabel(lightest), formatSeconds(lightSerial.wall.median))
        : QStringLiteral(": the pool's fixed cost of about %1 is small against even %2's work (%3)")
              .arg(formatSeconds(cost), setLabel(lightest), formatSeconds(lightSerial.wall.median));
}

/// Each parallel strategy's fixed cost and break-even work (breakEven(), from the lightest set), the
/// task that large and the sets above it.
ReportTable breakEvenTable(const Measurements& measurements, const SetSummary& lightest,
    const GroupSummary& lightSerial, double callsPerSecond)
{
    ReportTable table;
    table.header = QStringList {QStringLiteral("Strategy"), QStringLiteral("Fixed cost"),
        QStringLiteral("Break-even serial work"), QStringLiteral("A task that large"), QStringLiteral("Sets above it")};
    for (const QString& id : measurements.parallelStrategies()) {
        const GroupSummary* group = measurements.defaultGroup(lightest, id);
        if (group == nullptr)
            continue;
        // A py-* strategy breaks even against py-serial: its work is serial's times the language factor.
        const GroupSummary* baseline = measurements.baselineOf(*group);
        const bool python = baseline != nullptr && baseline->strategy != baselineStrategyId();
        if (python && !lightest.languageFactor)
            continue;
        const double factor = python ? lightest.languageFactor->ratioOfMedians : 1.0;
        const BreakEven point = breakEven(*group, python ? *baseline : lightSerial, measurements.cores());
        QStringList above;
        for (const SetSummary& set : measurements.summary().sets) {
            if (set.hasTaskTimes() && point.possible() && set.serialWorkSeconds * factor > point.serialWork)
                above << QString::number(set.setIndex);
        }
        const int n = taskNumberTaking(point.serialWork, callsPerSecond / factor);
        table.rows.push_back(QStringList {groupName(*group), formatSeconds(point.fixedCost),
            point.possible() ? formatSeconds(point.serialWork) : QStringLiteral("never (one worker)"),
            n <= kMaxTaskNumber ? QStringLiteral("n = %1").arg(n) : QStringLiteral("beyond n = %1").arg(kMaxTaskNumber),
            above.isEmpty() ? QStringLiteral("none") : above.join(QStringLiteral(", "))});
    }
    return table;
}

/// Figure 1's caption: the log scale is there because the lightest and the heaviest set differ by
/// orders of magnitude, so it names both from the data, whatever their order.
QString timeFigureCaption(const Measurements& measurements, const SetSummary& heaviest, const GroupSummary& heavySerial)
{
    const QString caption
        = QStringLiteral("Median time per set and strategy (log scale), with the intervals of the medians");
    const SetSummary* lightest = measurements.lightestSet();
    const GroupSummary* lightSerial = lightest != nullptr ? serialGroup(measurements, *lightest) : nullptr;
    if (lightSerial == nullptr || lightest == &heaviest)
        return caption + u'.';
    return QStringLiteral("%1: serial takes %2 on the lightest set, %3, beside %4 on the heaviest, %5.")
        .arg(caption, quoteTime(lightSerial->wall), setLabel(*lightest), quoteTime(heavySerial.wall),
            setLabel(heaviest));
}

} // namespace

namespace {

/// Each set's before (serial and the original's pool: in Python when py-pool ran) and its fastest after.
ReportTable beforeAfterTable(const Measurements& measurements, bool pythonBefore)
{
    ReportTable table;
    table.header = QStringList {QStringLiteral("Set"),
        pythonBefore ? QStringLiteral("Serial in Python (before)") : QStringLiteral("Serial (before)"),
        QStringLiteral("Pool as the original runs it (before)"), QStringLiteral("Fastest after"),
        QStringLiteral("Its time"),
        pythonBefore ? QStringLiteral("Speedup against serial (py-* against py-serial)")
                     : QStringLiteral("Speedup against serial")};
    for (const SetSummary& set : measurements.summary().sets) {
        const GroupSummary* pool = originalPool(measurements, set);
        const GroupSummary* serial = serialFor(measurements, set, pool);
        const GroupSummary* fastest = fastestParallel(measurements, set);
        QStringList row {setLabel(set), serial ? timeCell(serial->wall) : QStringLiteral("-"),
            pool ? QStringLiteral("%1: %2").arg(groupName(*pool), timeCell(pool->wall)) : QStringLiteral("not run")};
        if (fastest == nullptr)
            row << QStringLiteral("-") << QStringLiteral("-") << QStringLiteral("-");
        else if (const GroupSummary* stay = serialGroup(measurements, set);
                 stay != nullptr && verdictAgainstSerial(*fastest) == Verdict::Slower)
            // Where every parallel strategy loses, the best "after" is to stay serial (in C++).
            row << QStringLiteral("serial: no parallel strategy wins") << timeCell(stay->wall) << QStringLiteral("1x");
        else
            row << groupName(*fastest) << timeCell(fastest->wall) << speedupCell(*fastest);
        table.rows.push_back(row);
    }
    return table;
}

} // namespace

ReportSection beforeAfterSection(const Measurements& measurements)
{
    ReportSection section;
    section.id = QStringLiteral("before-after");
    section.title = QStringLiteral("Before and after");
    const bool pythonBefore = originalPoolStrategy(measurements) == kPythonPool;
    ReportTable table = beforeAfterTable(measurements, pythonBefore);
    const SetSummary* heaviest = measurements.heaviestSet();
    if (heaviest == nullptr)
        return missingSerial(section, measurements);
    const GroupSummary* pool = originalPool(measurements, *heaviest);
    const GroupSummary* serial = serialFor(measurements, *heaviest, pool);
    const GroupSummary* fastest = fastestParallel(measurements, *heaviest);
    if (fastest == nullptr && !measurements.parallelStrategies().isEmpty()) {
        const QString disturbed = disturbedReason(parallelGroups(measurements, *heaviest));
        section.answer = disturbed.isEmpty()
            ? QStringLiteral("On %1, serial takes %2; no parallel strategy's speedup can be quoted: each one gave a "
                             "wrong result or measured above what the cores allow (noise).")
                  .arg(setLabel(*heaviest), quoteTime(serial->wall))
            : QStringLiteral("On %1, serial takes %2; no parallel strategy's speedup can be quoted: %3.")
                  .arg(setLabel(*heaviest), quoteTime(serial->wall), disturbed);
        section.blocks.push_back(tableBlock(std::move(table)));
        return section;
    }
    if (fastest == nullptr) {
        section.answer = QStringLiteral("Only serial was measured (%1 on %2): run the parallel strategies to compare.")
                             .arg(quoteTime(serial->wall), setLabel(*heaviest));
        section.blocks.push_back(commandBlock(suggestedCommand(measurements.experiment(), QString())));
        return section;
    }
    const QString poolClause
        = pool != nullptr ? QStringLiteral(" and %1 %2").arg(poolPhrase(*pool), quoteTime(pool->wall)) : QString();
    section.answer
        // The speedup is named with its strategy: after the pool's time, "a speedup of 1.85x" read as the pool's.
        = QStringLiteral("On %1, %7 takes %2%3; the fastest strategy, %4, takes %5: its speedup against %8 is %6.")
              .arg(setLabel(*heaviest), quoteTime(serial->wall), poolClause, groupName(*fastest),
                  quoteTime(fastest->wall), quoteSpeedup(*fastest), serial->strategy,
                  fastest->speedupBaseline.isEmpty() ? baselineStrategyId() : fastest->speedupBaseline);
    // As the table says: where even the fastest loses to serial, the best "after" is serial (in C++).
    if (const GroupSummary* stay = serialGroup(measurements, *heaviest);
        pythonBefore && stay != nullptr && verdictAgainstSerial(*fastest) == Verdict::Slower) {
        section.answer.chop(1); // the full stop
        section.answer += QStringLiteral("; that is slower than serial, so the best \"after\" is serial in C++: %1.")
                              .arg(quoteTime(stay->wall));
    }
    section.blocks.push_back(paragraph(pythonBefore
            ? QStringLiteral("\"Before\" is the program as handed out, run by CPython: the sets serially (py-serial), "
                             "then with multiprocessing.Pool(len(set)) (py-pool), the pool created inside the timed "
                             "function. \"After\" is the fastest of the other strategies measured on each set, C++ "
                             "or Python, at any pool size; how much of the difference is the language alone is the "
                             "language factor in \"Python and C++\".")
            : QStringLiteral(
                "\"Before\" is the program as handed out: the sets run serially, then with a process pool of one "
                "process per task, started inside the timed function. \"After\" is the fastest of the other "
                "strategies measured on each set, at any pool size.")));
    section.blocks.push_back(tableBlock(std::move(table)));
    ReportFigure figure;
    figure.view = ReportFigure::View::Time;
    const GroupSummary* heavySerial = serialGroup(measurements, *heaviest);
    figure.caption = timeFigureCaption(measurements, *heaviest, heavySerial != nullptr ? *heavySerial : *serial);
    figure.fileStem = QStringLiteral("time-per-set");
    section.blocks.push_back(figureBlock(figure));
    return section;
}

ReportSection timeSpentSection(const Measurements& measurements)
{
    ReportSection section;
    section.id = QStringLiteral("question-1");
    section.title = QStringLiteral("Question 1: where does the parallel time go?");
    const SetSummary* heaviest = measurements.heaviestSet();
    if (heaviest == nullptr)
        return missingSerial(section, measurements);
    const GroupSummary* pool = originalPool(measurements, *heaviest);
    if (pool == nullptr) {
        return missingParallel(section, measurements);
    }
    const GroupSummary* serial = serialFor(measurements, *heaviest, pool);
    const int poolRun = measurements.typicalRun(*pool);
    const int serialRun = measurements.typicalRun(*serial);
    const RunTimeline timeline = timelineOf(measurements.experiment().runs[static_cast<std::size_t>(poolRun)]);
    section.answer = timeSpentAnswer(*heaviest, *serial, *pool, timeline);
    section.blocks.push_back(paragraph(
        QStringLiteral("Serial runs the tasks one after another, so its time is their sum. A parallel strategy "
                       "runs them side by side; the timeline of a typical run of %1 on %2 shows where its %3 went:")
            .arg(poolPhrase(*pool), setLabel(*heaviest), formatSeconds(pool->wall.median))));
    section.blocks.push_back(bullets(timeSpentReasons(measurements, *heaviest, *pool, timeline)));
    section.blocks.push_back(tableBlock(typicalRunsTable(measurements, *heaviest)));
    if (const SetSummary* lightest = measurements.lightestSet(); lightest != nullptr && lightest != heaviest) {
        if (std::optional<ReportBlock> light = lightSetStartup(measurements, *lightest, pool->strategy))
            section.blocks.push_back(*light);
    }
    ReportFigure figure;
    figure.view = ReportFigure::View::Timeline;
    figure.run = poolRun;
    figure.comparisonRun = serialRun;
    figure.caption = QStringLiteral("Above: %1 on %2, one lane per worker, one bar per task, idle time blank. "
                                    "Below, on the same time scale: %3.")
                         .arg(groupName(*pool), setLabel(*heaviest), serial->strategy);
    figure.fileStem = QStringLiteral("timeline-set%1").arg(heaviest->setIndex);
    section.blocks.push_back(figureBlock(figure));
    return section;
}

ReportSection setSizeSection(const Measurements& measurements)
{
    ReportSection section;
    section.id = QStringLiteral("question-2");
    section.title = QStringLiteral("Question 2: why does serial win on one set and lose on others?");
    SetVerdicts verdicts = setVerdicts(measurements);
    if (verdicts.table.rows.empty())
        return missingSerial(section, measurements);

    const SetSummary* lightest = measurements.lightestSet();
    const GroupSummary* lightSerial = lightest != nullptr ? serialGroup(measurements, *lightest) : nullptr;
    const GroupSummary* lightPoolSerial
        = lightest != nullptr ? serialFor(measurements, *lightest, verdicts.lightPool) : nullptr;
    QString answer = verdicts.parts.join(QStringLiteral("; "))
        + (verdicts.lightPool != nullptr && lightPoolSerial != nullptr
                ? fixedCostClause(*verdicts.lightPool, *lightPoolSerial, *lightest)
                : QString())
        + u'.';
    answer[0] = answer[0].toUpper();
    section.answer = answer;
    section.blocks.push_back(paragraph(QStringLiteral(
        "A parallel run costs a fixed amount (starting workers, handing out tasks, collecting results, stopping) "
        "before it saves anything, and it saves at most the work it can spread over the cores. A set wins in "
        "parallel when its work is large against that cost and spread over several tasks; the verdict below is "
        "\"wins\" only when the speedup's whole interval is on one side of 1.")));
    verdicts.table.caption = QStringLiteral("Each set's serial work against the pool as the original runs it (or the "
                                            "pool that stands in for it).");
    section.blocks.push_back(tableBlock(std::move(verdicts.table)));

    const double callsPerSecond = measurements.summary().serialCallsPerSecond;
    if (lightSerial == nullptr || callsPerSecond <= 0.0 || measurements.cores() < 2) {
        if (measurements.cores() < 2)
            section.blocks.push_back(paragraph(
                QStringLiteral("This machine has one core: no parallel strategy can win, whatever the set.")));
        return section;
    }
    section.blocks.push_back(paragraph(
        QStringLiteral("From which size on does parallel pay on this machine? Each strategy's fixed cost is its time "
                       "on %1 beyond what its schedule of that work needs. A set of work w finishes sooner in "
                       "parallel once w / s + cost < w, with s = min(workers, cores) at best: the break-even work "
                       "below, and the smallest task (the list for one n, at serial's %2 G calls/s) that holds it "
                       "alone. Whole-task strategies also need that work spread over several tasks.")
            .arg(setLabel(*lightest))
            .arg(callsPerSecond / 1e9, 0, 'f', 2)));
    section.blocks.push_back(tableBlock(breakEvenTable(measurements, *lightest, *lightSerial, callsPerSecond)));
    return section;
}

ReportSection alternativesSection(const Measurements& measurements)
{
    ReportSection section;
    section.id = QStringLiteral("alternatives");
    section.title = QStringLiteral("The alternatives compared");
    const SetSummary* heaviest = measurements.heaviestSet();
    if (heaviest == nullptr)
        return missingSerial(section, measurements);
    std::vector<const GroupSummary*> groups;
    for (const QString& id : measurements.parallelStrategies()) {
        if (const GroupSummary* group = measurements.defaultGroup(*heaviest, id))
            groups.push_back(group);
    }
    if (groups.empty()) {
        return missingParallel(section, measurements);
    }
    // The quotable ones fastest first, as fastestGroup() picks; the flagged ones after them.
    std::stable_sort(groups.begin(), groups.end(), [](const GroupSummary* a, const GroupSummary* b) {
        if (quotable(*a) != quotable(*b))
            return quotable(*a);
        return a->wall.median < b->wall.median;
    });
    section.answer = alternativesAnswer(*heaviest, groups);

    ReportTable table;
    table.header = QStringList {QStringLiteral("Strategy"), QStringLiteral("Time"), QStringLiteral("Speedup"),
        QStringLiteral("Bound of its unit"), QStringLiteral("Share of the bound"), QStringLiteral("CPU time")};
    for (const GroupSummary* group : groups) {
        table.rows.push_back(QStringList {groupName(*group), timeCell(group->wall), speedupCell(*group),
            group->bounds ? QStringLiteral("%1 per %2").arg(formatSpeedup(group->bounds->unit), group->workUnit)
                          : QStringLiteral("-"),
            group->bounds && group->speedup ? percent(*group->speedup / group->bounds->unit) : QStringLiteral("-"),
            formatSeconds(group->cpu.median)});
    }
    table.caption = QStringLiteral("%1, fastest first (a speedup above what the cores allow is noise, listed last), "
                                   "each at its default pool size. A strategy's bound follows "
                                   "from what it hands out: whole tasks, items (one fibo(i) each) or leaves of the "
                                   "recursion.")
                        .arg(setLabel(*heaviest));
    section.blocks.push_back(tableBlock(std::move(table)));
    QStringList descriptions;
    for (const GroupSummary* group : groups) {
        if (const Strategy* strategy = measurements.strategies().find(group->strategy))
            descriptions << QStringLiteral("%1: %2").arg(strategy->id(), strategy->description());
    }
    section.blocks.push_back(bullets(descriptions));

    section.blocks.push_back(tableBlock(speedupsBySet(measurements)));
    return section;
}

} // namespace calcprof::report
