#pragma once

#include "experiment.h"
#include "experimentplan.h"

#include <QChartView>

#include <map>
#include <optional>
#include <utility>
#include <vector>

class QAbstractAxis;
class QLineSeries;
class QValueAxis;

namespace calcprof {

/// The live timing chart: time per number set for each strategy of the current run, or the history
/// of reruns as time against pool size (one line per strategy and set). Times are kept in seconds and
/// shown in the unit that suits the largest one (µs, ms or s), on a linear or log axis.
class TimingChart : public QChartView
{
    Q_OBJECT

public:
    enum class Mode { CurrentRun, PoolSizeHistory };

    explicit TimingChart(QWidget* parent = nullptr);

    /// Starts a run: one line series per strategy of `plan` (in plan order), no points yet.
    void beginRun(const ExperimentPlan& plan);
    /// A task of a set run has finished: the point (set, strategy) moves up to the time elapsed in
    /// that set run so far, so the chart moves with every task, not only at the end.
    void addTaskTiming(const QString& strategy, int setIndex, int workers, int repetition, const TaskTiming& task);
    /// A set run has finished: the point (set, strategy) becomes the median wall time of its
    /// repetitions so far.
    void addSetRun(const SetRun& run);
    /// The run has finished: its medians join the history at x = the pool size the run asked for
    /// (`requestedPoolSize`, kAutoPoolSize meaning "tasks in the set", i.e. each set's size).
    void endRun(const Experiment& experiment, int requestedPoolSize);

    void setMode(Mode mode);
    [[nodiscard]] Mode mode() const { return m_mode; }
    void setLogScale(bool logScale);
    [[nodiscard]] bool logScale() const { return m_logScale; }
    /// Forgets every rerun kept for the history view.
    void clearHistory();
    /// Number of runs in the history.
    [[nodiscard]] int historySize() const;

private:
    /// What is known of one (strategy, set) in the current run.
    struct Cell
    {
        std::vector<double> walls; ///< successful repetitions finished so far
        std::vector<int> finishedRepetitions; ///< failed ones too, so late task reports are ignored
        int liveRepetition = -1;
        double liveSeconds = 0.0; ///< latest task end seen in the repetition in progress
        bool hasLive = false;
    };
    using CellKey = std::pair<QString, int>; ///< (strategy, 1-based set index)

    /// One line of the history view: a strategy on a set, median wall seconds by pool size.
    struct HistoryLine
    {
        QString strategy;
        int setIndex = 0;
        std::map<int, double> seconds;
    };

    void addStrategy(const QString& strategy);
    [[nodiscard]] std::optional<double> cellSeconds(const Cell& cell) const;
    [[nodiscard]] int strategyRank(const QString& strategy) const;
    void sortHistory();
    /// Refreshes the points, or rebuilds series and axes when the set of lines has changed.
    void updateChart();
    /// Recreates series and axes for the current mode and scale from the stored data.
    void rebuild();
    /// Sets every series' points and the axes' ranges, unit and titles from the stored data.
    void refresh();

    Mode m_mode = Mode::CurrentRun;
    bool m_logScale = false;
    QStringList m_strategies; ///< current run, in plan order
    QStringList m_historyStrategies; ///< every strategy seen in the history, in order of appearance
    int m_setCount = 0;
    std::map<CellKey, Cell> m_cells;
    std::vector<HistoryLine> m_history;
    int m_historyRuns = 0;
    std::vector<QLineSeries*> m_series; ///< owned by the chart; in m_strategies or m_history order
    QValueAxis* m_xAxis = nullptr; ///< owned by the chart
    QAbstractAxis* m_yAxis = nullptr; ///< owned by the chart
};

} // namespace calcprof
