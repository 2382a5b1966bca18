#include "core/exec/splittasks.h"

#include <algorithm>

namespace calcprof {

namespace {
/// Pieces this thread has run, in any task of any run: consecutive numbers mean adjacent pieces.
thread_local std::uint64_t t_piecesRun = 0;
} // namespace

std::vector<WorkSlice> mergePieces(std::vector<WorkPiece> pieces)
{
    std::sort(pieces.begin(), pieces.end(), [](const WorkPiece& a, const WorkPiece& b) {
        return a.slice.worker != b.slice.worker ? a.slice.worker < b.slice.worker : a.sequence < b.sequence;
    });
    std::vector<WorkSlice> merged;
    const WorkPiece* previous = nullptr;
    for (const WorkPiece& piece : pieces) {
        if (previous != nullptr && previous->slice.worker == piece.slice.worker
            && piece.sequence == previous->sequence + 1) {
            merged.back().endSeconds = std::max(merged.back().endSeconds, piece.slice.endSeconds);
        } else {
            merged.push_back(piece.slice);
        }
        previous = &piece;
    }
    std::sort(merged.begin(), merged.end(),
        [](const WorkSlice& a, const WorkSlice& b) { return a.startSeconds < b.startSeconds; });
    return merged;
}

SplitTasks::SplitTasks(TimedTasks& execution)
    : m_execution(execution)
    , m_timings(static_cast<std::size_t>(execution.taskCount()))
{
    m_tasks.reserve(m_timings.size());
    for (std::size_t index = 0; index < m_timings.size(); ++index)
        m_tasks.push_back(std::make_unique<Task>());
}

double SplitTasks::beginPiece()
{
    m_execution.currentWorker();
    return m_execution.secondsSinceStart();
}

void SplitTasks::endPiece(int task, double start)
{
    const double end = m_execution.secondsSinceStart();
    const int worker = m_execution.currentWorker();
    // CPU since this worker's previous piece (of whichever task): the piece and the hand-off before
    // it. -1 on the home thread, which the ExperimentRunner measures over the whole run.
    const double cpu = m_execution.workerCpuSinceLastCall(worker);
    Task& record = *m_tasks.at(static_cast<std::size_t>(task));
    const std::lock_guard lock(record.mutex);
    record.pieces.push_back(WorkPiece {WorkSlice {worker, start, end}, ++t_piecesRun});
    record.cpuSeconds += std::max(cpu, 0.0);
}

void SplitTasks::complete(int task, std::vector<FiboValue> values, const QString& failure)
{
    const int worker = m_execution.currentWorker();
    const double now = m_execution.secondsSinceStart();
    Task& record = *m_tasks.at(static_cast<std::size_t>(task));
    TaskTiming timing;
    {
        const std::lock_guard lock(record.mutex);
        timing.slices = mergePieces(std::move(record.pieces));
        timing.cpuSeconds = record.cpuSeconds;
    }
    timing.worker = worker;
    if (timing.slices.empty()) {
        timing.startSeconds = timing.endSeconds = now;
        timing.slices.push_back(WorkSlice {worker, now, now});
    } else {
        timing.startSeconds = timing.slices.front().startSeconds;
        for (const WorkSlice& slice : timing.slices) {
            if (slice.endSeconds >= timing.endSeconds) {
                timing.endSeconds = slice.endSeconds;
                timing.worker = slice.worker; // the one that finished it
            }
        }
    }
    timing.values = std::move(values);
    // Each task's slot is written by exactly one complete(); takeTimings() runs after the strategy
    // has joined every worker.
    m_timings.at(static_cast<std::size_t>(task)) = m_execution.completeTask(task, std::move(timing), failure);
}

std::vector<TaskTiming> SplitTasks::takeTimings()
{
    return std::move(m_timings);
}

} // namespace calcprof
