#include "core/model/numbersets.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace calcprof;

namespace {
NumberSetsParse parse(const char* text)
{
    return parseNumberSets(QString::fromUtf8(text));
}
} // namespace

TEST(NumberSets, DefaultTextGivesTheThreeOriginalSets)
{
    const NumberSetsParse result = parse(kDefaultNumberSets);
    ASSERT_TRUE(result.ok()) << result.error.toStdString();
    ASSERT_EQ(result.sets.size(), 3U);
    EXPECT_EQ(result.sets[0], (NumberSet {10, 12, 5, 7, 4, 3, 2}));
    EXPECT_EQ(result.sets[1], (NumberSet {35, 30, 25, 40}));
    EXPECT_EQ(result.sets[2], (NumberSet {40, 38, 42}));
    EXPECT_EQ(defaultNumberSets(), result.sets);
}

TEST(NumberSets, WhitespaceAnywhereBetweenTokens)
{
    const NumberSetsParse result = parse(" 1 ,\t2 ;\n 3,4 \r\n");
    ASSERT_TRUE(result.ok()) << result.error.toStdString();
    EXPECT_EQ(result.sets, (std::vector<NumberSet> {{1, 2}, {3, 4}}));
}

TEST(NumberSets, ZeroLeadingZerosAndTheMaximumAreAccepted)
{
    const NumberSetsParse result = parse("0,007,50");
    ASSERT_TRUE(result.ok()) << result.error.toStdString();
    EXPECT_EQ(result.sets[0], (NumberSet {0, 7, 50}));
}

TEST(NumberSets, FormatRoundTrips)
{
    const std::vector<NumberSet> sets {{10, 12}, {0}, {40, 38, 42}};
    EXPECT_EQ(formatNumberSets(sets), QStringLiteral("10,12; 0; 40,38,42"));
    EXPECT_EQ(parseNumberSets(formatNumberSets(sets)).sets, sets);
}

struct BadInput
{
    const char* text;
    int position; // 1-based position the error must point at
    const char* mentions; // what the message must name
};

class NumberSetsRejects : public ::testing::TestWithParam<BadInput>
{ };

TEST_P(NumberSetsRejects, NamesTheTokenAndItsPosition)
{
    const BadInput& bad = GetParam();
    const NumberSetsParse result = parse(bad.text);
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.sets.empty());
    EXPECT_EQ(result.errorPosition, bad.position) << result.error.toStdString();
    EXPECT_TRUE(result.error.contains(QString::fromUtf8(bad.mentions))) << result.error.toStdString();
    if (!QString::fromUtf8(bad.text).trimmed().isEmpty()) {
        EXPECT_TRUE(result.error.contains(QStringLiteral("position %1").arg(bad.position)))
            << result.error.toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(EveryBadInputClass, NumberSetsRejects,
    ::testing::Values(BadInput {"", 1, "no number sets"}, BadInput {"   ", 1, "no number sets"},
        BadInput {";", 1, "set 1"}, BadInput {"1,2;", 5, "set 2"}, BadInput {"1; ;2", 3, "set 2"},
        BadInput {"10,,12", 4, "missing number"}, BadInput {"10,", 4, "missing number"}, BadInput {"ten", 1, "'ten'"},
        BadInput {"1e3", 1, "'1e3'"}, BadInput {"0x10", 1, "'0x10'"}, BadInput {"3.5", 1, "'3.5'"},
        BadInput {"+5", 1, "'+5'"}, BadInput {"5, -3", 4, "negative"}, BadInput {"51", 1, "above the maximum 50"},
        BadInput {"1;2,99999999999999999999", 5, "above the maximum"}, BadInput {"12!", 1, "'12!'"},
        BadInput {"%1,%2", 1, "'%1' at position 1"}, BadInput {"1 2", 1, "'1 2'"},
        BadInput {"\xd9\xa3", 1, "not a whole number"}));

TEST(NumberSets, TooManySetsAreRefused)
{
    QStringList sets;
    for (int i = 0; i <= kMaxSets; ++i)
        sets << QStringLiteral("1");
    const NumberSetsParse result = parseNumberSets(sets.join(u';'));
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.error.contains(QStringLiteral("too many sets"))) << result.error.toStdString();
}

TEST(NumberSets, TooManyNumbersInASetAreRefused)
{
    QStringList numbers;
    for (int i = 0; i <= kMaxNumbersPerSet; ++i)
        numbers << QStringLiteral("1");
    const NumberSetsParse result = parseNumberSets(numbers.join(u','));
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.error.contains(QStringLiteral("too many numbers"))) << result.error.toStdString();
}
