#pragma once

#include "core/model/scriptrun.h"

#include <QChartView>

#include <optional>
#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace calcprof {

/// The "Your program" view: the user's script (--script, File → Profile a Python script…) on its own
/// time axis. Each time_me call is a bar from its start to its end (its end is when its line was
/// read), under a grey bar of the whole run, so what the calls cover and what they leave out (start-up,
/// pool creation, the CSV files) is plain. The title carries the whole tree's CPU, busy cores,
/// processes and memory.
class ScriptChart : public QChartView
{
    Q_OBJECT

public:
    explicit ScriptChart(QWidget* parent = nullptr);

    /// Shows `run` on a machine of `cores` cores; nullopt: the empty state, which says how to run one.
    void setRun(const std::optional<ScriptRun>& run, int cores);
    /// Lines printed so far by a script still running: shown in the empty chart's title.
    void showRunning(const ScriptPlan& plan);

    /// The bars top to bottom, as their category labels: "1. do_serial", …, "whole run".
    [[nodiscard]] QStringList rowLabels() const;
    /// The tooltip of the bar at `row` (top = 0).
    [[nodiscard]] QString rowToolTip(int row) const;

private:
    void clearBars();

    std::optional<ScriptRun> m_run;
    QHorizontalStackedBarSeries* m_series = nullptr; ///< owned by the chart
    QBarSet* m_offset = nullptr; ///< invisible: where each bar starts
    std::vector<QBarSet*> m_calls; ///< the calls: one set per colour, a name in its colour's; owned by the series
    QBarSet* m_whole = nullptr; ///< the whole run, grey
    QBarCategoryAxis* m_rows = nullptr;
    QValueAxis* m_seconds = nullptr;
};

} // namespace calcprof
