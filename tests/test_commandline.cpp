#include "app/cli/commandline.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"
#include "core/strategies/strategyregistry.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>

using namespace calcprof;
using calcprof::test::everythingIn;
using calcprof::test::filesIn;

namespace {

// The parse of `arguments`, which must be accepted.
CommandLine accepted(const QStringList& arguments)
{
    const CommandLineParse result = parseCommandLine(arguments);
    EXPECT_TRUE(result.ok()) << arguments.join(u' ').toStdString() << ": " << result.error.toStdString();
    return result.commandLine;
}

// The error for `arguments`, which must be rejected.
QString rejected(const QStringList& arguments)
{
    const CommandLineParse result = parseCommandLine(arguments);
    EXPECT_FALSE(result.ok()) << arguments.join(u' ').toStdString() << " was accepted";
    EXPECT_FALSE(result.error.isEmpty());
    return result.error;
}

// A CSV stage that validates quickly: tiny rows into an existing empty folder.
QStringList smallCsv(const QString& directory)
{
    return {QStringLiteral("--csv-mode"), QStringLiteral("serial"), QStringLiteral("--csv-dir"), directory,
        QStringLiteral("--header-bytes"), QStringLiteral("10"), QStringLiteral("--footer-bytes"), QStringLiteral("10")};
}

QStringList lines(const QString& text)
{
    QStringList result = text.split(u'\n');
    if (!result.isEmpty() && result.constLast().isEmpty())
        result.removeLast();
    return result;
}

} // namespace

// --- defaults -------------------------------------------------------------------------------------

TEST(CommandLine, NoArgumentsGiveTheDefaults)
{
    const CommandLine command = accepted({});

    EXPECT_EQ(command.action, CommandLine::Action::Run);
    const std::vector<NumberSet> expectedSets {{10, 12, 5, 7, 4, 3, 2}, {35, 30, 25, 40}, {40, 38, 42}};
    EXPECT_EQ(command.plan.sets, expectedSets);
    // every strategy that can run here, in registry order
    EXPECT_EQ(command.plan.strategies, availableStrategyIds(builtinStrategies()));
    EXPECT_EQ(command.plan.poolSizes, std::vector<int> {kAutoPoolSize});
    EXPECT_EQ(command.plan.repeat, kDefaultRepeat);
    EXPECT_EQ(command.plan.warmup, kDefaultWarmup);
    EXPECT_EQ(command.plan.csv.mode, QStringLiteral("none"));
    EXPECT_FALSE(command.plan.csv.enabled());
    EXPECT_EQ(command.plan.csv.setIndex, 1);
    EXPECT_TRUE(command.plan.csv.directory.isEmpty());
    EXPECT_EQ(command.plan.csv.row.headerBytes, 100'000'000U);
    EXPECT_EQ(command.plan.csv.row.footerBytes, 100'000'000U);
    EXPECT_FALSE(command.plan.csv.fsync);
    EXPECT_FALSE(command.plan.csv.keepFiles);
    EXPECT_TRUE(command.jsonPath.isEmpty());
    EXPECT_FALSE(command.quiet);
    EXPECT_FALSE(command.headless);
}

// --- each option ------------------------------------------------------------------------------------

TEST(CommandLine, ParsesSets)
{
    const CommandLine command = accepted({QStringLiteral("--sets"), QStringLiteral("5, 6; 7")});

    const std::vector<NumberSet> expected {{5, 6}, {7}};
    EXPECT_EQ(command.plan.sets, expected);
}

TEST(CommandLine, ParsesStrategiesInTheGivenOrder)
{
    const CommandLine command = accepted({QStringLiteral("--strategies"), QStringLiteral("async,serial")});

    EXPECT_EQ(command.plan.strategies, QStringList({QStringLiteral("async"), QStringLiteral("serial")}));
}

TEST(CommandLine, ParsesPoolSizeNumberAndAuto)
{
    EXPECT_EQ(accepted({QStringLiteral("--pool-size"), QStringLiteral("3")}).plan.poolSizes, std::vector<int> {3});
    EXPECT_EQ(accepted({QStringLiteral("--pool-size"), QStringLiteral("1")}).plan.poolSizes, std::vector<int> {1});
    EXPECT_EQ(accepted({QStringLiteral("--pool-size"), QString::number(maxPoolSize())}).plan.poolSizes,
        std::vector<int> {maxPoolSize()});
    EXPECT_EQ(accepted({QStringLiteral("--pool-size"), QStringLiteral("auto")}).plan.poolSizes,
        std::vector<int> {kAutoPoolSize});
}

TEST(CommandLine, ParsesRepeat)
{
    EXPECT_EQ(accepted({QStringLiteral("--repeat"), QStringLiteral("4")}).plan.repeat, 4);
    EXPECT_FALSE(accepted({QStringLiteral("--repeat"), QStringLiteral("4")}).plan.autoRepeat.enabled);
}

TEST(CommandLine, RepeatAutoTakesItsPrecisionAndTimeBudgetAndRefusesThemAlone)
{
    const ExperimentPlan defaults = accepted({QStringLiteral("--repeat"), QStringLiteral("auto")}).plan;
    EXPECT_TRUE(defaults.autoRepeat.enabled);
    EXPECT_EQ(defaults.repeat, kMinAutoRepeat);
    EXPECT_DOUBLE_EQ(defaults.autoRepeat.precision, kDefaultPrecision);
    EXPECT_DOUBLE_EQ(defaults.autoRepeat.maxSecondsPerSet, kDefaultMaxSecondsPerSet);

    const ExperimentPlan given = accepted({QStringLiteral("--repeat=auto"), QStringLiteral("--precision=2.5%"),
                                              QStringLiteral("--max-time"), QStringLiteral("20s")})
                                     .plan;
    EXPECT_DOUBLE_EQ(given.autoRepeat.precision, 0.025);
    EXPECT_DOUBLE_EQ(given.autoRepeat.maxSecondsPerSet, 20.0);
    EXPECT_DOUBLE_EQ(
        accepted({QStringLiteral("--repeat=auto"), QStringLiteral("--precision=1")}).plan.autoRepeat.precision, 0.01);

    EXPECT_TRUE(rejected({QStringLiteral("--precision=3")}).contains(QStringLiteral("goes with --repeat auto")));
    EXPECT_TRUE(rejected({QStringLiteral("--repeat=4"), QStringLiteral("--max-time=9")})
                    .contains(QStringLiteral("--max-time goes with --repeat auto")));
    for (const QString& precision :
        {QStringLiteral("0"), QStringLiteral("51"), QStringLiteral("nan"), QStringLiteral("x"), QStringLiteral("-3")}) {
        const QString error = rejected({QStringLiteral("--repeat=auto"), QStringLiteral("--precision=") + precision});
        EXPECT_TRUE(error.contains(QStringLiteral("--precision: '") + precision + u'\'')) << error.toStdString();
    }
    for (const QString& seconds : {QStringLiteral("0"), QStringLiteral("86401"), QStringLiteral("inf")}) {
        const QString error = rejected({QStringLiteral("--repeat=auto"), QStringLiteral("--max-time=") + seconds});
        EXPECT_TRUE(error.contains(QStringLiteral("use seconds from 1 to 86400"))) << error.toStdString();
    }
    EXPECT_TRUE(rejected({QStringLiteral("--repeat=automatic")}).contains(QStringLiteral("or auto")));
}

TEST(CommandLine, ParsesTheCsvOptions)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());

    const CommandLine command = accepted({QStringLiteral("--csv-mode"), QStringLiteral("pool"),
        QStringLiteral("--csv-set"), QStringLiteral("2"), QStringLiteral("--csv-dir"), dir.path(),
        QStringLiteral("--header-bytes"), QStringLiteral("12"), QStringLiteral("--footer-bytes"), QStringLiteral("34"),
        QStringLiteral("--fsync"), QStringLiteral("--keep-files")});

    const CsvOptions& csv = command.plan.csv;
    EXPECT_EQ(csv.mode, QStringLiteral("pool"));
    EXPECT_TRUE(csv.enabled());
    EXPECT_EQ(csv.setIndex, 2);
    EXPECT_EQ(csv.directory, dir.path());
    EXPECT_EQ(csv.row.headerBytes, 12U);
    EXPECT_EQ(csv.row.footerBytes, 34U);
    EXPECT_TRUE(csv.fsync);
    EXPECT_TRUE(csv.keepFiles);
    EXPECT_EQ(filesIn(dir.path()), QStringList()); // parsing checks, never writes
}

TEST(CommandLine, ByteCountsTakeDecimalSuffixes)
{
    auto header = [](const QString& text) {
        return accepted({QStringLiteral("--header-bytes"), text}).plan.csv.row.headerBytes;
    };
    EXPECT_EQ(header(QStringLiteral("0")), 0U);
    EXPECT_EQ(header(QStringLiteral("2K")), 2'000U);
    EXPECT_EQ(header(QStringLiteral("2k")), 2'000U);
    EXPECT_EQ(header(QStringLiteral("10M")), 10'000'000U);
    EXPECT_EQ(header(QStringLiteral("3G")), 3'000'000'000U);
    EXPECT_EQ(header(QStringLiteral("10G")), kMaxPaddingBytes);
    EXPECT_EQ(accepted({QStringLiteral("--footer-bytes"), QStringLiteral("7K")}).plan.csv.row.footerBytes, 7'000U);
}

TEST(CommandLine, ParsesTheOutputFlags)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString json = dir.filePath(QStringLiteral("out.json"));

    const CommandLine command
        = accepted({QStringLiteral("--json"), json, QStringLiteral("--quiet"), QStringLiteral("--headless")});

    EXPECT_EQ(command.jsonPath, json);
    EXPECT_TRUE(command.quiet);
    EXPECT_TRUE(command.headless);
    EXPECT_EQ(command.action, CommandLine::Action::Run);
    EXPECT_FALSE(QFileInfo::exists(json)); // checked, not written
}

TEST(CommandLine, AcceptsOptionEqualsValue)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString json = dir.filePath(QStringLiteral("out.json"));

    const CommandLine command = accepted({QStringLiteral("--sets=5,6;7"), QStringLiteral("--strategies=pool"),
        QStringLiteral("--pool-size=2"), QStringLiteral("--repeat=3"), QStringLiteral("--csv-mode=parallel"),
        QStringLiteral("--csv-set=2"), QStringLiteral("--csv-dir=") + dir.path(), QStringLiteral("--header-bytes=1K"),
        QStringLiteral("--footer-bytes=5"), QStringLiteral("--json=") + json});

    const std::vector<NumberSet> sets {{5, 6}, {7}};
    EXPECT_EQ(command.plan.sets, sets);
    EXPECT_EQ(command.plan.strategies, QStringList({QStringLiteral("pool")}));
    EXPECT_EQ(command.plan.poolSizes, std::vector<int> {2});
    EXPECT_EQ(command.plan.repeat, 3);
    EXPECT_EQ(command.plan.csv.mode, QStringLiteral("parallel"));
    EXPECT_EQ(command.plan.csv.setIndex, 2);
    EXPECT_EQ(command.plan.csv.directory, dir.path());
    EXPECT_EQ(command.plan.csv.row.headerBytes, 1'000U);
    EXPECT_EQ(command.plan.csv.row.footerBytes, 5U);
    EXPECT_EQ(command.jsonPath, json);
}

// --- actions --------------------------------------------------------------------------------------------

TEST(CommandLine, RecognisesTheActions)
{
    EXPECT_EQ(accepted({QStringLiteral("--help")}).action, CommandLine::Action::Help);
    EXPECT_EQ(accepted({QStringLiteral("-h")}).action, CommandLine::Action::Help);
    EXPECT_EQ(accepted({QStringLiteral("--version")}).action, CommandLine::Action::Version);
    EXPECT_EQ(accepted({QStringLiteral("--list-strategies")}).action, CommandLine::Action::ListStrategies);
    EXPECT_EQ(accepted({QStringLiteral("--list-csv-modes")}).action, CommandLine::Action::ListCsvModes);
}

TEST(CommandLine, HelpNamesEveryOption)
{
    const QString help = helpText();
    for (const char* option :
        {"--headless", "--sets", "--strategies", "--pool-size", "--repeat", "--csv-mode", "--csv-set", "--csv-dir",
            "--header-bytes", "--footer-bytes", "--fsync", "--keep-files", "--json", "--trace", "--report",
            "--baseline", "--from-json", "--quiet", "--list-strategies", "--list-csv-modes", "--version", "--help"}) {
        EXPECT_TRUE(help.contains(QLatin1StringView(option))) << option;
    }
}

// --- bad input ------------------------------------------------------------------------------------------

TEST(CommandLine, RejectsAnUnknownOption)
{
    const QString error = rejected({QStringLiteral("--bogus")});
    EXPECT_TRUE(error.contains(QStringLiteral("bogus"))) << error.toStdString();
}

TEST(CommandLine, RejectsAPositionalArgument)
{
    const QString error = rejected({QStringLiteral("--quiet"), QStringLiteral("stray")});
    EXPECT_TRUE(error.contains(QStringLiteral("stray"))) << error.toStdString();
}

TEST(CommandLine, RejectsAnOptionWithoutItsValue)
{
    const QString error = rejected({QStringLiteral("--sets")});
    EXPECT_TRUE(error.contains(QStringLiteral("sets"))) << error.toStdString();
}

TEST(CommandLine, RejectsBadSetsNamingTheToken)
{
    struct Case
    {
        const char* text;
        const char* named; // what the message must quote
    };
    const std::vector<Case> cases {
        {"5,x", "'x'"}, // not a number
        {"5,-3", "'-3'"}, // negative
        {"5,51", "'51'"}, // above the maximum
        {"5,99999999999999999999", "'99999999999999999999'"}, // would overflow
        {"5,,6", "position 3"}, // missing number
        {"5;;6", "set 2"}, // empty set
        {"5,2.5", "'2.5'"}, // not whole
    };
    for (const Case& badCase : cases) {
        const QString error = rejected({QStringLiteral("--sets"), QString::fromLatin1(badCase.text)});
        EXPECT_TRUE(error.contains(QStringLiteral("--sets"))) << badCase.text << ": " << error.toStdString();
        EXPECT_TRUE(error.contains(QLatin1StringView(badCase.named))) << badCase.text << ": " << error.toStdString();
    }
    EXPECT_TRUE(rejected({QStringLiteral("--sets"), QStringLiteral("  ")}).contains(QStringLiteral("--sets")));
}

TEST(CommandLine, RejectsAnUnknownStrategy)
{
    const QString error = rejected({QStringLiteral("--strategies"), QStringLiteral("serial,bogus")});
    EXPECT_TRUE(error.contains(QStringLiteral("'bogus'"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("serial,pool,threads,async"))) << error.toStdString(); // the choice
}

TEST(CommandLine, RejectsAnEmptyStrategyListItem)
{
    for (const QString& list : {QStringLiteral("serial,,pool"), QStringLiteral("serial,"), QStringLiteral("")}) {
        const QString error = rejected({QStringLiteral("--strategies"), list});
        EXPECT_TRUE(error.contains(QStringLiteral("--strategies")))
            << list.toStdString() << ": " << error.toStdString();
        EXPECT_TRUE(error.contains(u'\'' + list + u'\'')) << list.toStdString() << ": " << error.toStdString();
    }
}

TEST(CommandLine, RejectsARepeatedStrategy)
{
    const QString error = rejected({QStringLiteral("--strategies"), QStringLiteral("pool,pool")});
    EXPECT_TRUE(error.contains(QStringLiteral("'pool'"))) << error.toStdString();
}

TEST(CommandLine, RejectsBadPoolSizes)
{
    for (const QString& size : {QStringLiteral("0"), QStringLiteral("-1"), QStringLiteral("abc"),
             QStringLiteral("1000000"), QString::number(maxPoolSize() + 1), QStringLiteral("2.5")}) {
        const QString error = rejected({QStringLiteral("--pool-size=") + size});
        EXPECT_TRUE(error.contains(QStringLiteral("--pool-size"))) << error.toStdString();
        EXPECT_TRUE(error.contains(u'\'' + size + u'\'')) << size.toStdString() << ": " << error.toStdString();
    }
}

TEST(CommandLine, ParsesPoolSizeSweeps)
{
    EXPECT_EQ(accepted({QStringLiteral("--pool-size"), QStringLiteral("1-3,8")}).plan.poolSizes,
        (std::vector<int> {1, 2, 3, 8}));
    EXPECT_EQ(accepted({QStringLiteral("--pool-size=1-4,8,auto")}).plan.poolSizes,
        (std::vector<int> {1, 2, 3, 4, 8, kAutoPoolSize}));
}

TEST(CommandLine, RejectsBadPoolSizeRangesNamingTheToken)
{
    const QString tooBig = QString::number(maxPoolSize() + 1);
    for (const QString& text : {QStringLiteral("3-1"), QStringLiteral("0-2"), QStringLiteral("1-"),
             QString(QStringLiteral("1-") + tooBig), QStringLiteral("2,x")}) {
        const QString error = rejected({QStringLiteral("--pool-size=") + text});
        EXPECT_TRUE(error.startsWith(QStringLiteral("--pool-size: "))) << error.toStdString();
        const QString token = text.section(u',', -1);
        EXPECT_TRUE(error.contains(u'\'' + token + u'\'')) << text.toStdString() << ": " << error.toStdString();
    }
    const QString empty = rejected({QStringLiteral("--pool-size=1,,2")});
    EXPECT_TRUE(empty.contains(QStringLiteral("empty value at item 2 of '1,,2'"))) << empty.toStdString();
}

TEST(CommandLine, ParsesAndValidatesWarmupLikeRepeat)
{
    EXPECT_EQ(accepted({QStringLiteral("--warmup"), QStringLiteral("0")}).plan.warmup, 0);
    EXPECT_EQ(accepted({QStringLiteral("--warmup=3")}).plan.warmup, 3);
    for (const QString& warmup : {QStringLiteral("-1"), QStringLiteral("abc"), QStringLiteral("1.5"),
             QString::number(kMaxWarmup + 1), QString()}) {
        const QString error = rejected({QStringLiteral("--warmup=") + warmup});
        EXPECT_TRUE(error.contains(QStringLiteral("--warmup"))) << error.toStdString();
        EXPECT_TRUE(error.contains(u'\'' + warmup + u'\'')) << warmup.toStdString() << ": " << error.toStdString();
    }
}

TEST(CommandLine, ParsesAndValidatesRetryDisturbed)
{
    EXPECT_EQ(accepted({}).plan.retryDisturbed, kDefaultRetryDisturbed);
    EXPECT_EQ(kDefaultRetryDisturbed, 2);
    EXPECT_EQ(accepted({QStringLiteral("--retry-disturbed"), QStringLiteral("0")}).plan.retryDisturbed, 0);
    EXPECT_EQ(accepted({QStringLiteral("--retry-disturbed=10")}).plan.retryDisturbed, 10);
    EXPECT_TRUE(accepted({QStringLiteral("--retry-disturbed=1")}).planGiven); // the window starts with it
    for (const QString& retries : {QStringLiteral("-1"), QStringLiteral("abc"), QStringLiteral("1.5"),
             QString::number(kMaxRetryDisturbed + 1), QString()}) {
        const QString error = rejected({QStringLiteral("--retry-disturbed=") + retries});
        EXPECT_TRUE(error.contains(QStringLiteral("--retry-disturbed: '%1' is not allowed; use a whole number from 0 "
                                                  "to 10")
                                       .arg(retries)))
            << retries.toStdString() << ": " << error.toStdString();
    }
    ExperimentPlan plan;
    plan.retryDisturbed = kMaxRetryDisturbed + 1; // the window's path: validatePlan() says it too
    EXPECT_EQ(validatePlan(plan), QStringLiteral("retries of a disturbed run 11 is out of range; use 0 to 10"));
    const QString help = helpText();
    EXPECT_TRUE(help.contains(QStringLiteral("--retry-disturbed N"))) << help.toStdString();
    EXPECT_TRUE(help.contains(QStringLiteral("more than 10 % of"))) << help.toStdString();
    EXPECT_TRUE(help.contains(QStringLiteral("more than 5 %"))) << help.toStdString();
}

TEST(CommandLine, RejectsBadViews)
{
    const QStringList run {QStringLiteral("--run"), QStringLiteral("--export-png"), QStringLiteral("x.png")};
    for (const QString& view :
        {QStringLiteral("time"), QStringLiteral("speedup"), QStringLiteral("timeline"), QStringLiteral("csv")})
        EXPECT_EQ(accepted(run + QStringList {QStringLiteral("--view"), view}).view, view);
    const QString unknown = rejected(run + QStringList {QStringLiteral("--view"), QStringLiteral("gantt")});
    EXPECT_EQ(unknown,
        QStringLiteral("--view: 'gantt' is not a view; choose from time,speedup,timeline,csv,findings,program"));
    const QString alone = rejected({QStringLiteral("--view"), QStringLiteral("time")});
    EXPECT_TRUE(alone.contains(QStringLiteral("needs --export-png"))) << alone.toStdString();
}

TEST(CommandLine, AViewFocusNeedsAViewThatTakesItAndValidValues)
{
    const QStringList timeline {QStringLiteral("--run"), QStringLiteral("--export-png"), QStringLiteral("x.png"),
        QStringLiteral("--view"), QStringLiteral("timeline")};
    const ViewFocus focus = accepted(timeline
        + QStringList {QStringLiteral("--view-set"), QStringLiteral("3"), QStringLiteral("--view-strategy"),
            QStringLiteral("processes"), QStringLiteral("--view-pool-size"), QStringLiteral("auto")})
                                .viewFocus;
    EXPECT_EQ(focus.setIndex, 3);
    EXPECT_EQ(focus.strategy, QStringLiteral("processes"));
    EXPECT_EQ(focus.poolSize, kAutoPoolSize);
    EXPECT_EQ(
        accepted(timeline + QStringList {QStringLiteral("--view-pool-size"), QStringLiteral("7")}).viewFocus.poolSize,
        7);

    EXPECT_EQ(rejected(timeline + QStringList {QStringLiteral("--view-set"), QStringLiteral("0")}),
        QStringLiteral("--view-set: '0' is not a set; give its number, 1 to 64"));
    EXPECT_EQ(rejected(timeline + QStringList {QStringLiteral("--view-strategy"), QStringLiteral("fork")}),
        QStringLiteral("--view-strategy: unknown strategy 'fork'; choose from ")
            + builtinStrategies().ids().join(u','));
    EXPECT_EQ(rejected(timeline + QStringList {QStringLiteral("--view-pool-size"), QStringLiteral("1-3")}),
        QStringLiteral("--view-pool-size: '1-3' is not one pool size; give auto or a whole number"));
    // Without a view that takes it (none, or the CSV view, which shows every mode at once).
    const QString withoutView = rejected({QStringLiteral("--run"), QStringLiteral("--export-png"),
        QStringLiteral("x.png"), QStringLiteral("--view-set"), QStringLiteral("1")});
    EXPECT_TRUE(withoutView.contains(QStringLiteral("give one of those views"))) << withoutView.toStdString();
    const QString csv = rejected({QStringLiteral("--run"), QStringLiteral("--export-png"), QStringLiteral("x.png"),
        QStringLiteral("--view"), QStringLiteral("csv"), QStringLiteral("--view-set"), QStringLiteral("1")});
    EXPECT_TRUE(csv.contains(QStringLiteral("give one of those views"))) << csv.toStdString();
}

TEST(CommandLine, RejectsANegativePoolSizeGivenAsSeparateValue)
{
    const QString error = rejected({QStringLiteral("--pool-size"), QStringLiteral("-1")});
    EXPECT_TRUE(error.contains(QStringLiteral("-1"))) << error.toStdString();
}

TEST(CommandLine, RejectsBadRepeats)
{
    for (const QString& repeat :
        {QStringLiteral("0"), QStringLiteral("-2"), QStringLiteral("x"), QString::number(kMaxRepeat + 1)}) {
        const QString error = rejected({QStringLiteral("--repeat=") + repeat});
        EXPECT_TRUE(error.contains(QStringLiteral("--repeat"))) << error.toStdString();
        EXPECT_TRUE(error.contains(u'\'' + repeat + u'\'')) << repeat.toStdString() << ": " << error.toStdString();
    }
}

TEST(CommandLine, ParsesCsvRepeatAndPoolSizeAndRejectsBadValues)
{
    const CommandLine defaults = accepted({QStringLiteral("--csv-mode"), QStringLiteral("all")});
    EXPECT_EQ(defaults.plan.csv.rounds(), kDefaultCsvRepeatSeveralModes);
    EXPECT_EQ(defaults.plan.csv.writerPoolSize(), defaultCsvPoolSize());
    const CommandLine given = accepted({QStringLiteral("--csv-mode"), QStringLiteral("all"),
        QStringLiteral("--csv-repeat"), QStringLiteral("5"), QStringLiteral("--csv-pool-size"), QStringLiteral("3"),
        QStringLiteral("--pool-size"), QStringLiteral("1-4")});
    EXPECT_EQ(given.plan.csv.rounds(), 5);
    EXPECT_EQ(given.plan.csv.writerPoolSize(), 3); // its own setting, not the sweep's first value
    for (const QString& option : {QStringLiteral("--csv-repeat"), QStringLiteral("--csv-pool-size")}) {
        for (const QString& value : {QStringLiteral("0"), QStringLiteral("-2"), QStringLiteral("x"),
                 QStringLiteral("2.5"), QString::number(std::max(kMaxRepeat, maxPoolSize()) + 1)}) {
            const QString error = rejected({option + u'=' + value});
            EXPECT_TRUE(error.startsWith(option + QStringLiteral(": '") + value + u'\''))
                << value.toStdString() << ": " << error.toStdString();
        }
    }
}

TEST(CommandLine, RejectsACsvSetBeyondTheSets)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());

    const QString error = rejected(smallCsv(dir.path()) << QStringLiteral("--csv-set") << QStringLiteral("4"));

    EXPECT_TRUE(error.contains(QStringLiteral("4"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("from 1 to 3"))) << error.toStdString();
}

TEST(CommandLine, RejectsCsvOptionsEvenWhenTheStageIsOff)
{
    EXPECT_TRUE(rejected({QStringLiteral("--csv-set"), QStringLiteral("4")}).contains(QStringLiteral("CSV set 4")));
    EXPECT_TRUE(rejected({QStringLiteral("--csv-dir"), QStringLiteral("/nonexistent/calcprof")})
                    .contains(QStringLiteral("does not exist")));
}

TEST(CommandLine, PercentMarkersInValuesStayLiteral)
{
    EXPECT_TRUE(rejected({QStringLiteral("--pool-size"), QStringLiteral("%1")})
                    .contains(QStringLiteral("'%1' is not allowed")));
    EXPECT_TRUE(
        rejected({QStringLiteral("--repeat"), QStringLiteral("%2")}).contains(QStringLiteral("'%2' is not allowed")));
}

TEST(CommandLine, RejectsCsvSetZero)
{
    const QString error = rejected({QStringLiteral("--csv-set"), QStringLiteral("0")});
    EXPECT_TRUE(error.contains(QStringLiteral("--csv-set"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("'0'"))) << error.toStdString();
}

TEST(CommandLine, RejectsBadByteCounts)
{
    for (const QString& bytes : {QStringLiteral("-5"), QStringLiteral("abc"), QStringLiteral("99999999999999"),
             QStringLiteral("10000000001"), QStringLiteral("11G"), QStringLiteral("5T"), QStringLiteral("")}) {
        for (const QString& option : {QStringLiteral("--header-bytes"), QStringLiteral("--footer-bytes")}) {
            const QString error = rejected({option + u'=' + bytes});
            EXPECT_TRUE(error.contains(option)) << error.toStdString();
            EXPECT_TRUE(error.contains(u'\'' + bytes + u'\'')) << bytes.toStdString() << ": " << error.toStdString();
        }
    }
}

TEST(CommandLine, RejectsAnUnknownCsvMode)
{
    const QString error = rejected({QStringLiteral("--csv-mode"), QStringLiteral("bogus")});
    EXPECT_TRUE(error.contains(QStringLiteral("'bogus'"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("serial,parallel,pool"))) << error.toStdString(); // the choice
}

TEST(CommandLine, CsvModeAllRunsEveryCppModeInRegistryOrder)
{
    const CommandLine command
        = accepted({QStringLiteral("--csv-mode"), QStringLiteral("all"), QStringLiteral("--header-bytes"),
            QStringLiteral("10"), QStringLiteral("--footer-bytes"), QStringLiteral("10")});
    // py-serial (python3, ~90 s a round) only when named, as the py-* strategies.
    EXPECT_EQ(command.plan.csv.modes(),
        (QStringList {QStringLiteral("serial"), QStringLiteral("parallel"), QStringLiteral("pool")}));
}

TEST(CommandLine, RejectsAMissingCsvDir)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing"));

    const QString error = rejected(smallCsv(missing));

    EXPECT_TRUE(error.contains(missing)) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(missing));
}

TEST(CommandLine, RejectsAFileAsCsvDir)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString plain = dir.filePath(QStringLiteral("plain.txt"));
    QFile file(plain);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();

    const QString error = rejected(smallCsv(plain));

    EXPECT_TRUE(error.contains(plain)) << error.toStdString();
}

TEST(CommandLine, RejectsACsvDirHoldingResultFiles)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile old(dir.filePath(QStringLiteral("res1.txt")));
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.close();

    const QString error = rejected(smallCsv(dir.path()));

    EXPECT_TRUE(error.contains(QStringLiteral("res1.txt"))) << error.toStdString();
}

TEST(CommandLine, RejectsAnEmptyCsvDir)
{
    const QString error = rejected({QStringLiteral("--csv-dir="), QStringLiteral("--csv-mode=serial")});
    EXPECT_TRUE(error.contains(QStringLiteral("--csv-dir"))) << error.toStdString();
}

TEST(CommandLine, RejectsJsonInAMissingFolder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/out.json"));

    const QString error = rejected({QStringLiteral("--json"), path});

    EXPECT_TRUE(error.contains(QStringLiteral("--json"))) << error.toStdString();
    EXPECT_TRUE(error.contains(path)) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("missing"))));
}

TEST(CommandLine, TraceIsCheckedBeforeTheRunAndNotWritten)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString trace = dir.filePath(QStringLiteral("trace.json"));
    EXPECT_EQ(accepted({QStringLiteral("--trace"), trace}).tracePath, trace);
    EXPECT_FALSE(QFileInfo::exists(trace));

    const QString missing = dir.filePath(QStringLiteral("missing/trace.json"));
    const QString error = rejected({QStringLiteral("--trace"), missing});
    EXPECT_TRUE(error.startsWith(QStringLiteral("--trace: "))) << error.toStdString();
    EXPECT_TRUE(error.contains(missing)) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("missing"))));
}

TEST(CommandLine, AReportNeedsHtmlOrMarkdownAWritableFolderAndAConsoleRun)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const QString& name : {QStringLiteral("r.html"), QStringLiteral("r.md")}) {
        const QString path = dir.filePath(name);
        EXPECT_EQ(accepted({QStringLiteral("--headless"), QStringLiteral("--report"), path}).reportPath, path);
    }
    const QString text
        = rejected({QStringLiteral("--headless"), QStringLiteral("--report"), dir.filePath(QStringLiteral("r.txt"))});
    EXPECT_TRUE(text.startsWith(QStringLiteral("--report: ")) && text.contains(QStringLiteral(".html")))
        << text.toStdString();
    const QString missing = rejected(
        {QStringLiteral("--headless"), QStringLiteral("--report"), dir.filePath(QStringLiteral("missing/r.html"))});
    EXPECT_TRUE(missing.contains(QStringLiteral("does not exist"))) << missing.toStdString();
    const QString window = rejected({QStringLiteral("--report"), dir.filePath(QStringLiteral("r.html"))});
    EXPECT_TRUE(window.contains(QStringLiteral("--headless or --from-json"))) << window.toStdString();
    EXPECT_EQ(everythingIn(dir.path()), QStringList());
}

TEST(CommandLine, ABaselineIsReadWhileParsingAndABadOneRefused)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("none.json"));
    EXPECT_EQ(rejected({QStringLiteral("--baseline"), missing}),
        QStringLiteral("--baseline: ") + missing + QStringLiteral(": no such file"));

    const QString other = dir.filePath(QStringLiteral("other.json"));
    QFile file(other);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"tool": "hyperfine"})");
    file.close();
    EXPECT_TRUE(
        rejected({QStringLiteral("--baseline"), other}).contains(QStringLiteral("not a calcprof results file")));
}

TEST(CommandLine, RejectsJsonPathThatIsAFolder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());

    const QString error = rejected({QStringLiteral("--json"), dir.path()});

    EXPECT_TRUE(error.contains(dir.path())) << error.toStdString();
}

TEST(CommandLine, RejectsBadExportPngPaths)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing/chart.png"));
    const QString good = dir.filePath(QStringLiteral("chart.png"));

    const QString intoMissing = rejected({QStringLiteral("--run"), QStringLiteral("--export-png"), missing});
    EXPECT_TRUE(intoMissing.startsWith(QStringLiteral("--export-png: "))) << intoMissing.toStdString();
    EXPECT_TRUE(intoMissing.contains(QStringLiteral("does not exist"))) << intoMissing.toStdString();
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("missing"))));

    const QString ontoFolder = rejected({QStringLiteral("--run"), QStringLiteral("--export-png"), dir.path()});
    EXPECT_EQ(ontoFolder, QStringLiteral("--export-png: cannot write %1: it is a folder").arg(dir.path()));

    EXPECT_EQ(rejected({QStringLiteral("--export-png"), good}),
        QStringLiteral("--export-png exports the chart of a run: it needs --run (or --open)"));
    EXPECT_TRUE(rejected({QStringLiteral("--headless"), QStringLiteral("--run"), QStringLiteral("--export-png"), good})
                    .contains(QStringLiteral("cannot go with --headless")));
    EXPECT_EQ(rejected({QStringLiteral("--run"), QStringLiteral("--export-png"), QString()}),
        QStringLiteral("--export-png: the output path is empty"));
    EXPECT_EQ(everythingIn(dir.path()), QStringList());
}

TEST(CommandLine, OpenShowsSavedResultsInTheWindowAndExportsThem)
{
    const QString saved = QStringLiteral("saved.json");
    const CommandLine open = accepted({QStringLiteral("--open"), saved, QStringLiteral("--view"),
        QStringLiteral("findings"), QStringLiteral("--export-png"), QStringLiteral("/tmp/calcprof-never-written.png"),
        QStringLiteral("--quit")});
    EXPECT_EQ(open.openPath, saved);
    EXPECT_TRUE(open.quitWhenDone);
    EXPECT_FALSE(open.runOnStart);
    EXPECT_EQ(rejected({QStringLiteral("--open"), saved, QStringLiteral("--run")}),
        QStringLiteral("--open shows saved results and --run starts a new run: give one of them"));
    EXPECT_TRUE(rejected({QStringLiteral("--headless"), QStringLiteral("--open"), saved})
                    .contains(QStringLiteral("cannot go with --headless")));
    EXPECT_EQ(rejected({QStringLiteral("--open"), QString()}), QStringLiteral("--open: the file name is empty"));
    // The findings are a page of answers, not a chart: no set, strategy or pool size to choose.
    EXPECT_TRUE(rejected({QStringLiteral("--open"), saved, QStringLiteral("--view"), QStringLiteral("findings"),
                             QStringLiteral("--export-png"), QStringLiteral("/tmp/x.png"), QStringLiteral("--view-set"),
                             QStringLiteral("1")})
                    .startsWith(QStringLiteral("--view-set, --view-strategy and --view-pool-size")));
}

// --json o.html --report o.html wrote the JSON, then the report over it: exit 0, the JSON lost
// (issue 20, defect 7). Any two outputs on one file are refused, naming both options.
TEST(CommandLine, RejectsTwoOutputsOnOneFileNamingBoth)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString html = dir.filePath(QStringLiteral("o.html"));
    const QString json = dir.filePath(QStringLiteral("o.json"));
    const QString csv = dir.filePath(QStringLiteral("csv"));
    ASSERT_TRUE(QDir().mkdir(csv));
    const QString headless = QStringLiteral("--headless");
    const auto option = [](const char* name) { return QString::fromLatin1(name); };

    EXPECT_EQ(rejected({headless, option("--json"), html, option("--report"), html}),
        QStringLiteral("--json and --report both write %1; give each output its own file").arg(html));
    EXPECT_EQ(rejected({headless, option("--json"), json, option("--trace"), dir.filePath(QStringLiteral("./o.json"))}),
        QStringLiteral("--json and --trace both write %1; give each output its own file")
            .arg(dir.filePath(QStringLiteral("./o.json"))));
    EXPECT_TRUE(rejected({option("--run"), option("--json"), json, option("--export-png"), json})
                    .startsWith(QStringLiteral("--json and --export-png both write ")));
    // A Markdown report's figures folder, and the result files of the CSV stage's folder.
    const QString figuresError = rejected({headless, option("--report"), dir.filePath(QStringLiteral("r.md")),
        option("--json"), dir.filePath(QStringLiteral("r_figures"))});
    EXPECT_TRUE(figuresError.startsWith(QStringLiteral("--json ("))
        && figuresError.contains(QStringLiteral("--report's figures folder")))
        << figuresError.toStdString();
    const QString csvError = rejected(
        QStringList {headless, option("--trace"), QDir(csv).filePath(QStringLiteral("res7.txt"))} + smallCsv(csv));
    EXPECT_TRUE(csvError.startsWith(QStringLiteral("--trace (")) && csvError.contains(QStringLiteral("--csv-dir (")))
        << csvError.toStdString();
    EXPECT_EQ(everythingIn(dir.path()), QStringList {QStringLiteral("csv")});
    EXPECT_EQ(everythingIn(csv), QStringList());

    // Different files, beside the CSV files: accepted.
    accepted(QStringList {headless, option("--json"), json, option("--trace"),
                 QDir(csv).filePath(QStringLiteral("t.json")), option("--report"), html}
        + smallCsv(csv));
}

TEST(CommandLine, RejectsBlankSets)
{
    for (const QString& blank : {QString(), QStringLiteral("   "), QStringLiteral("\t\n ")}) {
        const QString error = rejected({QStringLiteral("--sets"), blank});
        EXPECT_TRUE(error.startsWith(QStringLiteral("--sets: no number sets given"))) << error.toStdString();
    }
}

// --- listings -------------------------------------------------------------------------------------------

TEST(CommandLine, StrategyListingIsIdTabNameInRegistryOrder)
{
    const QStringList listing = lines(strategyListing());

    EXPECT_TRUE(strategyListing().endsWith(u'\n'));
    EXPECT_EQ(listing,
        QStringList({QStringLiteral("serial\tSerial"), QStringLiteral("pool\tQt thread pool"),
            QStringLiteral("threads\tOne thread per task"), QStringLiteral("async\tstd::async futures"),
            QStringLiteral("processes\tWorker processes (like multiprocessing.Pool)"),
            QStringLiteral("mapped\tQtConcurrent::map over items"), QStringLiteral("tbb\toneTBB fork-join"),
            QStringLiteral("mpi\tMPI ranks (Open MPI, across hosts)"),
            QStringLiteral("py-serial\tPython serial (the original's do_serial)"),
            QStringLiteral("py-pool\tPython multiprocessing.Pool (the original's do_parallel)"),
            QStringLiteral("py-threads\tPython threads (ThreadPoolExecutor, the GIL)"),
            QStringLiteral("py-futures\tPython processes (ProcessPoolExecutor)"),
            QStringLiteral("py-asyncio\tPython asyncio.gather (serial in disguise)")}));
}

TEST(CommandLine, CsvModeListingIsIdTabNameInRegistryOrder)
{
    const QStringList listing = lines(csvModeListing());

    const QStringList ids {
        QStringLiteral("serial"), QStringLiteral("parallel"), QStringLiteral("pool"), QStringLiteral("py-serial")};
    ASSERT_EQ(listing.size(), ids.size());
    for (qsizetype index = 0; index < listing.size(); ++index) {
        const QStringList fields = listing.at(index).split(u'\t');
        ASSERT_EQ(fields.size(), 2) << listing.at(index).toStdString();
        EXPECT_EQ(fields.at(0), ids.at(index));
        EXPECT_EQ(fields.at(1), builtinCsvModes().find(ids.at(index))->displayName());
        EXPECT_FALSE(fields.at(1).isEmpty());
    }
}

TEST(CommandLine, TheMpiOptionsAreCheckedBeforeAnythingRuns)
{
    const QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("hosts"));
    EXPECT_EQ(rejected({QStringLiteral("--mpi-hostfile"), missing}),
        QStringLiteral("--mpi-hostfile: %1 does not exist").arg(missing));
    EXPECT_EQ(rejected({QStringLiteral("--mpi-launcher"), missing}),
        QStringLiteral("--mpi-launcher: %1 does not exist").arg(missing));
    EXPECT_EQ(rejected({QStringLiteral("--mpi-hostfile="), QStringLiteral("--headless")}),
        QStringLiteral("--mpi-hostfile: the file name is empty"));
    EXPECT_TRUE(helpText().contains(QStringLiteral("--mpi-hostfile")));
    EXPECT_TRUE(helpText().contains(QStringLiteral("--mpi-launcher")));
}

TEST(CommandLine, ThePythonOptionsAreCheckedBeforeAnythingRuns)
{
    const QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("python3"));
    const QStringList python {QStringLiteral("--strategies"), QStringLiteral("serial,py-serial")};
    EXPECT_EQ(rejected(python + QStringList {QStringLiteral("--python"), missing}),
        QStringLiteral("strategy 'py-serial' is unavailable: the Python interpreter %1 does not exist").arg(missing));
    // A program that is no Python: it exits without the runner's hello.
    const QString notPython = rejected(python + QStringList {QStringLiteral("--python"), QStringLiteral("/bin/true")});
    EXPECT_TRUE(notPython.contains(QStringLiteral("/bin/true is not a Python interpreter calcprof can use")))
        << notPython.toStdString();
    EXPECT_EQ(rejected({QStringLiteral("--python="), QStringLiteral("--headless")}),
        QStringLiteral("--python: the interpreter name is empty"));
    EXPECT_EQ(rejected({QStringLiteral("--py-start-method"), QStringLiteral("vfork")}),
        QStringLiteral("--py-start-method: unknown Python start method 'vfork'; choose fork, spawn or forkserver"));
    EXPECT_EQ(accepted({QStringLiteral("--py-start-method"), QStringLiteral("spawn")})
                  .plan.strategyOptions.python.startMethod,
        QStringLiteral("spawn"));
    // Not asked for, no py-* strategy runs, and its interpreter is not needed.
    EXPECT_FALSE(accepted({QStringLiteral("--python"), missing}).plan.strategies.contains(QStringLiteral("py-serial")));
    EXPECT_TRUE(helpText().contains(QStringLiteral("--python")));
    EXPECT_TRUE(helpText().contains(QStringLiteral("--py-start-method")));
}

TEST(CommandLine, AScriptTakesTheArgumentsAfterTheDashesAndRunsAloneUnlessStrategiesAreNamed)
{
    const QTemporaryDir folder;
    const QString script = folder.filePath(QStringLiteral("student.py"));
    QFile file(script);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("print(1)\n");
    file.close();
    if (!parseCommandLine({QStringLiteral("--headless"), QStringLiteral("--script"), script}).ok())
        CALCPROF_SKIP_PROOF() << "no python3 on PATH";

    const CommandLineParse alone = parseCommandLine({QStringLiteral("--headless"), QStringLiteral("--script"), script,
        QStringLiteral("--"), QStringLiteral("--sets"), QStringLiteral("a b")});
    ASSERT_TRUE(alone.ok()) << alone.error.toStdString();
    const ExperimentPlan& plan = alone.commandLine.plan;
    EXPECT_EQ(plan.script.path, QFileInfo(script).absoluteFilePath());
    EXPECT_EQ(plan.script.arguments, (QStringList {QStringLiteral("--sets"), QStringLiteral("a b")}))
        << "after --, even calcprof's option names are the script's";
    EXPECT_TRUE(plan.strategies.isEmpty());
    EXPECT_EQ(plan.sets, defaultNumberSets());
    EXPECT_FALSE(alone.commandLine.runOnStart);

    const CommandLineParse both = parseCommandLine({QStringLiteral("--headless"), QStringLiteral("--strategies"),
        QStringLiteral("serial"), QStringLiteral("--script"), script, QStringLiteral("--script-dir"), folder.path()});
    ASSERT_TRUE(both.ok()) << both.error.toStdString();
    EXPECT_EQ(both.commandLine.plan.strategies, QStringList {QStringLiteral("serial")});
    EXPECT_EQ(both.commandLine.plan.script.workingDirectory, QFileInfo(folder.path()).absoluteFilePath());
    EXPECT_TRUE(both.commandLine.plan.script.arguments.isEmpty());

    // The window profiles it at once, as File → Profile a Python script… does.
    const CommandLineParse window = parseCommandLine({QStringLiteral("--script"), script});
    ASSERT_TRUE(window.ok()) << window.error.toStdString();
    EXPECT_TRUE(window.commandLine.runOnStart);
    EXPECT_TRUE(window.commandLine.planGiven);
}
