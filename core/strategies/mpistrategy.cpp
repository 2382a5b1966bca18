#include "core/strategies/builtinstrategies.h"

#include "core/mpi/mpijob.h"
#include "core/mpi/mpisetup.h"
#include "core/processes/workerexecutable.h"

#include <QDir>
#include <QTemporaryFile>

#include <stdexcept>
#include <thread>

namespace calcprof {

namespace {

class MpiStrategy final : public Strategy
{
public:
    QString id() const override { return QStringLiteral("mpi"); }
    QString displayName() const override { return QStringLiteral("MPI ranks (Open MPI, across hosts)"); }
    QString description() const override
    {
        return QStringLiteral(
            "The step past one machine: the set's tasks run on Open MPI ranks, started by mpirun on this machine "
            "or on the hosts of a hostfile (the pool size is the number of worker ranks; auto = one per task). "
            "Rank 0 coordinates: it hands the next task to whichever rank asks first, with MPI point-to-point "
            "messages, and relays the results to calcprof. It teaches the launch cost of a distributed job (mpirun "
            "starts every rank and wires them together before any work: the timeline shades it, and on set 1 it "
            "is the whole run), message passing instead of shared memory (a task and its values are messages, "
            "nothing is shared), and that its bound is the same whole-task bound as the other pools, now over "
            "the cores of every host.");
    }
    QString unavailableReason(const StrategyOptions& options) const override
    {
        if (mpiLauncher(options.mpi).isEmpty())
            return QString::fromLatin1(kMpiNotInstalled);
        const WorkerExecutable worker = locateMpiWorkerExecutable();
        return worker.ok() ? QString() : worker.error;
    }
    // A task function injected into this process cannot run in the ranks.
    bool runsTaskFunction() const override { return false; }
    bool usesPoolSize() const override { return true; }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }
    int workerCount(int requestedPoolSize, int taskCount) const override
    {
        return requestedPoolSize > 0 ? requestedPoolSize : std::max(1, taskCount);
    }

    std::vector<TaskTiming> run(TimedTasks& execution, int workers) const override
    {
        const MpiOptions& options = execution.options().mpi;
        if (const QString reason = unavailableReason(execution.options()); !reason.isEmpty())
            throw std::runtime_error(reason.toStdString());
        MpiLaunch launch;
        launch.launcher = mpiLauncher(options);
        launch.worker = locateMpiWorkerExecutable().path;
        launch.workers = workers;
        // mpirun reads the copy of the hosts calcprof checked; it lives as long as the job.
        QTemporaryFile checkedHosts(QDir::temp().filePath(QStringLiteral("calcprof-hosts-XXXXXX")));
        if (options.hostfile.isEmpty()) {
            launch.slots = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
        } else {
            const MpiHostfile hostfile = readMpiHostfile(options.hostfile);
            if (!hostfile.error.isEmpty())
                throw std::runtime_error(hostfile.error.toStdString());
            launch.slots = hostfile.slots();
            launch.hostfile = writeCheckedHosts(hostfile, checkedHosts);
        }
        MpiJob job(std::move(launch), execution);
        return job.run();
    }

private:
    /// Writes `hostfile`'s hosts into `file`; its path.
    static QString writeCheckedHosts(const MpiHostfile& hostfile, QTemporaryFile& file)
    {
        const QByteArray text = hostfileText(hostfile);
        if (!file.open() || file.write(text) != text.size() || !file.flush()) {
            throw std::runtime_error(QStringLiteral("cannot write the checked hostfile for mpirun: %1")
                                         .arg(file.errorString())
                                         .toStdString());
        }
        return file.fileName();
    }
};

} // namespace

std::unique_ptr<Strategy> makeMpiStrategy()
{
    return std::make_unique<MpiStrategy>();
}

} // namespace calcprof
