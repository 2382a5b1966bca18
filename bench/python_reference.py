#!/usr/bin/env python3
"""The "before" of the calc exercise: a minimal Python rendition of its workload.

Times, with time.perf_counter and R repetitions (medians reported):
  - serial:  [task(n) for n in SET]
  - pool:    multiprocessing.Pool(len(SET)).map(task, SET)   (pool start-up included, as in the original)
  - csv:     one csv.writer row ['h'*H, value, 'f'*F] per value of task(CSV_N), files res1.txt..resK.txt,
             written into a temporary folder that is removed afterwards.

Standard library only. `--json` prints one JSON object on stdout (used by scripts/bench); without it
the results are printed for a human.
"""
import argparse
import csv
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time


def fibo(n):
    # Naive and exponential on purpose: the point is CPU-bound work.
    return 1 if n <= 1 else fibo(n - 1) + fibo(n - 2)


def task(n):
    return [fibo(i) for i in range(n)]


def do_serial(numbers):
    return [task(n) for n in numbers]


def do_parallel(numbers):
    with multiprocessing.Pool(len(numbers)) as pool:
        return pool.map(task, numbers)


def save_serial(directory, values, header, footer):
    """The original's save_serial: one file per value, one CSV row each. Returns the bytes written."""
    written = 0
    for index, value in enumerate(values, start=1):
        path = os.path.join(directory, f"res{index}.txt")
        with open(path, "w", newline="") as f:  # newline="": csv.writer writes its own "\r\n"
            csv.writer(f).writerow([header, value, footer])
        written += os.path.getsize(path)
    return written


def timed(repeat, fn, *args):
    """Runs fn(*args) `repeat` times; returns (last result, list of wall seconds)."""
    samples = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        samples.append(time.perf_counter() - start)
    return result, samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="27,25,29", help="comma-separated numbers (default 27,25,29)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of each measurement (default 3)")
    parser.add_argument("--csv-n", type=int, default=5, help="write the values of task(N) (default 5: 5 files)")
    parser.add_argument("--header-bytes", type=int, default=10_000_000)
    parser.add_argument("--footer-bytes", type=int, default=10_000_000)
    parser.add_argument("--no-csv", action="store_true", help="skip the CSV measurement")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args()

    numbers = [int(x) for x in args.set.replace(" ", "").split(",") if x]
    if not numbers or args.repeat < 1:
        parser.error("need at least one number and --repeat >= 1")

    serial_result, serial = timed(args.repeat, do_serial, numbers)
    pool_result, pool = timed(args.repeat, do_parallel, numbers)
    if pool_result != serial_result:
        sys.exit("pool and serial results differ")

    out = {
        "tool": "python_reference",
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "set": numbers,
        "repeat": args.repeat,
        "serial_seconds": statistics.median(serial),
        "pool_seconds": statistics.median(pool),
        "serial_samples": serial,
        "pool_samples": pool,
    }

    if not args.no_csv:
        values = task(args.csv_n)
        header, footer = "h" * args.header_bytes, "f" * args.footer_bytes  # built once, as module constants
        samples, written = [], 0
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="calc-pyref-") as directory:
                start = time.perf_counter()
                written = save_serial(directory, values, header, footer)
                samples.append(time.perf_counter() - start)
        out.update({
            "csv_files": len(values),
            "csv_header_bytes": args.header_bytes,
            "csv_footer_bytes": args.footer_bytes,
            "csv_bytes": written,
            "csv_seconds": statistics.median(samples),
            "csv_samples": samples,
            "csv_mb_per_s": written / 1e6 / statistics.median(samples),
        })

    if args.json:
        json.dump(out, sys.stdout, indent=1)
        print()
        return
    print(f"Python {out['python']}, {out['cores']} cores, set {numbers}, medians of {args.repeat}")
    print(f"  serial  {out['serial_seconds']:.3f} s")
    print(f"  pool    {out['pool_seconds']:.3f} s   (Pool({len(numbers)}), start-up included)")
    if "csv_seconds" in out:
        print(f"  csv     {out['csv_seconds']:.3f} s   ({out['csv_files']} files, {out['csv_bytes'] / 1e6:.1f} MB, "
              f"{out['csv_mb_per_s']:.0f} MB/s, page cache)")


if __name__ == "__main__":
    main()
