#include "ui/charts/chartarea.h"

#include "ui/charts/chartexport.h"
#include "ui/charts/csvchart.h"
#include "ui/charts/speedupview.h"
#include "ui/charts/timelinechart.h"
#include "ui/charts/timelineview.h"
#include "ui/charts/timeview.h"
#include "ui/session/runsession.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace calcprof {

ChartArea::ChartArea(RunSession* session, QWidget* parent)
    : QTabWidget(parent)
    , m_timeView(new TimeView)
    , m_speedupView(new SpeedupView)
    , m_timelineView(new TimelineView)
    , m_csvChart(new CsvChart)
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
    });
    connect(session, &RunSession::runsCleared, this, &ChartArea::clearRuns);
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
    }
    return m_timeView->chartView();
}

QString ChartArea::chartTitle() const
{
    return m_session->figureTitle(currentChartView()->chart()->title());
}

QString ChartArea::exportChart(const QString& path, qreal pngScale) const
{
    QChartView* chart = currentChartView();
    if (chart == nullptr)
        return tr("cannot export the chart to %1: the current tab shows no chart").arg(QDir::toNativeSeparators(path));
    return calcprof::exportChart(chart, path, pngScale, chartTitle());
}

} // namespace calcprof
