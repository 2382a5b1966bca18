#pragma once

#include "ui/figures.h"

#include <QWidget>

class QBarSeries;
class QChartView;
class QCheckBox;
class QComboBox;

namespace calcprof {

/// Median time per number set as grouped bars, one bar per strategy, on a log axis by default so
/// set 1's microseconds stand beside set 3's second. A bar appears when its strategy's set run has
/// ended (never a half-measured value); hovering one shows its median, interval and speedup.
class TimeView : public QWidget
{
    Q_OBJECT

public:
    explicit TimeView(QWidget* parent = nullptr);

    void setSummary(const ExperimentSummary& summary);

    [[nodiscard]] const TimeFigure& figure() const { return m_figure; }
    [[nodiscard]] QChartView* chartView() const { return m_view; }
    [[nodiscard]] QComboBox* poolSizeChooser() const { return m_poolSize; }
    [[nodiscard]] QCheckBox* logScaleBox() const { return m_logScale; }
    [[nodiscard]] QBarSeries* barSeries() const { return m_series; }

private:
    void rebuild();

    ExperimentSummary m_summary;
    TimeFigure m_figure;
    QComboBox* m_poolSize = nullptr;
    QCheckBox* m_logScale = nullptr;
    QChartView* m_view = nullptr;
    QBarSeries* m_series = nullptr;
};

} // namespace calcprof
