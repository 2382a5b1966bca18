#include "stats.h"
#include "testsupport.h"
#include "units.h"

#include <gtest/gtest.h>

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

TEST(Units, DecimalBytes)
{
    EXPECT_EQ(formatBytes(512), QStringLiteral("512 B"));
    EXPECT_EQ(formatBytes(1'200'000), QStringLiteral("1.20 MB"));
    EXPECT_EQ(formatBytes(8'600'000'300ULL), QStringLiteral("8.60 GB"));
}
