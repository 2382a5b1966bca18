#include "core/io/outputfile.h"

#include <QFileInfo>

namespace calcprof {

QString checkOutputFile(const QString& path)
{
    const QFileInfo info(path);
    if (path.isEmpty())
        return QStringLiteral("the output path is empty");
    if (info.isDir())
        return QStringLiteral("cannot write %1: it is a folder").arg(path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return QStringLiteral("cannot write %1: folder %2 does not exist").arg(path, folder.filePath());
    if (!folder.isWritable() || (info.exists() && !info.isWritable()))
        return QStringLiteral("cannot write %1: permission denied").arg(path);
    return {};
}

} // namespace calcprof
