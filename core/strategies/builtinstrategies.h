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
std::unique_ptr<Strategy> makePySerialStrategy();
std::unique_ptr<Strategy> makePyPoolStrategy();
std::unique_ptr<Strategy> makePyThreadsStrategy();
std::unique_ptr<Strategy> makePyFuturesStrategy();
std::unique_ptr<Strategy> makePyAsyncioStrategy();

} // namespace calcprof
