// The report's "Python and C++" section.

#include "core/report/reportpython.h"

#include "core/report/reportwording.h"

#include "core/analysis/costs.h"
#include "core/analysis/timeline.h"
#include "core/format/labels.h"
#include "core/format/units.h"
#include "core/model/environment.h"

#include <algorithm>

namespace calcprof::report {

namespace {

const QString kPythonThreads = QStringLiteral("py-threads");
const QString kPythonAsyncio = QStringLiteral("py-asyncio");

/// The set on which `strategy` and its baseline py-serial both ran with the most work for py-serial
/// (its median), and its group there: where the interpreter's behaviour shows best. nullptr when none.
const GroupSummary* heaviestPythonGroup(const Measurements& measurements, const QString& strategy)
{
    const GroupSummary* chosen = nullptr;
    double chosenWork = 0.0;
    for (const SetSummary& set : measurements.summary().sets) {
        const GroupSummary* group = measurements.defaultGroup(set, strategy);
        const GroupSummary* baseline = group != nullptr ? measurements.baselineOf(*group) : nullptr;
        if (baseline == nullptr || baseline->strategy != pythonBaselineStrategyId())
            continue;
        if (chosen == nullptr || baseline->wall.median > chosenWork) {
            chosen = group;
            chosenWork = baseline->wall.median;
        }
    }
    return chosen;
}

/// Every set's language factor, with the two medians it is the ratio of.
ReportTable languageTable(const Measurements& measurements)
{
    ReportTable table;
    table.header = QStringList {QStringLiteral("Set"), QStringLiteral("serial (C++)"),
        QStringLiteral("py-serial (CPython)"), QStringLiteral("Language factor")};
    for (const SetSummary& set : measurements.summary().sets) {
        const GroupSummary* serial = measurements.defaultGroup(set, baselineStrategyId());
        const GroupSummary* python = measurements.defaultGroup(set, pythonBaselineStrategyId());
        if (!set.languageFactor || serial == nullptr || python == nullptr)
            continue;
        table.rows.push_back(
            QStringList {setLabel(set), timeCell(serial->wall), timeCell(python->wall), languageFactorText(set)});
    }
    table.caption = QStringLiteral("The language factor: py-serial's median over serial's on each set, the same "
                                   "work computed the same way, with the interval of the ratio of the medians.");
    return table;
}

/// The set with the most language factor's work, and its factor: the answer quotes one.
const SetSummary* heaviestFactorSet(const Measurements& measurements)
{
    const SetSummary* chosen = nullptr;
    for (const SetSummary& set : measurements.summary().sets) {
        if (set.languageFactor && (chosen == nullptr || set.serialWorkSeconds > chosen->serialWorkSeconds))
            chosen = &set;
    }
    return chosen;
}

/// What the GIL did to py-threads on the set where py-serial worked most.
QString gilSentence(const Measurements& measurements, const GroupSummary& threads)
{
    const SetSummary* set = measurements.summary().findSet(threads.numbers);
    const QString verdict = verdictAgainstSerial(threads) == Verdict::Faster
        ? QStringLiteral("faster than py-serial: this interpreter ran Python bytecode in several threads at once")
        : QStringLiteral("no faster than py-serial: the GIL lets one thread at a time run Python bytecode, so "
                         "the threads take turns at the work of one");
    return QStringLiteral("The GIL: on %1, %2 reaches %3 against py-serial, %4. Its threads' CPU time, %5, is "
                          "%6 of its wall time (%7): %8 core(s) busy on average.")
        .arg(setLabel(*set), groupName(threads), quoteSpeedup(threads), verdict, formatSeconds(threads.cpu.median),
            percent(threads.wall.median > 0.0 ? threads.cpu.median / threads.wall.median : 0.0),
            formatSeconds(threads.wall.median))
        .arg(threads.wall.median > 0.0 ? threads.cpu.median / threads.wall.median : 0.0, 0, 'f', 2);
}

QString asyncioSentence(const Measurements& measurements, const GroupSummary& asyncio)
{
    const SetSummary* set = measurements.summary().findSet(asyncio.numbers);
    return QStringLiteral("asyncio: on %1, %2 reaches %3 against py-serial. asyncio.gather runs its coroutines "
                          "on one thread, and fibo never awaits, so the tasks run one after another: concurrency, "
                          "not parallelism.")
        .arg(setLabel(*set), groupName(asyncio), quoteSpeedup(asyncio));
}

/// py-pool against processes on the set with the least serial work where both ran: their fixed costs
/// (fixedCost() against each one's own serial) and the ratio of their medians. Empty when none.
QString fixedCostSentence(const Measurements& measurements)
{
    const SetSummary* lightest = nullptr;
    for (const SetSummary& set : measurements.summary().sets) {
        if (set.hasTaskTimes() && measurements.defaultGroup(set, kPythonPool) != nullptr
            && measurements.defaultGroup(set, kOriginalPool) != nullptr
            && (lightest == nullptr || set.serialWorkSeconds < lightest->serialWorkSeconds))
            lightest = &set;
    }
    if (lightest == nullptr)
        return {};
    const GroupSummary& python = *measurements.defaultGroup(*lightest, kPythonPool);
    const GroupSummary& processes = *measurements.defaultGroup(*lightest, kOriginalPool);
    const GroupSummary* pythonSerial = measurements.baselineOf(python);
    const GroupSummary* serial = measurements.baselineOf(processes);
    const RatioEstimate ratio = estimateRatio({}, processes.wall, python.wall); // processes / py-pool
    QString sentence = QStringLiteral("A pool's fixed cost: on %1, the lightest set both ran, %2 takes %3 and %4 "
                                      "takes %5: processes needs %6 py-pool's time (ratio of medians, interval "
                                      "%7–%8).")
                           .arg(setLabel(*lightest), groupName(python), quoteTime(python.wall), groupName(processes),
                               quoteTime(processes.wall), formatSpeedup(ratio.ratioOfMedians),
                               formatSpeedup(ratio.ratioOfMediansLow), formatSpeedup(ratio.ratioOfMediansHigh));
    if (pythonSerial != nullptr && serial != nullptr)
        sentence += QStringLiteral(" Beyond what their work needs, that is a fixed cost of %1 for the Python pool "
                                   "(creating it, starting %2 interpreters, pickling) against %3 for calcprof's "
                                   "worker processes.")
                        .arg(formatSeconds(fixedCost(python, *pythonSerial)))
                        .arg(python.workers)
                        .arg(formatSeconds(fixedCost(processes, *serial)));
    return sentence;
}

/// "12 %", or "under 1 %" where whole percent would read as none.
QString shareText(double share)
{
    return share > 0.0 && share < 0.01 ? QStringLiteral("under 1 %") : percent(share);
}

/// The share of py-pool's tasks' time its results spent coming back (pickled, sent, unpickled), on the
/// set where py-serial worked most, from its typical run's timeline. Empty without one.
QString picklingSentence(const Measurements& measurements)
{
    const GroupSummary* pool = heaviestPythonGroup(measurements, kPythonPool);
    const int run = pool != nullptr ? measurements.typicalRun(*pool) : -1;
    if (run < 0)
        return {};
    const SetRun& typical = measurements.experiment().runs[static_cast<std::size_t>(run)];
    const RunTimeline timeline = timelineOf(typical);
    const SetSummary* set = measurements.summary().findSet(pool->numbers);
    return QStringLiteral("Pickling: in a typical run of %1 on %2 the results' return trips (the task's end in "
                          "the worker to its result in the parent: pickling, the pipe, unpickling) add up to %3 "
                          "over %4 tasks, %5 of the tasks' own time (%6).")
        .arg(groupName(*pool), setLabel(*set), formatSeconds(timeline.returnTripSeconds))
        .arg(typical.tasks.size())
        .arg(shareText(timeline.workSeconds > 0.0 ? timeline.returnTripSeconds / timeline.workSeconds : 0.0),
            formatSeconds(timeline.workSeconds));
}

/// The answer: the language factor on the set with the most work, then what threads and asyncio
/// reached there, from whatever was measured.
QString pythonAnswer(const Measurements& measurements, const GroupSummary* threads, const GroupSummary* asyncio)
{
    QStringList parts;
    if (const SetSummary* set = heaviestFactorSet(measurements))
        parts << QStringLiteral("CPython computes %1 %2 slower than calcprof's C++ (the language factor)")
                     .arg(setLabel(*set), languageFactorText(*set));
    if (threads != nullptr && threads->speedup)
        parts
            << QStringLiteral("its threads reach %1 against py-serial (the GIL)").arg(formatSpeedup(*threads->speedup));
    if (asyncio != nullptr && asyncio->speedup)
        parts << QStringLiteral("asyncio %1 (one thread)").arg(formatSpeedup(*asyncio->speedup));
    if (parts.isEmpty())
        return QStringLiteral("Python strategies ran, but py-serial and serial did not both measure a set: nothing "
                              "here compares the languages.");
    QString answer = parts.join(QStringLiteral("; ")) + u'.';
    answer[0] = answer[0].toUpper();
    return answer;
}

} // namespace

bool pythonMeasured(const Measurements& measurements)
{
    return std::ranges::any_of(measurements.summary().groups, [&measurements](const GroupSummary& group) {
        const Strategy* strategy = measurements.strategies().find(group.strategy);
        return group.measured() && strategy != nullptr && strategy->language() == TaskLanguage::Python;
    });
}

ReportSection pythonSection(const Measurements& measurements)
{
    ReportSection section;
    section.id = QStringLiteral("python");
    section.title = QStringLiteral("Python and C++");
    const GroupSummary* threads = heaviestPythonGroup(measurements, kPythonThreads);
    const GroupSummary* asyncio = heaviestPythonGroup(measurements, kPythonAsyncio);
    section.answer = pythonAnswer(measurements, threads, asyncio);
    section.blocks.push_back(paragraph(QStringLiteral(
        "The py-* strategies run the exercise as written, in %1; each one's speedup is against py-serial, the "
        "original's do_serial in the same interpreter, so it measures what the strategy did and not the "
        "language. The language is measured apart: the language factor.")
                                           .arg(describePython(measurements.experiment().environment.python))));
    if (ReportTable table = languageTable(measurements); !table.rows.empty())
        section.blocks.push_back(tableBlock(std::move(table)));
    QStringList findings;
    if (threads != nullptr && threads->speedup)
        findings << gilSentence(measurements, *threads);
    if (asyncio != nullptr && asyncio->speedup)
        findings << asyncioSentence(measurements, *asyncio);
    for (const QString& sentence : {fixedCostSentence(measurements), picklingSentence(measurements)}) {
        if (!sentence.isEmpty())
            findings << sentence;
    }
    if (!findings.isEmpty())
        section.blocks.push_back(bullets(findings));
    return section;
}

} // namespace calcprof::report
