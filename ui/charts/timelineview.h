#pragma once

#include "core/model/results.h"

#include <QWidget>

#include <vector>

class QComboBox;

namespace calcprof {

class TimelineChart;

/// The timelines of finished set runs: a run chosen from a list, optionally over a second one
/// (e.g. pool with 2 workers against pool with 3), both on one time scale so they compare at a glance.
class TimelineView : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget* parent = nullptr);

    /// The runs to choose from, read where they are and never copied (the largest experiment's are
    /// tens of MB): the session's, or those of the experiment a report draws. `runs` must outlive
    /// the view or the next setRuns(); nullptr for none. The selection returns to the default (the
    /// latest run of the largest set).
    void setRuns(const std::vector<SetRun>* runs);
    /// The runs given to setRuns() grew at their end: lists the new ones, with one redraw. A run
    /// the user chose stays chosen; otherwise the default moves on.
    void runsAdded();
    /// No runs to choose from.
    void clear();

    /// Shows run `index` (into runs()); counts as the user's choice.
    void selectRun(int index);
    /// Shows run `index` under the first for comparison; -1 hides the comparison.
    void selectComparison(int index);

    /// The runs listed to choose from.
    [[nodiscard]] int runCount() const;
    [[nodiscard]] int selectedRun() const; ///< -1 when there is no run
    [[nodiscard]] int selectedComparison() const; ///< -1 for none
    /// "set 3 · pool · 2 workers · rep 1", as the choosers list it.
    [[nodiscard]] static QString describe(const SetRun& run);

    [[nodiscard]] TimelineChart* primaryChart() const { return m_primary; }
    [[nodiscard]] TimelineChart* comparisonChart() const { return m_comparison; }
    [[nodiscard]] QComboBox* runChooser() const { return m_runChooser; }
    [[nodiscard]] QComboBox* comparisonChooser() const { return m_comparisonChooser; }

private:
    /// The latest run of the set with the most work (set 3 of the defaults), or -1.
    [[nodiscard]] int defaultRun() const;
    /// Adds the runs not listed yet to the choosers.
    void listNewRuns();
    /// Feeds the charts the chosen runs and one time range for both.
    void showSelection();

    const std::vector<SetRun>* m_runs = nullptr; ///< not owned
    std::size_t m_listed = 0; ///< of *m_runs, the first ones, in the choosers
    bool m_userChoseRun = false;
    QComboBox* m_runChooser = nullptr;
    QComboBox* m_comparisonChooser = nullptr;
    TimelineChart* m_primary = nullptr;
    TimelineChart* m_comparison = nullptr;
};

} // namespace calcprof
