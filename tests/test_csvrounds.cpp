// The CSV stage measured like the strategies: rounds, a rotating order, medians and paired ratios.

#include "core/analysis/csvsummary.h"
#include "core/csv/csvmoderegistry.h"
#include "core/csv/csvstage.h"
#include "core/exec/experimentrunner.h"
#include "core/exec/runobserver.h"
#include "core/io/resultsjson.h"
#include "core/io/resultsjsonreader.h"
#include "core/model/experimentplan.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace calcprof;
using namespace std::chrono_literals;

namespace {

const std::atomic<bool> kNeverStop {false};

/// Whether a CSV mode has already run in the current round: the first one finds the "cache" cold.
struct RoundState
{
    std::atomic<bool> warm {false};
};

/// Resets RoundState at the start of every CSV round.
class RoundWatcher final : public RunObserver
{
public:
    explicit RoundWatcher(RoundState& state)
        : m_state(state)
    { }
    void csvRoundStarted(int /*round*/, int /*rounds*/, const QStringList& /*order*/) override
    {
        m_state.warm.store(false);
    }

private:
    RoundState& m_state;
};

/// A CSV mode whose writing takes `work`, plus `coldPenalty` when it is the first mode of its round:
/// what the page cache did to the first mode of each run in the issue. It writes the real files,
/// one after another, so the stage's bytes are those of a real stage.
class OrderSensitiveMode final : public CsvWriteMode
{
public:
    OrderSensitiveMode(QString id, std::chrono::milliseconds work, RoundState& state)
        : m_id(std::move(id))
        , m_work(work)
        , m_state(state)
    { }

    QString id() const override { return m_id; }
    QString displayName() const override { return m_id; }
    QString description() const override { return QStringLiteral("slow when it runs first in a round"); }
    int writerCount(int /*poolSize*/, int /*fileCount*/) const override { return 1; }
    std::vector<CsvFileResult> write(CsvJob& job, int /*writers*/) const override
    {
        const bool first = !m_state.warm.exchange(true);
        std::this_thread::sleep_for(m_work + (first ? kColdPenalty : 0ms));
        std::vector<CsvFileResult> results;
        for (int position = 0; position < job.fileCount(); ++position)
            results.push_back(job.writeFile(position));
        return results;
    }

    static constexpr std::chrono::milliseconds kColdPenalty {250};

private:
    QString m_id;
    std::chrono::milliseconds m_work;
    RoundState& m_state;
};

/// serial 60 ms, parallel 20 ms, pool 40 ms, each + 250 ms when first in its round: the truth is
/// parallel fastest, pool 1.5x save_serial.
struct FakeModes
{
    RoundState state;
    CsvModeRegistry registry;

    FakeModes()
    {
        registry.add(std::make_unique<OrderSensitiveMode>(QStringLiteral("serial"), 60ms, state));
        registry.add(std::make_unique<OrderSensitiveMode>(QStringLiteral("parallel"), 20ms, state));
        registry.add(std::make_unique<OrderSensitiveMode>(QStringLiteral("pool"), 40ms, state));
    }
};

ExperimentPlan csvPlan(const QString& modes, const QString& directory)
{
    ExperimentPlan plan;
    plan.sets = {{3}};
    plan.strategies = {QStringLiteral("serial")};
    plan.repeat = 1;
    plan.warmup = 0;
    plan.csv.mode = modes;
    plan.csv.directory = directory;
    plan.csv.row = CsvRowSpec {5, 5};
    return plan;
}

CsvSummary runFakeStage(const QString& modes)
{
    const QTemporaryDir dir;
    EXPECT_TRUE(dir.isValid());
    FakeModes fake;
    RoundWatcher watcher(fake.state);
    const ExperimentPlan plan = csvPlan(modes, dir.path());
    EXPECT_EQ(validatePlan(plan, builtinStrategies(), fake.registry), QString());
    const Experiment experiment = ExperimentRunner(builtinStrategies(), fake.registry).run(plan, kNeverStop, &watcher);
    EXPECT_EQ(experiment.csv.size(), 9U); // three rounds by default with several modes
    return summarizeCsv(experiment);
}

} // namespace

// The "CSV order decides the verdict": every mode ran once, in the order given, and the first
// paid for the cache. With rounds in a rotating order each mode is first in one round of three, and
// the medians and per-round ratios give the same verdict whichever order the modes are given in.
TEST(CsvRounds, TheVerdictDoesNotFollowTheOrderTheModesAreGivenIn)
{
    const CsvSummary forward = runFakeStage(QStringLiteral("serial,parallel,pool"));
    const CsvSummary backward = runFakeStage(QStringLiteral("pool,parallel,serial"));
    for (const CsvSummary* summary : {&forward, &backward}) {
        ASSERT_EQ(summary->rounds, 3);
        ASSERT_NE(summary->fastest(), nullptr);
        EXPECT_EQ(summary->fastest()->mode, QStringLiteral("parallel"));
        const CsvEntrySummary* pool = summary->find(QStringLiteral("pool"));
        ASSERT_NE(pool, nullptr);
        EXPECT_EQ(pool->rounds, 3);
        ASSERT_TRUE(pool->againstSerial.has_value());
        EXPECT_TRUE(pool->againstSerial->paired());
        EXPECT_EQ(pool->againstSerial->samples, 3);
        // The truth is 1.5x; given in one fixed order it came out 6.5x (serial always first) or
        // 0.25x (pool always first).
        EXPECT_GT(pool->againstSerial->value, 1.1);
        EXPECT_LT(pool->againstSerial->value, 2.2);
        EXPECT_GT(pool->againstSerial->ratioOfMedians, 1.1);
        EXPECT_LT(pool->againstSerial->ratioOfMedians, 2.2);
    }
    const CsvRatio& a = *forward.find(QStringLiteral("pool"))->againstSerial;
    const CsvRatio& b = *backward.find(QStringLiteral("pool"))->againstSerial;
    EXPECT_TRUE(a.value >= b.low && a.value <= b.high) << a.value << " vs [" << b.low << ", " << b.high << "]";
    EXPECT_TRUE(b.value >= a.low && b.value <= a.high) << b.value << " vs [" << a.low << ", " << a.high << "]";
}

TEST(CsvRounds, RotationPutsEveryEntryFirstInTurnAndNeverKeepsAFixedOrder)
{
    // Round r starts with entry r: over as many rounds as entries, each is first exactly once.
    for (int entries = 1; entries <= 5; ++entries) {
        std::vector<int> firsts(static_cast<std::size_t>(entries), 0);
        for (int round = 0; round < entries; ++round) {
            std::vector<bool> seen(static_cast<std::size_t>(entries), false);
            for (int position = 0; position < entries; ++position)
                seen[static_cast<std::size_t>(rotatedEntry(round, position, entries))] = true;
            EXPECT_EQ(std::count(seen.begin(), seen.end(), true), entries); // every entry once per round
            ++firsts[static_cast<std::size_t>(rotatedEntry(round, 0, entries))];
        }
        EXPECT_EQ(std::count(firsts.begin(), firsts.end(), 1), entries);
    }
    // With two modes and the raw write, a mode is before the other in one round and after it in another.
    const auto positionOf = [](int round, int entry) {
        for (int position = 0; position < 3; ++position) {
            if (rotatedEntry(round, position, 3) == entry)
                return position;
        }
        return -1;
    };
    EXPECT_LT(positionOf(0, 0), positionOf(0, 1));
    EXPECT_GT(positionOf(1, 0), positionOf(1, 1));
}

TEST(CsvRounds, RepeatDefaultsToThreeWithSeveralModesAndThePoolSizeToTheCores)
{
    CsvOptions csv;
    csv.mode = QStringLiteral("serial");
    EXPECT_EQ(csv.rounds(), 1);
    csv.mode = QStringLiteral("serial,pool");
    EXPECT_EQ(csv.rounds(), kDefaultCsvRepeatSeveralModes);
    csv.repeat = 7;
    EXPECT_EQ(csv.rounds(), 7);
    EXPECT_EQ(csv.writerPoolSize(), defaultCsvPoolSize());
    csv.poolSize = 5;
    EXPECT_EQ(csv.writerPoolSize(), 5);

    ExperimentPlan plan = csvPlan(QStringLiteral("pool"), QString());
    plan.csv.repeat = kMaxRepeat + 1;
    EXPECT_TRUE(validatePlan(plan).contains(QStringLiteral("CSV repeat"))) << validatePlan(plan).toStdString();
    plan.csv.repeat = 1;
    plan.csv.poolSize = maxPoolSize() + 1;
    EXPECT_TRUE(validatePlan(plan).contains(QStringLiteral("writer pool size"))) << validatePlan(plan).toStdString();
}

// The issue: "the writer pool silently took the first sweep value (1 writer)".
TEST(CsvRounds, ThePoolModeUsesItsOwnPoolSizeNotTheStrategiesSweep)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ExperimentPlan plan = csvPlan(QStringLiteral("pool"), dir.path());
    plan.sets = {{2}, {3, 4, 5}};
    plan.csv.setIndex = 2; // 12 files
    plan.poolSizes = {1, 2};
    plan.csv.poolSize = 3;
    ASSERT_EQ(validatePlan(plan), QString());
    Experiment experiment = ExperimentRunner().run(plan, kNeverStop);
    ASSERT_EQ(experiment.csv.size(), 1U);
    EXPECT_TRUE(experiment.csv[0].ok()) << experiment.csv[0].error.toStdString();
    EXPECT_EQ(experiment.csv[0].poolSize, 3);

    plan.csv.poolSize = 0; // the default: the cores
    experiment = ExperimentRunner().run(plan, kNeverStop);
    ASSERT_EQ(experiment.csv.size(), 1U);
    EXPECT_EQ(experiment.csv[0].poolSize, std::min(defaultCsvPoolSize(), 12));
}

// Every round writes the same res*.txt: a round's files must be gone before the next, or its stages
// would refuse to overwrite them; --keep-files keeps the last round's.
TEST(CsvRounds, EachRoundClearsItsFilesAndOnlyTheLastRoundsAreKept)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ExperimentPlan plan = csvPlan(QStringLiteral("serial"), dir.path());
    plan.csv.repeat = 3;
    plan.csv.keepFiles = true;
    ASSERT_EQ(validatePlan(plan), QString());
    const Experiment experiment = ExperimentRunner().run(plan, kNeverStop);
    ASSERT_EQ(experiment.csv.size(), 3U);
    for (const CsvRun& stage : experiment.csv) {
        EXPECT_TRUE(stage.ok()) << stage.error.toStdString();
        EXPECT_EQ(stage.keptFiles, stage.round == 2);
    }
    EXPECT_EQ(experiment.rawWrites.size(), 3U);
    QStringList expected {QStringLiteral("res1.txt"), QStringLiteral("res2.txt"), QStringLiteral("res3.txt")};
    EXPECT_EQ(test::everythingIn(dir.path()), expected); // no raw-write scratch left either
}

TEST(CsvRounds, TheSummaryQuotesMediansOfRoundsAndPairsRatiosByRound)
{
    Experiment experiment;
    const auto stage = [](const QString& mode, int round, double seconds) {
        CsvRun run;
        run.mode = mode;
        run.round = round;
        run.poolSize = mode == kSaveSerialMode ? 1 : 4;
        run.files = run.plannedFiles = 10;
        run.bytes = 100'000'000;
        run.headerBytes = run.footerBytes = 5'000'000;
        run.wallSeconds = seconds;
        run.mbPerSecond = megabytesPerSecond(run.bytes, seconds);
        run.peakRssBytes = 1'000'000 * (round + 1);
        return run;
    };
    // A machine that slows down round by round: serial and pool are 2:1 in every round.
    for (int round = 0; round < 5; ++round) {
        const double drift = 1.0 + round;
        experiment.csv.push_back(stage(kSaveSerialMode, round, 0.2 * drift));
        experiment.csv.push_back(stage(QStringLiteral("pool"), round, 0.1 * drift));
        experiment.rawWrites.push_back(RawWriteReference {100'000'000, 0.05 * drift, 0.0, false, round, 2});
    }
    CsvRun failed = stage(QStringLiteral("parallel"), 0, 1.0);
    failed.error = QStringLiteral("disk full");
    experiment.csv.push_back(failed);

    const CsvSummary summary = summarizeCsv(experiment);
    EXPECT_EQ(summary.rounds, 5);
    EXPECT_FALSE(summary.fsync);
    ASSERT_EQ(summary.modes.size(), 2U); // parallel failed in its only round
    EXPECT_EQ(summary.modes[0].mode, kSaveSerialMode); // the registry's order
    const CsvEntrySummary& pool = summary.modes[1];
    EXPECT_EQ(pool.rounds, 5);
    EXPECT_DOUBLE_EQ(pool.seconds.median, 0.3);
    EXPECT_DOUBLE_EQ(pool.mbPerSecond, 100.0 / 0.3);
    EXPECT_EQ(pool.peakRssBytes, 5'000'000);
    ASSERT_TRUE(pool.againstSerial.has_value());
    EXPECT_EQ(pool.againstSerial->samples, 5);
    // Paired: 2.00x in every round, so no spread; the medians' intervals cross wide of it.
    EXPECT_DOUBLE_EQ(pool.againstSerial->value, 2.0);
    EXPECT_DOUBLE_EQ(pool.againstSerial->low, 2.0);
    EXPECT_DOUBLE_EQ(pool.againstSerial->high, 2.0);
    EXPECT_DOUBLE_EQ(pool.againstSerial->ratioOfMedians, 2.0);
    ASSERT_TRUE(pool.againstRaw.has_value());
    EXPECT_DOUBLE_EQ(pool.againstRaw->value, 0.5);
    EXPECT_FALSE(summary.modes[0].againstSerial.has_value());
    ASSERT_TRUE(summary.raw.has_value());
    EXPECT_EQ(summary.raw->rounds, 5);
    EXPECT_DOUBLE_EQ(summary.raw->seconds.median, 0.15);
    EXPECT_EQ(summary.fastest(), &summary.modes[1]);

    // A raw write measured apart (the window's button) pairs with no round: the ratio of medians.
    experiment.rawWrites = {RawWriteReference {100'000'000, 0.15, 0.0, false}};
    const CsvSummary apart = summarizeCsv(experiment);
    ASSERT_TRUE(apart.modes[1].againstRaw.has_value());
    EXPECT_FALSE(apart.modes[1].againstRaw->paired());
    EXPECT_DOUBLE_EQ(apart.modes[1].againstRaw->value, 0.5);
}

TEST(CsvRounds, TheJsonRecordsEveryRoundAndReadsOldFilesWithoutRounds)
{
    Experiment experiment = Experiment {}.stamped();
    experiment.plan.csv.mode = QStringLiteral("serial,pool");
    experiment.plan.csv.poolSize = 3;
    for (int round = 0; round < 3; ++round) {
        CsvRun run;
        run.mode = QStringLiteral("serial");
        run.setIndex = 1;
        run.round = round;
        run.order = (3 - round) % 3;
        run.wallSeconds = 0.1;
        experiment.csv.push_back(run);
    }
    const QByteArray bytes = toJsonBytes(experiment);
    const ExperimentRead read = experimentFromJson(bytes, QStringLiteral("r.json"));
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    ASSERT_EQ(read.experiment.csv.size(), 3U);
    for (std::size_t index = 0; index < 3; ++index) {
        EXPECT_EQ(read.experiment.csv[index].round, experiment.csv[index].round);
        EXPECT_EQ(read.experiment.csv[index].order, experiment.csv[index].order);
    }
    EXPECT_EQ(read.experiment.plan.csv.rounds(), 3);
    EXPECT_EQ(read.experiment.plan.csv.writerPoolSize(), 3);

    // A file from before the rounds: no "round", "order", "csv_repeat" or "csv_pool_size".
    QJsonObject object = QJsonDocument::fromJson(bytes).object();
    QJsonArray stages = object.value(QStringLiteral("csv")).toArray();
    for (auto&& value : stages) {
        QJsonObject stage = value.toObject();
        stage.remove(QStringLiteral("round"));
        stage.remove(QStringLiteral("order"));
        value = stage;
    }
    object.insert(QStringLiteral("csv"), stages);
    QJsonObject settings = object.value(QStringLiteral("settings")).toObject();
    settings.remove(QStringLiteral("csv_repeat"));
    settings.remove(QStringLiteral("csv_pool_size"));
    object.insert(QStringLiteral("settings"), settings);
    const ExperimentRead old = experimentFromJson(QJsonDocument(object).toJson(), QStringLiteral("old.json"));
    ASSERT_TRUE(old.ok()) << old.error.toStdString();
    ASSERT_EQ(old.experiment.csv.size(), 3U);
    EXPECT_EQ(old.experiment.csv[2].round, 0);
    EXPECT_EQ(old.experiment.plan.csv.repeat, 0); // the default
}
