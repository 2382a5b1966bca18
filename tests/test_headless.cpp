// The console front end in-process, with a runner whose strategy or task fails: what the user is
// told on stderr and the exit code ("A strategy that throws" in docs/RELIABILITY.md).

#include "app/cli/commandline.h"
#include "app/cli/consolereporter.h"
#include "app/cli/headless.h"
#include "app/cli/reportfilereporter.h"
#include "app/exitcode.h"
#include "core/exec/experimentrunner.h"
#include "core/exec/workload.h"
#include "core/format/runlog.h"
#include "core/format/units.h"
#include "core/strategies/builtinstrategies.h"
#include "core/strategies/strategyregistry.h"
#include "testsupport.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

using namespace calcprof;

namespace {

// A strategy whose every run throws, as a buggy new strategy would.
class ThrowingStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("broken"); }
    QString displayName() const override { return id(); }
    QString description() const override { return id(); }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    int workerCount(int /*requestedPoolSize*/, int /*taskCount*/) const override { return 1; }
    std::vector<TaskTiming> run(TimedTasks& /*execution*/, int /*workers*/) const override
    {
        throw std::runtime_error("injected fault");
    }
};

// What a stdio stream received, read back from its temporary file.
std::string contentsOf(std::FILE* file)
{
    std::fflush(file);
    std::rewind(file);
    std::string text;
    for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file))
        text.push_back(static_cast<char>(c));
    return text;
}

struct HeadlessResult
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

HeadlessResult runHeadlessWith(const CommandLine& command, const ExperimentRunner& runner,
    const ReportWriter& writeReport = {}, const std::atomic<bool>* stopFlag = nullptr)
{
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::tmpfile(), &std::fclose);
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> err(std::tmpfile(), &std::fclose);
    if (!out || !err) {
        ADD_FAILURE() << "tmpfile() failed";
        return {};
    }
    const std::atomic<bool> never {false};
    const std::atomic<bool>& stop = stopFlag != nullptr ? *stopFlag : never;
    HeadlessResult result;
    result.exitCode = runHeadless(command, runner, stop, out.get(), err.get(), writeReport);
    result.out = contentsOf(out.get());
    result.err = contentsOf(err.get());
    return result;
}

CommandLine commandFor(const QStringList& arguments)
{
    const CommandLineParse parse = parseCommandLine(arguments);
    EXPECT_TRUE(parse.ok()) << parse.error.toStdString();
    return parse.commandLine;
}

} // namespace

TEST(Headless, AThrowingStrategyIsNamedWithItsSetAndExitsOne)
{
    StrategyRegistry strategies;
    registerBuiltinStrategies(strategies);
    strategies.add(std::make_unique<ThrowingStrategy>());
    const ExperimentRunner runner(strategies);
    CommandLine command = commandFor(
        {QStringLiteral("--headless"), QStringLiteral("--quiet"), QStringLiteral("--sets"), QStringLiteral("3; 4,2"),
            QStringLiteral("--strategies"), QStringLiteral("serial"), QStringLiteral("--repeat"), QStringLiteral("1")});
    command.plan.strategies << QStringLiteral("broken"); // not a built-in one: the parser would refuse it

    const HeadlessResult result = runHeadlessWith(command, runner);

    EXPECT_EQ(result.exitCode, kExitRunFailed);
    EXPECT_NE(
        result.err.find("calcprof: 'broken' on set 1: strategy 'broken' failed: injected fault\n"), std::string::npos)
        << result.err;
    EXPECT_NE(
        result.err.find("calcprof: 'broken' on set 2: strategy 'broken' failed: injected fault\n"), std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("'serial' on set"), std::string::npos) << result.err; // the others still ran
    EXPECT_NE(result.out.find("  2  4,2      serial"), std::string::npos) << result.out;
}

// A task that throws inside a strategy that runs it (the task function is injected): the message
// names the strategy, the set and the task.
TEST(Headless, AThrowingTaskIsNamedWithItsStrategyAndSetAndExitsOne)
{
    ExperimentRunner runner;
    runner.setTaskFunction([](int n, const std::atomic<bool>& /*stop*/) {
        if (n == 4)
            throw std::runtime_error("injected fault");
        return referenceTaskValues(n);
    });
    const CommandLine command = commandFor({QStringLiteral("--headless"), QStringLiteral("--quiet"),
        QStringLiteral("--sets"), QStringLiteral("3; 4,2"), QStringLiteral("--strategies"),
        QStringLiteral("serial,pool"), QStringLiteral("--repeat"), QStringLiteral("1")});

    const HeadlessResult result = runHeadlessWith(command, runner);

    EXPECT_EQ(result.exitCode, kExitRunFailed);
    EXPECT_NE(result.err.find("calcprof: 'serial' on set 2: task 4 failed: injected fault\n"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("calcprof: 'pool' on set 2: task 4 failed: injected fault\n"), std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("on set 1"), std::string::npos) << result.err; // set 1 has no task 4
}

// A worker killed, or a task throwing, during a warm-up: reported like any failed run, with the
// warm-up named, and exit 1 (it was swallowed: exit 0, nothing said).
TEST(Headless, AFailedWarmUpIsNamedAndExitsOne)
{
    ExperimentRunner runner;
    std::atomic<int> calls {0};
    runner.setTaskFunction([&calls](int n, const std::atomic<bool>& /*stop*/) {
        if (++calls == 1) // the first task of all: the warm-up's
            throw std::runtime_error("injected fault");
        return referenceTaskValues(n);
    });
    const CommandLine command = commandFor({QStringLiteral("--headless"), QStringLiteral("--quiet"),
        QStringLiteral("--sets"), QStringLiteral("4"), QStringLiteral("--strategies"), QStringLiteral("serial"),
        QStringLiteral("--repeat"), QStringLiteral("1"), QStringLiteral("--warmup"), QStringLiteral("1")});

    const HeadlessResult result = runHeadlessWith(command, runner);

    EXPECT_EQ(result.exitCode, kExitRunFailed);
    EXPECT_NE(result.err.find("calcprof: 'serial' on set 1, warm-up 1 of 1: task 4 failed: injected fault\n"),
        std::string::npos)
        << result.err;
}

// Ctrl-C after the runs, while the report is drawn (seconds on a large run): the report is given up
// whole, the exit is 130 and stderr says what was not written. (A Ctrl-C during the runs still
// writes what finished: AReportGetsTheRun... and the CLI's SIGINT tests.)
TEST(Headless, ACtrlCWhileTheReportIsDrawnGivesItUpAndExits130)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString report = dir.filePath(QStringLiteral("r.html"));
    const CommandLine command = commandFor({QStringLiteral("--headless"), QStringLiteral("--quiet"),
        QStringLiteral("--sets"), QStringLiteral("3,4"), QStringLiteral("--strategies"), QStringLiteral("serial"),
        QStringLiteral("--repeat"), QStringLiteral("1"), QStringLiteral("--report"), report});
    std::atomic<bool> stop {false};
    bool stopSeen = false;
    const ReportWriter interrupted = [&](const Report&, const Experiment&, const ExperimentSummary&, const QString&,
                                         const std::atomic<bool>& giveUp) {
        stop = true; // Ctrl-C arrives while the figures are drawn
        stopSeen = giveUp.load(); // the writer is handed the flag that was raised
        return QStringLiteral("cannot write the report to r.html: interrupted");
    };

    const HeadlessResult result = runHeadlessWith(command, ExperimentRunner(), interrupted, &stop);

    EXPECT_TRUE(stopSeen);
    EXPECT_EQ(result.exitCode, kExitInterrupted) << result.err;
    EXPECT_EQ(result.err, "calcprof: interrupted; not written: " + report.toStdString() + "\n");
    EXPECT_EQ(result.out.find("report: "), std::string::npos) << result.out;
}

// The same Ctrl-C during --from-json: the saved run's report is not written either.
TEST(Headless, ACtrlCWhileASavedRunsReportIsDrawnGivesItUpAndExits130)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    CommandLine command = commandFor({QStringLiteral("--headless"), QStringLiteral("--sets"), QStringLiteral("3,4"),
        QStringLiteral("--strategies"), QStringLiteral("serial"), QStringLiteral("--repeat"), QStringLiteral("1")});
    command.saved = ExperimentRunner().run(command.plan, std::atomic<bool> {false}); // as if read back
    command.action = CommandLine::Action::FromJson;
    command.reportPath = dir.filePath(QStringLiteral("r.html"));
    std::atomic<bool> stop {false};
    const ReportWriter interrupted = [&](const Report&, const Experiment&, const ExperimentSummary&, const QString&,
                                         const std::atomic<bool>& giveUp) {
        stop = true;
        return giveUp.load() ? QStringLiteral("interrupted") : QString();
    };
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::tmpfile(), &std::fclose);
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> err(std::tmpfile(), &std::fclose);
    ASSERT_TRUE(out && err);

    EXPECT_EQ(showSavedRun(command, stop, out.get(), err.get(), interrupted), kExitInterrupted);
    EXPECT_NE(contentsOf(err.get()).find("calcprof: interrupted; not written: "), std::string::npos);
    // Raised before anything is printed (Ctrl-C while the file was read): nothing is.
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> out2(std::tmpfile(), &std::fclose);
    EXPECT_EQ(showSavedRun(command, stop, out2.get(), err.get(), interrupted), kExitInterrupted);
    EXPECT_EQ(contentsOf(out2.get()), "");
}

// --report: the writer the executable passes gets the experiment, with the raw write measured after
// the CSV stage, and its failure is the run's.
TEST(Headless, AReportGetsTheRunAndTheRawWriteMeasuredInTheCsvRound)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("r.html"));
    const CommandLine command = commandFor({QStringLiteral("--headless"), QStringLiteral("--quiet"),
        QStringLiteral("--sets"), QStringLiteral("3,4"), QStringLiteral("--strategies"), QStringLiteral("serial"),
        QStringLiteral("--repeat"), QStringLiteral("1"), QStringLiteral("--csv-mode"), QStringLiteral("parallel"),
        QStringLiteral("--csv-dir"), dir.path(), QStringLiteral("--header-bytes"), QStringLiteral("1000"),
        QStringLiteral("--footer-bytes"), QStringLiteral("1000"), QStringLiteral("--report"), path});
    Experiment written;
    QString writtenPath;
    const ReportWriter writer
        = [&](const Report& report, const Experiment& experiment, const ExperimentSummary& /*summary*/,
              const QString& to, const std::atomic<bool>& /*stop*/) {
              EXPECT_FALSE(report.sections.empty());
              written = experiment;
              writtenPath = to;
              return QString();
          };
    const HeadlessResult result = runHeadlessWith(command, ExperimentRunner(), writer);
    EXPECT_EQ(result.exitCode, kExitSuccess) << result.err;
    EXPECT_EQ(writtenPath, path);
    ASSERT_EQ(written.csv.size(), 1U);
    ASSERT_EQ(written.rawWrites.size(), 1U); // one round: one raw write, in the same round
    EXPECT_EQ(written.rawWrites.front().bytes, written.csv.front().bytes);
    EXPECT_EQ(written.rawWrites.front().round, 0);
    EXPECT_FALSE(written.rawWrites.front().fsync);
    EXPECT_NE(result.out.find("raw sequential write: "), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("report: "), std::string::npos) << result.out;

    const ReportWriter failing
        = [](const Report&, const Experiment&, const ExperimentSummary&, const QString&, const std::atomic<bool>&) {
              return QStringLiteral("cannot write the report: injected");
          };
    const HeadlessResult failed = runHeadlessWith(command, ExperimentRunner(), failing);
    EXPECT_EQ(failed.exitCode, kExitRunFailed);
    EXPECT_NE(failed.err.find("calcprof: cannot write the report: injected\n"), std::string::npos) << failed.err;
}

namespace {

// A stdio stream into a temporary file, and what it received.
class CapturedStream
{
public:
    CapturedStream()
        : m_file(std::tmpfile(), &std::fclose)
    { }
    [[nodiscard]] std::FILE* get() const { return m_file.get(); }
    [[nodiscard]] std::string text() const { return contentsOf(m_file.get()); }

private:
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_file;
};

SetRun finishedRun()
{
    SetRun run;
    run.strategy = QStringLiteral("serial");
    run.setIndex = 1;
    run.numbers = {3};
    run.poolSize = 1;
    run.wallSeconds = 0.5;
    return run;
}

} // namespace

// The console as an output: the plan line and each run's line while it runs (not with --quiet), the
// saved file's heading whatever --quiet says, the tables and the failures once it is over.
TEST(Headless, TheConsoleOutputPrintsTheContextTheRunsAndOnFinalizeTheTablesAndFailures)
{
    const CapturedStream out;
    const CapturedStream err;
    ConsoleReporter console(out.get(), err.get(), false);
    ReportContext live;
    live.plan.sets = {{3, 4}};
    live.plan.strategies = {QStringLiteral("serial")};
    live.version = QStringLiteral("9.9");
    console.reportContext(live);
    console.reportRun(finishedRun());
    EXPECT_EQ(out.text(),
        "calcprof 9.9: sets 3,4; strategies serial; pool size auto; repeat 5 (+1 warm-up); CSV none\n"
            + runLogLine(finishedRun()).toStdString() + "\n");

    Experiment experiment;
    experiment.runs.push_back(finishedRun());
    experiment.runs.back().error = QStringLiteral("injected");
    EXPECT_EQ(console.finalize(experiment, summarizeExperiment(experiment)), QString());
    EXPECT_NE(out.text().find("\nmachine: "), std::string::npos) << out.text();
    EXPECT_NE(out.text().find("FAILED x1"), std::string::npos) << out.text();
    EXPECT_EQ(err.text(), "calcprof: 'serial' on set 1: injected\n");

    const CapturedStream quietOut;
    ConsoleReporter quiet(quietOut.get(), err.get(), true);
    quiet.reportContext(live);
    quiet.reportRun(finishedRun());
    EXPECT_EQ(quietOut.text(), "");
    ReportContext saved = live;
    saved.savedPath = QStringLiteral("run.json");
    saved.savedRuns = 12;
    quiet.reportContext(saved);
    EXPECT_EQ(quietOut.text(), "run.json: calcprof 9.9, 12 set runs\n");
}

// --report as an output: the report of the experiment, written by the writer given, announced on the
// console once it is there; without a writer, why not.
TEST(Headless, TheReportOutputWritesThroughItsWriterAndSaysWhereItIs)
{
    const CapturedStream out;
    Experiment experiment;
    experiment.runs.push_back(finishedRun());
    const ExperimentSummary summary = summarizeExperiment(experiment);

    ReportFileReporter missing(QStringLiteral("r.html"), {}, out.get());
    EXPECT_EQ(missing.finalize(experiment, summary),
        QStringLiteral("cannot write the report to r.html: this build has no report writer"));
    EXPECT_EQ(out.text(), "");

    QString writtenTo;
    ReportFileReporter written(
        QStringLiteral("r.html"),
        [&writtenTo](const Report& report, const Experiment&, const ExperimentSummary&, const QString& path,
            const std::atomic<bool>&) {
            EXPECT_FALSE(report.sections.empty());
            writtenTo = path;
            return QString();
        },
        out.get());
    EXPECT_EQ(written.finalize(experiment, summary), QString());
    EXPECT_EQ(writtenTo, QStringLiteral("r.html"));
    EXPECT_EQ(out.text(), "report: r.html\n");

    ReportFileReporter failing(
        QStringLiteral("r.html"),
        [](const Report&, const Experiment&, const ExperimentSummary&, const QString&, const std::atomic<bool>&) {
            return QStringLiteral("cannot write the report: injected");
        },
        out.get());
    EXPECT_EQ(failing.finalize(experiment, summary), QStringLiteral("cannot write the report: injected"));
    EXPECT_EQ(out.text(), "report: r.html\n"); // nothing more
}

// Issue 19 item 4: the console says what the py-* speedups are against and prints the language factor
// (the summary's), and never calls py-serial, a baseline, the fastest.
TEST(Headless, TheConsoleNamesThePythonBaselineAndTheLanguageFactor)
{
    Experiment experiment;
    experiment.environment.cores = 2;
    const NumberSet numbers {22, 20, 23};
    for (int round = 0; round < 3; ++round) {
        for (const auto& [strategy, wall] : {std::pair {QStringLiteral("serial"), 0.0001},
                 std::pair {QStringLiteral("py-serial"), 0.01}, std::pair {QStringLiteral("py-pool"), 0.1}}) {
            SetRun run;
            run.strategy = strategy;
            run.setIndex = 1;
            run.numbers = numbers;
            run.poolSize = strategy == QStringLiteral("py-pool") ? 3 : 1;
            run.repetition = round;
            run.wallSeconds = wall * (1.0 + 0.01 * round);
            run.matchesSerial = true;
            for (const int n : numbers)
                run.tasks.push_back(test::taskTiming(n, 1, 0.0, wall / 3.0));
            experiment.runs.push_back(run);
        }
    }
    const ExperimentSummary summary = summarizeExperiment(experiment);
    const QString table = formatSummaryTable(summary);
    EXPECT_TRUE(table.contains(QStringLiteral("py-* speedups are against py-serial (their own language) on set 1\n")))
        << table.toStdString();
    ASSERT_TRUE(summary.sets.front().languageFactor.has_value());
    EXPECT_TRUE(table.contains(languageFactorLine(summary) + u'\n')) << table.toStdString();
    EXPECT_TRUE(languageFactorLine(summary).contains(formatSpeedup(100.0))) << table.toStdString();
    EXPECT_TRUE(table.contains(QStringLiteral("fastest on set 1: py-pool with 3 workers, ")
        + formatSpeedup(*summary.findGroup(numbers, QStringLiteral("py-pool"), 3)->speedup)
        + QStringLiteral(" against py-serial\n")))
        << table.toStdString();
}
