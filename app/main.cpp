#include "commandline.h"
#include "headless.h"

#include <QCoreApplication>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

// Raised by SIGINT/SIGTERM; a lock-free atomic store is async-signal-safe.
std::atomic<bool> g_stopRequested {false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void requestStop(int /*signal*/)
{
    g_stopRequested.store(true);
}

void installStopHandlers()
{
    struct sigaction action
    { };
    action.sa_handler = requestStop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

} // namespace

int main(int argc, char* argv[])
{
    const QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("calcprof"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALCPROF_VERSION));

    using calcprof::CommandLine;
    const calcprof::CommandLineParse parsed = calcprof::parseCommandLine(QCoreApplication::arguments().mid(1));
    if (!parsed.ok()) {
        std::fprintf(stderr, "calcprof: %s\n", qPrintable(parsed.error));
        return calcprof::kExitBadInput;
    }
    const CommandLine& command = parsed.commandLine;
    switch (command.action) {
    case CommandLine::Action::Help: std::fputs(qPrintable(calcprof::helpText()), stdout); return calcprof::kExitSuccess;
    case CommandLine::Action::Version: std::printf("calcprof %s\n", CALCPROF_VERSION); return calcprof::kExitSuccess;
    case CommandLine::Action::ListStrategies:
        std::fputs(qPrintable(calcprof::strategyListing()), stdout);
        return calcprof::kExitSuccess;
    case CommandLine::Action::ListCsvModes:
        std::fputs(qPrintable(calcprof::csvModeListing()), stdout);
        return calcprof::kExitSuccess;
    case CommandLine::Action::Run: break;
    }
    // Until the GUI lands every run is headless, with or without --headless.
    installStopHandlers();
    return calcprof::runHeadless(command, g_stopRequested);
}
