#pragma once

#include <QPlainTextEdit>

namespace calcprof {

/// The Log pane: read-only lines, the oldest dropped beyond a block limit, that keeps the newest line
/// in view while the view is at the bottom and stays where the user scrolled to otherwise.
/// (QPlainTextEdit's own following stops once the block limit starts dropping lines from the top.)
class LogView : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit LogView(QWidget* parent = nullptr);

    void appendLine(const QString& line);
};

} // namespace calcprof
