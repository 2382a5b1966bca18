#include "ui/report/reportcharts.h"

#include "core/format/figuretitle.h"
#include "ui/charts/chartexport.h"
#include "ui/charts/csvchart.h"
#include "ui/charts/speedupview.h"
#include "ui/charts/timelinechart.h"
#include "ui/charts/timelineview.h"
#include "ui/charts/timeview.h"

#include <QChart>
#include <QChartView>
#include <QLayout>

#include <algorithm>

namespace calcprof {

namespace {

// Logical sizes: about the chart area of the window at its default size, and the width of a
// printed A4 page's text at 2x.
constexpr QSize kFigureSize(960, 540);
constexpr int kTimelineBaseHeight = 170;
constexpr int kTimelineLaneHeight = 44;
constexpr int kTimelineMaxHeight = 900;

// A view's layout (its toolbar above its chart) runs when the view is shown, as the window's are;
// the report's views never are, so `page` is sized and laid out here until `chart` has `size`, with
// `charts` charts sharing the height as in the window: what a shown page of that size gives it.
// Without this the chart would keep its construction size whatever it is given.
void layOut(QWidget* page, const QWidget* chart, int charts, QSize size)
{
    page->resize(size);
    for (int pass = 0; pass < 3; ++pass) {
        page->layout()->invalidate();
        page->layout()->activate();
        const QSize missing = size - chart->size();
        if (missing.isNull())
            return;
        page->resize(page->size() + QSize(missing.width(), missing.height() * charts));
    }
}

QString title(QChartView* view, const Experiment& experiment, const ExperimentSummary& summary)
{
    // No date: a report may be written long after the run (--from-json); its subtitle says when.
    return figureTitle(view->chart()->title(), experiment.plan, summary, experiment.environment);
}

RenderedFigure rendered(QChartView* view, const Experiment& experiment, const ExperimentSummary& summary)
{
    QImage image = renderChart(view, kReportFigureScale, title(view, experiment, summary));
    if (image.isNull())
        return {{}, QStringLiteral("the chart could not be drawn")};
    return {image, {}};
}

int timelineHeight(const TimelineChart* chart)
{
    return std::clamp(kTimelineBaseHeight + kTimelineLaneHeight * chart->laneCount(), kFigureSize.height() * 2 / 3,
        kTimelineMaxHeight);
}

RenderedFigure timeline(const ReportFigure& figure, const Experiment& experiment, const ExperimentSummary& summary)
{
    const int runs = static_cast<int>(experiment.runs.size());
    if (figure.run < 0 || figure.run >= runs)
        return {{}, QStringLiteral("it shows run %1, but the experiment has %2 runs").arg(figure.run + 1).arg(runs)};
    if (figure.comparisonRun < -1 || figure.comparisonRun >= runs)
        return {{},
            QStringLiteral("it compares with run %1, but the experiment has %2 runs")
                .arg(figure.comparisonRun + 1)
                .arg(runs)};
    TimelineView view;
    view.setRuns(&experiment.runs);
    view.selectRun(figure.run);
    view.selectComparison(figure.comparisonRun);
    TimelineChart* primary = view.primaryChart();
    TimelineChart* comparison = view.comparisonChart();
    const bool compare = figure.comparisonRun >= 0;
    const int height = std::max(timelineHeight(primary), compare ? timelineHeight(comparison) : 0);
    layOut(&view, primary, compare ? 2 : 1, QSize(kFigureSize.width(), height));
    // The window's export of the timeline is its upper chart, titled; the comparison chart under
    // it is drawn the same way, with its own title (which run it is), in the same picture.
    if (!compare)
        return rendered(primary, experiment, summary);
    QImage image = renderChartsStacked(primary, title(primary, experiment, summary), comparison, kReportFigureScale);
    if (image.isNull())
        return {{}, QStringLiteral("the timeline and the comparison under it could not be drawn")};
    return {image, {}};
}

} // namespace

RenderedFigure renderReportFigure(
    const ReportFigure& figure, const Experiment& experiment, const ExperimentSummary& summary)
{
    switch (figure.view) {
    case ReportFigure::View::Time: {
        TimeView view;
        view.setSummary(summary);
        layOut(&view, view.chartView(), 1, kFigureSize);
        return rendered(view.chartView(), experiment, summary);
    }
    case ReportFigure::View::Speedup: {
        const int sets = static_cast<int>(summary.sets.size());
        if (figure.setPosition < 0 || figure.setPosition >= sets)
            return {{},
                QStringLiteral("it shows set position %1, but the summary has %2 sets")
                    .arg(figure.setPosition + 1)
                    .arg(sets)};
        SpeedupView view;
        view.setSummary(summary);
        view.selectSet(figure.setPosition);
        layOut(&view, view.chartView(), 1, kFigureSize);
        return rendered(view.chartView(), experiment, summary);
    }
    case ReportFigure::View::Timeline: return timeline(figure, experiment, summary);
    case ReportFigure::View::Csv: {
        CsvChart chart;
        chart.resize(kFigureSize);
        chart.setSummary(summarizeCsv(experiment));
        return rendered(&chart, experiment, summary);
    }
    }
    return {{}, QStringLiteral("it names no view calcprof has")};
}

} // namespace calcprof
