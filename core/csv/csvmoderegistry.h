#pragma once

#include "core/csv/csvwritemode.h"
#include "core/exec/registry.h"

#include <memory>

namespace calcprof {

using CsvModeRegistry = Registry<CsvWriteMode>;

/// The id that means "no CSV stage"; it is not a registered mode.
inline constexpr const char* kNoCsvMode = "none";

std::unique_ptr<CsvWriteMode> makeSerialCsvMode();
std::unique_ptr<CsvWriteMode> makeParallelCsvMode();
std::unique_ptr<CsvWriteMode> makePoolCsvMode();
/// save_serial run by the Python runner (csv.writer), its peak memory the interpreter's.
std::unique_ptr<CsvWriteMode> makePySerialCsvMode();

/// Adds serial, parallel, pool and py-serial, in that order.
void registerBuiltinCsvModes(CsvModeRegistry& registry);

/// A registry holding the built-in CSV modes, built once on first use.
const CsvModeRegistry& builtinCsvModes();

/// What "all" means (--csv-mode all, the window's "all, one after another"): every C++ mode, joined
/// by commas. py-serial is chosen by name only: it needs python3 and takes ~90 s a round, as the
/// py-* strategies stay out of the default plan.
QString allCsvModesList();

} // namespace calcprof
