#include "app/gui/guisession.h"

#include "app/exitcode.h"
#include "core/analysis/viewdata.h"
#include "core/model/experiment.h"
#include "ui/charts/chartarea.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace calcprof {

namespace {

/// Prints `error` when there is one; whether there was.
bool failed(const QString& error)
{
    if (!error.isEmpty())
        std::fprintf(stderr, "calcprof: %s\n", qPrintable(error));
    return !error.isEmpty();
}

/// The chart (--export-png, of the --view asked for or the results' default view), the results
/// (--export-json) and the timeline (--export-trace) of the finished run. False if one failed.
bool exportAfterRun(const MainWindow& window, const GuiOptions& options)
{
    bool ok = true;
    if (!options.exportPngPath.isEmpty()) {
        ChartArea* charts = window.charts();
        const bool speedup = window.session()->defaultView() == PrimaryView::Speedup;
        const ChartArea::View view = options.exportView >= 0 ? static_cast<ChartArea::View>(options.exportView)
            : speedup                                        ? ChartArea::View::Speedup
                                                             : ChartArea::View::Time;
        if (failed(charts->showView(view, options.exportFocus)) || failed(charts->exportChart(options.exportPngPath))) {
            ok = false;
        } else {
            std::printf("calcprof: saved the %s view as %s\n",
                qPrintable(charts->currentChartView() != nullptr
                        ? charts->currentChartView()->chart()->title().section(u'<', 0, 0).trimmed()
                        : QStringLiteral("Findings")),
                qPrintable(options.exportPngPath));
        }
    }
    if (!options.exportJsonPath.isEmpty() && failed(window.session()->exportResultsJson(options.exportJsonPath)))
        ok = false;
    if (!options.exportTracePath.isEmpty() && failed(window.session()->exportTimelineTrace(options.exportTracePath)))
        ok = false;
    return ok;
}

/// What a scripted run does when its run finishes: export, set the exit code, quit with --quit.
void onRunFinished(const MainWindow& window, const GuiOptions& options, const Experiment& experiment, int& exitCode)
{
    if (experiment.hasFailures())
        exitCode = kExitRunFailed;
    if (experiment.cancelled)
        exitCode = kExitInterrupted;
    if (!exportAfterRun(window, options))
        exitCode = kExitRunFailed;
    if (options.quitWhenDone) {
        // Scripted runs report what the window cannot show once it is gone.
        std::printf("calcprof: %zu set runs%s; longest event-loop gap during the run: %.1f ms\n",
            experiment.runs.size(), experiment.cancelled ? " (cancelled)" : "",
            window.session()->longestEventLoopGapMs());
        std::fflush(stdout);
        QApplication::exit(exitCode);
    }
}

/// Polls `stop` (a signal handler can only raise a flag): once raised, the run going on is cancelled
/// and waited for, exactly as when the window is closed, and the event loop ends with 130.
void quitOnStop(const std::atomic<bool>& stop, MainWindow& window)
{
    constexpr int kPollMs = 20; // a signal is answered within tens of milliseconds
    auto* poll = new QTimer(&window);
    QObject::connect(poll, &QTimer::timeout, &window, [&stop, &window, poll] {
        if (!stop.load())
            return;
        poll->stop();
        window.session()->stop();
        QApplication::exit(kExitInterrupted);
    });
    poll->start(kPollMs);
}

} // namespace

int runGui(const GuiOptions& options)
{
    QSettings settings;
    MainWindow window;
    window.loadSettings(settings);
    if (options.plan) {
        ExperimentPlan plan = *options.plan;
        if (plan.script.enabled() && plan.strategies.isEmpty()) // the script alone: the controls keep theirs
            plan.strategies = window.controls()->plan().strategies;
        window.controls()->setPlan(plan);
    }
    if (!options.baselinePath.isEmpty()) {
        if (const QString error = window.session()->openBaseline(options.baselinePath); !error.isEmpty())
            std::fprintf(stderr, "calcprof: --baseline: %s\n", qPrintable(error));
    }

    int exitCode = kExitSuccess;
    QObject::connect(window.session(), &RunSession::runFinished, &window,
        [&](const Experiment& experiment) { onRunFinished(window, options, experiment, exitCode); });

    if (options.stop != nullptr)
        quitOnStop(*options.stop, window);
    window.show();
    if (!options.openPath.isEmpty()) {
        // Saved results in place of a run: shown, then exported and quit as a run would be.
        QTimer::singleShot(0, &window, [&] {
            if (const QString error = window.session()->openResults(options.openPath); !error.isEmpty()) {
                std::fprintf(stderr, "calcprof: --open: %s\n", qPrintable(error));
                if (options.quitWhenDone)
                    QApplication::exit(kExitBadInput);
                return;
            }
            if (!exportAfterRun(window, options))
                exitCode = kExitRunFailed;
            if (options.quitWhenDone)
                QApplication::exit(exitCode);
        });
    }
    if (options.runOnStart) {
        // Once the window is on screen, so the chart has its real size when it fills in.
        QTimer::singleShot(0, &window, [&] {
            // --script in the window: the script alone, as File → Profile a Python script… runs it.
            const bool script = options.plan && options.plan->script.enabled();
            if (script ? !window.session()->runScript(options.plan->script) : !window.session()->run()) {
                std::fprintf(stderr, "calcprof: %s\n",
                    qPrintable(script ? QStringLiteral("the script could not start; the log says why")
                                      : window.controls()->validationError()));
                if (options.quitWhenDone)
                    QApplication::exit(kExitBadInput);
            }
        });
    }
    const int loopResult = QApplication::exec();
    if (!options.quitWhenDone)
        window.saveSettings(settings);
    if (options.stop != nullptr && options.stop->load())
        return kExitInterrupted;
    return options.quitWhenDone ? loopResult : kExitSuccess;
}

} // namespace calcprof
