#pragma once

#include "core/analysis/viewdata.h"

#include <QWidget>

#include <optional>

#include <vector>

class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QSpinBox;

namespace calcprof {

/// Speedup against pool size for one set: the measured medians with their 95 % intervals as error
/// bars, the strategies that ignore the pool size as horizontal reference lines, and the bounds
/// (ideal, whole-task, each swept strategy's schedule model) as lines, with the caption that says
/// why the curve flattens. The bounds can be drawn for another core count, as a simulation.
class SpeedupView : public QWidget
{
    Q_OBJECT

public:
    explicit SpeedupView(QWidget* parent = nullptr);

    /// Shows `summary`, keeping the chosen set if it is still there (else the set with the most work).
    void setSummary(const ExperimentSummary& summary);
    /// Selects the set shown by its position in the summary's sets.
    void selectSet(int index);
    /// Draws `baseline`'s swept strategies on the same set as dashed lines (none: removes them).
    void setBaseline(const std::optional<ExperimentSummary>& baseline);

    [[nodiscard]] const SpeedupFigure& figure() const { return m_figure; }
    [[nodiscard]] QChartView* chartView() const { return m_view; }
    [[nodiscard]] QComboBox* setChooser() const { return m_sets; }
    [[nodiscard]] QSpinBox* coresBox() const { return m_cores; }
    [[nodiscard]] QCheckBox* efficiencyBox() const { return m_efficiency; }
    /// The line series of a sweep, reference or bound by its legend name, or nullptr.
    [[nodiscard]] QLineSeries* seriesNamed(const QString& name) const;
    /// How many error bars are drawn.
    [[nodiscard]] int errorBarCount() const { return m_errorBars; }

private:
    void rebuild();

    ExperimentSummary m_summary;
    std::optional<ExperimentSummary> m_baseline;
    SpeedupFigure m_figure;
    QComboBox* m_sets = nullptr;
    QSpinBox* m_cores = nullptr;
    QCheckBox* m_efficiency = nullptr;
    QChartView* m_view = nullptr;
    int m_errorBars = 0;
    bool m_userChoseSet = false; ///< until the user picks a set, the set with the most work is shown
};

} // namespace calcprof
