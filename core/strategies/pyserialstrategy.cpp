#include "core/strategies/builtinstrategies.h"

#include "core/python/pythonstrategy.h"

namespace calcprof {

namespace {

class PySerialStrategy final : public PythonStrategy
{
public:
    QString id() const override { return QStringLiteral("py-serial"); }
    QString displayName() const override { return QStringLiteral("Python serial (the original's do_serial)"); }
    QString description() const override
    {
        return QStringLiteral(
            "The original's do_serial as written, in the Python interpreter you chose (--python): a list comprehension "
            "over "
            "the set, one task after another. Its time against calcprof's serial is the language factor (~90x in "
            "CPython), and it is the baseline the other py-* strategies are measured against.");
    }
    ScheduleModel scheduleModel() const override { return ScheduleModel::WholeTasksInSetOrder; }

    int workerCount(int /*requestedPoolSize*/, int /*taskCount*/) const override { return 1; }
};

} // namespace

std::unique_ptr<Strategy> makePySerialStrategy()
{
    return std::make_unique<PySerialStrategy>();
}

} // namespace calcprof
