#pragma once

#include "core/analysis/comparison.h"
#include "core/analysis/summary.h"
#include "core/io/savedrun.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTableWidget;

namespace calcprof {

/// The Baseline tab: a saved run (File → Open baseline…) compared with what the window shows, group
/// by group — core's compareExperiments of the two summaries: the medians before and after, their ratio with its
/// interval, the Mann–Whitney verdict — with both environments side by side and a warning when the
/// baseline comes from another machine or build. It only formats: every number is the
/// ExperimentComparison's, in the console table's words (comparisonCells).
class BaselinePanel : public QWidget
{
    Q_OBJECT

public:
    explicit BaselinePanel(QWidget* parent = nullptr);

    /// Reads `path` as the baseline, replacing the one before. Empty on success, else why not
    /// (naming the file); a bad file changes nothing.
    QString load(const QString& path);
    void clear();
    [[nodiscard]] bool hasBaseline() const { return m_baseline.has_value(); }
    /// The baseline as read; only while hasBaseline().
    [[nodiscard]] const SavedRun& baseline() const { return *m_baseline; }
    /// Its summary, for the views' dashed series; nullopt without a baseline.
    [[nodiscard]] const std::optional<ExperimentSummary>& summary() const { return m_summary; }

    /// Compares the baseline with `current`, the summary of what the window shows. Before any run
    /// that is this machine and build against the baseline's, without rows.
    void compareWith(const ExperimentSummary& current);
    /// The same for a caller that holds only the runs: compares with their summary.
    void compareWith(const Experiment& current);
    [[nodiscard]] const ExperimentComparison& comparison() const { return m_comparison; }

    [[nodiscard]] QTableWidget* table() const { return m_table; }
    /// The two environments side by side, and whether they differ.
    [[nodiscard]] QLabel* environmentLabel() const { return m_environment; }
    /// For the status bar, always in view: "baseline: a.json · another machine"; hidden without one.
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }

private:
    void showComparison();

    std::optional<SavedRun> m_baseline;
    std::optional<ExperimentSummary> m_summary;
    ExperimentComparison m_comparison;
    bool m_currentHasRuns = false;
    QLabel* m_environment = nullptr;
    QLabel* m_notes = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace calcprof
