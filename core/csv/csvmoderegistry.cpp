#include "core/csv/csvmoderegistry.h"

namespace calcprof {

void registerBuiltinCsvModes(CsvModeRegistry& registry)
{
    registry.add(makeSerialCsvMode());
    registry.add(makeParallelCsvMode());
    registry.add(makePoolCsvMode());
    registry.add(makePySerialCsvMode());
}

const CsvModeRegistry& builtinCsvModes()
{
    static const CsvModeRegistry registry = [] {
        CsvModeRegistry builtin;
        registerBuiltinCsvModes(builtin);
        return builtin;
    }();
    return registry;
}

QString allCsvModesList()
{
    QStringList ids = builtinCsvModes().ids();
    ids.removeIf([](const QString& id) { return id.startsWith(QStringLiteral("py-")); });
    return ids.join(u',');
}

} // namespace calcprof
