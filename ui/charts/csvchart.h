#pragma once

#include "core/model/results.h"

#include <QChartView>

#include <optional>
#include <vector>

class QBarCategoryAxis;
class QStackedBarSeries;
class QValueAxis;

namespace calcprof {

/// Throughput of the CSV stages run so far: MB/s per write mode (the latest stage of each mode, one
/// colour per mode, labelled with its writers, seconds and fsync), beside the raw sequential write
/// reference once one has been measured. Without fsync the speeds are the page cache's, and the
/// chart says so: a 6.7 GB/s bar is not the disk.
class CsvChart : public QChartView
{
    Q_OBJECT

public:
    explicit CsvChart(QWidget* parent = nullptr);

    /// Adds or replaces the bar of run.mode (only successful stages are shown).
    void addCsvRun(const CsvRun& run);
    /// Shows a "raw write" bar at `mbPerSecond` (a plain sequential write of the same bytes, made
    /// durable when `fsync`).
    void setRawReference(double mbPerSecond, bool fsync);
    void clear();

    /// The colour of a write mode's bars (grey for the raw write): fixed, whatever ran before.
    [[nodiscard]] static QColor colorOf(const QString& mode);
    /// What the bar at `index` (left to right) shows, in words: its tooltip.
    [[nodiscard]] QString barToolTip(int index) const;

private:
    struct Bar
    {
        QString mode;
        double mbPerSecond = 0.0;
        double seconds = 0.0;
        int writers = 0;
        bool fsync = false;
    };

    /// Shows m_bars and m_rawReference: bar values, categories and the value axis' range.
    void refresh();
    /// m_bars, then the raw reference.
    [[nodiscard]] std::vector<Bar> shownBars() const;

    std::vector<Bar> m_bars; ///< one per mode, in order of first run
    std::optional<Bar> m_rawReference;
    /// One bar set per bar, each with its own colour and a value in its own category only (stacked,
    /// so each bar is centred on its category). Owned by the chart.
    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_categoryAxis = nullptr; ///< owned by the chart
    QValueAxis* m_valueAxis = nullptr; ///< owned by the chart
};

} // namespace calcprof
