#include "core/format/labels.h"

#include "core/model/numbersets.h"

namespace calcprof {

QString setLabel(const SetSummary& set)
{
    return QStringLiteral("set %1 (%2)").arg(set.setIndex).arg(formatNumberSet(set.numbers));
}

} // namespace calcprof
