#include "app/cli/commandline.h"
#include "app/cli/headless.h"
#include "app/exitcode.h"
#include "app/gui/guisession.h"
#include "ui/report/reportwriter.h"

#include <QApplication>
#include <QCoreApplication>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

// Raised by SIGINT, SIGTERM, SIGHUP or SIGQUIT; a lock-free atomic store is async-signal-safe.
std::atomic<bool> g_stopRequested {false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void requestStop(int /*signal*/)
{
    g_stopRequested.store(true);
}

// Every signal that asks a process to end (Ctrl-C, kill, a closed terminal or ssh session, Ctrl-\)
// cancels the same way: the work stops, temporary files go, and the exit code is 130. Left to their
// default, SIGHUP and SIGQUIT would end calcprof mid CSV stage with its temporary files left behind.
// Installed before anything else runs, so that reading a large saved run or building a report
// is covered too.
void installStopHandlers()
{
    struct sigaction action
    { };
    action.sa_handler = requestStop;
    sigemptyset(&action.sa_mask);
    for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
        sigaction(signal, &action, nullptr);
}

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("calcprof"));
    QCoreApplication::setApplicationName(QStringLiteral("calcprof"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALCPROF_VERSION));
}

int runCommand(const calcprof::CommandLine& command)
{
    using Action = calcprof::CommandLine::Action;
    switch (command.action) {
    case Action::Help: std::fputs(qPrintable(calcprof::helpText()), stdout); return calcprof::kExitSuccess;
    case Action::Version: std::printf("calcprof %s\n", CALCPROF_VERSION); return calcprof::kExitSuccess;
    case Action::ListStrategies:
        std::fputs(qPrintable(calcprof::strategyListing()), stdout);
        return calcprof::kExitSuccess;
    case Action::ListCsvModes:
        std::fputs(qPrintable(calcprof::csvModeListing()), stdout);
        return calcprof::kExitSuccess;
    case Action::FromJson:
        return calcprof::showSavedRun(command, g_stopRequested, stdout, stderr, &calcprof::writeReportUnlessStopped);
    case Action::Run: break;
    }
    return calcprof::runHeadless(command, g_stopRequested, stdout, stderr, &calcprof::writeReportUnlessStopped);
}

} // namespace

int main(int argc, char* argv[])
{
    installStopHandlers();
    // Parsed before any application object exists: whether one is a QApplication (a window) or a
    // QCoreApplication (headless: no display needed) depends on the arguments.
    QStringList arguments;
    for (int index = 1; index < argc; ++index)
        arguments << QString::fromLocal8Bit(argv[index]);
    const calcprof::CommandLineParse parsed = calcprof::parseCommandLine(arguments);
    if (!parsed.ok()) {
        std::fprintf(stderr, "calcprof: %s\n", qPrintable(parsed.error));
        return calcprof::kExitBadInput;
    }
    const calcprof::CommandLine& command = parsed.commandLine;

    if (!command.reportPath.isEmpty()) {
        // The report's figures are the window's views, drawn off screen: widgets need a
        // QApplication, but no display, and no window is ever shown.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        const QApplication app(argc, argv);
        describeApplication();
        return runCommand(command);
    }
    if (command.headless || command.action != calcprof::CommandLine::Action::Run) {
        const QCoreApplication app(argc, argv);
        describeApplication();
        return runCommand(command);
    }

    if (!qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        // Qt would abort with a platform-plugin error; say what to do instead.
        std::fprintf(stderr,
            "calcprof: no display to open the window on (DISPLAY is not set); "
            "use --headless for the console, or run the window under xvfb-run\n");
        return calcprof::kExitRunFailed;
    }
    const QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("calcprof"));
    QApplication::setDesktopFileName(QStringLiteral("calcprof"));
    calcprof::GuiOptions options;
    if (command.planGiven)
        options.plan = command.plan;
    options.runOnStart = command.runOnStart;
    options.exportPngPath = command.exportPngPath;
    options.exportView
        = command.view.isEmpty() ? -1 : static_cast<int>(calcprof::chartViewNames().indexOf(command.view));
    options.exportFocus = command.viewFocus;
    options.exportJsonPath = command.jsonPath;
    options.exportTracePath = command.tracePath;
    options.quitWhenDone = command.quitWhenDone;
    options.baselinePath = command.baselinePath;
    options.openPath = command.openPath;
    options.stop = &g_stopRequested;
    return calcprof::runGui(options);
}
