#pragma once

#include "core/analysis/comparison.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace calcprof {

class RunSession;

/// The Baseline tab: the session's baseline (File → Open baseline…) compared with what the window
/// shows, group by group — core's compareExperiments: the medians before and after, their ratio
/// with its interval, the Mann–Whitney verdict — with both environments side by side and a warning
/// when the baseline comes from another machine or build. It only formats: every number is the
/// session's ExperimentComparison, in the console table's words (comparisonCells).
class BaselinePanel : public QWidget
{
    Q_OBJECT

public:
    /// Follows `session`: its baseline, and the comparison as runs finish.
    explicit BaselinePanel(RunSession* session, QWidget* parent = nullptr);

    /// The session's comparison, as shown.
    [[nodiscard]] const ExperimentComparison& comparison() const;

    [[nodiscard]] QTableWidget* table() const { return m_table; }
    /// The two environments side by side, and whether they differ.
    [[nodiscard]] QLabel* environmentLabel() const { return m_environment; }
    /// For the status bar, always in view: "baseline: a.json · another machine"; hidden without one.
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }

private:
    void showComparison();
    void showRows(const ExperimentComparison& c);

    RunSession* m_session = nullptr;
    QLabel* m_environment = nullptr;
    QLabel* m_notes = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace calcprof
