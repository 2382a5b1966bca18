#!/usr/bin/env bash
# Tooltips under a real pointer (issue 22): offscreen tests emit QChart's hovered() themselves, which
# proves the text but not that a pointer moving over a bar in a real window shows it. Here the X server
# moves the pointer (xdotool) across the Time view of a finished run, and a tooltip must appear as a
# second visible calcprof window over a bar, and be gone once the pointer leaves the chart.
# Usage: xvfb_tooltip.sh PATH_TO_CALCPROF
set -euo pipefail
calcprof="$1"
work="$(mktemp -d)"
display=":$((110 + RANDOM % 80))"
app=""
xvfb=""
# Both processes are waited for before the folder goes: a calcprof still exiting writes its settings
# there, and rm then fails with "Directory not empty".
cleanup() {
    local status=$?
    set +e # a killed process's status is not a failure here
    [ -n "$app" ] && { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }
    [ -n "$xvfb" ] && { kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; }
    rm -rf "$work" || echo "could not remove $work"
    exit "$status"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY="$display" XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/runtime"
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/sanitizers/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -m 700 "$work/runtime"
unset QT_QPA_PLATFORM # a real xcb window, not offscreen
sleep 1

# --export-png doubles as the "run finished" signal; the window stays open (no --quit).
"$calcprof" --sets "20,21,22; 23,24" --strategies serial,pool --repeat 1 --warmup 0 --csv-mode none \
    --run --view time --export-png "$work/done.png" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 240); do
    [ -f "$work/done.png" ] && break
    kill -0 "$app" 2>/dev/null || { cat "$work/app.log"; echo "calcprof ended before its run did"; exit 1; }
    sleep 0.5
done
[ -f "$work/done.png" ] || { echo "the run did not finish in 2 minutes"; exit 1; }

window="$(xdotool search --sync --onlyvisible --name calcprof | head -1)"
xdotool windowmove "$window" 0 0 windowsize "$window" 1400 900
sleep 1
visible() { xdotool search --onlyvisible --class calcprof | wc -l; }
[ "$(visible)" -eq 1 ] || { echo "expected one calcprof window before hovering, found $(visible)"; exit 1; }

# A row across the chart's lower half: the bars rise from the log axis' floor, so the row crosses
# them whatever the times measured; a small relative move after each jump is what a hand does.
shown=0
for x in $(seq 440 30 1380); do
    xdotool mousemove "$x" 340
    sleep 0.2
    xdotool mousemove_relative 2 1
    sleep 0.8
    if [ "$(visible)" -ge 2 ]; then
        shown=1
        echo "a tooltip appeared with the pointer at ($((x + 2)), 341)"
        break
    fi
done
[ "$shown" -eq 1 ] || { echo "no tooltip appeared over the Time view's bars"; exit 1; }

# Leaving the chart hides it (Qt fades a tooltip out on a timer).
xdotool mousemove 5 5
for _ in $(seq 1 20); do
    [ "$(visible)" -eq 1 ] && exit 0
    sleep 0.25
done
echo "the tooltip stayed after the pointer left the chart"
exit 1
