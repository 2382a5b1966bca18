#include "resultsexport.h"

#include "environment.h"
#include "resultsjson.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSaveFile>

namespace calcprof {

namespace {

QString csvField(QString text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n'))
        return u'"' + text.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return text;
}

} // namespace

QString exportRunsJson(const Experiment& runs, const QString& path)
{
    Experiment all = runs;
    if (all.version.isEmpty()) {
        all.version = QStringLiteral(CALCPROF_VERSION);
        all.environment = currentEnvironment();
    }
    return writeJsonFile(all, path);
}

QString exportTableCsv(const QAbstractItemModel& model, int role, const QString& path)
{
    QString text;
    for (int column = 0; column < model.columnCount(); ++column)
        text += (column ? QStringLiteral(",") : QString())
            + csvField(model.headerData(column, Qt::Horizontal).toString());
    text += u'\n';
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column)
            text += (column ? QStringLiteral(",") : QString())
                + csvField(model.data(model.index(row, column), role).toString());
        text += u'\n';
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QCoreApplication::translate("calcprof", "cannot write CSV to %1: %2").arg(path, file.errorString());
    file.write(text.toUtf8());
    if (!file.commit())
        return QCoreApplication::translate("calcprof", "cannot write CSV to %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace calcprof
