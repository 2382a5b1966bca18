#!/usr/bin/env python3
"""A/B comparison of two calcprof builds on one workload (standard library only).

Runs `calcprof --headless` from build A and build B in alternating rounds (A B, B A, A B, ...), so
that both share the machine's drift, and prints per strategy and set the median wall time of each
build and the ratio B/A. Meant for "did this change cost anything?" on a noisy shared machine, where
two separate benchmark runs minutes apart are not comparable.

  compare_builds.py A_BINARY B_BINARY [--rounds N] [calcprof options...]

Everything after the two binaries and --rounds goes to both calcprof runs, e.g.
  bench/compare_builds.py /tmp/old/build/app/calcprof build/app/calcprof --rounds 10 \
      --sets "10,12,5,7,4,3,2" --strategies pool,serial --repeat 100
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile


def usage(message):
    print(f"compare_builds.py: {message}", file=sys.stderr)
    print(__doc__.split("\n\n")[2], file=sys.stderr)
    sys.exit(2)


def parse_arguments(argv):
    if len(argv) < 2:
        usage("two calcprof binaries are needed")
    binaries, rest = argv[:2], argv[2:]
    rounds = 5
    if rest[:1] == ["--rounds"]:
        if len(rest) < 2 or not rest[1].isdigit() or int(rest[1]) < 1:
            usage("--rounds needs a whole number of at least 1")
        rounds, rest = int(rest[1]), rest[2:]
    for binary in binaries:
        if not os.access(binary, os.X_OK):
            usage(f"{binary} is not an executable")
    if any(option in rest for option in ("--json", "--headless")):
        usage("--json and --headless are set by this script")
    return binaries, rounds, rest


def run_once(binary, options, json_path):
    command = [binary, "--headless", "--quiet", *options, "--json", json_path]
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if completed.returncode != 0:
        sys.exit(f"compare_builds.py: {' '.join(command)} failed ({completed.returncode}): {completed.stderr}")
    with open(json_path, encoding="utf-8") as file:
        return json.load(file)["runs"]


def main():
    binaries, rounds, options = parse_arguments(sys.argv[1:])
    times = {binary: {} for binary in binaries}
    with tempfile.TemporaryDirectory() as work:
        json_path = os.path.join(work, "run.json")
        for round_index in range(rounds):
            order = binaries if round_index % 2 == 0 else binaries[::-1]
            for binary in order:
                for run in run_once(binary, options, json_path):
                    key = (run["strategy"], run["set_index"])
                    times[binary].setdefault(key, []).append(run["wall_seconds"])
    a, b = binaries
    print(f"A = {a}\nB = {b}\n{rounds} alternating rounds; medians of wall time per run")
    print(f"{'strategy':10} {'set':>3} {'A ms':>12} {'B ms':>12} {'B/A':>7} {'runs':>6}")
    for key in sorted(times[a]):
        if key not in times[b]:
            continue
        median_a, median_b = statistics.median(times[a][key]), statistics.median(times[b][key])
        ratio = median_b / median_a if median_a > 0 else float("nan")
        print(f"{key[0]:10} {key[1]:>3} {median_a * 1e3:12.3f} {median_b * 1e3:12.3f} {ratio:7.3f} "
              f"{len(times[b][key]):>6}")


if __name__ == "__main__":
    main()
