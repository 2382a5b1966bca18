#pragma once

#include <QColor>
#include <QString>

namespace calcprof {

/// One colour per rank (a ten-colour palette, repeating), so a strategy is recognised across views.
QColor strategyColor(int rank);

/// The colour of `strategy` by its rank in the registry order (builtinStrategies().ids()), the same
/// in every view whatever the plan; a strategy the registry does not know gets the next colour.
QColor strategyColor(const QString& strategy);

} // namespace calcprof
