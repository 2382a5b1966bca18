#include "core/io/outputclash.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <optional>
#include <sys/stat.h>

namespace calcprof {

namespace {

// Symlinks followed at most this deep for a path that does not exist yet (the kernel's own limit).
constexpr int kMaxLinkDepth = 40;

/// What a path leads to: the device and inode of what is there, else the absolute path it will be
/// created at (its folder's symlinks resolved), so that "a/../b", "./b" and a link to b all agree.
struct Place
{
    std::optional<std::pair<dev_t, ino_t>> node;
    bool device = false; ///< a character device: written in place, and /dev/null twice loses nothing
    QString where;
    QString folder; ///< `where`'s folder
    QString name; ///< `where`'s file name

    [[nodiscard]] bool operator==(const Place& other) const
    {
        if (node || other.node)
            return node == other.node;
        return where == other.where;
    }
};

std::optional<std::pair<dev_t, ino_t>> nodeOf(const QString& path, bool* device = nullptr)
{
    struct stat status
    { };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return std::nullopt;
    if (device != nullptr)
        *device = S_ISCHR(status.st_mode);
    return std::pair {status.st_dev, status.st_ino};
}

Place placeOf(const QString& path)
{
    QFileInfo info(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
    // A dangling symlink: the file will be made where it points.
    for (int depth = 0; depth < kMaxLinkDepth && info.isSymLink() && !info.exists(); ++depth)
        info = QFileInfo(QDir::cleanPath(info.symLinkTarget()));
    const QString canonicalFolder = QFileInfo(info.absolutePath()).canonicalFilePath();
    const QString folder = canonicalFolder.isEmpty() ? info.absolutePath() : canonicalFolder;
    Place place;
    place.node = nodeOf(path, &place.device);
    place.where = QDir(folder).filePath(info.fileName());
    place.folder = folder;
    place.name = info.fileName();
    return place;
}

// Whether the file at `file` is the folder output `folder` or one of the files it owns.
bool ownedBy(const Place& file, const Place& folder, const QString& ownedNames)
{
    if (file == folder)
        return true;
    const QRegularExpression owned(QRegularExpression::wildcardToRegularExpression(ownedNames));
    if (!owned.match(file.name).hasMatch())
        return false;
    Place fileFolder;
    fileFolder.node = nodeOf(file.folder);
    fileFolder.where = file.folder;
    return fileFolder == folder;
}

} // namespace

QString findOutputClash(const std::vector<NamedOutput>& outputs)
{
    std::vector<Place> places;
    places.reserve(outputs.size());
    for (const NamedOutput& output : outputs)
        places.push_back(placeOf(output.path));
    for (std::size_t first = 0; first < outputs.size(); ++first) {
        for (std::size_t second = first + 1; second < outputs.size(); ++second) {
            const NamedOutput& one = outputs[first];
            const NamedOutput& other = outputs[second];
            const bool oneIsFolder = !one.ownedNames.isEmpty();
            const bool otherIsFolder = !other.ownedNames.isEmpty();
            if (oneIsFolder && otherIsFolder)
                continue; // folders hold different files (figures, results): only a file can clash
            if (!oneIsFolder && !otherIsFolder && places[first] == places[second] && !places[first].device) {
                return QStringLiteral("%1 and %2 both write %3; give each output its own file")
                    .arg(one.option, other.option, QDir::toNativeSeparators(other.path));
            }
            const bool fileInFolder = oneIsFolder
                ? ownedBy(places[second], places[first], one.ownedNames)
                : otherIsFolder && ownedBy(places[first], places[second], other.ownedNames);
            if (fileInFolder) {
                const NamedOutput& file = oneIsFolder ? other : one;
                const NamedOutput& folder = oneIsFolder ? one : other;
                return QStringLiteral("%1 (%2) and %3 (%4) would overwrite each other's files; give each output its "
                                      "own file")
                    .arg(file.option, QDir::toNativeSeparators(file.path), folder.option,
                        QDir::toNativeSeparators(folder.path));
            }
        }
    }
    return {};
}

} // namespace calcprof
