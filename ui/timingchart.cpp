#include "timingchart.h"

#include "stats.h"
#include "strategycolors.h"
#include "timeunit.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

namespace calcprof {

namespace {

// A log axis cannot place zero: Qt Charts then silently drops the whole series. A task below the
// clock's resolution does measure 0 s, so on the log axis times are clamped to 0.1 µs, a tenth of
// the smallest unit shown and far below any real set run (set 1 takes tens of µs).
constexpr double kMinLogSeconds = 1e-7;

// 1, 2, 5, 10, 20, … : the smallest such step >= raw, so integer axes keep about ten labels.
double niceIntegerStep(double raw)
{
    if (raw <= 1.0)
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double mantissa : {1.0, 2.0, 5.0}) {
        if (mantissa * magnitude >= raw)
            return mantissa * magnitude;
    }
    return 10.0 * magnitude;
}

// In the history view the sets of one strategy share its colour and differ by line style.
Qt::PenStyle setPenStyle(int setIndex)
{
    static const std::array<Qt::PenStyle, 4> styles {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    return styles.at(static_cast<std::size_t>(std::max(setIndex - 1, 0)) % styles.size());
}

QString modeTitle(TimingChart::Mode mode)
{
    return mode == TimingChart::Mode::CurrentRun ? QStringLiteral("Time per number set")
                                                 : QStringLiteral("Time against pool size");
}

QLineSeries* makeSeries(const QString& name, const QColor& color, Qt::PenStyle style)
{
    auto* series = new QLineSeries;
    series->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    pen.setStyle(style);
    series->setPen(pen);
    series->setColor(color);
    // A set run is one point: without markers a series with a single point would be invisible.
    series->setPointsVisible(true);
    series->setMarkerSize(6.0);
    return series;
}

} // namespace

TimingChart::TimingChart(QWidget* parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 240);
    QChart* c = chart();
    // Live updates arrive with every task; animating each one would lag behind and blur the export.
    c->setAnimationOptions(QChart::NoAnimation);
    c->legend()->setVisible(true);
    // A short stroke of each line, so the dashes that tell sets apart in the history show there too.
    c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    c->setTitle(modeTitle(m_mode));
    rebuild();
}

void TimingChart::beginRun(const ExperimentPlan& plan)
{
    m_strategies = plan.strategies;
    m_setCount = static_cast<int>(plan.sets.size());
    m_cells.clear();
    if (m_mode == Mode::CurrentRun)
        rebuild();
}

void TimingChart::addTaskTiming(const QString& strategy, int setIndex, int repetition, const TaskTiming& task)
{
    if (setIndex < 1)
        return;
    addStrategy(strategy);
    m_setCount = std::max(m_setCount, setIndex);
    Cell& cell = m_cells[{strategy, setIndex}];
    // Task reports cross threads through queued signals: one that arrives after its set run was
    // reported must not move the finished point again.
    if (std::find(cell.finishedRepetitions.begin(), cell.finishedRepetitions.end(), repetition)
        != cell.finishedRepetitions.end())
        return;
    if (!cell.hasLive || cell.liveRepetition != repetition) {
        cell.hasLive = true;
        cell.liveRepetition = repetition;
        cell.liveSeconds = task.endSeconds;
    } else {
        // Tasks finish out of order on a pool: the set run has lasted at least its latest end.
        cell.liveSeconds = std::max(cell.liveSeconds, task.endSeconds);
    }
    if (m_mode == Mode::CurrentRun)
        updateChart();
}

void TimingChart::addSetRun(const SetRun& run)
{
    if (run.setIndex < 1)
        return;
    addStrategy(run.strategy);
    m_setCount = std::max(m_setCount, run.setIndex);
    Cell& cell = m_cells[{run.strategy, run.setIndex}];
    cell.finishedRepetitions.push_back(run.repetition);
    if (run.ok())
        cell.walls.push_back(run.wallSeconds);
    // A failed first repetition keeps what its finished tasks showed rather than vanishing.
    if (run.ok() || !cell.walls.empty())
        cell.hasLive = false;
    cell.liveRepetition = -1;
    if (m_mode == Mode::CurrentRun)
        updateChart();
}

void TimingChart::endRun(const Experiment& experiment, int requestedPoolSize)
{
    struct Group
    {
        CellKey key;
        std::vector<double> walls;
        std::vector<int> repetitions;
        int tasks = 0;
    };
    std::vector<Group> groups; // in order of first appearance
    for (const SetRun& run : experiment.runs) {
        if (!run.ok() || run.setIndex < 1)
            continue;
        const CellKey key {run.strategy, run.setIndex};
        auto it = std::find_if(groups.begin(), groups.end(), [&key](const Group& g) { return g.key == key; });
        if (it == groups.end())
            it = groups.insert(groups.end(), Group {key, {}, {}, static_cast<int>(run.numbers.size())});
        it->walls.push_back(run.wallSeconds);
        it->repetitions.push_back(run.repetition);
    }

    for (const Group& group : groups) {
        // The experiment is the authority: the current view ends exactly on its medians even if
        // a live report was dropped or arrived out of order.
        addStrategy(group.key.first);
        m_setCount = std::max(m_setCount, group.key.second);
        Cell& cell = m_cells[group.key];
        cell.walls = group.walls;
        cell.finishedRepetitions = group.repetitions;
        cell.hasLive = false;
        cell.liveRepetition = -1;

        if (!m_historyStrategies.contains(group.key.first))
            m_historyStrategies.append(group.key.first);
        auto line = std::find_if(m_history.begin(), m_history.end(),
            [&group](const HistoryLine& l) { return l.strategy == group.key.first && l.setIndex == group.key.second; });
        if (line == m_history.end())
            line = m_history.insert(m_history.end(), HistoryLine {group.key.first, group.key.second, {}});
        const int x = requestedPoolSize > kAutoPoolSize ? requestedPoolSize : group.tasks;
        // A rerun at a pool size already measured replaces the older point: the curve shows one
        // time per pool size, the latest, so rerunning after a change (or to confirm) corrects it.
        line->seconds[x] = summarize(group.walls).median;
    }
    if (!groups.empty()) {
        ++m_historyRuns;
        sortHistory();
    }
    // The lines may have changed order, so the history view is rebuilt rather than refreshed.
    if (m_mode == Mode::PoolSizeHistory)
        rebuild();
    else
        updateChart();
}

void TimingChart::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    // Only here, not on every rebuild, so a title the window sets survives reruns.
    chart()->setTitle(modeTitle(m_mode));
    rebuild();
}

void TimingChart::setLogScale(bool logScale)
{
    if (logScale == m_logScale)
        return;
    m_logScale = logScale;
    rebuild();
}

void TimingChart::clearHistory()
{
    m_history.clear();
    m_historyStrategies.clear();
    m_historyRuns = 0;
    if (m_mode == Mode::PoolSizeHistory)
        rebuild();
}

int TimingChart::historySize() const
{
    return m_historyRuns;
}

void TimingChart::addStrategy(const QString& strategy)
{
    if (!m_strategies.contains(strategy))
        m_strategies.append(strategy);
}

std::optional<double> TimingChart::cellSeconds(const Cell& cell) const
{
    std::optional<double> seconds;
    if (!cell.walls.empty())
        seconds = summarize(cell.walls).median;
    // A later repetition in progress only moves the point up once it has outlasted the median of
    // those before it, so the point does not drop back to zero at the start of every repetition.
    if (cell.hasLive)
        seconds = std::max(seconds.value_or(0.0), cell.liveSeconds);
    return seconds;
}

int TimingChart::strategyRank(const QString& strategy) const
{
    const auto current = m_strategies.indexOf(strategy);
    if (current >= 0)
        return static_cast<int>(current);
    // Strategies of earlier runs only, after those of the current run.
    return static_cast<int>(m_strategies.size() + m_historyStrategies.indexOf(strategy));
}

void TimingChart::sortHistory()
{
    // The legend groups lines by strategy (plan order), then set.
    std::stable_sort(m_history.begin(), m_history.end(), [this](const HistoryLine& a, const HistoryLine& b) {
        const int rankA = strategyRank(a.strategy);
        const int rankB = strategyRank(b.strategy);
        return rankA != rankB ? rankA < rankB : a.setIndex < b.setIndex;
    });
}

void TimingChart::updateChart()
{
    const std::size_t lines
        = m_mode == Mode::CurrentRun ? static_cast<std::size_t>(m_strategies.size()) : m_history.size();
    if (lines != m_series.size())
        rebuild();
    else
        refresh();
}

void TimingChart::rebuild()
{
    QChart* c = chart();
    c->removeAllSeries();
    m_series.clear();
    const QList<QAbstractAxis*> axes = c->axes();
    for (QAbstractAxis* axis : axes) {
        c->removeAxis(axis);
        delete axis;
    }

    m_xAxis = new QValueAxis;
    m_xAxis->setLabelFormat(QStringLiteral("%d"));
    m_xAxis->setTickType(QValueAxis::TicksDynamic);
    m_xAxis->setTitleText(m_mode == Mode::CurrentRun ? QStringLiteral("number set") : QStringLiteral("pool size"));
    c->addAxis(m_xAxis, Qt::AlignBottom);

    if (m_logScale) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10.0);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(-1);
        m_yAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%g"));
        m_yAxis = axis;
    }
    c->addAxis(m_yAxis, Qt::AlignLeft);

    // One entry per strategy fits below the plot; the history's strategies x sets need a column.
    c->legend()->setAlignment(m_mode == Mode::CurrentRun ? Qt::AlignBottom : Qt::AlignRight);
    if (m_mode == Mode::CurrentRun) {
        for (const QString& strategy : std::as_const(m_strategies))
            m_series.push_back(makeSeries(strategy, strategyColor(strategy), Qt::SolidLine));
    } else {
        for (const HistoryLine& line : m_history) {
            m_series.push_back(makeSeries(line.strategy + QStringLiteral(" · set ") + QString::number(line.setIndex),
                strategyColor(line.strategy), setPenStyle(line.setIndex)));
        }
    }
    for (QLineSeries* series : m_series) {
        c->addSeries(series);
        series->attachAxis(m_xAxis);
        series->attachAxis(m_yAxis);
    }
    refresh();
}

void TimingChart::refresh()
{
    // Points in seconds first: the unit depends on the largest of them.
    std::vector<std::vector<std::pair<double, double>>> points(m_series.size());
    if (m_mode == Mode::CurrentRun) {
        for (std::size_t i = 0; i < m_series.size() && i < static_cast<std::size_t>(m_strategies.size()); ++i) {
            const QString& strategy = m_strategies.at(static_cast<qsizetype>(i));
            for (int set = 1; set <= m_setCount; ++set) {
                const auto cell = m_cells.find({strategy, set});
                if (cell == m_cells.end())
                    continue;
                const auto seconds = cellSeconds(cell->second);
                if (seconds && std::isfinite(*seconds))
                    points[i].emplace_back(set, *seconds);
            }
        }
    } else {
        for (std::size_t i = 0; i < m_series.size() && i < m_history.size(); ++i) {
            for (const auto& [poolSize, seconds] : m_history[i].seconds) {
                if (std::isfinite(seconds))
                    points[i].emplace_back(poolSize, seconds);
            }
        }
    }

    double maxSeconds = 0.0;
    double minSeconds = 0.0;
    double minX = 0.0;
    double maxX = 0.0;
    bool any = false;
    for (auto& series : points) {
        for (auto& [x, seconds] : series) {
            if (m_logScale)
                seconds = std::max(seconds, kMinLogSeconds);
            minSeconds = any ? std::min(minSeconds, seconds) : seconds;
            maxSeconds = any ? std::max(maxSeconds, seconds) : seconds;
            minX = any ? std::min(minX, x) : x;
            maxX = any ? std::max(maxX, x) : x;
            any = true;
        }
    }

    const TimeUnit unit = unitFor(maxSeconds);
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        QList<QPointF> scaled;
        scaled.reserve(static_cast<qsizetype>(points[i].size()));
        for (const auto& [x, seconds] : points[i])
            scaled.append(QPointF(x, seconds * unit.factor));
        m_series[i]->replace(scaled);
    }

    // x: integer ticks (about ten labels at most), with a margin so that end points and their
    // markers are not cut by the plot frame.
    double xLow = 1.0;
    double xHigh = 1.0;
    if (m_mode == Mode::CurrentRun) {
        xHigh = std::max(m_setCount, 1);
    } else if (any) {
        xLow = minX;
        xHigh = maxX;
    }
    const double margin = std::max(0.5, (xHigh - xLow) * 0.04);
    m_xAxis->setTickAnchor(0.0);
    m_xAxis->setTickInterval(niceIntegerStep((xHigh - xLow) / 10.0));
    m_xAxis->setRange(std::max(xLow - margin, 0.0), xHigh + margin);

    m_yAxis->setTitleText(QStringLiteral("time (") + unit.name + QStringLiteral(")"));
    if (auto* logAxis = qobject_cast<QLogValueAxis*>(m_yAxis)) {
        // Whole decades, so every major tick is a power of ten.
        double low = 1.0;
        double high = 10.0;
        if (any) {
            low = std::pow(10.0, std::floor(std::log10(minSeconds * unit.factor)));
            high = std::pow(10.0, std::ceil(std::log10(maxSeconds * unit.factor)));
            if (high <= low)
                high = low * 10.0;
        }
        // A hair wider than the decades: the axis places ticks from the logarithms of its ends,
        // and 10^-2 computed back as -1.9999… would lose the bottom label.
        logAxis->setRange(low * (1.0 - 1e-9), high * (1.0 + 1e-9));
    } else if (auto* valueAxis = qobject_cast<QValueAxis*>(m_yAxis)) {
        const double high = any && maxSeconds > 0.0 ? maxSeconds * unit.factor * 1.05 : 1.0;
        valueAxis->setRange(0.0, high);
        // applyNiceNumbers() starts from the tick count it left last time: reset it so the same
        // values always get the same axis.
        valueAxis->setTickCount(6);
        valueAxis->applyNiceNumbers();
    }
}

} // namespace calcprof
