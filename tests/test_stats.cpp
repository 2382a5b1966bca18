#include "core/analysis/stats.h"
#include "core/format/units.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <limits>

using namespace calcprof;

TEST(Stats, OddAndEvenMedians)
{
    EXPECT_DOUBLE_EQ(summarize({3.0, 1.0, 2.0}).median, 2.0);
    EXPECT_DOUBLE_EQ(summarize({4.0, 1.0, 3.0, 2.0}).median, 2.5);
}

TEST(Stats, MeanSpreadAndExtremes)
{
    const Summary summary = summarize({2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0});
    EXPECT_EQ(summary.count, 8);
    EXPECT_DOUBLE_EQ(summary.mean, 5.0);
    EXPECT_NEAR(summary.stddev, 2.138, 1e-3);
    EXPECT_DOUBLE_EQ(summary.min, 2.0);
    EXPECT_DOUBLE_EQ(summary.max, 9.0);
}

TEST(Stats, EmptyAndSingleSample)
{
    EXPECT_EQ(summarize({}).count, 0);
    const Summary one = summarize({1.5});
    EXPECT_DOUBLE_EQ(one.median, 1.5);
    EXPECT_DOUBLE_EQ(one.stddev, 0.0);
}

TEST(Units, SecondsPickTheirUnit)
{
    EXPECT_EQ(formatSeconds(4.4e-6), QStringLiteral("4.4 µs"));
    EXPECT_EQ(formatSeconds(0.2867), QStringLiteral("286.70 ms"));
    EXPECT_EQ(formatSeconds(1.0462), QStringLiteral("1.046 s"));
}

TEST(Units, AHugeOrNonFiniteTimeStaysShort)
{
    // Not 309 digits: whatever reaches the console, the table or the report prints in a few.
    EXPECT_EQ(formatSeconds(1e308), QStringLiteral("1e+308 s"));
    EXPECT_EQ(formatSeconds(1234567.0), QStringLiteral("1.235e+06 s"));
    EXPECT_EQ(formatSeconds(999999.0), QStringLiteral("999999.000 s"));
    EXPECT_EQ(formatSeconds(std::numeric_limits<double>::infinity()), QStringLiteral("inf s"));
}

TEST(Units, DecimalBytes)
{
    EXPECT_EQ(formatBytes(512), QStringLiteral("512 B"));
    EXPECT_EQ(formatBytes(1'200'000), QStringLiteral("1.20 MB"));
    EXPECT_EQ(formatBytes(8'600'000'300ULL), QStringLiteral("8.60 GB"));
}

TEST(Units, PercentIsWhole)
{
    EXPECT_EQ(percent(0.414), QStringLiteral("41 %"));
    EXPECT_EQ(percent(0.005), QStringLiteral("1 %"));
    EXPECT_EQ(percent(1.0), QStringLiteral("100 %"));
}

TEST(FormatSpeedup, TinySpeedupsKeepTwoSignificantDigits)
{
    EXPECT_EQ(formatSpeedup(1.4216), QStringLiteral("1.42x"));
    EXPECT_EQ(formatSpeedup(0.0085), QStringLiteral("0.0085x"));
    EXPECT_EQ(formatSpeedup(0.00012345), QStringLiteral("0.00012x"));
}

TEST(Stats, RatioIntervalCrossesTheEnds)
{
    Summary numerator;
    numerator.ciLow = 2.0;
    numerator.ciHigh = 3.0;
    Summary denominator;
    denominator.ciLow = 0.5;
    denominator.ciHigh = 4.0;
    const RatioInterval interval = ratioInterval(numerator, denominator);
    EXPECT_DOUBLE_EQ(interval.low, 0.5); // 2 / 4
    EXPECT_DOUBLE_EQ(interval.high, 6.0); // 3 / 0.5
}

TEST(Stats, MedianIntervalFromOrderStatistics)
{
    // 1..10: j = 2 is the largest with >= 95 % coverage (97.9 %; j = 3 gives 89 %).
    std::vector<double> samples;
    for (int i = 10; i >= 1; --i)
        samples.push_back(i);
    const Summary ten = summarize(samples);
    EXPECT_DOUBLE_EQ(ten.ciLow, 2.0);
    EXPECT_DOUBLE_EQ(ten.ciHigh, 9.0);
    EXPECT_NEAR(ten.ciConfidence, 1.0 - 2.0 * 11.0 / 1024.0, 1e-12);
    // Below six samples no order statistic reaches 95 %: the range, with its real coverage.
    const Summary five = summarize({5.0, 1.0, 3.0, 2.0, 4.0});
    EXPECT_DOUBLE_EQ(five.ciLow, 1.0);
    EXPECT_DOUBLE_EQ(five.ciHigh, 5.0);
    EXPECT_NEAR(five.ciConfidence, 0.9375, 1e-12);
    EXPECT_DOUBLE_EQ(summarize({2.0}).ciConfidence, 0.0);
}

TEST(Stats, OutliersByModifiedZScore)
{
    // Median 10, MAD 1: 0.6745 x 6 = 4.05 > 3.5 flags 16; 0.6745 x 5 = 3.37 keeps 15.
    EXPECT_EQ(summarize({9.0, 10.0, 10.0, 11.0, 16.0, 9.0, 11.0}).outliers, 1);
    EXPECT_EQ(summarize({9.0, 10.0, 10.0, 11.0, 15.0, 9.0, 11.0}).outliers, 0);
    EXPECT_EQ(summarize({1.0, 1.0, 1.0, 1.0, 9.0}).outliers, 0); // MAD 0: nothing to judge by
    EXPECT_EQ(summarize({10.0, 11.0, 30.0}).outliers, 0); // three samples: too few to judge
}

TEST(Stats, CoefficientOfVariation)
{
    EXPECT_NEAR(summarize({2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}).cv, 2.138 / 5.0, 1e-3);
}
