#include "app/gui/guisession.h"

#include "app/exitcode.h"
#include "core/analysis/summary.h"
#include "core/analysis/viewdata.h"
#include "ui/session/offthreadrunner.h"
#include "ui/window/controlspanel.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace calcprof {

int runGui(const GuiOptions& options)
{
    QSettings settings;
    MainWindow window;
    window.loadSettings(settings);
    if (options.plan)
        window.controls()->setPlan(*options.plan);
    if (!options.baselinePath.isEmpty()) {
        if (const QString error = window.openBaseline(options.baselinePath); !error.isEmpty())
            std::fprintf(stderr, "calcprof: --baseline: %s\n", qPrintable(error));
    }

    int exitCode = kExitSuccess;
    QObject::connect(&window, &MainWindow::runFinished, &window, [&](const Experiment& experiment) {
        if (!describeFailures(experiment).isEmpty())
            exitCode = kExitRunFailed;
        if (experiment.cancelled)
            exitCode = kExitInterrupted;
        if (!options.exportPngPath.isEmpty()) {
            const bool sweep = measuredPoolSizes(window.summary()).size() > 1;
            window.showView(options.exportView >= 0 ? static_cast<MainWindow::ChartView>(options.exportView)
                    : sweep                         ? MainWindow::ChartView::Speedup
                                                    : MainWindow::ChartView::Time);
            if (const QString error = window.exportChart(options.exportPngPath); !error.isEmpty()) {
                std::fprintf(stderr, "calcprof: %s\n", qPrintable(error));
                exitCode = kExitRunFailed;
            } else {
                std::printf("calcprof: saved the %s view as %s\n",
                    qPrintable(window.currentChartView()->chart()->title().section(u'<', 0, 0).trimmed()),
                    qPrintable(options.exportPngPath));
            }
        }
        if (!options.exportJsonPath.isEmpty()) {
            if (const QString error = window.exportResultsJson(options.exportJsonPath); !error.isEmpty()) {
                std::fprintf(stderr, "calcprof: %s\n", qPrintable(error));
                exitCode = kExitRunFailed;
            }
        }
        if (!options.exportTracePath.isEmpty()) {
            if (const QString error = window.exportTimelineTrace(options.exportTracePath); !error.isEmpty()) {
                std::fprintf(stderr, "calcprof: %s\n", qPrintable(error));
                exitCode = kExitRunFailed;
            }
        }
        if (options.quitWhenDone) {
            // Scripted runs report what the window cannot show once it is gone.
            std::printf("calcprof: %zu set runs%s; longest event-loop gap during the run: %.1f ms\n",
                experiment.runs.size(), experiment.cancelled ? " (cancelled)" : "", window.longestEventLoopGapMs());
            std::fflush(stdout);
            QApplication::exit(exitCode);
        }
    });

    window.show();
    if (options.runOnStart) {
        // Once the window is on screen, so the chart has its real size when it fills in.
        QTimer::singleShot(0, &window, [&] {
            if (!window.run()) {
                std::fprintf(stderr, "calcprof: %s\n", qPrintable(window.controls()->validationError()));
                if (options.quitWhenDone)
                    QApplication::exit(kExitBadInput);
            }
        });
    }
    const int loopResult = QApplication::exec();
    if (!options.quitWhenDone)
        window.saveSettings(settings);
    return options.quitWhenDone ? loopResult : kExitSuccess;
}

} // namespace calcprof
