#!/usr/bin/env python3
"""What calcprof's py-* strategies cost over the bare Python they re-enact (issue 19's performance goals).

Three measurements, each in rounds whose order rotates (so a slow drift of the machine hits every
side alike), each quoted as the median of the rounds' paired ratios:

  1. py-serial against a bare `[task(n) for n in SET]` in one python3 process (goal: within 5 %);
  2. py-pool at Pool(len(set)) on set 1 against a bare `Pool(7).map` (goal: within 10 %);
  3. the runner's instrumentation per task: timed_task() and its report line against the bare task,
     over many empty tasks (goal: under 20 us per task).

calcprof's side is what it records of a run (its JSON's wall_seconds: the interpreter's own span
from the first task handed out to the last result back, interpreter start not included); the bare
side is time.perf_counter() around the same call in a python3 of its own (start-up not included
either). Both use the same interpreter (--python).

    python3 bench/python_bench.py [--calcprof build/app/calcprof] [--python python3] [--rounds 7]
"""
import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

SET1 = "10,12,5,7,4,3,2"
SERIAL_SETS = ["10,12,5,7,4,3,2", "25,22,24", "27,26,28"]

BARE = r"""
import json, sys, time
from multiprocessing import Pool
def fibo(n):
    return 1 if n <= 1 else fibo(n - 1) + fibo(n - 2)
def task(n):
    return [fibo(i) for i in range(n)]
numbers = [int(x) for x in sys.argv[2].split(",")]
start = time.perf_counter()
if sys.argv[1] == "serial":
    result = [task(n) for n in numbers]
else:
    with Pool(len(numbers)) as pool:
        result = pool.map(task, numbers)
print(json.dumps(time.perf_counter() - start))
"""


def calcprof_wall(args, strategy, numbers):
    with tempfile.TemporaryDirectory(prefix="calcprof-pybench-") as folder:
        path = os.path.join(folder, "run.json")
        subprocess.run([args.calcprof, "--headless", "--quiet", "--python", args.python, "--strategies", strategy,
                        "--sets", numbers, "--repeat", "1", "--warmup", "0", "--retry-disturbed", "0",
                        "--json", path], check=True, stdout=subprocess.DEVNULL)
        with open(path) as f:
            runs = json.load(f)["runs"]
    assert len(runs) == 1 and runs[0]["matches_serial"], runs
    return runs[0]["wall_seconds"]


def bare_wall(args, kind, numbers):
    out = subprocess.run([args.python, "-c", BARE, kind, numbers], check=True, capture_output=True, text=True)
    return float(out.stdout)


def paired(args, label, sides):
    """Rounds in rotating order of the two sides; the median of the per-round ratios calcprof / bare."""
    ratios, walls = [], {name: [] for name in sides}
    names = list(sides)
    for round_index in range(args.rounds):
        order = names[round_index % 2:] + names[:round_index % 2]
        measured = {name: sides[name]() for name in order}
        for name in names:
            walls[name].append(measured[name])
        ratios.append(measured[names[0]] / measured[names[1]])
    medians = ", ".join(f"{name} {statistics.median(values) * 1e3:.2f} ms" for name, values in walls.items())
    ratio = statistics.median(ratios)
    print(f"{label}: {medians}; ratio {ratio:.3f} (median of {len(ratios)} paired rounds, range "
          f"{min(ratios):.3f}-{max(ratios):.3f})")
    return ratio


def instrumentation_per_task(runner_path, tasks=200_000):
    """Microseconds timed_task() and its report line add to a task, over empty tasks (n = 0)."""
    spec = importlib.util.spec_from_file_location("calcprof_runner", runner_path)
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    sink = os.open(os.devnull, os.O_WRONLY)
    channel = runner.Channel(sink)
    best_bare, best_timed = float("inf"), float("inf")
    for _ in range(5):  # the least of 5 passes: what it costs, not what the machine's noise added
        start = time.perf_counter()
        for index in range(tasks):
            runner.calc_for_parallel(0)
        best_bare = min(best_bare, time.perf_counter() - start)
        start = time.perf_counter()
        for index in range(tasks):
            result = runner.timed_task((index, 0))
            runner._report(channel, result, result[3])
        best_timed = min(best_timed, time.perf_counter() - start)
    os.close(sink)
    per_task = (best_timed - best_bare) / tasks * 1e6
    print(f"instrumentation: {per_task:.2f} us per task (timed_task + its report line, least of 5 passes of "
          f"{tasks} empty tasks)")
    return per_task


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--calcprof", default=os.path.join(here, "..", "build", "app", "calcprof"))
    parser.add_argument("--python", default="python3")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    print(f"{args.python}: {subprocess.run([args.python, '--version'], capture_output=True, text=True).stdout.strip()}; "
          f"{os.cpu_count()} cores; {args.rounds} rounds each")
    serial = [paired(args, f"py-serial vs bare serial, set {numbers}",
                     {"py-serial": lambda n=numbers: calcprof_wall(args, "py-serial", n),
                      "bare": lambda n=numbers: bare_wall(args, "serial", n)}) for numbers in SERIAL_SETS]
    pool = paired(args, f"py-pool vs bare Pool(7).map, set {SET1}",
                  {"py-pool": lambda: calcprof_wall(args, "py-pool", SET1),
                   "bare": lambda: bare_wall(args, "pool", SET1)})
    runner = os.path.join(os.path.dirname(os.path.abspath(args.calcprof)), "calcprof_runner.py")
    per_task = instrumentation_per_task(runner)
    heaviest = serial[-1]
    print(f"goals: py-serial within 5 % on the heaviest set: {'met' if abs(heaviest - 1) <= 0.05 else 'NOT met'} "
          f"({(heaviest - 1) * 100:+.1f} %); py-pool within 10 %: {'met' if abs(pool - 1) <= 0.10 else 'NOT met'} "
          f"({(pool - 1) * 100:+.1f} %); instrumentation under 20 us: {'met' if per_task < 20 else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
