#include "core/analysis/summary.h"
#include "core/format/figuretitle.h"
#include "core/io/resultsjsonreader.h"
#include "core/report/report.h"
#include "core/report/reportfile.h"
#include "core/report/reportgaps.h"
#include "testsupport.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/timeview.h"
#include "ui/report/reportcharts.h"
#include "ui/report/reportwriter.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/mainwindow.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace calcprof;
using calcprof::test::everythingIn;
using calcprof::test::readFile;
using calcprof::test::taskTiming;

namespace {

/// The figure blocks of `report`: buildReport()'s and the figures section's below (one of each
/// view, a timeline twice).
int figuresIn(const Report& report)
{
    int figures = 0;
    for (const ReportSection& section : report.sections) {
        for (const ReportBlock& block : section.blocks)
            figures += block.kind == ReportBlock::Kind::Figure ? 1 : 0;
    }
    return figures;
}

SetRun setRun(const QString& strategy, int setIndex, NumberSet numbers, int workers, int repetition, double scale)
{
    SetRun run;
    run.strategy = strategy;
    run.setIndex = setIndex;
    run.numbers = std::move(numbers);
    run.poolSize = workers;
    run.requestedPoolSize = strategy == QStringLiteral("serial") ? 0 : workers;
    run.repetition = repetition;
    run.matchesSerial = true;
    // Task i takes (i + 1) * scale seconds, on workers 1..`workers` in turn, one after another.
    std::vector<double> laneEnd(static_cast<std::size_t>(workers), 0.0);
    for (std::size_t index = 0; index < run.numbers.size(); ++index) {
        const std::size_t lane = index % laneEnd.size();
        const double start = laneEnd[lane];
        laneEnd[lane] = start + static_cast<double>(index + 1) * scale;
        run.tasks.push_back(taskTiming(run.numbers[index], static_cast<int>(lane) + 1, start, laneEnd[lane]));
    }
    run.wallSeconds = *std::max_element(laneEnd.begin(), laneEnd.end());
    run.cpuSeconds = run.wallSeconds;
    run.processCpuSeconds = run.wallSeconds;
    return run;
}

CsvRun csvRun(const QString& mode, double mbPerSecond)
{
    CsvRun run;
    run.mode = mode;
    run.setIndex = 1;
    run.poolSize = mode == QStringLiteral("serial") ? 1 : 3;
    run.files = 3;
    run.plannedFiles = 3;
    run.bytes = 3'000'000;
    run.headerBytes = 500'000;
    run.footerBytes = 500'000;
    run.wallSeconds = 3.0 / mbPerSecond;
    run.mbPerSecond = mbPerSecond;
    return run;
}

// Two sets, serial and a swept pool (1 and 2 workers), three repetitions, two CSV modes and the raw
// write: every view has something to draw.
Experiment syntheticExperiment()
{
    Experiment experiment;
    experiment.version = QStringLiteral("9.9.9");
    experiment.environment = {2, QStringLiteral("Test CPU <fast> & \"cheap\""), QStringLiteral("g++ 12"),
        QStringLiteral("Release"), QStringLiteral("Debian 12")};
    experiment.plan.sets = {{10, 12, 5}, {30, 28}};
    experiment.plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    experiment.plan.poolSizes = {1, 2};
    experiment.plan.repeat = 3;
    experiment.plan.csv.mode = QStringLiteral("parallel");
    for (int repetition = 0; repetition < 3; ++repetition) {
        const double noise = 1.0 + 0.01 * repetition;
        for (const auto& [setIndex, numbers, scale] :
            {std::tuple {1, NumberSet {10, 12, 5}, 1e-5}, std::tuple {2, NumberSet {30, 28}, 0.02}}) {
            experiment.runs.push_back(
                setRun(QStringLiteral("serial"), setIndex, numbers, 1, repetition, scale * noise));
            experiment.runs.push_back(setRun(QStringLiteral("pool"), setIndex, numbers, 1, repetition, scale * noise));
            experiment.runs.push_back(setRun(QStringLiteral("pool"), setIndex, numbers, 2, repetition, scale * noise));
        }
    }
    experiment.csv = {csvRun(QStringLiteral("serial"), 400.0), csvRun(QStringLiteral("parallel"), 900.0)};
    experiment.rawWrites = {RawWriteReference {3'000'000, 0.0025, 1200.0, false}};
    return experiment;
}

ReportBlock figureBlock(ReportFigure::View view, const QString& caption, const QString& stem)
{
    ReportBlock block;
    block.kind = ReportBlock::Kind::Figure;
    block.figure.view = view;
    block.figure.caption = caption;
    block.figure.fileStem = stem;
    return block;
}

// buildReport()'s sections, then one with every kind of block and text that needs escaping.
Report reportOf(const Experiment& experiment, const ExperimentSummary& summary)
{
    Report report = buildReport(experiment, summary);
    ReportSection section;
    section.id = QStringLiteral("figures");
    section.title = QStringLiteral("Every view <once> & \"twice\"");
    section.answer = QStringLiteral("pool | serial: 1.9x <faster> & 100 % sure");
    ReportBlock paragraph;
    paragraph.text = QStringLiteral("A paragraph with <b>markup</b>, *stars*, _underscores_ & a | pipe.");
    section.blocks.push_back(paragraph);
    ReportBlock bullets;
    bullets.kind = ReportBlock::Kind::Bullets;
    bullets.items = {QStringLiteral("first <item>"), QStringLiteral("second & last")};
    section.blocks.push_back(bullets);
    ReportBlock table;
    table.kind = ReportBlock::Kind::Table;
    table.table.header = {QStringLiteral("strategy"), QStringLiteral("speedup")};
    table.table.rows
        = {{QStringLiteral("a|b"), QStringLiteral("1.53x")}, {QStringLiteral("pool"), QStringLiteral("0.9x")}};
    table.table.caption = QStringLiteral("Speedups <measured>");
    section.blocks.push_back(table);
    ReportBlock command;
    command.kind = ReportBlock::Kind::Command;
    command.text = QStringLiteral("calcprof --headless --sets \"40,38,42\" --pool-size 1-8 > out.txt");
    section.blocks.push_back(command);
    section.blocks.push_back(
        figureBlock(ReportFigure::View::Time, QStringLiteral("Time per set"), QStringLiteral("time")));
    ReportBlock speedup
        = figureBlock(ReportFigure::View::Speedup, QStringLiteral("Set 2's sweep"), QStringLiteral("speedup-set2"));
    speedup.figure.setPosition = 1;
    section.blocks.push_back(speedup);
    ReportBlock timeline = figureBlock(
        ReportFigure::View::Timeline, QStringLiteral("Pool of 2 over pool of 1"), QStringLiteral("timeline"));
    timeline.figure.run = 5; // set 2, pool of 2
    timeline.figure.comparisonRun = 4; // set 2, pool of 1
    section.blocks.push_back(timeline);
    ReportBlock alone
        = figureBlock(ReportFigure::View::Timeline, QStringLiteral("Serial alone"), QStringLiteral("timeline"));
    alone.figure.run = 3;
    section.blocks.push_back(alone);
    section.blocks.push_back(
        figureBlock(ReportFigure::View::Csv, QStringLiteral("CSV modes and the raw write"), QString()));
    report.sections.push_back(section);
    return report;
}

class ReportFile : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString write(const QString& name) { return writeReport(m_report, m_experiment, m_summary, m_dir.filePath(name)); }

    Experiment m_experiment = syntheticExperiment();
    ExperimentSummary m_summary = summarizeExperiment(m_experiment);
    Report m_report = reportOf(m_experiment, m_summary);
    QTemporaryDir m_dir;
};

} // namespace

TEST_F(ReportFile, HtmlIsOneWellFormedSelfContainedPageWithEveryFigureInline)
{
    ASSERT_EQ(write(QStringLiteral("report.html")), QString());
    EXPECT_EQ(everythingIn(m_dir.path()), QStringList {QStringLiteral("report.html")});
    const QString html = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("report.html"))));

    QXmlStreamReader xml(html); // written as polyglot HTML: an XML parser must read it to the end
    while (!xml.atEnd())
        xml.readNext();
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString() << " at line " << xml.lineNumber();

    ASSERT_GE(m_report.sections.size(), 2U);
    EXPECT_TRUE(html.contains(m_report.title.toHtmlEscaped()));
    for (const ReportSection& section : m_report.sections) {
        EXPECT_TRUE(html.contains(QStringLiteral("<h2>%1</h2>").arg(section.title.toHtmlEscaped())))
            << section.title.toStdString();
        if (!section.answer.isEmpty()) {
            EXPECT_TRUE(
                html.contains(QStringLiteral("<strong>Answer:</strong> %1</p>").arg(section.answer.toHtmlEscaped())));
        }
    }
    EXPECT_FALSE(html.contains(QStringLiteral("<b>markup</b>"))); // text is text
    EXPECT_TRUE(html.contains(QStringLiteral("<pre><code>calcprof --headless --sets &quot;40,38,42&quot;")));

    // Nothing outside the file: no scheme, no external source, every source a PNG inline.
    for (const QString& forbidden : {QStringLiteral("http:"), QStringLiteral("https:"), QStringLiteral("file:"),
             QStringLiteral("url("), QStringLiteral("@import"), QStringLiteral("<script"), QStringLiteral("<link")})
        EXPECT_FALSE(html.contains(forbidden, Qt::CaseInsensitive)) << forbidden.toStdString();
    EXPECT_EQ(html.count(QStringLiteral("src=\"")), figuresIn(m_report));
    static const QRegularExpression kImage(
        QStringLiteral(R"re(<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" width="(\d+)" height="(\d+)")re"));
    int images = 0;
    for (QRegularExpressionMatchIterator it = kImage.globalMatch(html); it.hasNext(); ++images) {
        const QRegularExpressionMatch match = it.next();
        const QImage image = QImage::fromData(QByteArray::fromBase64(match.captured(1).toLatin1()), "PNG");
        ASSERT_FALSE(image.isNull()) << "figure " << images + 1;
        // Drawn at 2x for print, shown at its logical size.
        EXPECT_EQ(image.width(), 2 * match.captured(2).toInt());
        EXPECT_EQ(image.height(), 2 * match.captured(3).toInt());
    }
    EXPECT_EQ(images, figuresIn(m_report));
    EXPECT_TRUE(html.contains(QStringLiteral("@media print")));
}

TEST_F(ReportFile, MarkdownLinksEveryFigureToAPngBesideIt)
{
    ASSERT_EQ(write(QStringLiteral("report.md")), QString());
    EXPECT_EQ(
        everythingIn(m_dir.path()), (QStringList {QStringLiteral("report.md"), QStringLiteral("report_figures")}));
    const QString markdown = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("report.md"))));
    static const QRegularExpression kLink(QStringLiteral(R"(!\[[^\]]*\]\(([^)]+)\))"));
    QStringList targets;
    for (QRegularExpressionMatchIterator it = kLink.globalMatch(markdown); it.hasNext();) {
        const QString target = QUrl::fromPercentEncoding(it.next().captured(1).toUtf8());
        targets << target;
        const QImage image(QDir(m_dir.path()).filePath(target));
        EXPECT_FALSE(image.isNull()) << target.toStdString();
        EXPECT_GT(image.width(), 0);
        EXPECT_GT(image.height(), 0);
    }
    EXPECT_EQ(targets.size(), figuresIn(m_report));
    EXPECT_EQ(
        QSet<QString>(targets.begin(), targets.end()).size(), figuresIn(m_report)); // two "timeline" stems: two files
    EXPECT_TRUE(targets.contains(QStringLiteral("report_figures/speedup-set2.png")));
    EXPECT_EQ(everythingIn(m_dir.filePath(QStringLiteral("report_figures"))).size(), figuresIn(m_report));

    for (const ReportSection& section : m_report.sections) {
        EXPECT_TRUE(markdown.contains(QStringLiteral("## ") + section.title.left(5))) << section.id.toStdString();
    }
    EXPECT_TRUE(markdown.contains(QStringLiteral("**Answer:** pool \\| serial: 1.9x \\<faster\\> & 100 % sure")))
        << markdown.toStdString();
    EXPECT_TRUE(markdown.contains(QStringLiteral("| a\\|b | 1.53x |"))) << markdown.toStdString();
    EXPECT_TRUE(markdown.contains(QStringLiteral("|---|---:|")));
    EXPECT_TRUE(markdown.contains(QStringLiteral("\\<b\\>markup\\</b\\>")));
    EXPECT_TRUE(markdown.contains(QStringLiteral("```sh\ncalcprof --headless")));
}

TEST_F(ReportFile, ABadExtensionIsRefusedAndNothingIsWritten)
{
    for (const QString& name : {QStringLiteral("report.txt"), QStringLiteral("report.pdf"), QStringLiteral("report")}) {
        const QString error = write(name);
        EXPECT_TRUE(error.contains(QStringLiteral(".html")) && error.contains(QStringLiteral(".md")))
            << error.toStdString();
        EXPECT_TRUE(error.contains(name)) << error.toStdString();
    }
    EXPECT_EQ(everythingIn(m_dir.path()), QStringList());
    EXPECT_TRUE(reportFormatOf(QStringLiteral("a.HTML")) == ReportFormat::Html);
    EXPECT_TRUE(reportFormatOf(QStringLiteral("a.Md")) == ReportFormat::Markdown);
}

TEST_F(ReportFile, AMissingOrUnwritableFolderIsRefusedAndNothingIsWritten)
{
    const QString missing = write(QStringLiteral("absent/report.html"));
    EXPECT_TRUE(missing.contains(QStringLiteral("does not exist"))) << missing.toStdString();
    EXPECT_EQ(everythingIn(m_dir.path()), QStringList());

    const test::UnwritableFolder folder;
    if (folder.path().isEmpty()) {
        CALCPROF_SKIP_PROOF() << folder.error().toStdString();
    }
    for (const QString& name : {QStringLiteral("report.html"), QStringLiteral("report.md")}) {
        const QString error = writeReport(m_report, m_experiment, m_summary, QDir(folder.path()).filePath(name));
        EXPECT_FALSE(error.isEmpty());
    }
    EXPECT_EQ(everythingIn(folder.path()), QStringList());
}

TEST_F(ReportFile, AFigureThatCannotBeDrawnFailsBeforeAnythingIsWritten)
{
    ReportBlock broken
        = figureBlock(ReportFigure::View::Timeline, QStringLiteral("A run that is not there"), QString());
    broken.figure.run = 99;
    const QString number = QStringLiteral("figure %1").arg(figuresIn(m_report) + 1);
    m_report.sections.back().blocks.push_back(broken);
    for (const QString& name : {QStringLiteral("report.html"), QStringLiteral("report.md")}) {
        const QString error = write(name);
        EXPECT_TRUE(error.contains(number) && error.contains(QStringLiteral("run 100"))) << error.toStdString();
    }
    EXPECT_EQ(everythingIn(m_dir.path()), QStringList()); // no figures folder either
}

TEST_F(ReportFile, WritingAgainReplacesTheReportAndLeavesNoTemporaryFile)
{
    ASSERT_EQ(write(QStringLiteral("report.md")), QString());
    ASSERT_EQ(write(QStringLiteral("report.md")), QString());
    ASSERT_EQ(write(QStringLiteral("report.html")), QString());
    ASSERT_EQ(write(QStringLiteral("report.html")), QString());
    EXPECT_EQ(everythingIn(m_dir.path()),
        (QStringList {QStringLiteral("report.html"), QStringLiteral("report.md"), QStringLiteral("report_figures")}));
    EXPECT_EQ(everythingIn(m_dir.filePath(QStringLiteral("report_figures"))).size(), figuresIn(m_report));
}

// A report larger than the space left: QSaveFile took the kernel's short write as done and renamed
// a 65,536-byte page without </html> over the good report (issue 20, defect 4).
TEST_F(ReportFile, AFullDiskFailsWithTheReasonAndKeepsTheOldReport)
{
    const test::SmallDisk disk("256k");
    if (disk.path().isEmpty())
        CALCPROF_SKIP_PROOF() << disk.error().toStdString();
    const QString html = disk.filePath(QStringLiteral("report.html"));
    const QString markdown = disk.filePath(QStringLiteral("report.md"));
    for (const QString& path : {html, markdown}) {
        QFile old(path);
        ASSERT_TRUE(old.open(QIODevice::WriteOnly) && old.write("the old, good report") > 0);
    }
    constexpr std::uint64_t kLeft = 8 * 4096; // less than one page of the report with its figures
    ASSERT_TRUE(disk.fillLeaving(kLeft));

    for (const QString& path : {html, markdown}) {
        const QString error = writeReport(m_report, m_experiment, m_summary, path);
        EXPECT_TRUE(error.startsWith(QStringLiteral("cannot write the report to %1: ").arg(path)))
            << error.toStdString();
        EXPECT_TRUE(error.endsWith(QStringLiteral("no space left on device"))) << error.toStdString();
        EXPECT_EQ(readFile(path), QByteArray("the old, good report"));
    }
    // No temporary file, no figures folder: the disk as it was.
    EXPECT_EQ(everythingIn(disk.path()),
        (QStringList {QStringLiteral("filler"), QStringLiteral("report.html"), QStringLiteral("report.md")}));
    EXPECT_EQ(disk.freeBytes(), kLeft);
}

TEST_F(ReportFile, AFigureIsTheWindowsExportOfItsView)
{
    ReportFigure figure;
    figure.view = ReportFigure::View::Time;
    const RenderedFigure rendered = renderReportFigure(figure, m_experiment, m_summary);
    ASSERT_EQ(rendered.error, QString());

    // What File → Export chart… renders for the Time tab: the view, its chart, renderChart() at 2x
    // with figureTitle() (without the date, which the report leaves to its subtitle).
    // Shown, so laid out as in the window, at the size that gives its chart the figure's size.
    TimeView view;
    view.setSummary(m_summary);
    const QSize figureSize = rendered.image.size() / 2;
    view.resize(figureSize);
    view.show();
    for (int pass = 0; pass < 3 && view.chartView()->size() != figureSize; ++pass) {
        view.resize(view.size() + figureSize - view.chartView()->size());
        QCoreApplication::processEvents();
    }
    ASSERT_EQ(view.chartView()->size(), figureSize);
    const QString title
        = figureTitle(view.chartView()->chart()->title(), m_experiment.plan, m_summary, m_experiment.environment);
    EXPECT_EQ(rendered.image, renderChart(view.chartView(), 2.0, title));
}

TEST(ReportGaps, AnExperimentWithoutASweepOrCsvStageLacksThem)
{
    Experiment experiment = syntheticExperiment();
    EXPECT_EQ(findReportGaps(experiment), ReportGaps {});
    experiment.csv.back().error = QStringLiteral("disk full");
    experiment.csv.front().error = QStringLiteral("disk full");
    EXPECT_EQ(findReportGaps(experiment), (ReportGaps {false, true}));
    std::erase_if(experiment.runs, [](const SetRun& run) { return run.poolSize == 2; });
    EXPECT_EQ(findReportGaps(experiment), (ReportGaps {true, true}));
    EXPECT_EQ(findReportGaps(Experiment {}), (ReportGaps {true, true}));

    ExperimentPlan plan;
    plan.sets = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}};
    plan.strategies = {QStringLiteral("serial")};
    plan.csv.row = {10, 20};
    const ExperimentPlan filled = planFillingGaps(plan, {true, true});
    EXPECT_EQ(filled.poolSizes, (std::vector<int> {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})); // the largest set's tasks
    EXPECT_EQ(filled.strategies, (QStringList {QStringLiteral("serial"), QStringLiteral("pool")}));
    EXPECT_EQ(filled.csv.mode, QStringLiteral("parallel"));
    EXPECT_EQ(filled.csv.row.footerBytes, 20U); // the plan's own CSV settings
    plan.sets = {{3, 4}};
    EXPECT_EQ(planFillingGaps(plan, {true, false}).poolSizes.size(), 8U);
    EXPECT_EQ(planFillingGaps(plan, {true, false}).csv.mode, QStringLiteral("none"));
}

TEST(ReportWindow, SaveReportRunsTheMissingPartsFirstAndSavesWhenThatRunEnds)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    MainWindow window;
    ExperimentPlan plan;
    plan.sets = {{5, 6, 7}, {8, 9}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.repeat = 1;
    plan.csv.directory = dir.path();
    plan.csv.row = {1000, 1000};
    window.controls()->setPlan(plan);
    EXPECT_EQ(window.session()->reportGaps(), (ReportGaps {true, true})); // nothing run yet

    const QString path = dir.filePath(QStringLiteral("report.html"));
    QSignalSpy saved(window.session(), &RunSession::reportSaved);
    ASSERT_TRUE(window.session()->runMissingPartsThenSaveReport(path));
    ASSERT_TRUE(saved.wait(60000));
    EXPECT_EQ(saved.at(0).at(0).toString(), path);
    EXPECT_EQ(saved.at(0).at(1).toString(), QString());
    EXPECT_EQ(window.session()->reportGaps(), ReportGaps {});
    EXPECT_TRUE(readFile(path).startsWith("<!DOCTYPE html>"));

    // The raw write the user measures goes into saved results (and so into the report).
    QSignalSpy measured(window.session(), &RunSession::rawWriteMeasured);
    window.session()->measureRawWrite();
    ASSERT_TRUE(measured.wait(60000));
    ASSERT_EQ(measured.at(0).at(1).toString(), QString());
    const QString json = dir.filePath(QStringLiteral("results.json"));
    ASSERT_EQ(window.session()->exportResultsJson(json), QString());
    const ExperimentRead read = readExperimentJson(json);
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    ASSERT_EQ(read.experiment.rawWrites.size(), 1U);
    EXPECT_EQ(read.experiment.rawWrites.front().bytes, read.experiment.csv.back().bytes);
    EXPECT_EQ(read.experiment.rawWrites.front().round, kMeasuredApart);
    EXPECT_EQ(window.session()->saveReport(dir.filePath(QStringLiteral("again.md"))), QString());
}
