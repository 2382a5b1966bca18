#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace calcprof {

/// Makes a window's command shortcuts work whatever field has the focus. A QLineEdit or spin box
/// claims keys such as Ctrl+E (end of line) through a ShortcutOverride event before any shortcut is
/// looked up, so the menu's shortcut would never fire while a field has the focus. Installed on the
/// application, this refuses that claim for the guarded actions' shortcuts, inside `window` only.
/// Guard only commands whose keys no field needs (not Ctrl+C, which a field uses to copy its text).
class ShortcutGuard : public QObject
{
    Q_OBJECT

public:
    explicit ShortcutGuard(QWidget* window);
    ~ShortcutGuard() override;
    Q_DISABLE_COPY_MOVE(ShortcutGuard)

    void guard(QAction* action);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_window;
    QList<QPointer<QAction>> m_actions;
};

} // namespace calcprof
