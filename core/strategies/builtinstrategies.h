#pragma once

#include "core/strategies/strategy.h"

#include <memory>

// Factories of the built-in strategies, one per file in this folder.
namespace calcprof {

std::unique_ptr<Strategy> makeSerialStrategy();
std::unique_ptr<Strategy> makePoolStrategy();
std::unique_ptr<Strategy> makeThreadsStrategy();
std::unique_ptr<Strategy> makeAsyncStrategy();
std::unique_ptr<Strategy> makeProcessesStrategy();
std::unique_ptr<Strategy> makeMappedStrategy();
std::unique_ptr<Strategy> makeTbbStrategy();
std::unique_ptr<Strategy> makeMpiStrategy();

} // namespace calcprof
