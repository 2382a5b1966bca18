# The course's program (multi.py) as students get it, with smaller sets so that it runs in seconds:
# `calcprof --script docs/examples/multi.py` profiles it. save_serial writes 43 files of 2 MB here
# (the original writes 200 MB each) into the folder it runs in.
import csv
import time
from multiprocessing import Pool


def time_me(function):
    def timed(*args, **kwargs):
        start = time.time()
        result = function(*args, **kwargs)
        print("Ran '%s' in %.4f secs" % (function.__name__, time.time() - start))
        return result
    return timed


def fibo(n):
    return 1 if n <= 1 else fibo(n - 1) + fibo(n - 2)


def calc_for_parallel(n):
    return [fibo(i) for i in range(n)]


@time_me
def do_parallel(numbers):
    with Pool(len(numbers)) as p:
        return p.map(calc_for_parallel, numbers)


@time_me
def do_serial(numbers):
    return [calc_for_parallel(n) for n in numbers]


@time_me
def save_serial(results):
    header, footer = "h" * 1_000_000, "f" * 1_000_000
    values = [v for result in results for v in result]
    for index, value in enumerate(values, start=1):
        with open("res%d.txt" % index, "w", newline="") as f:
            csv.writer(f).writerow([header, value, footer])


if __name__ == "__main__":
    sets = [(10, 12, 5, 7, 4, 3, 2), (30, 27, 25, 32), (33, 31, 34)]
    for numbers in sets:
        print("set", numbers)
        parallel = do_parallel(numbers)
        serial = do_serial(numbers)
        assert parallel == serial
    save_serial(do_serial(sets[0]))
