#pragma once

#include <QString>

#include <vector>

namespace calcprof {

/// An output a command asks for: the option that names it ("--json") and its path. A folder
/// output (a Markdown report's figures, the CSV stage's folder) owns the files in it whose names
/// match `ownedNames`, a wildcard ("*", "res*.txt"); a plain file output leaves it empty.
struct NamedOutput
{
    QString option;
    QString path;
    QString ownedNames;
};

/// Empty, or why two of `outputs` would write one file, naming both options: "--json and --report
/// both write /tmp/o.html; give each output its own file". Two paths are one file when they lead to
/// the same device and inode (hard links, symlinks, "./x" and "x"); a file not there yet is compared
/// by its folder (symlinks resolved) and name. A character device (/dev/null) may take several
/// outputs: they are written to it in turn and replace nothing. A file output clashes with a folder output when it is
/// the folder itself or one of the files the folder owns: "--json (d/res1.txt) and --csv-dir (d)
/// would overwrite each other's files; …".
QString findOutputClash(const std::vector<NamedOutput>& outputs);

} // namespace calcprof
