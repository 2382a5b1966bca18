#include "core/analysis/summary.h"
#include "testsupport.h"
#include "ui/results/resultsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <gtest/gtest.h>

#include <memory>

using calcprof::ResultsModel;
using calcprof::SetRun;

namespace {

SetRun makeRun(const QString& strategy, int setIndex, double wallSeconds, int repetition = 0)
{
    SetRun run;
    run.strategy = strategy;
    run.setIndex = setIndex;
    run.numbers = setIndex == 1 ? calcprof::NumberSet {10, 12, 5} : calcprof::NumberSet {35, 30};
    run.poolSize = strategy == QStringLiteral("serial") ? 1 : 3;
    run.repetition = repetition;
    run.wallSeconds = wallSeconds;
    run.cpuSeconds = wallSeconds * 2;
    run.matchesSerial = true;
    // Tasks spread over the workers as a pool would, so the model can count the workers used.
    for (std::size_t index = 0; index < run.numbers.size(); ++index) {
        calcprof::TaskTiming task;
        task.n = run.numbers[index];
        task.worker = static_cast<int>(index % static_cast<std::size_t>(run.poolSize)) + 1;
        run.tasks.push_back(task);
    }
    return run;
}

SetRun serial(int setIndex, double wallSeconds, int repetition = 0)
{
    return makeRun(QStringLiteral("serial"), setIndex, wallSeconds, repetition);
}

SetRun pool(int setIndex, double wallSeconds, int repetition = 0)
{
    return makeRun(QStringLiteral("pool"), setIndex, wallSeconds, repetition);
}

// Every test runs under QAbstractItemModelTester, which checks each signal and every answer of the
// model against the QAbstractItemModel contract and aborts the binary on a violation.
class ResultsModelTest : public ::testing::Test
{
protected:
    void TearDown() override
    {
        // The tester also checks the reset, and the model must really be empty after it.
        m_model.clear();
        EXPECT_EQ(m_model.rowCount(), 0);
    }

    /// Adds a row and, as the window does, gives the model the summary of every run so far.
    void add(int runNumber, const SetRun& run)
    {
        m_model.addRun(runNumber, run);
        m_runs.runs.push_back(run);
        m_model.setSummary(calcprof::summarizeExperiment(m_runs));
    }

    [[nodiscard]] QString text(int row, int column) const { return m_model.index(row, column).data().toString(); }
    [[nodiscard]] QString speedupAt(int row) const { return text(row, ResultsModel::SpeedupColumn); }

    calcprof::Experiment m_runs;
    ResultsModel m_model;
    QAbstractItemModelTester m_tester {&m_model, QAbstractItemModelTester::FailureReportingMode::Fatal};
};

} // namespace

TEST_F(ResultsModelTest, CountsRowsAndColumns)
{
    EXPECT_EQ(m_model.rowCount(), 0);
    EXPECT_EQ(m_model.columnCount(), 11);
    add(1, serial(1, 2.0));
    add(1, pool(1, 1.0));
    EXPECT_EQ(m_model.rowCount(), 2);
    EXPECT_EQ(m_model.columnCount(), ResultsModel::ColumnCount);
    // A table: no children below a row.
    EXPECT_EQ(m_model.rowCount(m_model.index(0, 0)), 0);
    EXPECT_EQ(m_model.runAt(1).strategy, QStringLiteral("pool"));
}

TEST_F(ResultsModelTest, RowsAreAppendedWithInsertSignals)
{
    QSignalSpy inserted(&m_model, &ResultsModel::rowsInserted);
    add(1, pool(1, 1.0));
    add(1, pool(2, 1.0));
    ASSERT_EQ(inserted.count(), 2);
    EXPECT_EQ(inserted.at(1).at(1).toInt(), 1);
    EXPECT_EQ(inserted.at(1).at(2).toInt(), 1);
}

TEST_F(ResultsModelTest, Headers)
{
    QStringList headers;
    for (int column = 0; column < m_model.columnCount(); ++column)
        headers << m_model.headerData(column, Qt::Horizontal).toString();
    EXPECT_EQ(headers,
        QStringList({QStringLiteral("Id"), QStringLiteral("Run"), QStringLiteral("Set"), QStringLiteral("Numbers"),
            QStringLiteral("Strategy"), QStringLiteral("Workers"), QStringLiteral("Rep."), QStringLiteral("Wall"),
            QStringLiteral("CPU"), QStringLiteral("Speedup"), QStringLiteral("Matches serial")}));
}

TEST_F(ResultsModelTest, DisplaysAConstructedRun)
{
    SetRun run = pool(1, 1.5e-6, 1);
    run.cpuSeconds = 2.5e-3;
    run.poolSize = 4;
    run.requestedPoolSize = 4; // a pool of 4 on a set of 3 tasks: 3 threads ran a task
    add(3, run);

    EXPECT_EQ(text(0, ResultsModel::IdColumn), QStringLiteral("1"));
    EXPECT_EQ(text(0, ResultsModel::RunColumn), QStringLiteral("3"));
    EXPECT_EQ(text(0, ResultsModel::SetColumn), QStringLiteral("1"));
    EXPECT_EQ(text(0, ResultsModel::NumbersColumn), QStringLiteral("10,12,5"));
    EXPECT_EQ(text(0, ResultsModel::StrategyColumn), QStringLiteral("pool"));
    EXPECT_EQ(text(0, ResultsModel::WorkersColumn), QStringLiteral("3 (pool of 4)"));
    EXPECT_EQ(text(0, ResultsModel::RepetitionColumn), QStringLiteral("2")); // 0-based in SetRun
    EXPECT_EQ(text(0, ResultsModel::WallColumn), QStringLiteral("1.5 µs"));
    EXPECT_EQ(text(0, ResultsModel::CpuColumn), QStringLiteral("2.50 ms"));
    EXPECT_EQ(text(0, ResultsModel::SpeedupColumn), QStringLiteral("-"));
    EXPECT_EQ(text(0, ResultsModel::MatchesColumn), QStringLiteral("yes"));

    EXPECT_EQ(m_model.index(0, ResultsModel::WallColumn).data(ResultsModel::kSortRole).toDouble(), 1.5e-6);
    EXPECT_EQ(m_model.index(0, ResultsModel::WorkersColumn).data(ResultsModel::kSortRole).toInt(), 3);

    const auto alignment = [this](int column) {
        return m_model.index(0, column).data(Qt::TextAlignmentRole).toInt() & Qt::AlignHorizontal_Mask;
    };
    EXPECT_EQ(alignment(ResultsModel::WallColumn), Qt::AlignRight);
    EXPECT_EQ(alignment(ResultsModel::SpeedupColumn), Qt::AlignRight);
    EXPECT_EQ(alignment(ResultsModel::RunColumn), Qt::AlignRight);
    EXPECT_NE(alignment(ResultsModel::StrategyColumn), Qt::AlignRight);

    run.matchesSerial = false;
    run.requestedPoolSize = calcprof::kAutoPoolSize;
    add(3, run);
    EXPECT_EQ(text(1, ResultsModel::IdColumn), QStringLiteral("2"));
    EXPECT_EQ(text(1, ResultsModel::WorkersColumn), QStringLiteral("3 (auto)"));
    EXPECT_EQ(text(1, ResultsModel::MatchesColumn), QStringLiteral("no"));
    EXPECT_FALSE(m_model.index(1, ResultsModel::MatchesColumn).data(Qt::ToolTipRole).isValid());
}

TEST_F(ResultsModelTest, SpeedupIsAgainstTheSerialMedianOfTheSameNumbers)
{
    add(1, serial(1, 2.0, 0));
    add(1, serial(1, 4.0, 1));
    add(1, serial(1, 3.0, 2)); // median 3.0
    add(1, pool(1, 1.5));
    add(1, serial(2, 10.0));
    add(1, pool(2, 4.0));

    EXPECT_EQ(speedupAt(3), QStringLiteral("2.00x"));
    EXPECT_EQ(speedupAt(5), QStringLiteral("2.50x"));
    // The serial rows themselves: the median over their own time.
    EXPECT_EQ(speedupAt(0), QStringLiteral("1.50x"));
    EXPECT_EQ(speedupAt(2), QStringLiteral("1.00x"));
    EXPECT_DOUBLE_EQ(m_model.index(3, ResultsModel::SpeedupColumn).data(ResultsModel::kSortRole).toDouble(), 2.0);
    // The tooltip names the baseline, so "2.00x" can be checked by hand.
    const QString tip = m_model.index(3, ResultsModel::SpeedupColumn).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(QStringLiteral("3.000 s"))) << tip.toStdString();
}

TEST_F(ResultsModelTest, SpeedupUpdatesWhenSerialArrivesAfterTheOthers)
{
    add(1, pool(1, 1.0)); // row 0
    add(1, makeRun(QStringLiteral("threads"), 1, 0.5)); // row 1
    add(1, pool(2, 1.0)); // row 2: another set
    EXPECT_EQ(speedupAt(0), QStringLiteral("-"));

    QSignalSpy changed(&m_model, &ResultsModel::dataChanged);
    add(1, serial(1, 2.0)); // row 3
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<QModelIndex>().column(), ResultsModel::SpeedupColumn);
    EXPECT_EQ(changed.at(0).at(1).value<QModelIndex>().column(), ResultsModel::SpeedupColumn);
    EXPECT_EQ(speedupAt(0), QStringLiteral("2.00x"));
    EXPECT_EQ(speedupAt(1), QStringLiteral("4.00x"));
    EXPECT_EQ(speedupAt(2), QStringLiteral("-"));
    EXPECT_EQ(speedupAt(3), QStringLiteral("1.00x"));

    // A second serial repetition moves the median to 3.0.
    add(1, serial(1, 4.0, 1));
    EXPECT_EQ(speedupAt(0), QStringLiteral("3.00x"));
}

TEST_F(ResultsModelTest, SpeedupIsADashWithoutSerial)
{
    add(1, pool(1, 1.0));
    add(1, serial(2, 1.0)); // a serial of another set does not count
    EXPECT_EQ(speedupAt(0), QStringLiteral("-"));
    EXPECT_FALSE(m_model.index(0, ResultsModel::SpeedupColumn).data(ResultsModel::kSortRole).isValid());
}

TEST_F(ResultsModelTest, RerunsOfTheSameNumbersShareOneBaseline)
{
    add(1, serial(1, 2.0)); // row 0
    add(1, pool(1, 1.0)); // row 1
    add(2, pool(1, 1.0)); // row 2: a rerun of the same numbers
    EXPECT_EQ(speedupAt(2), QStringLiteral("2.00x"));
    add(2, serial(1, 4.0)); // row 3: the baseline now has two samples, median 3.0
    EXPECT_EQ(speedupAt(1), QStringLiteral("3.00x"));
    EXPECT_EQ(speedupAt(2), QStringLiteral("3.00x"));
}

TEST_F(ResultsModelTest, SortingByWallThroughAProxyIsNumeric)
{
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&m_model);
    proxy.setSortRole(ResultsModel::kSortRole);
    const QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);

    add(1, serial(1, 2.0));
    add(1, pool(1, 10e-3));
    add(1, pool(2, 9e-6));
    add(1, pool(2, 0.5, 1));
    proxy.sort(ResultsModel::WallColumn, Qt::AscendingOrder);

    QStringList walls;
    for (int row = 0; row < proxy.rowCount(); ++row)
        walls << proxy.index(row, ResultsModel::WallColumn).data().toString();
    // As text, "10.00 ms" < "2.000 s" < "500.00 ms" < "9.0 µs".
    EXPECT_EQ(walls,
        QStringList({QStringLiteral("9.0 µs"), QStringLiteral("10.00 ms"), QStringLiteral("500.00 ms"),
            QStringLiteral("2.000 s")}));

    // Speedups sort as numbers, and rows without one ("-") come after all of them.
    proxy.sort(ResultsModel::SpeedupColumn, Qt::AscendingOrder);
    QStringList speedups;
    for (int row = 0; row < proxy.rowCount(); ++row)
        speedups << proxy.index(row, ResultsModel::SpeedupColumn).data().toString();
    EXPECT_EQ(speedups,
        QStringList({QStringLiteral("1.00x"), QStringLiteral("200.00x"), QStringLiteral("-"), QStringLiteral("-")}));
}

TEST_F(ResultsModelTest, TsvOfAllRows)
{
    SetRun run = pool(1, 1.5e-6);
    run.cpuSeconds = 0.1786;
    add(1, serial(1, 3e-6));
    add(1, run);

    const QString tsv = m_model.toTsv();
    const QStringList lines = tsv.split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3);
    EXPECT_TRUE(tsv.endsWith(u'\n'));
    EXPECT_EQ(lines.at(0),
        QStringLiteral(
            "Id\tRun\tSet\tNumbers\tStrategy\tWorkers\tRep.\tWall (s)\tCPU (s)\tSpeedup (x)\tMatches serial"));
    // Times and speedups as plain numbers, so a spreadsheet takes them as numbers.
    EXPECT_EQ(lines.at(2), QStringLiteral("2\t1\t1\t10,12,5\tpool\t3 (auto)\t1\t1.5e-06\t0.1786\t2\tyes"));
    EXPECT_EQ(lines.at(1), QStringLiteral("1\t1\t1\t10,12,5\tserial\t1\t1\t3e-06\t6e-06\t1\tyes"));
    for (const QString& line : lines)
        EXPECT_EQ(line.count(u'\t'), ResultsModel::ColumnCount - 1) << line.toStdString();
}

TEST_F(ResultsModelTest, TsvOfSelectedRows)
{
    add(1, serial(1, 2.0));
    add(1, pool(1, 1.0));
    add(1, pool(2, 0.25));

    // In the order given (a sorted view passes its own order).
    const QStringList lines = m_model.toTsv({2, 0}).split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3);
    EXPECT_TRUE(lines.at(0).startsWith(QStringLiteral("Id\tRun\tSet\t")));
    EXPECT_EQ(lines.at(1), QStringLiteral("3\t1\t2\t35,30\tpool\t2 (auto)\t1\t0.25\t0.5\t\tyes"));
    EXPECT_EQ(lines.at(2), QStringLiteral("1\t1\t1\t10,12,5\tserial\t1\t1\t2\t4\t1\tyes"));
}

TEST_F(ResultsModelTest, FailedRunShowsTheError)
{
    add(1, serial(1, 2.0));
    SetRun failed = pool(1, 1.0);
    failed.matchesSerial = false;
    failed.error = QStringLiteral("worker crashed\tat task 12");
    add(1, failed);

    EXPECT_EQ(text(1, ResultsModel::MatchesColumn), QStringLiteral("failed: worker crashed\tat task 12"));
    EXPECT_EQ(m_model.index(1, ResultsModel::MatchesColumn).data(Qt::ToolTipRole).toString(), failed.error);
    EXPECT_EQ(speedupAt(1), QStringLiteral("-"));
    // The tab inside the error must not add a column to the TSV.
    const QStringList lines = m_model.toTsv({1}).split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_EQ(lines.at(1).count(u'\t'), ResultsModel::ColumnCount - 1);
    EXPECT_TRUE(lines.at(1).endsWith(QStringLiteral("\tfailed: worker crashed at task 12")));
}

TEST_F(ResultsModelTest, FailedSerialIsNotABaseline)
{
    SetRun failedSerial = serial(1, 0.1);
    failedSerial.error = QStringLiteral("cancelled");
    add(1, failedSerial);
    add(1, pool(1, 1.0));
    EXPECT_EQ(speedupAt(0), QStringLiteral("-"));
    EXPECT_EQ(speedupAt(1), QStringLiteral("-"));
    add(1, serial(1, 2.0, 1));
    EXPECT_EQ(speedupAt(1), QStringLiteral("2.00x"));
}

TEST_F(ResultsModelTest, ClearForgetsRowsAndSerialBaselines)
{
    add(1, serial(1, 2.0));
    QSignalSpy reset(&m_model, &ResultsModel::modelReset);
    m_model.clear();
    EXPECT_EQ(reset.count(), 1);
    EXPECT_EQ(m_model.rowCount(), 0);
    EXPECT_EQ(speedupAt(0), QString()); // no row, no text
    m_runs = {}; // what the window would summarise next
    add(1, pool(1, 1.0));
    EXPECT_EQ(speedupAt(0), QStringLiteral("-"));
}

TEST_F(ResultsModelTest, CsvQuotesFieldsAndNamesUnits)
{
    add(1, serial(1, 1.715299999999198e-05));
    const QStringList lines = m_model.toCsv().split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_EQ(lines.at(0),
        QStringLiteral("Id,Run,Set,Numbers,Strategy,Workers,Rep.,Wall (s),CPU (s),Speedup (x),Matches serial"));
    // The numbers list holds commas: quoted. The seconds are the shortest exact form, no float noise.
    EXPECT_EQ(
        lines.at(1), QStringLiteral("1,1,1,\"10,12,5\",serial,1,1,1.715299999999198e-05,3.430599999998396e-05,1,yes"));
}

// The session holds every run once; a row keeps what the table shows and not a second copy of the
// run's tasks (the largest experiment's are tens of MB), yet still says how many workers ran them.
TEST_F(ResultsModelTest, RowsKeepNoCopyOfTheTasks)
{
    add(1, pool(1, 1.0));
    ASSERT_EQ(m_model.rowCount(), 1);
    EXPECT_TRUE(m_model.runAt(0).tasks.empty());
    EXPECT_TRUE(m_model.runAt(0).workerStartups.empty());
    EXPECT_EQ(text(0, ResultsModel::WorkersColumn), QStringLiteral("3 (auto)"));
    EXPECT_EQ(m_model.index(0, ResultsModel::WorkersColumn).data(ResultsModel::kSortRole).toInt(), 3);
}
