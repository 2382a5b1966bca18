// The Summary tab (issue 22 item 3): the console's summary table in the window, sortable by value,
// copied as TSV, exported as CSV, filled by runs and by opened results, provisional rows marked.
#include "core/analysis/summary.h"
#include "core/exec/experimentrunner.h"
#include "core/format/summarytable.h"
#include "core/model/experimentplan.h"
#include "ui/results/summarymodel.h"
#include "ui/results/summarypanel.h"
#include "ui/session/runsession.h"
#include "ui/window/controlspanel.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFont>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>

using namespace calcprof;

namespace {

ExperimentSummary smallSummary()
{
    static const ExperimentSummary summary = [] {
        ExperimentPlan plan;
        plan.sets = {{5, 6, 7}, {18, 19}};
        plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
        plan.poolSizes = {1, 2};
        plan.repeat = 2;
        plan.warmup = 0;
        plan.retryDisturbed = 0;
        return summarizeExperiment(ExperimentRunner().run(plan, std::atomic<bool> {false}));
    }();
    return summary;
}

QString shown(const SummaryModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

TEST(SummaryModel, EachRowIsTheConsolesSummaryRowPlusItsWarnings)
{
    const ExperimentSummary summary = smallSummary();
    SummaryModel model;
    model.setSummary(summary);
    ASSERT_EQ(model.rowCount(), static_cast<int>(summary.groups.size()));
    ASSERT_EQ(model.columnCount(), static_cast<int>(summaryTableHeader().size()) + 1);
    for (int row = 0; row < model.rowCount(); ++row) {
        const GroupSummary& group = summary.groups[static_cast<std::size_t>(row)];
        const QStringList console = summaryTableRow(group);
        for (int column = 0; column < static_cast<int>(console.size()); ++column)
            EXPECT_EQ(shown(model, row, column), console[column]) << row << "," << column;
        EXPECT_EQ(shown(model, row, model.columnCount() - 1), group.warnings.join(QStringLiteral("; ")));
        EXPECT_FALSE(model.provisional(row));
    }
}

TEST(SummaryModel, SortsByTheNumberNotItsText)
{
    // 9 ms and 10 ms: as text "10.00 ms" sorts before "9.00 ms".
    ExperimentSummary summary = smallSummary();
    ASSERT_GE(summary.groups.size(), 2U);
    summary.groups[0].wall.median = 0.010;
    summary.groups[1].wall.median = 0.009;
    SummaryModel model;
    model.setSummary(summary);
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(SummaryModel::kSortRole);
    constexpr int kMedianColumn = 5;
    ASSERT_EQ(summaryTableHeader().at(kMedianColumn), QStringLiteral("wall (median)"));
    sorted.sort(kMedianColumn, Qt::AscendingOrder);
    double previous = -1.0;
    for (int row = 0; row < sorted.rowCount(); ++row) {
        const double median = sorted.data(sorted.index(row, kMedianColumn), SummaryModel::kSortRole).toDouble();
        EXPECT_GE(median, previous) << row;
        previous = median;
    }
}

TEST(SummaryModel, AGroupWithFewerRunsThanPlannedIsProvisional)
{
    ExperimentSummary summary = smallSummary();
    summary.plannedRuns = 5;
    SummaryModel model;
    model.setSummary(summary);
    ASSERT_GT(model.rowCount(), 0);
    EXPECT_TRUE(model.provisional(0));
    EXPECT_EQ(shown(model, 0, 4), QStringLiteral("2 of 5"));
    EXPECT_TRUE(model.data(model.index(0, 0), Qt::FontRole).value<QFont>().italic());
}

TEST(SummaryModel, CsvIsTheHeaderAndEveryRowQuotedWhereNeeded)
{
    const ExperimentSummary summary = smallSummary();
    SummaryModel model;
    model.setSummary(summary);
    const QStringList lines = model.toCsv().split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), model.rowCount() + 1);
    EXPECT_EQ(lines[0], (summaryTableHeader() << QStringLiteral("warnings")).join(u','));
    // Row 1 is set 1 (5,6,7): its numbers hold commas, so they are quoted.
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("1,\"5,6,7\",serial,1,2,"))) << lines[1].toStdString();
}

TEST(SummaryPanel, FollowsTheSessionAndExportsAndCopies)
{
    MainWindow window;
    ExperimentPlan plan;
    plan.sets = {{5, 6, 7}};
    plan.strategies = {QStringLiteral("serial"), QStringLiteral("pool")};
    plan.repeat = 2;
    plan.retryDisturbed = 0;
    window.controls()->setPlan(plan);
    QSignalSpy finished(window.session(), &RunSession::runFinished);
    ASSERT_TRUE(window.session()->run());
    ASSERT_TRUE(finished.wait(30000));
    SummaryPanel* panel = window.summaryPanel();
    ASSERT_EQ(panel->model()->rowCount(), static_cast<int>(window.session()->summary().groups.size()));

    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("summary.csv"));
    ASSERT_EQ(panel->exportCsv(path), QString());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(file.readAll()), panel->model()->toCsv());
    EXPECT_FALSE(panel->exportCsv(dir.path()).isEmpty()); // a folder: refused with the reason

    panel->table()->selectRow(0);
    panel->copySelected();
    const QStringList copied = QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(copied.size(), 2);
    EXPECT_TRUE(copied[0].startsWith(QStringLiteral("set\tnumbers\tstrategy")));

    // Opened results fill it like a run.
    const QString json = dir.filePath(QStringLiteral("run.json"));
    ASSERT_EQ(window.session()->exportResultsJson(json), QString());
    MainWindow other;
    ASSERT_EQ(other.session()->openResults(json), QString());
    EXPECT_EQ(other.summaryPanel()->model()->rowCount(), panel->model()->rowCount());
    EXPECT_EQ(other.summaryPanel()->model()->toCsv(), panel->model()->toCsv());
}
