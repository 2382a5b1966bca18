#pragma once

#include "core/analysis/summary.h"
#include "core/model/experimentplan.h"
#include "core/model/results.h"

#include <QDate>
#include <QString>

namespace calcprof {

/// The title an exported figure carries: the view's own title (`shownTitle`: what is drawn, and for
/// the speedup its caption), then where and how it was measured (sets, strategies, pool sizes, runs
/// per point, machine, `date` when valid, and the file a saved run came from, `source`, when given),
/// so the figure stands on its own in a write-up. The window's chart export and the report's figures
/// both title their pictures with it.
QString figureTitle(const QString& shownTitle, const ExperimentPlan& plan, const ExperimentSummary& summary,
    const EnvironmentInfo& environment, const QDate& date = {}, const QString& source = {});

/// The "Your program" figure's title: the script's own headline over the interpreter and the machine
/// it ran on (no sets or strategies: the script chose its own work).
QString scriptFigureTitle(
    const QString& shownTitle, const EnvironmentInfo& environment, const QDate& date = {}, const QString& source = {});

} // namespace calcprof
