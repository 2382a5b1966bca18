#include "core/format/figuretitle.h"

#include "core/model/environment.h"
#include "core/model/numbersets.h"
#include "core/model/poolsizes.h"

#include <QCoreApplication>

#include <algorithm>

namespace calcprof {

namespace {

/// `shownTitle` over a small line of `context`, the date and the source file.
QString withContext(const QString& shownTitle, QString context, const QDate& date, const QString& source)
{
    if (date.isValid())
        context += QStringLiteral(" · ") + date.toString(Qt::ISODate);
    if (!source.isEmpty())
        context += QStringLiteral(" · ") + source;
    return shownTitle + QStringLiteral("<br><small>") + context.toHtmlEscaped() + QStringLiteral("</small>");
}

} // namespace

QString figureTitle(const QString& shownTitle, const ExperimentPlan& plan, const ExperimentSummary& summary,
    const EnvironmentInfo& environment, const QDate& date, const QString& source)
{
    std::vector<NumberSet> sets;
    int fewestRuns = 0;
    int mostRuns = 0;
    for (const GroupSummary& group : summary.groups) {
        fewestRuns = fewestRuns == 0 ? group.wall.count : std::min(fewestRuns, group.wall.count);
        mostRuns = std::max(mostRuns, group.wall.count);
    }
    for (const SetSummary& set : summary.sets)
        sets.push_back(set.numbers);
    const QString runs
        = fewestRuns == mostRuns ? QString::number(mostRuns) : QStringLiteral("%1–%2").arg(fewestRuns).arg(mostRuns);
    const QString context
        = QCoreApplication::translate("MainWindow", "sets %1 · %2 · pool sizes %3 · runs per point: %4 · %5, %6 cores")
              .arg(formatNumberSets(sets.empty() ? plan.sets : sets), plan.strategies.join(QStringLiteral(", ")),
                  formatPoolSizes(plan.poolSizes), runs, environment.cpu)
              .arg(environment.cores);
    return withContext(shownTitle, context, date, source);
}

QString scriptFigureTitle(
    const QString& shownTitle, const EnvironmentInfo& environment, const QDate& date, const QString& source)
{
    const QString context = QStringLiteral("%1 · %2, %3 cores")
                                .arg(describePython(environment.python), environment.cpu)
                                .arg(environment.cores);
    return withContext(shownTitle, context, date, source);
}

} // namespace calcprof
