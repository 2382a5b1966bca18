// The Findings tab (issue 22): the report's own answers in the window, links to the views that
// prove them, "Run what is missing", provisional while a run goes on, and opened results.
#include "core/model/experimentplan.h"
#include "core/report/report.h"
#include "ui/charts/chartarea.h"
#include "ui/charts/timelineview.h"
#include "ui/report/findingspanel.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/logview.h"
#include "ui/window/mainwindow.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <gtest/gtest.h>

using namespace calcprof;

namespace {

constexpr int kRunTimeoutMs = 60000;

class FindingsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ExperimentPlan plan;
        plan.sets = {{5, 6, 7}, {18, 19, 20, 21}};
        plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
        plan.repeat = 2;
        plan.retryDisturbed = 0;
        plan.csv.row.headerBytes = 10;
        plan.csv.row.footerBytes = 10;
        plan.csv.directory = m_csvDir.path();
        m_window.controls()->setPlan(plan);
        m_window.resize(1000, 700);
    }

    bool runAndWait()
    {
        QSignalSpy finished(m_window.session(), &RunSession::runFinished);
        return m_window.session()->run() && finished.wait(kRunTimeoutMs);
    }

    FindingsPanel* panel() const { return m_window.charts()->findingsPanel(); }

    int sectionIndex(const QString& id) const
    {
        const auto& sections = panel()->report().sections;
        for (std::size_t i = 0; i < sections.size(); ++i) {
            if (sections[i].id == id)
                return static_cast<int>(i);
        }
        return -1;
    }

    QTemporaryDir m_csvDir;
    MainWindow m_window;
};

} // namespace

TEST_F(FindingsTest, BeforeAnyRunItSaysWhatRunWillAnswer)
{
    m_window.charts()->showView(ChartArea::View::Findings);
    EXPECT_TRUE(panel()->report().sections.empty());
    EXPECT_TRUE(panel()->browser()->toPlainText().isEmpty());
    EXPECT_FALSE(panel()->runMissingButton()->isVisible());
}

TEST_F(FindingsTest, AfterARunItShowsTheReportsOwnAnswersFinal)
{
    ASSERT_TRUE(runAndWait());
    m_window.charts()->showView(ChartArea::View::Findings);
    const Report report = m_window.session()->currentReport();
    EXPECT_EQ(panel()->report(), report); // the same core text a saved report has, no second wording
    EXPECT_FALSE(panel()->provisional());
    const QString shown = panel()->browser()->toPlainText();
    int answers = 0;
    for (const ReportSection& section : report.sections) {
        if (section.id == QStringLiteral("machine") || section.answer.isEmpty())
            continue;
        EXPECT_TRUE(shown.contains(section.answer)) << section.id.toStdString();
        ++answers;
        // Its reasons, cost by cost, where the report lists them (question 1's per-task work).
        for (const ReportBlock& block : section.blocks) {
            if (block.kind == ReportBlock::Kind::Bullets && !block.items.isEmpty()) {
                EXPECT_TRUE(shown.contains(block.items.front())) << section.id.toStdString();
                break;
            }
        }
    }
    EXPECT_GE(answers, 3);
}

TEST_F(FindingsTest, ShowOnQuestionOneSwitchesToTheTimelineOfTheRunItNames)
{
    ASSERT_TRUE(runAndWait());
    m_window.charts()->showView(ChartArea::View::Findings);
    const int question = sectionIndex(QStringLiteral("question-1"));
    ASSERT_GE(question, 0);
    const ReportFigure* figure
        = FindingsPanel::figureOf(panel()->report().sections[static_cast<std::size_t>(question)]);
    ASSERT_NE(figure, nullptr);
    ASSERT_EQ(figure->view, ReportFigure::View::Timeline);
    ASSERT_GE(figure->run, 0);
    panel()->showSection(question);
    EXPECT_EQ(m_window.charts()->currentView(), ChartArea::View::Timeline);
    EXPECT_EQ(m_window.charts()->timelineView()->selectedRun(), figure->run);
}

TEST_F(FindingsTest, MissingDataSaysWhatToRunAndTheButtonRunsExactlyThat)
{
    // One pool size and no CSV stage: question 3 and the CSV writer lack data.
    ASSERT_TRUE(runAndWait());
    m_window.charts()->showView(ChartArea::View::Findings);
    const ReportGaps before = m_window.session()->reportGaps();
    ASSERT_TRUE(before.sweep);
    ASSERT_TRUE(before.csv);
    EXPECT_TRUE(panel()->runMissingButton()->isVisibleTo(panel()));
    EXPECT_TRUE(panel()->browser()->toPlainText().contains(QStringLiteral("What would answer it")));

    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    panel()->runMissingButton()->click();
    ASSERT_TRUE(m_window.session()->isRunning());
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    EXPECT_FALSE(m_window.session()->reportGaps().sweep);
    EXPECT_FALSE(m_window.session()->reportGaps().csv) << m_window.logView()->toPlainText().toStdString();
    m_window.charts()->showView(ChartArea::View::Findings);
    EXPECT_FALSE(panel()->runMissingButton()->isVisibleTo(panel()));
}

TEST_F(FindingsTest, ProvisionalWhileTheRunGoesOnAndFinalAfter)
{
    m_window.charts()->showView(ChartArea::View::Findings);
    QSignalSpy setFinished(m_window.session(), &RunSession::setFinished);
    QSignalSpy finished(m_window.session(), &RunSession::runFinished);
    ExperimentPlan plan = m_window.controls()->plan();
    plan.sets = {{5, 6}, {36, 37, 38}}; // the second set lasts seconds: long enough to look at the first
    plan.repeat = 3;
    m_window.controls()->setPlan(plan);
    ASSERT_TRUE(m_window.session()->run());
    ASSERT_TRUE(setFinished.wait(kRunTimeoutMs));
    EXPECT_TRUE(QTest::qWaitFor([this] { return !panel()->report().sections.empty(); }, 3000));
    ASSERT_TRUE(m_window.session()->isRunning());
    EXPECT_TRUE(panel()->provisional());
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    EXPECT_TRUE(QTest::qWaitFor([this] { return !panel()->provisional(); }, 3000));
}

TEST_F(FindingsTest, OpenedResultsFillIt)
{
    ASSERT_TRUE(runAndWait());
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.json"));
    ASSERT_EQ(m_window.session()->exportResultsJson(path), QString());

    MainWindow other;
    other.resize(1000, 700);
    ASSERT_EQ(other.session()->openResults(path), QString());
    other.charts()->showView(ChartArea::View::Findings);
    FindingsPanel* opened = other.charts()->findingsPanel();
    EXPECT_FALSE(opened->report().sections.empty());
    EXPECT_FALSE(opened->provisional());
    EXPECT_EQ(opened->report(), other.session()->currentReport());
}
