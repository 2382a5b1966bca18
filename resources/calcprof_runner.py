"""calcprof's Python runner: the original exercise's tasks, run by the interpreter calcprof was told to use.

calcprof starts it as `PYTHON calcprof_runner.py --parent PID` in a process group of its own, writes one
request (a JSON object) on its stdin and reads protocol lines (one JSON object each) from file
descriptor 3. Standard library only: it must run on any CPython (or PyPy) 3.8 or newer as it is.

Requests:
  {"mode": "probe"}                                   -> a hello line, nothing else
  {"mode": "calibrate", "milliseconds": 20}          -> hello, then {"rate": calls per second, ...}
  {"mode": "run", "strategy": "py-pool", "numbers": [10, 12], "workers": 2, "start_method": "fork"}
      -> hello, {"span_start": ns, ...}, one {"task": ...} line per task as its result reaches this
         process, then {"span_end": ns, ...}
  {"mode": "csv", "directory": "/tmp/x", "values": ["1", "2"], "header_bytes": 100, "footer_bytes": 100,
   "fsync": false, "partial_pid": 123}
      -> hello, one {"file": index, "bytes": n, "start": ns, "end": ns} line per file written (save_serial:
         csv.writer, into ".calcprof-res<index>.txt.<partial_pid>.partial", then renamed to res<index>.txt),
         then {"csv_end": ns, "peak_rss_bytes": this interpreter's ru_maxrss}
  {"mode": "script", "script": "/abs/student.py", "arguments": ["a"], "directory": "/tmp/work"}
      -> hello, {"script_start": ns, "pid": n, "subreaper": bool}, the script's own output on this
         process's stdout and stderr (its own), then {"script_end": ns, "status": exit status or -signal,
         "user": s, "system": s, "peak_rss_bytes": n, "peak_tree_rss_bytes": n, "processes": n,
         "sample_seconds": s, "sampler_cpu_seconds": s, "leftovers": [{"pid": n, "command": "..."}]}. SIGTERM (calcprof's
         cancel) ends the script's whole tree: {"script_cancelled": ns}.
Any failure: {"error": "text"} and exit status 1. Clock values are time.monotonic_ns(): CLOCK_MONOTONIC,
the clock calcprof's steady_clock reads, so calcprof places them on its own timeline directly.
"""

import asyncio
import csv
import json
import os
import sys
import threading
import time

_CHANNEL_FD = 3
_READY_NS = 0  # when this process became a pool worker (its initializer ran); 0 in the parent


def fibo(n):
    # The original's, exactly: naive, exponential on purpose.
    return 1 if n <= 1 else fibo(n - 1) + fibo(n - 2)


def calc_for_parallel(n):
    # The original's task: the list fibo(0) .. fibo(n - 1).
    return [fibo(i) for i in range(n)]


def timed_task(indexed):
    """One task with what calcprof records of it: where and when it ran and the CPU it used (the
    instrumentation: four clock reads, a pid and a thread id, well under a microsecond each)."""
    index, n = indexed
    cpu = time.thread_time_ns()
    start = time.monotonic_ns()
    values = calc_for_parallel(n)
    end = time.monotonic_ns()
    cpu = time.thread_time_ns() - cpu
    return (index, values, start, end, os.getpid(), threading.get_ident(), _READY_NS, cpu)


def _die_with_parent():
    """A worker must never outlive calcprof: ask the kernel to kill this process when its parent dies
    (Linux's PR_SET_PDEATHSIG, through ctypes: standard library). calcprof also kills the whole process
    group on a cancel; this covers a calcprof that is itself killed."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, 9)
    except (OSError, AttributeError):
        pass


def _worker_started(parent):
    global _READY_NS
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    _READY_NS = time.monotonic_ns()


class Channel:
    def __init__(self, fd):
        self._fd = fd

    def say(self, message):
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode()
        while data:
            written = os.write(self._fd, data)
            data = data[written:]


def _hello(channel, start_method):
    gil = getattr(sys, "_is_gil_enabled", None)
    channel.say(
        {
            "hello": 1,
            "implementation": sys.implementation.name,
            "version": "%d.%d.%d" % sys.version_info[:3],
            "gil": True if gil is None else bool(gil()),
            "pid": os.getpid(),
            "start_method": start_method,
        }
    )


def _report(channel, result, received):
    index, values, start, end, pid, thread, ready, cpu = result
    channel.say(
        {
            "task": index,
            "values": values,
            "start": start,
            "end": end,
            "pid": pid,
            "thread": thread,
            "ready": ready,
            "cpu": cpu,
            "received": received,
        }
    )


def _run_serial(channel, numbers, _workers, _context):
    # do_serial: a list comprehension over the set. Each result is reported as it is made.
    for indexed in enumerate(numbers):
        result = timed_task(indexed)
        _report(channel, result, result[3])


def _map_chunksize(tasks, workers):
    # What Pool.map chooses for this many tasks (multiprocessing/pool.py, _map_async).
    chunksize, extra = divmod(tasks, workers * 4)
    return chunksize + 1 if extra else chunksize


def _run_pool(channel, numbers, workers, context):
    # do_parallel: `with Pool(W) as p: p.map(calc_for_parallel, set)`, pool created and closed inside
    # the timed span. imap_unordered with map's chunk size hands out the same chunks in the same order
    # and lets each result be stamped when it reaches this process (its return trip) and reported
    # at once (calcprof's progress); the list is reassembled in set order by calcprof.
    with context.Pool(workers, initializer=_worker_started, initargs=(os.getpid(),)) as pool:
        chunksize = max(1, _map_chunksize(len(numbers), workers))
        for result in pool.imap_unordered(timed_task, list(enumerate(numbers)), chunksize):
            _report(channel, result, time.monotonic_ns())


def _run_futures(channel, numbers, workers, context):
    import concurrent.futures as futures

    with futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_started, initargs=(os.getpid(),)
    ) as executor:
        pending = [executor.submit(timed_task, indexed) for indexed in enumerate(numbers)]
        for future in futures.as_completed(pending):
            _report(channel, future.result(), time.monotonic_ns())


def _run_threads(channel, numbers, workers, _context):
    import concurrent.futures as futures

    with futures.ThreadPoolExecutor(workers) as executor:
        pending = [executor.submit(timed_task, indexed) for indexed in enumerate(numbers)]
        for future in futures.as_completed(pending):
            _report(channel, future.result(), time.monotonic_ns())


def _run_asyncio(channel, numbers, _workers, _context):
    # The common student attempt: coroutines over CPU work. gather() runs them one after another on
    # the event loop's thread, since none of them ever awaits anything.
    async def task(indexed):
        result = timed_task(indexed)
        _report(channel, result, time.monotonic_ns())
        return result

    async def everything():
        return await asyncio.gather(*(task(indexed) for indexed in enumerate(numbers)))

    asyncio.run(everything())


_STRATEGIES = {
    "py-serial": _run_serial,
    "py-pool": _run_pool,
    "py-futures": _run_futures,
    "py-threads": _run_threads,
    "py-asyncio": _run_asyncio,
}


def _run(channel, request):
    import multiprocessing

    run = _STRATEGIES.get(request.get("strategy"))
    if run is None:
        raise ValueError("unknown strategy %r" % request.get("strategy"))
    numbers = [int(n) for n in request["numbers"]]
    workers = max(1, int(request.get("workers", 1)))
    method = request.get("start_method") or None
    context = multiprocessing.get_context(method)
    channel.say({"span_start": time.monotonic_ns(), "start_method": context.get_start_method()})
    run(channel, numbers, workers, context)
    channel.say({"span_end": time.monotonic_ns()})


def _save_serial(channel, request):
    # The original's save_serial: one file per value, one row each, written by csv.writer (its own
    # "\r\n" line end, hence newline=""). Each file goes under calcprof's temporary name first and is
    # renamed into place once complete, so a failure never leaves a res*.txt half-written.
    import resource

    directory = request["directory"]
    header = "h" * int(request["header_bytes"])
    footer = "f" * int(request["footer_bytes"])
    fsync = bool(request.get("fsync"))
    partial_pid = int(request["partial_pid"])
    for index, value in enumerate(request["values"], start=1):
        start = time.monotonic_ns()
        final = os.path.join(directory, "res%d.txt" % index)
        partial = os.path.join(directory, ".calcprof-res%d.txt.%d.partial" % (index, partial_pid))
        try:
            with open(partial, "w", newline="") as f:
                csv.writer(f).writerow([header, int(value), footer])
                if fsync:
                    f.flush()
                    os.fsync(f.fileno())
            os.replace(partial, final)
        except BaseException:
            if os.path.exists(partial):
                os.remove(partial)
            raise
        channel.say({"file": index, "bytes": os.path.getsize(final), "start": start, "end": time.monotonic_ns()})
    # ru_maxrss is in kilobytes on Linux: the interpreter's peak resident set over the whole write.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    channel.say({"csv_end": time.monotonic_ns(), "peak_rss_bytes": peak})


_PR_SET_CHILD_SUBREAPER = 36
_SCRIPT_SAMPLE_SECONDS = 0.05


class _Cancelled(Exception):
    pass


def _become_subreaper():
    # Every orphan of the script's tree is then handed to this process, not to init: none escapes
    # the CPU count (the kernel adds a process's time to its reaper's children) or the leftover check.
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _process_stat(pid):
    # (start time, resident bytes) of a live process, None for one gone or a zombie. Fields after
    # the command (which may hold spaces and parentheses): state is the first, starttime the 20th,
    # rss the 22nd (proc(5)).
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            data = f.read()
    except OSError:
        return None
    fields = data[data.rindex(b")") + 2 :].split()
    if fields[0] in (b"Z", b"X"):
        return None
    return int(fields[19]), int(fields[21]) * os.sysconf("SC_PAGE_SIZE")


def _children(pid):
    # The children of every thread of `pid` (Linux's /proc/PID/task/TID/children): the tree is walked
    # from this process down, never the whole of /proc, so a sample costs a few reads per process.
    found = []
    try:
        threads = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return found
    for thread in threads:
        try:
            with open("/proc/%d/task/%s/children" % (pid, thread)) as f:
                found.extend(int(child) for child in f.read().split())
        except OSError:
            pass
    return found


def _descendants(root):
    # {pid: (start time, resident bytes)} of every live process under `root`.
    tree = {}
    pending = _children(root)
    while pending:
        pid = pending.pop()
        if pid in tree:
            continue
        stat = _process_stat(pid)
        if stat is not None:
            tree[pid] = stat
            pending.extend(_children(pid))
    return tree


def _command_of(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            words = f.read().split(b"\0")
    except OSError:
        return "?"
    return " ".join(word.decode(errors="replace") for word in words if word)[:200] or "?"


def _end_tree(me):
    # SIGKILL to every process under this one until none is left (each is reaped here: the
    # subreaper), for at most two seconds: a process stuck in the kernel must not hang the run.
    import signal

    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        tree = _descendants(me)
        for pid in tree:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap_finished()
        if not tree:
            return
        time.sleep(0.005)


def _reap_finished():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _run_script(channel, request):
    # The user's program as it is: `INTERPRETER SCRIPT ARGS...` in the given folder, its output on
    # this process's (calcprof reads it line by line: PYTHONUNBUFFERED makes each line arrive as it is
    # printed), stdin empty. This process waits for it and samples its tree meanwhile.
    import resource
    import signal
    import subprocess

    def cancel(_signal, _frame):
        raise _Cancelled()

    signal.signal(signal.SIGTERM, cancel)
    subreaper = _become_subreaper()
    me = os.getpid()
    command = [sys.executable, request["script"]] + [str(a) for a in request.get("arguments", [])]
    environment = dict(os.environ, PYTHONUNBUFFERED="1")
    # What this process's children used before the script: an interpreter started through a shell
    # wrapper (pyenv's shim) reaped the wrapper's own helpers under this pid before it became Python.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic_ns()
    child = subprocess.Popen(command, cwd=request["directory"], env=environment, stdin=subprocess.DEVNULL)
    channel.say({"script_start": start, "pid": child.pid, "subreaper": subreaper})

    seen = {(child.pid, None)}
    peak_tree = [0]
    sampler_cpu = [0.0]
    done = threading.Event()

    def sample():
        # What sampling costs is measured and reported: it shares the machine with the script.
        while not done.wait(_SCRIPT_SAMPLE_SECONDS):
            tree = _descendants(me)
            seen.update((pid, started) for pid, (started, _) in tree.items() if pid != child.pid)
            peak_tree[0] = max(peak_tree[0], sum(rss for _, rss in tree.values()))
        sampler_cpu[0] = time.thread_time()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    status = None
    try:
        # Blocking waits end the moment the script does; an orphan handed here is reaped on the way.
        while status is None:
            pid, wait_status = os.waitpid(-1, 0)
            if pid == child.pid:
                end = time.monotonic_ns()
                # os.waitstatus_to_exitcode is 3.9's; the runner runs on 3.8 too.
                if os.WIFSIGNALED(wait_status):
                    status = -os.WTERMSIG(wait_status)
                else:
                    status = os.WEXITSTATUS(wait_status)
        child.returncode = status  # reaped here: Popen must not wait for it again
    except _Cancelled:
        done.set()
        _end_tree(me)
        child.returncode = -9
        channel.say({"script_cancelled": time.monotonic_ns()})
        return
    done.set()
    sampler.join()
    leftovers = [{"pid": pid, "command": _command_of(pid)} for pid in sorted(_descendants(me))]
    _end_tree(me)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    channel.say(
        {
            "script_end": end,
            "status": status,
            "user": usage.ru_utime - before.ru_utime,
            "system": usage.ru_stime - before.ru_stime,
            "peak_rss_bytes": usage.ru_maxrss * 1024,
            "peak_tree_rss_bytes": peak_tree[0],
            "processes": len(seen),
            "sample_seconds": _SCRIPT_SAMPLE_SECONDS,
            "sampler_cpu_seconds": sampler_cpu[0],
            "leftovers": leftovers,
        }
    )


def _calibrate(channel, request):
    # The rate of this interpreter's fibo in logical calls per second: fibo(n) makes 2 fibo(n) - 1
    # calls. Grows n until one call takes the asked time, so the clock's resolution is no issue.
    wanted = max(1, int(request.get("milliseconds", 20))) * 1_000_000
    n = 10
    while True:
        start = time.monotonic_ns()
        value = fibo(n)
        took = time.monotonic_ns() - start
        if took >= wanted or n >= 40:
            break
        n += 1
    channel.say({"rate": (2 * value - 1) * 1e9 / max(took, 1), "n": n, "nanoseconds": took})


def main():
    parent = int(sys.argv[sys.argv.index("--parent") + 1]) if "--parent" in sys.argv else 0
    if parent:
        _die_with_parent()
        if os.getppid() != parent:
            return 1
    channel = Channel(_CHANNEL_FD)
    try:
        request = json.loads(sys.stdin.readline() or "{}")
        mode = request.get("mode")
        if mode == "run":
            import multiprocessing

            method = request.get("start_method") or None
            _hello(channel, multiprocessing.get_context(method).get_start_method())
            _run(channel, request)
        else:
            _hello(channel, "")
            if mode == "calibrate":
                _calibrate(channel, request)
            elif mode == "csv":
                _save_serial(channel, request)
            elif mode == "script":
                _run_script(channel, request)
    except Exception as error:  # every failure reaches calcprof in words, never half a line
        channel.say({"error": "%s: %s" % (type(error).__name__, error)})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
