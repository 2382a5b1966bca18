#!/usr/bin/env python3
"""clang-tidy over the given files, skipping those whose every input is unchanged since a clean run.

clang-tidy spends 10-20 s on each of our files (most of it walking Qt's headers), so linting the whole
tree takes a quarter of an hour of CI on two cores. A file's verdict depends only on its inputs: its
compile command, the content of every header it includes (the compiler's own dependency list, system
headers too), .clang-tidy and the clang-tidy version. Their hash, the key, is recorded in the cache file
(committed: .ci/clang-tidy.cache) when the file is clean, and a file whose key is there is not linted
again. Any change to any input gives a new key, and the file is linted.

Paths are written relative to the source and build folders, so keys made in one clone hold in another.
The precompiled header is taken out of each command: clang-tidy cannot read GCC's, and without it every
file must include what it uses, which this proves. -Werror is taken out too: --warnings-as-errors=* makes
every finding an error already, and with it in the key a cache made by `scripts/build` never held in
CI's -DCALCPROF_WERROR=ON build (every file was linted again: 6 minutes of CI).

    clang-tidy-cached.py -p BUILD --cache FILE [--jobs N] FILE...
Exits 1 if any file has a finding (printed), 0 otherwise. The cache is rewritten with the keys of the
files given that are clean now, and nothing else.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import shlex
import subprocess
import sys
import tempfile

# Files whose content changes from build to build without changing anything clang-tidy sees.
IGNORED_DEPENDENCY_SUFFIXES = (".gch", ".pch")


def tidy_arguments(arguments):
    """The compile command clang-tidy is given, and its key is made from."""
    kept = []
    skip_next = False
    for index, argument in enumerate(arguments):
        if skip_next:
            skip_next = False
            continue
        if argument == "-include" and index + 1 < len(arguments) and "cmake_pch" in arguments[index + 1]:
            skip_next = True
            continue
        if argument in ("-Winvalid-pch", "-Werror"):
            continue
        kept.append(argument)
    return kept


def ninja_dependencies(build, output):
    """The headers the compiler read for `output`, as ninja recorded them (empty when unknown)."""
    try:
        text = subprocess.run(["ninja", "-C", build, "-t", "deps", output], capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    lines = text.splitlines()
    if not lines or "(VALID)" not in lines[0]:
        return []
    return [line.strip() for line in lines[1:] if line.strip()]


class Keys:
    def __init__(self, source, build):
        self.source = os.path.realpath(source)
        self.build = os.path.realpath(build)
        self.content_hashes = {}
        version = subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True).stdout
        with open(os.path.join(self.source, ".clang-tidy"), "rb") as config:
            self.common = hashlib.sha256(version.encode() + b"\0" + config.read()).hexdigest()

    def normalise(self, text):
        # The build folder first: it may lie inside the source folder.
        return text.replace(self.build, "<build>").replace(self.source, "<source>")

    def content_hash(self, path):
        if path not in self.content_hashes:
            try:
                with open(path, "rb") as file:
                    data = file.read()
            except OSError:
                data = b"<missing>"
            data = data.replace(self.build.encode(), b"<build>").replace(self.source.encode(), b"<source>")
            self.content_hashes[path] = hashlib.sha256(data).hexdigest()
        return self.content_hashes[path]

    def key(self, arguments, filtered_arguments):
        """None when the inputs are not known (never built): the file is linted."""
        # What ninja built: the object, and the precompiled header the object was compiled with (the
        # headers read through it are recorded against the header, not the object).
        outputs = [arguments[arguments.index("-o") + 1]] if "-o" in arguments else []
        for index, argument in enumerate(arguments[:-1]):
            if argument == "-include" and "cmake_pch" in arguments[index + 1]:
                outputs.append(os.path.relpath(arguments[index + 1], self.build) + ".gch")
        dependencies = []
        for output in outputs:
            found = ninja_dependencies(self.build, output)
            if not found:
                return None
            dependencies += found
        if not dependencies:
            return None
        digest = hashlib.sha256(self.common.encode())
        digest.update(self.normalise(" ".join(filtered_arguments)).encode())
        paths = {os.path.normpath(os.path.join(self.build, dependency)) for dependency in dependencies
                 if not dependency.endswith(IGNORED_DEPENDENCY_SUFFIXES)}
        # In the order of the written paths: the same in every clone.
        for name, path in sorted((self.normalise(path), path) for path in paths):
            digest.update(b"\0" + name.encode() + b"\0" + self.content_hash(path).encode())
        return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", dest="build", required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("files", nargs="+")
    options = parser.parse_args()

    source = os.getcwd()
    with open(os.path.join(options.build, "compile_commands.json")) as database:
        entries = {os.path.realpath(os.path.join(entry["directory"], entry["file"])): entry
                   for entry in json.load(database)}
    try:
        with open(options.cache) as cache:
            clean = {line.strip() for line in cache if line.strip() and not line.startswith("#")}
    except FileNotFoundError:
        clean = set()

    keys = Keys(source, options.build)
    filtered = []
    to_lint = []
    kept_keys = {}
    for name in options.files:
        entry = entries.get(os.path.realpath(name))
        if entry is None:
            print(f"clang-tidy: {name} is not in {options.build}/compile_commands.json", file=sys.stderr)
            return 1
        arguments = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
        tidied = tidy_arguments(arguments)
        filtered.append({"directory": entry["directory"], "file": entry["file"], "arguments": tidied})
        key = keys.key(arguments, tidied)
        if key is not None and key in clean:
            kept_keys[name] = key
        else:
            to_lint.append((name, key))

    failed = []
    with tempfile.TemporaryDirectory(prefix="calcprof-tidy.") as database_folder:
        with open(os.path.join(database_folder, "compile_commands.json"), "w") as database:
            json.dump(filtered, database)

        def lint(name):
            result = subprocess.run(["clang-tidy", "-p", database_folder, "--quiet", "--warnings-as-errors=*", name],
                                    capture_output=True, text=True)
            # stderr: clang's own errors (a file that does not compile without the precompiled header),
            # without its "N warnings generated" counts of what the header filter hid.
            errors = "".join(line for line in result.stderr.splitlines(keepends=True)
                             if not line.rstrip().endswith("generated."))
            return result.returncode, result.stdout + errors

        with concurrent.futures.ThreadPoolExecutor(max_workers=options.jobs) as pool:
            for (name, key), (status, output) in zip(to_lint, pool.map(lint, [name for name, _ in to_lint])):
                if status != 0:
                    failed.append(name)
                    sys.stdout.write(output)
                elif key is not None:
                    kept_keys[name] = key

    with open(options.cache, "w") as cache:
        cache.write("# scripts/clang-tidy-cached.py: the input hash of each file clang-tidy found clean\n")
        cache.writelines(f"{key}\n" for key in sorted(set(kept_keys.values())))
    print(f"clang-tidy: {len(to_lint)} of {len(options.files)} files linted, "
          f"{len(options.files) - len(to_lint)} unchanged since a clean run")
    if failed:
        print(f"clang-tidy: findings in {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
