#include "ui/charts/timelineview.h"

#include "core/exec/workload.h"
#include "ui/charts/timelinechart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace calcprof {

namespace {

// Work in logical calls, not measured time: the default must not jump between sets with the noise.
std::uint64_t setCalls(const NumberSet& numbers)
{
    std::uint64_t calls = 0;
    for (const int n : numbers)
        calls += taskCalls(n);
    return calls;
}

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
    , m_runChooser(new QComboBox)
    , m_comparisonChooser(new QComboBox)
    , m_primary(new TimelineChart)
    , m_comparison(new TimelineChart)
{
    m_runChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_comparisonChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_comparisonChooser->addItem(tr("none"));

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(new QLabel(tr("Set run:")));
    toolbar->addWidget(m_runChooser);
    toolbar->addSpacing(12);
    toolbar->addWidget(new QLabel(tr("compare with:")));
    toolbar->addWidget(m_comparisonChooser);
    toolbar->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(m_primary, 1);
    layout->addWidget(m_comparison, 1);
    m_comparison->hide();

    // activated, not currentIndexChanged: only a choice the user made is kept as runs arrive.
    connect(m_runChooser, &QComboBox::activated, this, &TimelineView::selectRun);
    connect(m_comparisonChooser, &QComboBox::activated, this, [this](int item) { selectComparison(item - 1); });
    showSelection();
}

void TimelineView::setRuns(const std::vector<SetRun>* runs)
{
    m_runs = runs;
    m_listed = 0;
    m_userChoseRun = false;
    {
        const QSignalBlocker blockRuns(m_runChooser);
        const QSignalBlocker blockComparison(m_comparisonChooser);
        m_runChooser->clear();
        m_comparisonChooser->clear();
        m_comparisonChooser->addItem(tr("none"));
        listNewRuns();
        m_runChooser->setCurrentIndex(defaultRun());
        m_comparisonChooser->setCurrentIndex(0);
    }
    showSelection();
}

void TimelineView::runsAdded()
{
    if (m_runs == nullptr || m_runs->size() == m_listed)
        return;
    if (m_runs->size() < m_listed) { // emptied or replaced without a setRuns(): start afresh
        setRuns(m_runs);
        return;
    }
    {
        const QSignalBlocker blockRuns(m_runChooser);
        const QSignalBlocker blockComparison(m_comparisonChooser);
        listNewRuns();
        if (!m_userChoseRun)
            m_runChooser->setCurrentIndex(defaultRun());
    }
    showSelection(); // once for the whole batch: a chart rebuild costs milliseconds
}

void TimelineView::listNewRuns()
{
    for (; m_runs != nullptr && m_listed < m_runs->size(); ++m_listed) {
        const QString text = describe((*m_runs)[m_listed]);
        m_runChooser->addItem(text);
        m_comparisonChooser->addItem(text);
    }
}

void TimelineView::clear()
{
    setRuns(nullptr);
}

int TimelineView::runCount() const
{
    // The runs may have been emptied since they were listed, before the setRuns() that follows.
    return m_runs == nullptr ? 0 : static_cast<int>(std::min(m_listed, m_runs->size()));
}

void TimelineView::selectRun(int index)
{
    if (index < 0 || index >= runCount())
        return;
    m_userChoseRun = true;
    {
        const QSignalBlocker block(m_runChooser);
        m_runChooser->setCurrentIndex(index);
    }
    showSelection();
}

void TimelineView::selectComparison(int index)
{
    if (index < -1 || index >= runCount())
        return;
    {
        const QSignalBlocker block(m_comparisonChooser);
        m_comparisonChooser->setCurrentIndex(index + 1);
    }
    showSelection();
}

int TimelineView::selectedRun() const
{
    return m_runChooser->currentIndex();
}

int TimelineView::selectedComparison() const
{
    return m_comparisonChooser->currentIndex() - 1;
}

QString TimelineView::describe(const SetRun& run)
{
    const QString workers = run.poolSize == 1 ? tr("1 worker") : tr("%1 workers").arg(run.poolSize);
    QString text = tr("set %1 · %2 · %3 · rep %4")
                       .arg(QString::number(run.setIndex), run.strategy, workers, QString::number(run.repetition + 1));
    if (!run.ok())
        text += tr(" · failed");
    return text;
}

int TimelineView::defaultRun() const
{
    int best = -1;
    std::uint64_t bestCalls = 0;
    for (int i = 0; i < runCount(); ++i) {
        const std::uint64_t calls = setCalls((*m_runs)[static_cast<std::size_t>(i)].numbers);
        // >=: among runs of equal work the latest wins.
        if (best < 0 || calls >= bestCalls) {
            best = i;
            bestCalls = calls;
        }
    }
    return best;
}

void TimelineView::showSelection()
{
    const int primary = selectedRun();
    const int comparison = selectedComparison();
    if (primary >= 0 && primary < runCount())
        m_primary->setRun((*m_runs)[static_cast<std::size_t>(primary)]);
    else
        m_primary->clear();

    const bool compare = comparison >= 0 && comparison < runCount();
    if (compare)
        m_comparison->setRun((*m_runs)[static_cast<std::size_t>(comparison)]);
    else
        m_comparison->clear();
    m_comparison->setVisible(compare);

    // One scale for both: the longer run fills its chart, the shorter one shows how much shorter.
    const double range
        = std::max(m_primary->timeline().wallSeconds, compare ? m_comparison->timeline().wallSeconds : 0.0);
    m_primary->setTimeRange(range);
    m_comparison->setTimeRange(range);
}

} // namespace calcprof
