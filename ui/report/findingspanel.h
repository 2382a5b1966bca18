#pragma once

#include "core/report/report.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace calcprof {

/// The Findings tab: the report's answers (the same core text as a saved report, never a second
/// wording), each with its key numbers and a link to the view that proves it; a question without
/// data says what to run, and "Run what is missing" runs it. While a run goes on the answers are
/// marked provisional.
class FindingsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FindingsPanel(QWidget* parent = nullptr);

    /// Shows `report`; `provisional` while the run it comes from is still going; `runnableGaps`
    /// when what it lacks can be run (RunSession::reportGaps()): the "Run what is missing" button.
    void setReport(const Report& report, bool provisional, bool runnableGaps);
    /// Before any run: one sentence saying what Run will answer.
    void clear();

    [[nodiscard]] const Report& report() const { return m_report; }
    [[nodiscard]] bool provisional() const { return m_provisional; }
    [[nodiscard]] QTextBrowser* browser() const { return m_text; }
    [[nodiscard]] QPushButton* runMissingButton() const { return m_runMissing; }

    /// The HTML the panel shows for `report`: one block per answered section, with "show:N" links
    /// (N: the section's index) for those with a figure. Public for tests.
    [[nodiscard]] static QString findingsHtml(const Report& report);
    /// The figure section `index` links to, or nullptr.
    [[nodiscard]] static const ReportFigure* figureOf(const ReportSection& section);

    /// Follows the link of section `index` (as a click on it does).
    void showSection(int index);

Q_SIGNALS:
    /// The user asked to see the figure that proves an answer.
    void showFigure(const calcprof::ReportFigure& figure);
    /// The user asked to run what the report lacks.
    void runMissingRequested();

private:
    Report m_report;
    bool m_provisional = false;
    QLabel* m_state = nullptr;
    QTextBrowser* m_text = nullptr;
    QPushButton* m_runMissing = nullptr;
};

} // namespace calcprof
