#include "ui/charts/chartarea.h"

#include "ui/charts/chartexport.h"
#include "ui/charts/csvchart.h"
#include "ui/charts/scriptchart.h"
#include "ui/charts/speedupview.h"
#include "ui/charts/timelinechart.h"
#include "ui/charts/timelineview.h"
#include "ui/charts/timeview.h"
#include "ui/report/findingspanel.h"
#include "ui/session/runsession.h"

#include "core/io/outputfile.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QHBoxLayout>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace calcprof {

namespace {

constexpr int kFindingsThrottleMs = 500;

// The Findings tab as shown, drawn at `scale` x (text as vectors, not an upscaled grab): a PNG only,
// as it is a page of text rather than a chart.
QString exportFindingsPng(QWidget* panel, const QString& path, qreal scale)
{
    const QString shownPath = QDir::toNativeSeparators(path);
    if (!path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
        return QStringLiteral("cannot export the Findings tab to %1: it is saved as .png only (Save report writes "
                              "the same answers as HTML or Markdown)")
            .arg(shownPath);
    QImage image(panel->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(panel->palette().color(QPalette::Window));
    {
        QPainter painter(&image);
        panel->render(&painter);
    }
    return writeOutputFile(path, QStringLiteral("PNG"), [&image](QIODevice& file) {
        return image.save(&file, "PNG") ? QString() : QStringLiteral("the PNG encoder failed");
    });
}

} // namespace

ChartArea::ChartArea(RunSession* session, QWidget* parent)
    : QTabWidget(parent)
    , m_timeView(new TimeView)
    , m_speedupView(new SpeedupView)
    , m_timelineView(new TimelineView)
    , m_csvChart(new CsvChart)
    , m_findings(new FindingsPanel)
    , m_scriptChart(new ScriptChart)
    , m_findingsTimer(new QTimer(this))
    , m_session(session)
{
    setObjectName(QStringLiteral("chartTabs"));
    auto* csvPage = new QWidget;
    auto* csvLayout = new QVBoxLayout(csvPage);
    auto* csvToolbar = new QHBoxLayout;
    m_measureRaw = new QPushButton(tr("Measure raw sequential write"));
    m_measureRaw->setToolTip(tr("Writes the CSV stage's bytes as one plain stream into its folder (with its fsync "
                                "setting), the reference the write modes are compared with, then deletes it"));
    csvToolbar->addStretch();
    csvToolbar->addWidget(m_measureRaw);
    csvLayout->addLayout(csvToolbar);
    csvLayout->addWidget(m_csvChart, 1);

    // In View order, so a view's index is its tab.
    addTab(m_timeView, tr("Time"));
    addTab(m_speedupView, tr("Speedup"));
    addTab(m_timelineView, tr("Timeline"));
    addTab(csvPage, tr("CSV write"));
    addTab(m_findings, tr("Findings"));
    addTab(m_scriptChart, tr("Your program"));
    setTabVisible(indexOf(m_scriptChart), false);
    setTabToolTip(indexOf(m_scriptChart),
        tr("Your own script (File → Profile a Python script…): its time_me calls on its time axis, and "
           "what its whole process tree used"));
    setTabToolTip(indexOf(m_findings),
        tr("The exercise's questions answered from these runs, each with the view "
           "that proves it"));
    m_findingsTimer->setSingleShot(true);
    m_findingsTimer->setInterval(kFindingsThrottleMs);
    connect(m_findingsTimer, &QTimer::timeout, this, &ChartArea::refreshFindings);
    connect(m_findings, &FindingsPanel::showFigure, this, &ChartArea::showFigure);
    connect(m_findings, &FindingsPanel::runMissingRequested, session, [session] { session->runMissingParts(); });
    connect(this, &QTabWidget::currentChanged, this, &ChartArea::refreshCurrentView);
    follow();
}

void ChartArea::follow()
{
    RunSession* session = m_session;
    // The timeline reads the session's runs where they are: the largest experiment's are tens of MB.
    m_timelineView->setRuns(&session->experiment().runs);
    connect(session, &RunSession::summaryChanged, this, [this] {
        m_timelineStale = true;
        showSummary(m_session->summary());
        findingsChanged();
    });
    connect(session, &RunSession::runsCleared, this, &ChartArea::clearRuns);
    // The provisional mark comes and goes with the run, and opened results replace everything.
    connect(session, &RunSession::runningChanged, this, &ChartArea::findingsChanged);
    connect(session, &RunSession::resultsOpened, this, &ChartArea::findingsChanged);
    connect(session, &RunSession::runsCleared, this, &ChartArea::findingsChanged);
    // The CSV chart shows the session's CSV stage (its rounds so far) summarised by core.
    auto showCsv = [this] { m_csvChart->setSummary(summarizeCsv(m_session->experiment())); };
    connect(session, &RunSession::csvStageFinished, this, showCsv);
    connect(session, &RunSession::resultsOpened, this, [this, showCsv] {
        showCsv();
        showDefaultView();
    });
    connect(session, &RunSession::runFinished, this, [this, showCsv] {
        showCsv();
        showDefaultView();
    });
    connect(session, &RunSession::baselineChanged, this, &ChartArea::showBaseline);
    // Your program: its tab appears with the first script and shows the latest one.
    auto showScript = [this] {
        const std::optional<ScriptRun>& script = m_session->experiment().script;
        m_scriptChart->setRun(script, std::max(1, m_session->experiment().environment.cores));
        setTabVisible(indexOf(m_scriptChart), script.has_value());
    };
    connect(session, &RunSession::scriptStarted, this, [this](const ScriptPlan& plan) {
        m_scriptChart->showRunning(plan);
        setTabVisible(indexOf(m_scriptChart), true);
        setCurrentWidget(m_scriptChart);
    });
    connect(session, &RunSession::scriptFinished, this, showScript);
    connect(session, &RunSession::resultsOpened, this, showScript);
    connect(session, &RunSession::runsCleared, this, showScript);
    connect(m_measureRaw, &QPushButton::clicked, session, &RunSession::measureRawWrite);
    connect(session, &RunSession::rawWriteStarted, this, [this] { m_measureRaw->setEnabled(false); });
    connect(session, &RunSession::rawWriteMeasured, this, [this, showCsv](double, const QString& error) {
        m_measureRaw->setEnabled(true);
        if (error.isEmpty())
            showCsv();
    });
}

void ChartArea::showDefaultView()
{
    if (m_session->defaultView() == PrimaryView::Speedup && currentView() == View::Time)
        showView(View::Speedup);
}

void ChartArea::showBaseline()
{
    if (m_session->hasBaseline())
        setBaseline(m_session->baselineSummary(), m_session->baseline().fileName());
    else
        setBaseline(std::nullopt);
}

void ChartArea::showSummary(const ExperimentSummary& summary)
{
    // Only the view on screen redraws (a rebuild costs milliseconds of the GUI thread while the
    // workers compute); the other catches up when its tab is chosen.
    m_summary = summary;
    m_timeStale = m_speedupStale = true;
    refreshCurrentView();
}

void ChartArea::refreshCurrentView()
{
    if (currentView() == View::Time && m_timeStale) {
        m_timeView->setSummary(m_summary);
        m_timeStale = false;
    } else if (currentView() == View::Speedup && m_speedupStale) {
        m_speedupView->setSummary(m_summary);
        m_speedupStale = false;
    } else if (currentView() == View::Timeline && m_timelineStale) {
        // Its first drawing alone costs a few hundred milliseconds of the event loop: only on screen.
        flushTimeline();
    } else if (currentView() == View::Findings && m_findingsStale) {
        refreshFindings();
    }
}

void ChartArea::findingsChanged()
{
    m_findingsStale = true;
    // Off screen it waits for its tab; on screen at most one rebuild per throttle interval (a report
    // of a large experiment takes tens of milliseconds, and sets finish every few while running).
    if (currentView() == View::Findings && !m_findingsTimer->isActive())
        m_findingsTimer->start();
}

void ChartArea::refreshFindings()
{
    m_findingsTimer->stop();
    m_findingsStale = false;
    if (m_session->experiment().runs.empty() && m_session->experiment().csv.empty()) {
        m_findings->clear();
        return;
    }
    m_findings->setReport(m_session->currentReport(), m_session->isRunning(), m_session->reportGaps().any());
}

void ChartArea::showFigure(const ReportFigure& figure)
{
    switch (figure.view) {
    case ReportFigure::View::Time: showView(View::Time); return;
    case ReportFigure::View::Csv: showView(View::Csv); return;
    case ReportFigure::View::Speedup: {
        showView(View::Speedup);
        if (figure.setPosition >= 0 && figure.setPosition < static_cast<int>(m_summary.sets.size()))
            m_speedupView->selectSet(figure.setPosition);
        return;
    }
    case ReportFigure::View::Timeline: {
        showView(View::Timeline);
        flushTimeline();
        if (figure.run >= 0 && figure.run < m_timelineView->runCount()) {
            m_timelineView->selectRun(figure.run);
            m_timelineView->selectComparison(figure.comparisonRun);
        }
        return;
    }
    }
}

void ChartArea::clearRuns()
{
    m_timelineView->setRuns(&m_session->experiment().runs);
    m_timelineStale = false;
    m_csvChart->clear();
}

void ChartArea::setBaseline(const std::optional<ExperimentSummary>& baseline, const QString& name)
{
    m_timeView->setBaseline(baseline, name);
    m_speedupView->setBaseline(baseline);
}

void ChartArea::flushTimeline()
{
    m_timelineView->runsAdded();
    m_timelineStale = false;
}

void ChartArea::showView(View view)
{
    m_session->refreshSummary(); // what is pending first: an export may follow at once
    setCurrentIndex(static_cast<int>(view));
    refreshCurrentView(); // at once, whatever the signal order: an export may follow
}

QString ChartArea::showView(View view, const ViewFocus& focus)
{
    showView(view);
    if (focus.empty())
        return {};
    return applyFocus(view, focus);
}

QString ChartArea::applyFocus(View view, const ViewFocus& focus)
{
    QString missing = QStringLiteral("no run of %1 to show").arg(describeFocus(focus));
    switch (view) {
    case View::Time: return !focus.poolSize || m_timeView->selectPoolSize(*focus.poolSize) ? QString() : missing;
    case View::Speedup: {
        const auto& sets = m_summary.sets;
        const auto found = std::find_if(
            sets.begin(), sets.end(), [&focus](const SetSummary& set) { return set.setIndex == focus.setIndex; });
        if (focus.setIndex > 0 && found == sets.end())
            return missing;
        if (found != sets.end())
            m_speedupView->selectSet(static_cast<int>(found - sets.begin()));
        return {};
    }
    case View::Timeline: {
        flushTimeline();
        const int run = findFocusedRun(m_session->experiment().runs, focus);
        if (run < 0)
            return missing;
        m_timelineView->selectRun(run);
        return {};
    }
    case View::Csv:
        return QStringLiteral("the CSV view shows every mode at once: it takes no set, strategy or pool size");
    case View::Findings:
        return QStringLiteral("the Findings tab shows every answer at once: it takes no set, strategy or pool size");
    case View::Program:
        return QStringLiteral("the Your program tab shows the script's run: it takes no set, strategy or pool size");
    }
    return {};
}

ChartArea::View ChartArea::currentView() const
{
    return static_cast<View>(currentIndex());
}

QChartView* ChartArea::currentChartView() const
{
    switch (currentView()) {
    case View::Time: return m_timeView->chartView();
    case View::Speedup: return m_speedupView->chartView();
    case View::Timeline: return m_timelineView->primaryChart();
    case View::Csv: return m_csvChart;
    case View::Findings: return nullptr;
    case View::Program: return m_scriptChart;
    }
    return m_timeView->chartView();
}

QString ChartArea::chartTitle() const
{
    const QChartView* chart = currentChartView();
    if (currentView() == View::Program)
        return m_session->scriptFigureTitle(chart->chart()->title());
    return m_session->figureTitle(chart != nullptr ? chart->chart()->title() : tr("Findings"));
}

QString ChartArea::exportChart(const QString& path, qreal pngScale) const
{
    if (currentView() == View::Findings)
        return exportFindingsPng(m_findings, path, pngScale);
    QChartView* chart = currentChartView();
    if (chart == nullptr)
        return tr("cannot export the chart to %1: the current tab shows no chart").arg(QDir::toNativeSeparators(path));
    return calcprof::exportChart(chart, path, pngScale, chartTitle());
}

} // namespace calcprof
