#include "ui/window/shortcutguard.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

namespace calcprof {

ShortcutGuard::ShortcutGuard(QWidget* window)
    : QObject(window)
    , m_window(window)
{
    qApp->installEventFilter(this);
}

ShortcutGuard::~ShortcutGuard()
{
    qApp->removeEventFilter(this);
}

void ShortcutGuard::guard(QAction* action)
{
    m_actions << action;
}

bool ShortcutGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    // The window's own fields, in a floating dock too (a window of its own, parented to ours).
    bool ours = false;
    for (const auto* widget = qobject_cast<QWidget*>(watched); widget != nullptr && !ours;
         widget = widget->parentWidget())
        ours = widget == m_window;
    if (!ours)
        return false;
    const QKeySequence pressed(static_cast<QKeyEvent*>(event)->keyCombination());
    for (const QPointer<QAction>& action : std::as_const(m_actions)) {
        if (action && action->isEnabled() && action->shortcuts().contains(pressed)) {
            // Not delivered to the field and left unaccepted: the shortcut map then gets the key.
            event->ignore();
            return true;
        }
    }
    return false;
}

} // namespace calcprof
