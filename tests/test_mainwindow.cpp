#include "app/cli/commandline.h"
#include "core/analysis/summary.h"
#include "core/model/environment.h"
#include "core/model/experimentplan.h"
#include "testsupport.h"
#include "ui/charts/chartarea.h"
#include "ui/charts/csvchart.h"
#include "ui/charts/speedupview.h"
#include "ui/charts/timeview.h"
#include "ui/results/resultsmodel.h"
#include "ui/results/resultspanel.h"
#include "ui/session/offthreadrunner.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/fileactions.h"
#include "ui/window/logview.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXYSeries>

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <unistd.h>

#include <thread>

using namespace calcprof;

namespace {

constexpr int kRunTimeoutMs = 20000;

// A window with a small, fast plan.
class MainWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ExperimentPlan plan;
        plan.sets = {{5, 6, 7}, {8, 9}};
        plan.repeat = 1;
        // The runs are counted: on a busy machine mpi's quarter-second launch would be disturbed and
        // measured again (ExperimentRunner.ADisturbedRun… tests that).
        plan.retryDisturbed = 0;
        m_window.controls()->setPlan(plan);
        m_window.resize(1000, 700);
    }

    Experiment runAndWait()
    {
        QSignalSpy finished(m_window.session(), &RunSession::runFinished);
        EXPECT_TRUE(m_window.session()->run());
        EXPECT_TRUE(finished.wait(kRunTimeoutMs));
        return finished.isEmpty() ? Experiment() : finished.takeFirst().at(0).value<Experiment>();
    }

    QList<QBarSet*> timeBars() const { return m_window.charts()->timeView()->barSeries()->barSets(); }

    MainWindow m_window;
};

class ClaimingLineEdit final : public QLineEdit
{
public:
    using QLineEdit::QLineEdit;

protected:
    bool event(QEvent* event) override
    {
        if (event->type() == QEvent::ShortcutOverride
            && static_cast<QKeyEvent*>(event)->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_E)) {
            event->accept();
            return true;
        }
        return QLineEdit::event(event);
    }
};

} // namespace

TEST_F(MainWindowTest, SliderAndSpinBoxStayInSyncAndTheRunUsesThatPoolSize)
{
    ControlsPanel* controls = m_window.controls();
    controls->autoPoolCheck()->setChecked(false);
    controls->poolSlider()->setValue(3);
    EXPECT_EQ(controls->poolSpinBox()->value(), 3);
    controls->poolSpinBox()->setValue(5);
    EXPECT_EQ(controls->poolSlider()->value(), 5);
    controls->poolSlider()->setValue(3);
    EXPECT_EQ(controls->plan().poolSizes, std::vector<int> {3});

    const Experiment experiment = runAndWait();
    bool sawPool = false;
    for (const SetRun& run : experiment.runs) {
        if (run.strategy == QStringLiteral("pool")) {
            EXPECT_EQ(run.poolSize, 3);
            sawPool = true;
        }
    }
    EXPECT_TRUE(sawPool);
}

TEST_F(MainWindowTest, ARunFillsTheChartTableAndLog)
{
    const Experiment experiment = runAndWait();
    const auto strategies = ExperimentPlan {}.strategies.size(); // every default one is selected
    EXPECT_EQ(experiment.runs.size(), 2U * static_cast<std::size_t>(strategies));
    EXPECT_FALSE(experiment.cancelled);

    const QList<QBarSet*> bars = timeBars();
    ASSERT_EQ(bars.size(), strategies); // one per selected strategy
    for (QBarSet* set : bars) {
        ASSERT_EQ(set->count(), 2) << set->label().toStdString(); // one bar per set
        EXPECT_GT(set->at(0), 0.0);
        EXPECT_GT(set->at(1), 0.0);
    }

    EXPECT_EQ(m_window.results()->model()->rowCount(), 2 * strategies);
    EXPECT_TRUE(m_window.logView()->toPlainText().contains(QStringLiteral("Ran 'pool' on set 2 in")));
    EXPECT_TRUE(m_window.logView()->toPlainText().contains(QStringLiteral("Ran 'processes' on set 2 in")));
    EXPECT_EQ(m_window.progressBar()->value(), m_window.progressBar()->maximum());
    EXPECT_TRUE(m_window.controls()->runButton()->isEnabled());
    EXPECT_FALSE(m_window.controls()->cancelButton()->isEnabled());
}

TEST_F(MainWindowTest, RepeatUntilPreciseRunsAutoAndTheLogSaysWhyEachSetStopped)
{
    ExperimentPlan plan = m_window.controls()->plan();
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("threads")};
    plan.repeat = kMinAutoRepeat;
    plan.autoRepeat = {true, 0.2, 1.0}; // as --precision 20 --max-time 1 give it
    m_window.controls()->setPlan(plan);
    QCheckBox* automatic = m_window.controls()->repeatAutoCheckBox();
    EXPECT_TRUE(automatic->isChecked());
    EXPECT_FALSE(m_window.controls()->repeatSpinBox()->isEnabled()); // the least rounds, not the count
    automatic->setChecked(false);
    EXPECT_TRUE(m_window.controls()->repeatSpinBox()->isEnabled());
    EXPECT_FALSE(m_window.controls()->plan().autoRepeat.enabled);
    automatic->setChecked(true);
    EXPECT_EQ(m_window.controls()->plan().autoRepeat, plan.autoRepeat); // the budget given is kept

    const Experiment experiment = runAndWait();
    ASSERT_EQ(experiment.setRounds.size(), 2U);
    for (const SetRounds& rounds : experiment.setRounds) {
        EXPECT_GE(rounds.rounds, kMinAutoRepeat);
        // Precise or the time budget as a rule; the round cap when a loaded machine keeps these
        // microsecond sets noisy for kMaxRepeat rounds within the budget (seen once in a full suite).
        EXPECT_NE(rounds.stop, RoundsStop::Cancelled);
    }
    const QString log = m_window.logView()->toPlainText();
    EXPECT_TRUE(log.contains(QStringLiteral("Repeat auto: set 1: %1 rounds in ").arg(experiment.setRounds[0].rounds)))
        << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("Repeat auto: set 2: "))) << log.toStdString();
}

TEST_F(MainWindowTest, OnlySelectedStrategiesGetASeries)
{
    ExperimentPlan plan = m_window.controls()->plan();
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("threads")};
    m_window.controls()->setPlan(plan);
    runAndWait();
    EXPECT_EQ(timeBars().size(), 2);
    EXPECT_EQ(m_window.results()->model()->rowCount(), 4);
}

TEST_F(MainWindowTest, RerunAtAnotherPoolSizeGrowsTheHistory)
{
    m_window.controls()->autoPoolCheck()->setChecked(false);
    m_window.controls()->poolSpinBox()->setValue(1);
    runAndWait();
    m_window.controls()->poolSpinBox()->setValue(2);
    runAndWait();
    EXPECT_EQ(m_window.results()->model()->rowCount(), 2 * 2 * ExperimentPlan {}.strategies.size());
    // Off screen, the speedup view has not been drawn yet; shown, it has every strategy that takes a
    // pool size (threads, processes, items, fork-join) at both sizes.
    EXPECT_TRUE(m_window.charts()->speedupView()->figure().sweeps.empty());
    m_window.charts()->showView(ChartArea::View::Speedup);
    m_window.charts()->speedupView()->selectSet(0);
    const SpeedupFigure& figure = m_window.charts()->speedupView()->figure();
    std::size_t sweeping = 0; // the strategies whose pool size the sweep varies
    for (const QString& id : ExperimentPlan {}.strategies)
        sweeping += builtinStrategies().find(id)->usesPoolSize() ? 1 : 0;
    ASSERT_EQ(figure.sweeps.size(), sweeping);
    for (const auto& sweep : figure.sweeps)
        EXPECT_EQ(sweep.points.size(), 2U) << sweep.strategy.toStdString();
}

TEST_F(MainWindowTest, ARerunAtTheSamePoolSizeAddsSamplesToItsPoint)
{
    m_window.controls()->autoPoolCheck()->setChecked(false);
    m_window.controls()->poolSpinBox()->setValue(2);
    runAndWait();
    const GroupSummary* before = m_window.session()->summary().findGroup({5, 6, 7}, QStringLiteral("pool"), 2);
    ASSERT_NE(before, nullptr);
    EXPECT_EQ(before->wall.count, 1);
    runAndWait();
    const GroupSummary* after = m_window.session()->summary().findGroup({5, 6, 7}, QStringLiteral("pool"), 2);
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(after->wall.count, 2); // one more sample, not a replaced point
    m_window.charts()->showView(ChartArea::View::Speedup); // a view off screen is drawn when shown
    m_window.charts()->speedupView()->selectSet(0);
    EXPECT_EQ(m_window.charts()->speedupView()->figure().sweeps.at(0).points.size(), 1U);
}

TEST_F(MainWindowTest, AutoRerunStartsARunWhenThePoolSizeChanges)
{
    m_window.controls()->autoPoolCheck()->setChecked(false);
    m_window.controls()->setAutoRerun(true);
    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    m_window.controls()->poolSlider()->setValue(2);
    EXPECT_TRUE(finished.wait(kRunTimeoutMs)); // once the slider has rested (debounced)
    EXPECT_FALSE(finished.takeFirst().at(0).value<Experiment>().cancelled);
}

TEST_F(MainWindowTest, CancelStopsALongRunAndReenablesTheControls)
{
    ExperimentPlan plan = m_window.controls()->plan();
    plan.sets = {{47, 46}};
    m_window.controls()->setPlan(plan);
    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    ASSERT_TRUE(m_window.session()->run());
    EXPECT_TRUE(m_window.controls()->cancelButton()->isEnabled());
    QTest::qWait(100);
    m_window.controls()->cancelButton()->click();
    ASSERT_TRUE(finished.wait(5000)); // task 47 alone would take ~20 s
    EXPECT_TRUE(finished.takeFirst().at(0).value<Experiment>().cancelled);
    EXPECT_FALSE(m_window.session()->isRunning());
    EXPECT_TRUE(m_window.controls()->runButton()->isEnabled());
    EXPECT_FALSE(m_window.controls()->cancelButton()->isEnabled());
}

TEST_F(MainWindowTest, InvalidSetsDisableRunAndShowTheMessage)
{
    m_window.controls()->setsEdit()->setText(QStringLiteral("10,,12"));
    EXPECT_FALSE(m_window.controls()->runButton()->isEnabled());
    EXPECT_TRUE(m_window.controls()->setsError()->text().contains(QStringLiteral("position 4")));
    EXPECT_TRUE(m_window.controls()->validationError().startsWith(QStringLiteral("Number sets: ")));
    EXPECT_FALSE(m_window.session()->run());
    m_window.controls()->setsEdit()->setText(QStringLiteral("10,12"));
    EXPECT_TRUE(m_window.controls()->runButton()->isEnabled());
    EXPECT_EQ(m_window.controls()->setsError()->text(), QString());
}

TEST_F(MainWindowTest, AMissingCsvFolderDisablesRun)
{
    ExperimentPlan plan = m_window.controls()->plan();
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.directory = QStringLiteral("/nonexistent/calcprof");
    m_window.controls()->setPlan(plan);
    EXPECT_FALSE(m_window.controls()->runButton()->isEnabled());
    EXPECT_TRUE(m_window.controls()->csvError()->text().contains(QStringLiteral("does not exist")));
    EXPECT_EQ(m_window.controls()->setsError()->text(), QString());
}

// The folder check before the run, in the window: the message under the CSV controls, Run disabled
// and refused, nothing written.
TEST_F(MainWindowTest, AnUnwritableCsvFolderShowsTheMessageAndDisablesRun)
{
    const calcprof::test::UnwritableFolder unwritable;
    if (unwritable.path().isEmpty())
        CALCPROF_SKIP_PROOF() << unwritable.error().toStdString();
    ExperimentPlan plan = m_window.controls()->plan();
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.directory = unwritable.path();
    m_window.controls()->setPlan(plan);

    EXPECT_FALSE(m_window.controls()->runButton()->isEnabled());
    EXPECT_EQ(m_window.controls()->csvError()->text(),
        QStringLiteral("output folder %1 is not writable").arg(unwritable.path()));
    EXPECT_FALSE(m_window.session()->run());
    EXPECT_FALSE(m_window.session()->isRunning());
    EXPECT_TRUE(QDir(unwritable.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
}

TEST_F(MainWindowTest, ExportPngHasTwiceTheChartSize)
{
    m_window.show();
    runAndWait();
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    EXPECT_EQ(m_window.charts()->exportChart(path), QString());
    const QImage image(path);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.size(), m_window.charts()->currentChartView()->size() * 2);
}

TEST_F(MainWindowTest, ExportFailuresAreReported)
{
    const QString missing = QStringLiteral("/nonexistent/calcprof/out");
    EXPECT_FALSE(m_window.charts()->exportChart(missing + QStringLiteral(".png")).isEmpty());
    EXPECT_FALSE(m_window.session()->exportResultsJson(missing + QStringLiteral(".json")).isEmpty());
    EXPECT_FALSE(m_window.results()->exportCsv(missing + QStringLiteral(".csv")).isEmpty());
}

TEST_F(MainWindowTest, ExportsResultsAsJsonAndCsv)
{
    runAndWait();
    const QTemporaryDir dir;
    EXPECT_EQ(m_window.session()->exportResultsJson(dir.filePath(QStringLiteral("r.json"))), QString());
    EXPECT_TRUE(test::readFile(dir.filePath(QStringLiteral("r.json"))).contains("\"matches_serial\": true"));
    EXPECT_EQ(m_window.results()->exportCsv(dir.filePath(QStringLiteral("r.csv"))), QString());
    const QList<QByteArray> lines = test::readFile(dir.filePath(QStringLiteral("r.csv"))).trimmed().split('\n');
    ASSERT_EQ(lines.size(), 1 + 2 * ExperimentPlan {}.strategies.size());
    EXPECT_TRUE(lines.at(1).contains("\"5,6,7\"")); // the numbers field is quoted: it holds commas
    // The timeline of every run, for Perfetto: one complete event per task that ran.
    EXPECT_EQ(m_window.session()->exportTimelineTrace(dir.filePath(QStringLiteral("t.json"))), QString());
    const QByteArray trace = test::readFile(dir.filePath(QStringLiteral("t.json")));
    EXPECT_TRUE(QJsonDocument::fromJson(trace).object().value(QStringLiteral("traceEvents")).isArray());
    EXPECT_GE(trace.count("\"ph\":\"X\""), 2 * ExperimentPlan {}.strategies.size());
}

TEST_F(MainWindowTest, RawWriteReferenceIsMeasuredInTheCsvFolder)
{
    const QTemporaryDir dir;
    ExperimentPlan plan = m_window.controls()->plan();
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.directory = dir.path();
    plan.csv.row = {100'000, 100'000};
    m_window.controls()->setPlan(plan);
    QSignalSpy measured(m_window.session(), &RunSession::rawWriteMeasured);
    m_window.session()->measureRawWrite();
    ASSERT_TRUE(measured.wait(kRunTimeoutMs));
    EXPECT_EQ(measured.at(0).at(1).toString(), QString());
    EXPECT_GT(measured.at(0).at(0).toDouble(), 0.0);
    EXPECT_EQ(test::filesIn(dir.path()), QStringList()); // the scratch file is gone
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
}

TEST_F(MainWindowTest, ARunStartedWhileMeasuringCancelsTheMeasurementAndRunsNormally)
{
    const QTemporaryDir dir;
    ExperimentPlan plan = m_window.controls()->plan();
    plan.csv.mode = QStringLiteral("serial");
    plan.csv.directory = dir.path();
    plan.csv.row = {10'000'000, 10'000'000}; // 860 MB to measure: far longer than it takes to start a run
    m_window.controls()->setPlan(plan);
    QSignalSpy measured(m_window.session(), &RunSession::rawWriteMeasured);
    m_window.session()->measureRawWrite();
    plan.csv.mode = QStringLiteral("none");
    m_window.controls()->setPlan(plan);
    const Experiment experiment = runAndWait(); // the user's latest action wins, as with a rerun
    if (measured.isEmpty()) {
        ASSERT_TRUE(measured.wait(kRunTimeoutMs));
    }
    EXPECT_EQ(measured.at(0).at(1).toString(), QStringLiteral("cancelled"));
    EXPECT_EQ(measured.at(0).at(0).toDouble(), 0.0);
    EXPECT_FALSE(experiment.cancelled);
    EXPECT_EQ(describeFailures(experiment), QString());
    EXPECT_EQ(experiment.runs.size(), static_cast<std::size_t>(plan.strategies.size() * plan.sets.size()));
    // The measurement's scratch folder and file are gone.
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
}

TEST_F(MainWindowTest, SettingsRoundTrip)
{
    const QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    {
        ExperimentPlan plan;
        plan.sets = {{3, 4}, {5}};
        plan.strategies = {QStringLiteral("pool"), QStringLiteral("async")};
        plan.poolSizes = {6};
        plan.repeat = 3;
        plan.csv.mode = QStringLiteral("pool");
        plan.csv.setIndex = 2;
        plan.csv.row = {1234, 5678};
        plan.csv.fsync = true;
        plan.csv.keepFiles = true;
        m_window.controls()->setPlan(plan);
        m_window.controls()->setAutoRerun(true);
        QSettings settings(file, QSettings::IniFormat);
        m_window.saveSettings(settings);
    }
    MainWindow restored;
    QSettings settings(file, QSettings::IniFormat);
    restored.loadSettings(settings);
    const ExperimentPlan plan = restored.controls()->plan();
    EXPECT_EQ(plan.sets, (std::vector<NumberSet> {{3, 4}, {5}}));
    EXPECT_EQ(plan.strategies, (QStringList {QStringLiteral("pool"), QStringLiteral("async")}));
    EXPECT_EQ(plan.poolSizes, std::vector<int> {6});
    EXPECT_EQ(plan.repeat, 3);
    EXPECT_EQ(plan.csv.mode, QStringLiteral("pool"));
    EXPECT_EQ(plan.csv.setIndex, 2);
    EXPECT_EQ(plan.csv.row.headerBytes, 1234U);
    EXPECT_EQ(plan.csv.row.footerBytes, 5678U);
    EXPECT_TRUE(plan.csv.fsync);
    EXPECT_TRUE(plan.csv.keepFiles);
    EXPECT_TRUE(restored.controls()->autoRerun());
}

TEST(MainWindowLifetime, ClosingMidRunCancelsCleanlyManyTimes)
{
    const QTemporaryDir dir;
    // 50 times, closing at a different moment each time (under ASan this also proves no leak).
    for (int attempt = 0; attempt < 50; ++attempt) {
        MainWindow window;
        ExperimentPlan plan;
        // Even attempts are closed during a long compute, odd ones during a CSV stage of 43 files.
        plan.sets
            = attempt % 2 == 0 ? std::vector<NumberSet> {{46, 45}} : std::vector<NumberSet> {{10, 12, 5, 7, 4, 3, 2}};
        // processes first: even attempts close the window while its worker processes compute.
        plan.strategies = {QStringLiteral("processes"), QStringLiteral("serial"), QStringLiteral("pool")};
        plan.csv.mode = QStringLiteral("parallel");
        plan.csv.directory = dir.path();
        plan.csv.row = {10'000'000, 10'000'000};
        window.controls()->setPlan(plan);
        ASSERT_TRUE(window.session()->run());
        QTest::qWait(20 + (attempt % 10) * 5);
        window.close(); // cancels and waits; the window then goes out of scope
        EXPECT_FALSE(window.session()->isRunning());
        // Every worker process was killed and reaped: none left, not even a zombie.
        EXPECT_TRUE(test::childrenOf(::getpid()).empty()) << test::describe(test::childrenOf(::getpid()));
    }
    EXPECT_EQ(test::filesIn(dir.path()), QStringList()); // no result or temporary file left
}

TEST_F(MainWindowTest, CtrlEExportsTheChartWhileASpinBoxHasTheFocus)
{
    QStringList requests;
    m_window.fileActions()->setSavePathChooser(
        [&requests](const QString& title, const QString&, const QString& filter) {
            requests << title + u'|' + filter;
            return QString(); // the user declines: nothing is written
        });
    m_window.show();
    QApplication::setActiveWindow(&m_window);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&m_window));
    QSpinBox* field = m_window.controls()->poolSpinBox();
    m_window.controls()->autoPoolCheck()->setChecked(false);
    field->setFocus();
    ASSERT_TRUE(QTest::qWaitFor([field] { return field->hasFocus(); }));
    QSignalSpy triggered(m_window.fileActions()->exportChartAction(), &QAction::triggered);

    QTest::keyClick(field, Qt::Key_E, Qt::ControlModifier);
    EXPECT_EQ(triggered.size(), 1);
    ASSERT_EQ(requests.size(), 1);
    EXPECT_TRUE(requests.first().contains(QStringLiteral("*.svg")));

    // A field that claims Ctrl+E, as QLineEdit does with X11 key bindings ("end of line"; the
    // offscreen platform's bindings leave it alone).
    auto* claiming = new ClaimingLineEdit(m_window.controls());
    claiming->show();
    claiming->setFocus();
    ASSERT_TRUE(QTest::qWaitFor([claiming] { return claiming->hasFocus(); }));
    QTest::keyClick(claiming, Qt::Key_E, Qt::ControlModifier);
    EXPECT_EQ(triggered.size(), 2);
}

TEST_F(MainWindowTest, ReturnInAFieldDoesNotStartARunButCtrlRDoes)
{
    m_window.show();
    QApplication::setActiveWindow(&m_window);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&m_window));
    QLineEdit* sets = m_window.controls()->setsEdit();
    sets->setFocus();
    QTest::keyClick(sets, Qt::Key_Return);
    QTest::keyClick(m_window.controls()->repeatSpinBox(), Qt::Key_Return);
    QTest::qWait(50);
    EXPECT_FALSE(m_window.session()->isRunning());

    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    QTest::keyClick(sets, Qt::Key_R, Qt::ControlModifier);
    EXPECT_TRUE(m_window.session()->isRunning());
    EXPECT_TRUE(finished.wait(kRunTimeoutMs));
}

TEST(LogViewTest, FollowsNewLinesAtTheBottomAndStaysWhereTheUserScrolled)
{
    // As in the window: the log is a tab, often hidden behind the results while runs add lines,
    // and the block limit drops the oldest lines. A plain QPlainTextEdit ends up one line short of
    // the bottom after that and then never follows again.
    QTabWidget tabs;
    auto* log = new LogView;
    log->setMaximumBlockCount(100);
    tabs.addTab(new QWidget, QStringLiteral("Results"));
    tabs.addTab(log, QStringLiteral("Log"));
    tabs.resize(400, 300);
    tabs.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&tabs));
    QScrollBar* bar = log->verticalScrollBar();
    const auto append = [log](const QString& prefix, int count) {
        for (int line = 0; line < count; ++line) {
            log->appendLine(QStringLiteral("%1 %2: a line long enough to wrap in a narrow log pane, as Ran lines do")
                                .arg(prefix)
                                .arg(line));
            if (line % 10 == 0)
                QCoreApplication::processEvents();
        }
        QCoreApplication::processEvents();
    };

    tabs.setCurrentIndex(1);
    append(QStringLiteral("shown"), 30);
    EXPECT_EQ(bar->value(), bar->maximum());
    tabs.setCurrentIndex(0);
    append(QStringLiteral("hidden"), 300);
    tabs.setCurrentIndex(1);
    QCoreApplication::processEvents();
    append(QStringLiteral("shown again"), 300);
    EXPECT_GT(bar->maximum(), 0);
    EXPECT_EQ(bar->value(), bar->maximum());

    bar->setValue(0); // the user reads older lines: new ones must not pull the view away
    append(QStringLiteral("while reading"), 1);
    EXPECT_EQ(bar->value(), 0);

    bar->setValue(bar->maximum()); // back at the bottom: following again
    append(QStringLiteral("followed"), 50);
    EXPECT_EQ(bar->value(), bar->maximum());
}

TEST_F(MainWindowTest, AFolderErrorShowsBesideTheFolderWithoutMovingTheRunButton)
{
    m_window.show();
    ControlsPanel* controls = m_window.controls();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_window));
    const QPoint runBefore = controls->runButton()->mapTo(controls, QPoint());
    const QPoint folderBefore = controls->folderEdit()->mapTo(controls, QPoint());

    controls->csvModeCombo()->setCurrentIndex(controls->csvModeCombo()->findData(QStringLiteral("serial")));
    controls->folderEdit()->setText(QStringLiteral("/nonexistent/calcprof"));
    QCoreApplication::processEvents();
    EXPECT_FALSE(controls->runButton()->isEnabled());
    EXPECT_TRUE(controls->csvError()->text().contains(QStringLiteral("does not exist")));
    EXPECT_TRUE(controls->validationError().startsWith(QStringLiteral("CSV stage: ")));
    // Beside (under) the folder field, not elsewhere.
    const QPoint errorAt = controls->csvError()->mapTo(controls, QPoint());
    EXPECT_GT(errorAt.y(), folderBefore.y());
    EXPECT_LT(errorAt.y() - folderBefore.y(), 3 * controls->folderEdit()->height());
    EXPECT_EQ(controls->runButton()->mapTo(controls, QPoint()), runBefore);

    controls->setsEdit()->setText(QStringLiteral("10,,12")); // a second message: still nothing moves
    QCoreApplication::processEvents();
    EXPECT_EQ(controls->runButton()->mapTo(controls, QPoint()), runBefore);
}

TEST_F(MainWindowTest, TheLargestAllowedSetsAreAcceptedWhole)
{
    QStringList sets;
    for (int set = 0; set < kMaxSets; ++set) {
        QStringList numbers;
        for (int number = 0; number < kMaxNumbersPerSet; ++number)
            numbers << QString::number(kMaxTaskNumber);
        sets << numbers.join(u',');
    }
    const QString text = sets.join(QStringLiteral("; "));
    ASSERT_GT(text.size(), 32767); // more than a QLineEdit takes by default
    ControlsPanel* controls = m_window.controls();
    controls->setsEdit()->setText(text);
    EXPECT_EQ(controls->setsEdit()->text(), text);
    EXPECT_EQ(controls->setsError()->text(), QString());
    const ExperimentPlan plan = controls->plan();
    ASSERT_EQ(plan.sets.size(), static_cast<std::size_t>(kMaxSets));
    EXPECT_EQ(plan.sets.back().size(), static_cast<std::size_t>(kMaxNumbersPerSet));
}

// The window and the CLI accept and refuse exactly the same sets texts: the largest allowed input
// (also padded past a megabyte of whitespace, which both take between tokens), and one set or one
// number beyond it, refused with the same message.
TEST_F(MainWindowTest, TheWindowAndTheCliAcceptAndRefuseTheSameSetsTexts)
{
    const QString number = QString::number(kMaxTaskNumber);
    const QStringList largestSet(kMaxNumbersPerSet, number);
    const QStringList largestSets(kMaxSets, largestSet.join(u','));
    const QString largest = largestSets.join(QStringLiteral("; "));
    const QString padded = largestSets.join(QStringLiteral(";") + QString(20'000, u' '));
    ASSERT_GT(padded.size(), 1 << 20);
    const QString oneSetTooMany = largest + QStringLiteral("; 1");
    const QString oneNumberTooMany = largest + u',' + number;
    struct Case
    {
        QString name;
        QString text;
        bool valid;
    };
    const std::vector<Case> cases {{QStringLiteral("largest"), largest, true},
        {QStringLiteral("largest, padded"), padded, true}, {QStringLiteral("65 sets"), oneSetTooMany, false},
        {QStringLiteral("257 numbers"), oneNumberTooMany, false},
        {QStringLiteral("blank"), QStringLiteral("  "), false}};
    ControlsPanel* controls = m_window.controls();
    for (const Case& textCase : cases) {
        SCOPED_TRACE(textCase.name.toStdString());
        const CommandLineParse cli = parseCommandLine({QStringLiteral("--sets"), textCase.text});
        controls->setsEdit()->setText(textCase.text);

        EXPECT_EQ(controls->setsEdit()->text().size(), textCase.text.size()); // nothing cut
        EXPECT_EQ(cli.ok(), textCase.valid) << cli.error.toStdString();
        EXPECT_EQ(controls->setsError()->text().isEmpty(), textCase.valid);
        if (textCase.valid) {
            EXPECT_EQ(controls->plan().sets, cli.commandLine.plan.sets);
            EXPECT_EQ(controls->plan().sets.size(), static_cast<std::size_t>(kMaxSets));
        } else {
            EXPECT_EQ(QStringLiteral("--sets: ") + controls->setsError()->text(), cli.error);
        }
    }
}

TEST_F(MainWindowTest, TheDefaultSetsAreVisibleInFull)
{
    m_window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_window));
    QLineEdit* sets = m_window.controls()->setsEdit();
    sets->setText(QLatin1StringView(kDefaultNumberSets));
    EXPECT_GE(sets->width(), sets->fontMetrics().horizontalAdvance(sets->text()));
}

TEST_F(MainWindowTest, AutoSaysWhatItMeansInsteadOfAGreyedNumber)
{
    ControlsPanel* controls = m_window.controls();
    controls->autoPoolCheck()->setChecked(true);
    EXPECT_FALSE(controls->poolSpinBox()->isVisibleTo(controls));
    EXPECT_TRUE(controls->autoPoolLabel()->isVisibleTo(controls));
    EXPECT_TRUE(controls->autoPoolLabel()->text().contains(QStringLiteral("3, 2"))); // sets {5,6,7}, {8,9}
    controls->autoPoolCheck()->setChecked(false);
    EXPECT_TRUE(controls->poolSpinBox()->isVisibleTo(controls));
    EXPECT_FALSE(controls->autoPoolLabel()->isVisibleTo(controls));
}

TEST_F(MainWindowTest, TheStatusBarShowsTheMachine)
{
    const EnvironmentInfo environment = currentEnvironment();
    EXPECT_TRUE(m_window.machineLabel()->text().contains(environment.cpu));
    EXPECT_TRUE(m_window.machineLabel()->text().contains(QString::number(environment.cores)));
}

TEST_F(MainWindowTest, TheChartExportsAsPngSvgAndPdf)
{
    m_window.show();
    runAndWait();
    const QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    const QString svg = dir.filePath(QStringLiteral("chart.svg"));
    const QString pdf = dir.filePath(QStringLiteral("chart.pdf"));
    EXPECT_EQ(m_window.charts()->exportChart(png), QString());
    EXPECT_EQ(m_window.charts()->exportChart(svg), QString());
    EXPECT_EQ(m_window.charts()->exportChart(pdf), QString());
    EXPECT_FALSE(QImage(png).isNull());
    const QByteArray svgText = test::readFile(svg);
    EXPECT_TRUE(svgText.startsWith("<?xml") || svgText.startsWith("<svg"));
    EXPECT_TRUE(svgText.contains("Median time per number set")); // the title of the view shown
    EXPECT_TRUE(test::readFile(pdf).startsWith("%PDF"));

    const QString unknown = m_window.charts()->exportChart(dir.filePath(QStringLiteral("chart.jpg")));
    EXPECT_TRUE(unknown.contains(QStringLiteral(".png, .svg or .pdf")));
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("chart.jpg"))));
}

TEST_F(MainWindowTest, TheExportedChartIsTheCurrentTabs)
{
    m_window.show();
    const QTemporaryDir dir;
    EXPECT_EQ(m_window.charts()->currentChartView(), m_window.charts()->timeView()->chartView());
    auto* tabs = m_window.findChild<QTabWidget*>(QStringLiteral("chartTabs"));
    ASSERT_NE(tabs, nullptr);
    tabs->setCurrentIndex(1);
    EXPECT_EQ(m_window.charts()->currentChartView(), m_window.charts()->speedupView()->chartView());
    tabs->setCurrentIndex(3);
    EXPECT_EQ(m_window.charts()->currentChartView(), static_cast<QChartView*>(m_window.charts()->csvChart()));
    EXPECT_TRUE(m_window.charts()->chartTitle().contains(QStringLiteral("CSV write")));
    const QString svg = dir.filePath(QStringLiteral("csv.svg"));
    EXPECT_EQ(m_window.charts()->exportChart(svg), QString());
    EXPECT_TRUE(test::readFile(svg).contains("CSV write"));
}

// The writer pool's size is its own setting, shown as the cores by default; the rounds likewise.
TEST_F(MainWindowTest, TheCsvBoxShowsTheRoundsAndTheWriterPoolAndTheyReachThePlan)
{
    ControlsPanel* controls = m_window.controls();
    ExperimentPlan plan = controls->plan();
    plan.csv.repeat = 0;
    plan.csv.poolSize = 0;
    controls->setPlan(plan);
    EXPECT_TRUE(controls->csvPoolSizeSpin()->text().contains(QString::number(defaultCsvPoolSize())))
        << controls->csvPoolSizeSpin()->text().toStdString();
    EXPECT_TRUE(controls->csvRepeatSpin()->text().startsWith(QStringLiteral("default")))
        << controls->csvRepeatSpin()->text().toStdString();
    controls->csvRepeatSpin()->setValue(4);
    controls->csvPoolSizeSpin()->setValue(3);
    EXPECT_EQ(controls->plan().csv.rounds(), 4);
    EXPECT_EQ(controls->plan().csv.writerPoolSize(), 3);
}
