// The user's script in the window (issue 19 item 6): File → Profile a Python script… runs it through
// the session, its output reaches the log as it prints, and the "Your program" tab shows its time_me
// calls on its own time axis with what the whole process tree used.
#include "core/model/experimentplan.h"
#include "core/python/pythoninterpreter.h"
#include "testsupport.h"
#include "ui/charts/chartarea.h"
#include "ui/charts/scriptchart.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/logview.h"
#include "ui/window/mainwindow.h"

#include <QChart>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

constexpr int kRunTimeoutMs = 60000;

ScriptRun syntheticRun()
{
    ScriptRun run;
    run.plan.path = QStringLiteral("/home/student/multi.py");
    run.wallSeconds = 10.0;
    run.userSeconds = 12.0;
    run.processes = 8;
    run.exitStatus = 0;
    run.timings = {{QStringLiteral("do_serial"), 4.0, 4.5}, {QStringLiteral("do_parallel"), 5.0, 9.9}};
    return run;
}

} // namespace

TEST(ScriptChart, EachTimeMeCallIsARowOverTheWholeRunTopToBottom)
{
    ScriptChart chart;
    EXPECT_TRUE(chart.chart()->title().contains(QStringLiteral("File → Profile a Python script")));

    chart.setRun(syntheticRun(), 2);

    EXPECT_EQ(chart.rowLabels(),
        (QStringList {QStringLiteral("1. do_serial — 4.000 s (40 %)"),
            QStringLiteral("2. do_parallel — 5.000 s (50 %)"), QStringLiteral("whole run — 10.00 s")}));
    EXPECT_EQ(chart.rowToolTip(1),
        QStringLiteral("do_parallel: 5.0000 s by its time_me line, 50 % of the run; from 4.900 s to 9.900 s (when its "
                       "line was read)"));
    EXPECT_TRUE(chart.chart()->title().contains(QStringLiteral("1.20 of 2 cores busy")))
        << chart.chart()->title().toStdString();
    chart.setRun(std::nullopt, 2);
    EXPECT_TRUE(chart.rowLabels().isEmpty());
}

TEST(ScriptWindow, AProfiledScriptStreamsToTheLogAndFillsItsTab)
{
    MainWindow window;
    window.resize(1200, 800);
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("student.py"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("import sys, time\nprint('args', sys.argv[1:])\ntime.sleep(0.1)\nprint(\"Ran 'do_serial' in 0.1000 "
               "secs\")\n");
    file.close();
    ChartArea* charts = window.charts();
    EXPECT_FALSE(charts->isTabVisible(static_cast<int>(ChartArea::View::Program))) << "no script yet: no tab";
    QSignalSpy finished(window.session(), &RunSession::runFinished);

    if (!probePythonInterpreter({}).ok())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";
    ASSERT_TRUE(window.session()->runScript(ScriptPlan {path, {QStringLiteral("a b")}, {}}));
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    EXPECT_EQ(charts->currentView(), ChartArea::View::Program) << "its tab came forward when it started";

    const std::optional<ScriptRun>& run = window.session()->experiment().script;
    ASSERT_TRUE(run);
    EXPECT_EQ(run->failure(), QString());
    const QString log = window.logView()->toPlainText();
    EXPECT_TRUE(log.contains(QStringLiteral("  | args ['a b']"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("Ran your script 'student.py' in "))) << log.toStdString();
    EXPECT_TRUE(charts->isTabVisible(static_cast<int>(ChartArea::View::Program)));
    EXPECT_EQ(charts->scriptChart()->rowLabels().size(), 2);
    EXPECT_TRUE(charts->scriptChart()->rowLabels().constFirst().startsWith(QStringLiteral("1. do_serial")));
    // Its view exports like every chart, and the report answers about it.
    charts->showView(ChartArea::View::Program);
    const QString png = folder.filePath(QStringLiteral("program.png"));
    EXPECT_EQ(charts->exportChart(png), QString());
    EXPECT_FALSE(QImage(png).isNull());
    EXPECT_NE(window.session()->currentReport().section(QStringLiteral("your-program")), nullptr);
}

TEST(ScriptWindow, AMissingScriptOrARunningRunIsRefusedAndNothingRuns)
{
    MainWindow window;
    QSignalSpy started(window.session(), &RunSession::runStarted);

    EXPECT_FALSE(window.session()->runScript(ScriptPlan {QStringLiteral("/nonexistent/student.py"), {}, {}}));

    EXPECT_FALSE(window.session()->isRunning());
    const QString log = window.logView()->toPlainText();
    EXPECT_TRUE(log.contains(QStringLiteral("Not run: the script /nonexistent/student.py does not exist")))
        << log.toStdString();
    EXPECT_EQ(started.count(), 0);

    // During a run a script waits for nothing: it is refused, and the run goes on.
    ExperimentPlan plan;
    plan.sets = {{40, 41}}; // seconds of work: still running when the script is asked for
    plan.strategies = {QStringLiteral("serial")};
    plan.repeat = 3;
    window.controls()->setPlan(plan);
    QSignalSpy finished(window.session(), &RunSession::runFinished);
    ASSERT_TRUE(window.session()->run());
    const QTemporaryDir folder;
    QFile script(folder.filePath(QStringLiteral("student.py")));
    ASSERT_TRUE(script.open(QIODevice::WriteOnly));
    script.write("print(1)\n");
    script.close();
    EXPECT_FALSE(window.session()->runScript(ScriptPlan {script.fileName(), {}, {}}));
    window.session()->cancel();
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    EXPECT_FALSE(window.session()->experiment().script);
}
