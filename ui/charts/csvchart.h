#pragma once

#include "core/analysis/csvsummary.h"

#include <QChartView>

#include <vector>

class QBarCategoryAxis;
class QStackedBarSeries;
class QValueAxis;

namespace calcprof {

/// Throughput of a CSV stage (summarizeCsv()): the median MB/s of each write mode over the rounds
/// (one colour per mode, labelled with its writers, median seconds, rounds and fsync; its interval
/// and ratio against save_serial in its tooltip), beside the raw sequential write measured in the
/// same rounds. Without fsync the speeds are the page cache's, and the chart says so: a 6.7 GB/s
/// bar is not the disk.
class CsvChart : public QChartView
{
    Q_OBJECT

public:
    explicit CsvChart(QWidget* parent = nullptr);

    /// Shows `summary`: a bar per mode that succeeded in a round, then the raw write's.
    void setSummary(const CsvSummary& summary);
    void clear();

    /// The colour of a write mode's bars (grey for the raw write): fixed, whatever ran before.
    [[nodiscard]] static QColor colorOf(const QString& mode);
    /// What the bar at `index` (left to right) shows, in words: its tooltip.
    [[nodiscard]] QString barToolTip(int index) const;

private:
    /// Shows m_bars: bar values, categories and the value axis' range.
    void refresh();

    std::vector<CsvEntrySummary> m_bars; ///< the modes, then the raw write
    /// One bar set per bar, each with its own colour and a value in its own category only (stacked,
    /// so each bar is centred on its category). Owned by the chart.
    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_categoryAxis = nullptr; ///< owned by the chart
    QValueAxis* m_valueAxis = nullptr; ///< owned by the chart
};

} // namespace calcprof
