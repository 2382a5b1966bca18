#pragma once

#include "results.h"

#include <QChartView>

#include <optional>
#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QValueAxis;

namespace calcprof {

/// Throughput of the CSV stages run so far: MB/s per write mode (the latest stage of each mode,
/// labelled with its seconds), beside the raw sequential write reference once one has been measured.
class CsvChart : public QChartView
{
    Q_OBJECT

public:
    explicit CsvChart(QWidget* parent = nullptr);

    /// Adds or replaces the bar of run.mode (only successful stages are shown).
    void addCsvRun(const CsvRun& run);
    /// Shows a "raw write" bar at `mbPerSecond` (a plain sequential write of the same bytes).
    void setRawReference(double mbPerSecond);
    void clear();

private:
    struct Bar
    {
        QString mode;
        double mbPerSecond = 0.0;
        double seconds = 0.0;
    };

    /// Shows m_bars and m_rawReference: bar values, categories and the value axis' range.
    void refresh();

    std::vector<Bar> m_bars; ///< one per mode, in order of first run
    std::optional<double> m_rawReference;
    QBarSet* m_set = nullptr; ///< owned by the series, which the chart owns
    QBarCategoryAxis* m_categoryAxis = nullptr; ///< owned by the chart
    QValueAxis* m_valueAxis = nullptr; ///< owned by the chart
};

} // namespace calcprof
