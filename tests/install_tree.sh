#!/usr/bin/env bash
# The install tree as a user gets it: `cmake --install BUILD_DIR --prefix TMP`, then checks that
#   - bin/ holds exactly the expected executables, executable, with no RPATH;
#   - bin/calcprof runs from there: --version (the project's version), --list-strategies, and a tiny
#     headless run of every strategy (the py-* ones where a python3 is on PATH);
#   - share/calcprof/calcprof_runner.py is the source's runner, and the installed calcprof runs it;
#   - share/applications/calcprof.desktop is valid (desktop-file-validate where installed) and names
#     that executable and an icon that the hicolor theme holds at 48x48 (the size every desktop must
#     find) and as SVG; every hicolor PNG has the size its folder says;
#   - share/doc/calcprof has README.md and docs/, and every relative link in them resolves;
#   - share/man/man1/calcprof.1.gz is there, gzip-compressed, names every option --help lists and the
#     hand-written EXIT STATUS, FILES and ENVIRONMENT sections, and `man -l` renders it without warnings;
#   - nothing else got installed (no test, benchmark or fuzz binary, no library, no header): every
#     file is one of those above.
# Usage: install_tree.sh CMAKE BUILD_DIR VERSION EXECUTABLES   (EXECUTABLES: comma-separated, e.g.
#        calcprof,calcprof-worker)
set -euo pipefail
cmake="$1" build="$2" version="$3"
IFS=, read -r -a executables <<<"$4"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
oneline() { paste -sd' ' <<<"$1"; }
# check_man_page, shared with tests/deb_install.sh.
# shellcheck source=tests/man_page_check.sh
source "$(dirname "$0")/man_page_check.sh"

"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log" >&2; exit 1; }
(cd "$prefix" && find . -mindepth 1 \( -type f -o -type l \) | sed 's|^\./||' | sort) >"$work/files"
echo "installed $(wc -l <"$work/files") files under $prefix"

# --- Executables ----------------------------------------------------------------------------------
expected_bins=$(printf 'bin/%s\n' "${executables[@]}" | sort)
actual_bins=$(grep '^bin/' "$work/files" || true)
[ "$actual_bins" = "$expected_bins" ] \
    || fail "bin/ holds [$(oneline "$actual_bins")], expected [$(oneline "$expected_bins")]"
for name in "${executables[@]}"; do
    [ -x "$prefix/bin/$name" ] || { fail "bin/$name is missing or not executable"; continue; }
    # No RPATH: we install no library of our own (Qt and oneTBB are the system's), so one could only point
    # into the build tree (works here, nowhere else) or at $ORIGIN/../lib, where other packages' copies
    # could shadow the system's (and lintian objects).
    if command -v readelf >/dev/null 2>&1 && readelf -d "$prefix/bin/$name" | grep -qE '\((RPATH|RUNPATH)\)'; then
        fail "bin/$name has an RPATH: $(readelf -d "$prefix/bin/$name" | grep -E '\((RPATH|RUNPATH)\)')"
    fi
done

calcprof="$prefix/bin/calcprof"
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config"
if [ -x "$calcprof" ]; then
    # From another folder than the build tree's, as an installed program is started.
    out=$(cd "$work" && "$calcprof" --version) || fail "bin/calcprof --version exited $?"
    [ "$out" = "calcprof $version" ] || fail "bin/calcprof --version printed '$out', expected 'calcprof $version'"
    strategies=$(cd "$work" && "$calcprof" --list-strategies | cut -f1 | paste -sd, -) \
        || fail "bin/calcprof --list-strategies failed"
    [[ ",$strategies," == *,serial,* ]] || fail "bin/calcprof --list-strategies lists no serial: '$strategies'"
    [[ ",$strategies," == *,py-serial,* ]] || fail "bin/calcprof --list-strategies lists no py-serial: '$strategies'"
    # The py-* strategies need an interpreter: without one they are skipped here, not failed.
    command -v python3 >/dev/null 2>&1 || strategies=$(tr , '\n' <<<"$strategies" | grep -v '^py-' | paste -sd, -)
    if ! (cd "$work" && "$calcprof" --headless --sets "5,6,7" --strategies "$strategies" --repeat 1 --warmup 0 \
            --quiet >"$work/run.log" 2>&1); then
        cat "$work/run.log" >&2
        fail "a headless run of $strategies from the install tree failed"
    fi
fi

runner="$prefix/share/calcprof/calcprof_runner.py"
[ -f "$runner" ] || fail "share/calcprof/calcprof_runner.py (the py-* strategies' runner) is missing"
[ ! -f "$runner" ] || cmp -s "$runner" "$(dirname "$0")/../resources/calcprof_runner.py" \
    || fail "share/calcprof/calcprof_runner.py differs from resources/calcprof_runner.py"

# --- Desktop entry and icon ---------------------------------------------------------------------------
desktop="$prefix/share/applications/calcprof.desktop"
if [ ! -f "$desktop" ]; then
    fail "share/applications/calcprof.desktop is missing"
else
    if command -v desktop-file-validate >/dev/null 2>&1; then
        # Hints are advice; errors and warnings make desktops ignore or mishandle the entry.
        # Warnings leave its exit status 0, so its output counts too.
        if ! report=$(desktop-file-validate --no-hints "$desktop" 2>&1) || [ -n "$report" ]; then
            fail "desktop-file-validate: $report"
        fi
    else
        echo "note: desktop-file-validate not found (Debian: desktop-file-utils); checking the keys only"
    fi
    for key in Type=Application Name= Exec= Icon= Categories=; do
        grep -q "^$key" "$desktop" || fail "calcprof.desktop has no $key line"
    done
    exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
    [ -x "$prefix/bin/$exec_name" ] || fail "calcprof.desktop runs '$exec_name', which is not in bin/"
    icon=$(sed -n 's/^Icon=//p' "$desktop")
    [ -f "$prefix/share/icons/hicolor/48x48/apps/$icon.png" ] || fail "no 48x48 hicolor PNG for Icon=$icon"
    [ -f "$prefix/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "no scalable hicolor SVG for Icon=$icon"
fi
python3 - "$prefix/share/icons/hicolor" <<'PY' || fail "hicolor icons (above)"
import pathlib, struct, sys
bad = []
for png in sorted(pathlib.Path(sys.argv[1]).glob("*/apps/*.png")):
    data = png.read_bytes()
    want = png.parent.parent.name  # "48x48"
    got = "%dx%d" % struct.unpack(">II", data[16:24]) if data[:8] == b"\x89PNG\r\n\x1a\n" else "not a PNG"
    if got != want:
        bad.append(f"{png}: {got}, its folder says {want}")
for svg in pathlib.Path(sys.argv[1]).glob("scalable/apps/*.svg"):
    if b"<svg" not in svg.read_bytes():
        bad.append(f"{svg}: not an SVG")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# --- Documentation ------------------------------------------------------------------------------------
doc="$prefix/share/doc/calcprof"
[ -f "$doc/README.md" ] || fail "share/doc/calcprof/README.md is missing"
ls "$doc"/docs/*.md >/dev/null 2>&1 || fail "share/doc/calcprof/docs/*.md are missing"
python3 - "$doc" <<'PY' || fail "documentation links (above)"
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
broken = []
for md in sorted(root.rglob("*.md")):
    # [text](target) and ![alt](target); anchors and URLs are not files.
    for target in re.findall(r"\]\(([^)\s]+)\)", md.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:|^#", target):
            continue
        if not (md.parent / target.split("#")[0]).exists():
            broken.append(f"{md.relative_to(root)} links to {target}, not installed")
print("\n".join(broken), file=sys.stderr)
sys.exit(1 if broken else 0)
PY

# --- Manual page --------------------------------------------------------------------------------------
man_page="$prefix/share/man/man1/calcprof.1.gz"
if [ ! -f "$man_page" ]; then
    fail "share/man/man1/calcprof.1.gz is missing"
elif ! gzip -t "$man_page" 2>"$work/gzip.err"; then
    fail "share/man/man1/calcprof.1.gz is not gzip-compressed: $(cat "$work/gzip.err")"
else
    (cd "$work" && check_man_page "$man_page" "$calcprof" "$work") || fail "the man page (above)"
fi

# --- Nothing else --------------------------------------------------------------------------------------
unexpected=$(grep -vE '^(bin/|share/applications/calcprof\.desktop$|share/icons/hicolor/[^/]+/apps/calcprof\.(png|svg)$|share/doc/calcprof/|share/man/man1/calcprof\.1\.gz$|share/calcprof/calcprof_runner\.py$)' \
    "$work/files" || true)
[ -z "$unexpected" ] || fail "unexpected files installed: $(oneline "$unexpected")"

if [ "$failures" -ne 0 ]; then
    echo "install tree: $failures check(s) failed; installed files:" >&2
    sed 's/^/  /' "$work/files" >&2
    exit 1
fi
echo "install tree: ok (${executables[*]}, desktop entry, man page, $(grep -c '^share/icons/' "$work/files") icons, $(grep -c '^share/doc/' "$work/files") doc files)"
