// The console front end in-process, with a runner whose strategy or task fails: what the user is
// told on stderr and the exit code ("A strategy that throws" in docs/RELIABILITY.md).

#include "app/commandline.h"
#include "app/exitcode.h"
#include "app/headless.h"
#include "core/runner.h"
#include "core/strategies/builtinstrategies.h"
#include "core/strategyregistry.h"
#include "core/workload.h"
#include "testsupport.h"

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
    std::vector<TaskTiming> run(TaskExecution& /*execution*/, int /*workers*/) const override
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

HeadlessResult runHeadlessWith(const CommandLine& command, const Runner& runner)
{
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::tmpfile(), &std::fclose);
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> err(std::tmpfile(), &std::fclose);
    if (!out || !err) {
        ADD_FAILURE() << "tmpfile() failed";
        return {};
    }
    const std::atomic<bool> stop {false};
    HeadlessResult result;
    result.exitCode = runHeadless(command, runner, stop, out.get(), err.get());
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
    const Runner runner(strategies);
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
    Runner runner;
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
