#pragma once

#include "core/analysis/viewdata.h"

#include <QWidget>

#include <optional>

class QAbstractAxis;
class QBarSeries;
class QChartView;
class QCheckBox;
class QComboBox;

namespace calcprof {

/// Median time per number set as grouped bars, one bar per strategy, on a log axis by default so
/// set 1's microseconds stand beside set 3's second. A bar appears when its strategy's set run has
/// ended (never a half-measured value; one not measured yet is no bar, and the title counts it as
/// pending); a median of fewer runs than planned is pale; hovering one shows its median, interval
/// and speedup. Each bar carries its median's 95 % interval as a whisker.
class TimeView : public QWidget
{
    Q_OBJECT

public:
    explicit TimeView(QWidget* parent = nullptr);

    void setSummary(const ExperimentSummary& summary);
    /// Outlines each bar's baseline median, dashed (none: removes them); `name` labels the legend.
    void setBaseline(const std::optional<ExperimentSummary>& baseline, const QString& name = {});

    /// Shows the bars of pool size `requested` (as asked; kAutoPoolSize for auto): false when it was
    /// not measured.
    bool selectPoolSize(int requested);

    [[nodiscard]] const TimeFigure& figure() const { return m_figure; }
    [[nodiscard]] QChartView* chartView() const { return m_view; }
    [[nodiscard]] QComboBox* poolSizeChooser() const { return m_poolSize; }
    [[nodiscard]] QCheckBox* logScaleBox() const { return m_logScale; }
    [[nodiscard]] QBarSeries* barSeries() const { return m_series; }
    /// The dashed baseline outlines drawn, one per bar that has a baseline median.
    [[nodiscard]] int baselineOutlineCount() const { return m_baselineOutlines; }
    /// The interval whiskers drawn, one per measured bar whose interval has a width.
    [[nodiscard]] int whiskerCount() const { return m_whiskers; }

private:
    void rebuild();
    /// The measured bars (in the time unit's `unitFactor`; one not measured as `noBar`), with tooltips.
    void addBars(double unitFactor, double noBar);

    /// Each measured median's interval as a whisker on its bar (`xAxis`: the hidden axis of bar places).
    void drawWhiskers(QAbstractAxis* xAxis, QAbstractAxis* yAxis, double unitFactor, double below);
    /// Dashed outlines over the bars, in the bars' own places, from `below` (under the axis) up.
    void drawBaseline(QAbstractAxis* xAxis, QAbstractAxis* yAxis, double unitFactor, double below);

    ExperimentSummary m_summary;
    std::optional<ExperimentSummary> m_baseline;
    QString m_baselineName;
    int m_baselineOutlines = 0;
    int m_whiskers = 0;
    TimeFigure m_figure;
    QComboBox* m_poolSize = nullptr;
    QCheckBox* m_logScale = nullptr;
    QChartView* m_view = nullptr;
    QBarSeries* m_series = nullptr;
};

} // namespace calcprof
