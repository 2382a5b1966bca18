#include <QApplication>

#include <gtest/gtest.h>

// Widgets need a QApplication; CTest runs this binary with QT_QPA_PLATFORM=offscreen.
int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const QApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
