#pragma once

#include "core/analysis/summary.h"

#include <QString>

/// How a summary's sets are named in prose, tables and figure titles.
namespace calcprof {

/// "set 3 (40,38,42)".
QString setLabel(const SetSummary& set);

} // namespace calcprof
