// File → Open results… and File → Open baseline…: the figures' baseline series (widget-free), and
// the window that opens saved runs, draws the baseline dashed and compares with it.
#include "core/analysis/comparison.h"
#include "core/analysis/viewdata.h"
#include "core/exec/experimentrunner.h"
#include "core/io/resultsjson.h"
#include "core/io/resultsjsonreader.h"
#include "testsupport.h"
#include "ui/charts/chartarea.h"
#include "ui/charts/speedupview.h"
#include "ui/charts/timelineview.h"
#include "ui/charts/timeview.h"
#include "ui/results/baselinepanel.h"
#include "ui/results/resultsmodel.h"
#include "ui/results/resultspanel.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/logview.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

constexpr int kRunTimeoutMs = 20000;
const NumberSet kSet {14, 12, 16};

/// A small real sweep: serial, pool at 1..3 workers and threads on two sets, `repeat` runs each.
ExperimentPlan smallPlan(int repeat)
{
    ExperimentPlan plan;
    plan.sets = {{10, 12, 5}, kSet};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool"), QStringLiteral("threads")};
    plan.poolSizes = {1, 2, 3};
    plan.repeat = repeat;
    plan.warmup = 0;
    return plan;
}

Experiment runPlan(const ExperimentPlan& plan)
{
    return ExperimentRunner().run(plan, std::atomic<bool> {false});
}

/// One experiment of 5 repetitions, run once for every test here.
const Experiment& savedExperiment()
{
    static const Experiment experiment = runPlan(smallPlan(5));
    return experiment;
}

QString writeExperiment(const QTemporaryDir& dir, const QString& name, const Experiment& experiment)
{
    const QString path = dir.filePath(name);
    EXPECT_EQ(writeJsonFile(experiment, path), QString());
    return path;
}

QString writeText(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    return path;
}

QStringList columnOf(const QTableWidget* table, int column)
{
    QStringList cells;
    for (int row = 0; row < table->rowCount(); ++row)
        cells << table->item(row, column)->text();
    return cells;
}

class BaselineWindow : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_window.controls()->setPlan(smallPlan(5));
        m_window.resize(1200, 800);
        m_path = writeExperiment(m_dir, QStringLiteral("saved.json"), savedExperiment());
    }

    Experiment runAndWait()
    {
        QSignalSpy finished(m_window.session(), &RunSession::runFinished);
        EXPECT_TRUE(m_window.session()->run());
        EXPECT_TRUE(finished.wait(kRunTimeoutMs));
        return finished.isEmpty() ? Experiment() : finished.takeFirst().at(0).value<Experiment>();
    }

    QString log() const { return m_window.logView()->toPlainText(); }

    QTemporaryDir m_dir;
    QString m_path;
    MainWindow m_window;
};

} // namespace

TEST(BaselineFigures, SpeedupFigureAddsTheBaselinesSweptStrategiesWithTheirOwnSpeedups)
{
    const ExperimentSummary current = summarizeExperiment(runPlan(smallPlan(3)));
    const ExperimentSummary baseline = summarizeExperiment(savedExperiment());
    SpeedupFigure figure = speedupFigure(current, kSet);
    EXPECT_TRUE(figure.baselines.empty());
    addBaseline(figure, baseline, kSet);
    ASSERT_EQ(figure.baselines.size(), 1U); // pool sweeps; serial and threads ignore the pool size
    const FigureSeries& pool = figure.baselines.front();
    EXPECT_EQ(pool.name, QStringLiteral("pool (baseline)"));
    EXPECT_EQ(pool.strategy, QStringLiteral("pool"));
    ASSERT_EQ(pool.points.size(), 3U);
    for (const FigurePoint& point : pool.points) {
        const GroupSummary* group = baseline.findGroup(kSet, QStringLiteral("pool"), static_cast<int>(point.x));
        ASSERT_NE(group, nullptr);
        EXPECT_DOUBLE_EQ(point.y, *group->speedup); // the baseline's own speedup, against its own serial
        EXPECT_TRUE(point.toolTip.startsWith(QStringLiteral("baseline: pool")));
    }
}

TEST(BaselineFigures, TimeFigureCarriesTheMedianCompareExperimentsPairsWithEachBar)
{
    const Experiment now = runPlan(smallPlan(3));
    const ExperimentSummary baseline = summarizeExperiment(savedExperiment());
    EXPECT_TRUE(timeFigure(summarizeExperiment(now), 2).bars.front().baseline.empty());

    const TimeFigure figure = timeFigure(summarizeExperiment(now), 2, &baseline);
    const ExperimentComparison comparison = compareExperiments(baseline, summarizeExperiment(now));
    int compared = 0;
    for (const TimeFigure::Bars& bars : figure.bars) {
        ASSERT_EQ(bars.baseline.size(), bars.values.size());
        for (std::size_t category = 0; category < bars.baseline.size(); ++category) {
            ASSERT_TRUE(bars.baseline[category].has_value()) << bars.name.toStdString();
            // One source: the bar's baseline median is the comparison's "before".
            const auto group = std::find_if(comparison.groups.begin(), comparison.groups.end(), [&](const auto& g) {
                return g.strategy == bars.strategy && g.setIndex == static_cast<int>(category) + 1
                    && (g.strategy != QStringLiteral("pool") || g.workers == 2);
            });
            ASSERT_NE(group, comparison.groups.end());
            EXPECT_DOUBLE_EQ(bars.baseline[category]->y, group->before.median);
            ++compared;
        }
    }
    EXPECT_EQ(compared, 6); // 3 strategies x 2 sets
}

// --view-set/--view-strategy/--view-pool-size: each view shows what the focus names, or says what is
// missing (and the export then fails rather than save another picture).
TEST_F(BaselineWindow, AFocusChoosesTheSetThePoolSizeAndTheRunEachViewShows)
{
    ASSERT_EQ(m_window.session()->openResults(m_path), QString());
    ChartArea* charts = m_window.charts();
    const auto focus = [](int set, const QString& strategy = {}, std::optional<int> poolSize = {}) {
        ViewFocus chosen;
        chosen.setIndex = set;
        chosen.strategy = strategy;
        chosen.poolSize = poolSize;
        return chosen;
    };

    EXPECT_EQ(charts->showView(ChartArea::View::Speedup, focus(1)), QString());
    EXPECT_EQ(charts->speedupView()->setChooser()->currentIndex(), 0);
    EXPECT_EQ(charts->showView(ChartArea::View::Speedup, focus(2)), QString());
    EXPECT_EQ(charts->speedupView()->setChooser()->currentIndex(), 1);

    EXPECT_EQ(charts->showView(ChartArea::View::Time, focus(0, {}, 2)), QString());
    EXPECT_EQ(charts->timeView()->poolSizeChooser()->currentData().toInt(), 2);

    const ViewFocus poolOfThreeOnSetOne = focus(1, QStringLiteral("pool"), 3);
    EXPECT_EQ(charts->showView(ChartArea::View::Timeline, poolOfThreeOnSetOne), QString());
    const SetRun& shown
        = m_window.session()->experiment().runs.at(static_cast<std::size_t>(charts->timelineView()->selectedRun()));
    EXPECT_EQ(shown.setIndex, 1);
    EXPECT_EQ(shown.strategy, QStringLiteral("pool"));
    EXPECT_EQ(shown.poolSize, 3);
    EXPECT_EQ(shown.repetition, 4); // the latest of the five

    EXPECT_EQ(charts->showView(ChartArea::View::Speedup, focus(3)),
        QStringLiteral("no run of any strategy on set 3 to show"));
    EXPECT_EQ(charts->showView(ChartArea::View::Time, focus(0, {}, 8)),
        QStringLiteral("no run of any strategy with 8 workers to show"));
    EXPECT_EQ(charts->showView(ChartArea::View::Timeline, focus(1, QStringLiteral("tbb"))),
        QStringLiteral("no run of 'tbb' on set 1 to show"));
}

TEST_F(BaselineWindow, OpenResultsShowsTheSavedRunsNumbers)
{
    m_window.controls()->setPlan(ExperimentPlan {});
    ASSERT_EQ(m_window.session()->openResults(m_path), QString());
    const ExperimentSummary expected = summarizeExperiment(savedExperiment());
    ASSERT_EQ(m_window.session()->summary().groups.size(), expected.groups.size());
    for (std::size_t index = 0; index < expected.groups.size(); ++index)
        EXPECT_DOUBLE_EQ(m_window.session()->summary().groups[index].wall.median, expected.groups[index].wall.median);
    EXPECT_EQ(m_window.results()->model()->rowCount(), static_cast<int>(savedExperiment().runs.size()));
    m_window.charts()->showView(ChartArea::View::Timeline);
    EXPECT_EQ(m_window.charts()->timelineView()->runCount(), static_cast<int>(savedExperiment().runs.size()));
    // A sweep opens on the speedup view, as after a run; its points are the file's.
    m_window.charts()->showView(ChartArea::View::Speedup);
    const SpeedupFigure& speedup = m_window.charts()->speedupView()->figure();
    ASSERT_EQ(speedup.sweeps.size(), 1U);
    ASSERT_EQ(speedup.sweeps.front().points.size(), 3U);
    for (const FigurePoint& point : speedup.sweeps.front().points)
        EXPECT_DOUBLE_EQ(
            point.y, *expected.findGroup(kSet, QStringLiteral("pool"), static_cast<int>(point.x))->speedup);

    // Where they came from, in the table's label, the log and the title.
    EXPECT_FALSE(m_window.results()->savedRunLabel()->isHidden());
    EXPECT_TRUE(m_window.results()->savedRunLabel()->text().contains(QStringLiteral("saved.json")));
    EXPECT_TRUE(
        m_window.results()->savedRunLabel()->text().contains(savedExperiment().environment.cpu.toHtmlEscaped()));
    EXPECT_TRUE(log().contains(QStringLiteral("Opened results ") + m_path));
    EXPECT_TRUE(log().contains(QStringLiteral("calcprof ") + savedExperiment().version));
    EXPECT_TRUE(m_window.windowTitle().startsWith(QStringLiteral("saved.json")));
    EXPECT_TRUE(m_window.charts()->chartTitle().contains(QStringLiteral("saved.json")));
    // The controls hold its settings: Run measures the same experiment here.
    EXPECT_EQ(m_window.controls()->plan().sets, savedExperiment().plan.sets);
    EXPECT_EQ(m_window.controls()->plan().poolSizes, savedExperiment().plan.poolSizes);
}

TEST_F(BaselineWindow, RunAfterOpenedResultsReplacesThem)
{
    ASSERT_EQ(m_window.session()->openResults(m_path), QString());
    ExperimentPlan plan = smallPlan(1);
    plan.sets = {{9, 8}};
    m_window.controls()->setPlan(plan);
    const Experiment ran = runAndWait();
    // Only the new run: a saved run never mixes with this build's measurements.
    EXPECT_EQ(m_window.results()->model()->rowCount(), static_cast<int>(ran.runs.size()));
    ASSERT_EQ(m_window.session()->summary().sets.size(), 1U);
    EXPECT_EQ(m_window.session()->summary().sets.front().numbers, (NumberSet {9, 8}));
    EXPECT_TRUE(m_window.results()->savedRunLabel()->isHidden());
    EXPECT_FALSE(m_window.windowTitle().contains(QStringLiteral("saved.json")));
    EXPECT_TRUE(log().contains(QStringLiteral("The run replaces the results opened from saved.json")));
}

TEST_F(BaselineWindow, BadFilesChangeNothingAndSayWhichFileAndWhy)
{
    ASSERT_EQ(m_window.session()->openResults(m_path), QString());
    ASSERT_EQ(m_window.session()->openBaseline(m_path), QString());
    const std::size_t groups = m_window.session()->summary().groups.size();
    const double firstMedian = m_window.session()->summary().groups.front().wall.median;
    const int rows = m_window.results()->model()->rowCount();
    const QString title = m_window.windowTitle();
    const std::size_t comparedGroups = m_window.baselinePanel()->comparison().groups.size();

    const QByteArray good = test::readFile(m_path);
    ASSERT_FALSE(good.isEmpty());
    QJsonObject otherTool;
    otherTool.insert(QStringLiteral("traceEvents"), QJsonObject());
    const QString huge = m_dir.filePath(QStringLiteral("huge.json"));
    {
        QFile file(huge);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        ASSERT_TRUE(file.resize(kMaxResultsFileBytes + 1)); // sparse: no disk used
    }
    const std::vector<std::pair<QString, QString>> bad {
        {writeText(m_dir, QStringLiteral("malformed.json"), "{ this is not json"), QString()},
        {writeText(m_dir, QStringLiteral("truncated.json"), good.left(good.size() / 2)), QString()},
        {writeText(m_dir, QStringLiteral("other.json"), QJsonDocument(otherTool).toJson()), QString()},
        {huge, QStringLiteral("MB")},
        {m_dir.filePath(QStringLiteral("missing.json")), QStringLiteral("no such file")},
    };
    for (const auto& [path, says] : bad) {
        const QString resultsError = m_window.session()->openResults(path);
        EXPECT_TRUE(resultsError.startsWith(path)) << resultsError.toStdString();
        EXPECT_TRUE(resultsError.contains(says)) << resultsError.toStdString();
        EXPECT_TRUE(log().contains(QStringLiteral("Could not open results: ") + resultsError));
        const QString baselineError = m_window.session()->openBaseline(path);
        EXPECT_TRUE(baselineError.startsWith(path)) << baselineError.toStdString();
        EXPECT_TRUE(log().contains(QStringLiteral("Could not open the baseline: ") + baselineError));

        // Nothing shown changed: the results, the title, the baseline and its comparison.
        EXPECT_EQ(m_window.session()->summary().groups.size(), groups);
        EXPECT_DOUBLE_EQ(m_window.session()->summary().groups.front().wall.median, firstMedian);
        EXPECT_EQ(m_window.results()->model()->rowCount(), rows);
        EXPECT_EQ(m_window.windowTitle(), title);
        EXPECT_EQ(m_window.session()->baseline().path, m_path);
        EXPECT_EQ(m_window.baselinePanel()->comparison().groups.size(), comparedGroups);
    }
}

TEST_F(BaselineWindow, OpenResultsIsRefusedDuringARunAndSaysWhy)
{
    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    ASSERT_TRUE(m_window.session()->run());
    const QString error = m_window.session()->openResults(m_path);
    EXPECT_TRUE(error.contains(QStringLiteral("during a run"))) << error.toStdString();
    EXPECT_TRUE(error.contains(m_path));
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    EXPECT_TRUE(m_window.results()->savedRunLabel()->isHidden()); // the window shows its own run
    EXPECT_FALSE(m_window.windowTitle().contains(QStringLiteral("saved.json")));
}

TEST_F(BaselineWindow, BaselineAddsDashedSeriesWithTheBaselinesMedians)
{
    runAndWait();
    ASSERT_EQ(m_window.session()->openBaseline(m_path), QString());
    const ExperimentSummary baseline = summarizeExperiment(savedExperiment());

    m_window.charts()->showView(ChartArea::View::Speedup);
    const SpeedupFigure& speedup = m_window.charts()->speedupView()->figure();
    ASSERT_EQ(speedup.baselines.size(), 1U);
    QLineSeries* dashed = m_window.charts()->speedupView()->seriesNamed(QStringLiteral("pool (baseline)"));
    ASSERT_NE(dashed, nullptr);
    EXPECT_EQ(dashed->pen().style(), Qt::DashLine);
    EXPECT_EQ(dashed->count(), 3);
    QLineSeries* measured = m_window.charts()->speedupView()->seriesNamed(QStringLiteral("pool"));
    ASSERT_NE(measured, nullptr);
    EXPECT_EQ(dashed->pen().color(), measured->pen().color()); // the strategy's colour

    m_window.charts()->showView(ChartArea::View::Time);
    const TimeFigure& time = m_window.charts()->timeView()->figure();
    int outlines = 0;
    for (const TimeFigure::Bars& bars : time.bars) {
        for (std::size_t category = 0; category < bars.baseline.size(); ++category) {
            ASSERT_TRUE(bars.values[category] && bars.baseline[category]);
            // The bar's group (by its median), then the baseline's of the same numbers, strategy, workers.
            const NumberSet& numbers = m_window.session()->summary().sets[category].numbers;
            const auto now = std::find_if(m_window.session()->summary().groups.begin(),
                m_window.session()->summary().groups.end(), [&](const GroupSummary& g) {
                    return g.numbers == numbers && g.strategy == bars.strategy
                        && g.wall.median == bars.values[category]->y;
                });
            ASSERT_NE(now, m_window.session()->summary().groups.end());
            const GroupSummary* before = baseline.findGroup(numbers, bars.strategy, now->workers);
            ASSERT_NE(before, nullptr);
            EXPECT_DOUBLE_EQ(bars.baseline[category]->y, before->wall.median);
            ++outlines;
        }
    }
    EXPECT_EQ(outlines, 6); // 3 strategies x 2 sets
    EXPECT_EQ(m_window.charts()->timeView()->baselineOutlineCount(), outlines);
}

TEST_F(BaselineWindow, TheSameRunAsItsOwnBaselineIsNoSignificantDifference)
{
    ASSERT_EQ(m_window.session()->openResults(m_path), QString());
    ASSERT_EQ(m_window.session()->openBaseline(m_path), QString());
    const BaselinePanel* panel = m_window.baselinePanel();
    const QTableWidget* table = panel->table();
    ASSERT_EQ(table->rowCount(), static_cast<int>(panel->comparison().groups.size()));
    ASSERT_GT(table->rowCount(), 0);
    const QStringList verdicts = columnOf(table, static_cast<int>(comparisonColumns().size()) - 1);
    for (const QString& verdict : verdicts)
        EXPECT_EQ(verdict, QStringLiteral("no significant difference"));
    // The cells are the console's, from the same GroupComparison.
    for (int column = 0; column < table->columnCount(); ++column)
        EXPECT_EQ(table->item(0, column)->text(), comparisonCells(panel->comparison().groups.front())[column]);
    EXPECT_EQ(columnOf(table, 6).front(), QStringLiteral("1.00x"));
    EXPECT_FALSE(panel->statusLabel()->isHidden());
    EXPECT_EQ(panel->statusLabel()->text(), QStringLiteral("baseline: saved.json"));
    EXPECT_FALSE(panel->environmentLabel()->text().contains(QStringLiteral("another machine")));
}

TEST_F(BaselineWindow, FewerThanFiveRepetitionsAreTooFewSamples)
{
    const QString three = writeExperiment(m_dir, QStringLiteral("three.json"), runPlan(smallPlan(3)));
    ASSERT_EQ(m_window.session()->openResults(m_path), QString());
    ASSERT_EQ(m_window.session()->openBaseline(three), QString());
    const QStringList verdicts
        = columnOf(m_window.baselinePanel()->table(), static_cast<int>(comparisonColumns().size()) - 1);
    ASSERT_FALSE(verdicts.isEmpty());
    for (const QString& verdict : verdicts)
        EXPECT_EQ(verdict, QStringLiteral("too few samples"));
}

TEST_F(BaselineWindow, ABaselineFromAnotherMachineIsLabelledSideBySide)
{
    Experiment elsewhere = savedExperiment();
    elsewhere.environment.cpu = QStringLiteral("Some Other CPU 9000");
    elsewhere.environment.cores = 64;
    const QString path = writeExperiment(m_dir, QStringLiteral("elsewhere.json"), elsewhere);
    ASSERT_EQ(m_window.session()->openResults(m_path), QString());
    ASSERT_EQ(m_window.session()->openBaseline(path), QString());
    const BaselinePanel* panel = m_window.baselinePanel();
    EXPECT_TRUE(panel->comparison().otherMachine());
    EXPECT_EQ(panel->statusLabel()->text(), QStringLiteral("baseline: elsewhere.json · another machine"));
    const QString environment = panel->environmentLabel()->text();
    EXPECT_TRUE(environment.contains(QStringLiteral("Another machine: the differences may be the machine")));
    EXPECT_TRUE(environment.contains(QStringLiteral("Some Other CPU 9000")));
    EXPECT_TRUE(environment.contains(savedExperiment().environment.cpu.toHtmlEscaped()));
    EXPECT_TRUE(log().contains(QStringLiteral("Baseline elsewhere.json: another machine")));
}

TEST_F(BaselineWindow, TheBaselineStaysWhenRunsAreMadeAndTheComparisonFollowsThem)
{
    ASSERT_EQ(m_window.session()->openBaseline(m_path), QString());
    const BaselinePanel* panel = m_window.baselinePanel();
    EXPECT_EQ(panel->table()->rowCount(), 0); // nothing to compare with yet
    EXPECT_FALSE(panel->statusLabel()->isHidden());
    runAndWait();
    EXPECT_TRUE(m_window.session()->hasBaseline());
    EXPECT_EQ(panel->table()->rowCount(), static_cast<int>(panel->comparison().groups.size()));
    EXPECT_EQ(panel->comparison().groups.size(), m_window.session()->summary().groups.size()); // same plan: every group
    runAndWait();
    // The second run's samples are in the "after" of the comparison.
    EXPECT_EQ(panel->comparison().groups.front().after.count, 10);
    m_window.charts()->showView(ChartArea::View::Speedup);
    EXPECT_NE(m_window.charts()->speedupView()->seriesNamed(QStringLiteral("pool (baseline)")), nullptr);
}

TEST_F(BaselineWindow, ClearingTheBaselineRemovesItsSeriesAndRows)
{
    runAndWait();
    ASSERT_EQ(m_window.session()->openBaseline(m_path), QString());
    QAction* clear = nullptr;
    for (QAction* action : m_window.findChildren<QAction*>()) {
        if (action->text() == QStringLiteral("C&lear baseline"))
            clear = action;
    }
    ASSERT_NE(clear, nullptr);
    EXPECT_TRUE(clear->isEnabled());
    clear->trigger();

    EXPECT_FALSE(m_window.session()->hasBaseline());
    EXPECT_EQ(m_window.baselinePanel()->table()->rowCount(), 0);
    EXPECT_TRUE(m_window.baselinePanel()->statusLabel()->isHidden());
    EXPECT_FALSE(clear->isEnabled());
    m_window.charts()->showView(ChartArea::View::Speedup);
    EXPECT_TRUE(m_window.charts()->speedupView()->figure().baselines.empty());
    EXPECT_EQ(m_window.charts()->speedupView()->seriesNamed(QStringLiteral("pool (baseline)")), nullptr);
    m_window.charts()->showView(ChartArea::View::Time);
    EXPECT_TRUE(m_window.charts()->timeView()->figure().bars.front().baseline.empty());
    EXPECT_EQ(m_window.charts()->timeView()->baselineOutlineCount(), 0);
    EXPECT_TRUE(log().contains(QStringLiteral("Baseline saved.json cleared")));
}
