#!/usr/bin/env python3
"""Every test a docs/RELIABILITY.md row names exists, and every row names one.

usage: check_reliability_doc.py RELIABILITY.md tests/CMakeLists.txt GTEST_BINARY...

A row's last cell names its proofs in backticks: `Suite.Name`, `…Name` (same suite as the name
before it), `Suite.*`, `Suite` alone, `Prefix/Suite.Name/*`. Other backticked text there (scripts,
options) is not a test name. A row without any test must name a script (`scripts/…`) instead: a
measurement, not a test. Tests added with add_test() in tests/CMakeLists.txt count as existing (the
ThreadSanitizer canary exists only in the tsan build).
"""
import fnmatch
import re
import subprocess
import sys

TOKEN = re.compile(r"`([^`]+)`")
TEST_NAME = re.compile(r"^(…)?[A-Z][A-Za-z0-9_]*(/[A-Za-z0-9_]+)?(\.[A-Za-z0-9_*]+)?(/[A-Za-z0-9_*]+)?$")


def gtest_names(binary):
    out = subprocess.run([binary, "--gtest_list_tests"], capture_output=True, text=True, check=True).stdout
    names, suite = set(), None
    for line in out.splitlines():
        if not line.strip() or line.startswith("QStandardPaths"):
            continue
        if not line.startswith(" "):
            suite = line.split()[0]
        else:
            names.add(suite + line.split()[0])
    return names


def exists(token, names):
    if "." not in token:  # a whole suite, with or without an instantiation prefix
        return any(n.split(".")[0].split("/")[-1] == token or n.split(".")[0] == token for n in names)
    return any(fnmatch.fnmatchcase(n, token) for n in names)


def main():
    doc, cmakelists, binaries = sys.argv[1], sys.argv[2], sys.argv[3:]
    names = set()
    for binary in binaries:
        names |= gtest_names(binary)
    names |= set(re.findall(r"add_test\(NAME\s+([^\s)]+)", open(cmakelists).read()))

    problems = []
    for number, line in enumerate(open(doc, encoding="utf-8"), 1):
        if not line.startswith("| ") or line.startswith("|---") or line.startswith("| input |") \
                or line.startswith("| fault |") or line.startswith("| case |"):
            continue
        cell = line.rstrip().rstrip("|").split("|")[-1]
        if cell.strip() == "test":  # a table's header row
            continue
        tests, suite = [], None
        for token in TOKEN.findall(cell):
            if not TEST_NAME.match(token):
                continue
            if token.startswith("…"):
                if suite is None:
                    problems.append(f"line {number}: '{token}' has no suite before it")
                    continue
                token = f"{suite}.{token[1:]}"
            elif "." in token:
                suite = token.split(".")[0]
            tests.append(token)
        if not tests and "`scripts/" not in cell:
            problems.append(f"line {number}: names no test (nor a scripts/ measurement): {line.strip()[:100]}")
        for test in tests:
            if not exists(test, names):
                problems.append(f"line {number}: no test named {test}")
    for problem in problems:
        print(f"docs/RELIABILITY.md {problem}")
    print(f"{len(problems)} problem(s); {len(names)} tests known")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
