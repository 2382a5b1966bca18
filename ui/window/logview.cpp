#include "ui/window/logview.h"

#include <QScrollBar>

namespace calcprof {

namespace {
constexpr int kMaximumLines = 10000;
} // namespace

LogView::LogView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setMaximumBlockCount(kMaximumLines);
    setFont(QFont(QStringLiteral("monospace")));
}

void LogView::appendLine(const QString& line)
{
    // Asked before appending: afterwards the maximum has grown, and dropped lines have shifted it.
    QScrollBar* bar = verticalScrollBar();
    const bool following = bar->value() >= bar->maximum();
    appendPlainText(line);
    if (following)
        bar->setValue(bar->maximum());
}

} // namespace calcprof
