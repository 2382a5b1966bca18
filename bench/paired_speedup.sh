#!/usr/bin/env bash
# Paired rounds against the ratio of medians under a competing process (issue 18, item 4). Not a
# test: it measures this machine. Runs serial and pool (2 workers) on set 3 for REPEAT rounds, once
# quietly and once with a busy loop pinned to core 0 for the middle part of the run, and prints
# both estimators of pool's speedup from each run's JSON.
# RETRY is --retry-disturbed (default 0: every disturbed run is kept, so the estimators see it; 2 is
# calcprof's default, which measures disturbed runs again).
#   bench/paired_speedup.sh [build/app/calcprof]   (REPEAT=9 BUSY_AFTER=4 BUSY_FOR=8 RETRY=0 by default)
set -euo pipefail
calcprof="${1:-build/app/calcprof}"
repeat="${REPEAT:-9}"
busy_after="${BUSY_AFTER:-4}" # seconds into the run before the competitor starts
busy_for="${BUSY_FOR:-8}"     # seconds it competes
retry="${RETRY:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

measure() { # $1: JSON path
    "$calcprof" --headless --quiet --sets "40,38,42" --strategies serial,pool --pool-size 2 \
        --repeat "$repeat" --warmup 1 --retry-disturbed "$retry" --json "$1" >/dev/null
}

estimates() { # $1: label, $2: JSON path
    python3 - "$1" "$2" <<'PY'
import json, sys
label, path = sys.argv[1], sys.argv[2]
for group in json.load(open(path))["summary"]:
    if group["strategy"] == "pool":
        print(f"{label:>8}: paired {group['speedup']:.3f}x [{group['speedup_ci95_low']:.3f}, "
              f"{group['speedup_ci95_high']:.3f}] ({group['speedup_estimator']}), ratio of medians "
              f"{group['speedup_ratio_of_medians']:.3f}x [{group['speedup_ratio_of_medians_low']:.3f}, "
              f"{group['speedup_ratio_of_medians_high']:.3f}]; disturbed runs {group['disturbed_runs']}"
              f" of {group['runs']}{', not measurable' if group['not_measurable'] else ''}")
superseded = sum(1 for run in json.load(open(path))["runs"] if run["superseded"])
print(f"{'':>8}  runs measured again (superseded): {superseded}")
PY
}

measure "$work/quiet.json"
estimates quiet "$work/quiet.json"

measure "$work/busy.json" &
run=$!
sleep "$busy_after"
taskset -c 0 sh -c 'while :; do :; done' &
busy=$!
sleep "$busy_for"
kill "$busy"
wait "$run"
estimates busy "$work/busy.json"
