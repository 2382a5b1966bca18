#pragma once

#include "core/model/experimentplan.h"

class QSettings;

namespace calcprof {

/// The experiment plan as remembered between sessions, under the keys plan/* and csv/* of a
/// QSettings. A value that no longer reads back (an edited file, a removed strategy) falls back to
/// the default rather than failing the start.
class PlanSettings
{
public:
    explicit PlanSettings(QSettings* settings);

    [[nodiscard]] ExperimentPlan load() const;
    void save(const ExperimentPlan& plan);

private:
    QSettings* m_settings;
};

} // namespace calcprof
