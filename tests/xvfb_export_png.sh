#!/usr/bin/env bash
# End-to-end in a real X server: `calcprof --run --export-png FILE [--view VIEW] --quit` opens the
# window under Xvfb, runs a small pool-size sweep, exports the chart as shown and quits with exit
# code 0; the PNG must be a real picture. Once with the default view and once for each --view.
# Usage: xvfb_export_png.sh PATH_TO_CALCPROF
set -euo pipefail
calcprof="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export XDG_CONFIG_HOME="$work/config" # never touch the user's saved settings
# Under AddressSanitizer: the X11 stack's own one-off leaks (D-Bus, fontconfig) are not ours.
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")" && pwd)/sanitizers/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
unset QT_QPA_PLATFORM                # a real xcb window, not offscreen
for view in default time speedup timeline csv; do
    view_option=()
    [ "$view" = default ] || view_option=(--view "$view")
    xvfb-run --auto-servernum --server-args="-screen 0 1600x1000x24" \
        "$calcprof" --sets "5,6,7; 8,9" --strategies serial,pool,threads --pool-size 1-3 --repeat 2 --warmup 0 \
        --csv-mode serial --header-bytes 1K --footer-bytes 1K \
        --run --export-png "$work/$view.png" "${view_option[@]}" --quit | tee "$work/$view.out"
    python3 - "$work/$view.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
width, height = struct.unpack(">II", data[16:24])
assert width >= 800 and height >= 400, f"chart too small: {width}x{height}"
# Decode enough to see it is not one flat colour: IDAT rows must differ.
idat = b"".join(data[i + 8:i + 8 + struct.unpack(">I", data[i:i + 4])[0]]
                for i in range(8, len(data)) if data[i + 4:i + 8] == b"IDAT")
raw = zlib.decompress(idat)
assert len(set(raw[: len(raw) // 2])) > 8, "the chart is blank"
print(f"{sys.argv[1].rsplit('/', 1)[-1]}: {width}x{height}, {len(data)} bytes")
PY
done
# The views are different pictures.
[ "$(md5sum "$work"/{time,speedup,timeline,csv}.png | cut -d' ' -f1 | sort -u | wc -l)" -eq 4 ]
# After a sweep the default is the speedup view.
grep -q "saved the Speedup against pool size" "$work/default.out" || { echo "the default view after a sweep is not the speedup view"; exit 1; }
