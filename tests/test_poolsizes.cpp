#include "core/model/poolsizes.h"

#include <gtest/gtest.h>

using namespace calcprof;

TEST(PoolSizes, NumbersRangesListsAndAutoMix)
{
    EXPECT_EQ(parsePoolSizes(QStringLiteral("auto")).poolSizes, std::vector<int> {kAutoPoolSize});
    EXPECT_EQ(parsePoolSizes(QStringLiteral("3")).poolSizes, std::vector<int> {3});
    EXPECT_EQ(parsePoolSizes(QStringLiteral("1-4,8,auto")).poolSizes, (std::vector<int> {1, 2, 3, 4, 8, 0}));
    EXPECT_EQ(parsePoolSizes(QStringLiteral(" 2 , 1 - 3 ")).poolSizes, (std::vector<int> {2, 1, 3}));
    EXPECT_EQ(parsePoolSizes(QStringLiteral("5-5")).poolSizes, std::vector<int> {5});
}

TEST(PoolSizes, BadTokensAreNamed)
{
    const auto errorOf = [](const char* text) { return parsePoolSizes(QString::fromLatin1(text)).error; };
    EXPECT_TRUE(errorOf("3-1").contains(QStringLiteral("'3-1'"))) << errorOf("3-1").toStdString();
    EXPECT_TRUE(errorOf("3-1").contains(QStringLiteral("backwards")));
    EXPECT_TRUE(errorOf("0-2").contains(QStringLiteral("'0-2'")));
    EXPECT_TRUE(errorOf("1-").contains(QStringLiteral("'1-'")));
    EXPECT_TRUE(errorOf("1,,2").contains(QStringLiteral("empty value at item 2")));
    EXPECT_TRUE(errorOf("").contains(QStringLiteral("empty value")));
    EXPECT_TRUE(errorOf("x").contains(QStringLiteral("'x'")));
    EXPECT_TRUE(errorOf("-3").contains(QStringLiteral("'-3'")));
    const QString tooBig = QString::number(maxPoolSize() + 1);
    EXPECT_TRUE(parsePoolSizes(tooBig).error.contains(u'\'' + tooBig + u'\''));
    EXPECT_TRUE(parsePoolSizes(QStringLiteral("1-") + tooBig).error.contains(QStringLiteral("not a valid range")));
    EXPECT_TRUE(parsePoolSizes(QStringLiteral("1,,2")).poolSizes.empty());
}

TEST(PoolSizes, FormatReadsBack)
{
    for (const std::vector<int>& sizes :
        std::vector<std::vector<int>> {{0}, {1, 2, 3, 4, 8, 0}, {2, 4}, {1, 2}, {8, 7, 6}, {1, 2, 3, 5, 6, 7}}) {
        const QString text = formatPoolSizes(sizes);
        EXPECT_EQ(parsePoolSizes(text).poolSizes, sizes) << text.toStdString();
    }
    EXPECT_EQ(formatPoolSizes({1, 2, 3, 4, 8, 0}), QStringLiteral("1-4,8,auto"));
    EXPECT_EQ(formatPoolSizes({1, 2}), QStringLiteral("1,2"));
}
