#!/usr/bin/env bash
# Checks the .deb that scripts/package makes, then installs it as a user would and removes it again.
#   1. Its control fields: Package, Version, Architecture, Maintainer, Section, Description, and a
#      Depends that names the package of every library the executables load (Qt 6, oneTBB, ...: found
#      from the NEEDED entries with dpkg -S, not trusting dpkg-shlibdeps); its contents: the executables
#      in /usr/bin, the desktop entry, the icons, the docs, the Python runner, the man page (checked as
#      tests/man_page_check.sh does: `man -l` renders it without warnings), and nothing outside /usr.
#   2. Only as root and with CI=true or CALCPROF_DEB_INSTALL=1 (it changes the system): refuses if a
#      calcprof is already installed (never replaces one), `apt-get install ./DEB` (the declared
#      Depends must be enough), runs /usr/bin/calcprof, checks `man calcprof` finds and renders the page,
#      then `dpkg -r calcprof` and checks it is gone.
# Usage: tests/deb_install.sh PATH/calcprof_VERSION_ARCH.deb [VERSION]
set -euo pipefail
deb="$(realpath "$1")"
version="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# check_man_page, shared with tests/install_tree.sh.
# shellcheck source=tests/man_page_check.sh
source "$(dirname "$0")/man_page_check.sh"

# --- 1. What the package says and holds ----------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = calcprof ] || fail "Package is '$(field Package)'"
[ -z "$version" ] || [ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
for name in Maintainer Section Description; do
    [ -n "$(field "$name")" ] || fail "no $name field"
done
depends="$(field Depends)"
depends_names=$(awk -v RS='[,|]' '{print $1}' <<<"$depends")  # "libc6 (>= 2.34), a | b" -> libc6 a b
# Checked independently of dpkg-shlibdeps: the Debian package that holds every library the packaged
# executables link (Qt 6, oneTBB, libc, libstdc++ ...) must be named, and the Qt ones at least.
dpkg-deb -x "$deb" "$work/root"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
required=(libqt6core6 libqt6gui6 libqt6widgets6 libc6)
for binary in "$work"/root/usr/bin/*; do
    # Direct NEEDED entries only (a static worker has none); what those load in turn is their packages'.
    for soname in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        owner=$(dpkg -S "*/$multiarch/$soname" 2>/dev/null | head -1 | cut -d: -f1) || true
        if [ -z "$owner" ]; then
            fail "$(basename "$binary") needs $soname, which no installed Debian package holds"
            continue
        fi
        required+=("$owner")
    done
done
for package in $(printf '%s\n' "${required[@]}" | sort -u); do
    grep -qxF "$package" <<<"$depends_names" || fail "Depends does not name $package: $depends"
done
contents="$work/contents"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||; s|/$||' | grep -v '^$' | sort >"$contents"
for path in usr/bin/calcprof usr/share/applications/calcprof.desktop \
    usr/share/icons/hicolor/48x48/apps/calcprof.png usr/share/icons/hicolor/scalable/apps/calcprof.svg \
    usr/share/doc/calcprof/README.md usr/share/man/man1/calcprof.1.gz usr/share/calcprof/calcprof_runner.py; do
    grep -qx "$path" "$contents" || fail "the package does not hold /$path"
done
if [ -f "$work/root/usr/share/man/man1/calcprof.1.gz" ]; then
    (cd "$work" && QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" \
        check_man_page "$work/root/usr/share/man/man1/calcprof.1.gz" "$work/root/usr/bin/calcprof" "$work") \
        || fail "the packaged man page (above)"
fi
outside=$(grep -v '^usr' "$contents" || true)
[ -z "$outside" ] || fail "the package holds files outside /usr: $(paste -sd" " <<<"$outside")"
echo "package: $(basename "$deb"), $(grep -c . "$contents") entries; Depends: $depends"

if [ "$failures" -ne 0 ]; then
    echo "deb: $failures check(s) failed" >&2
    exit 1
fi

# --- 2. apt install, run, remove ---------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ] || { [ "${CI:-}" != true ] && [ "${CALCPROF_DEB_INSTALL:-}" != 1 ]; }; then
    echo "deb install: skipped (changes the system: runs only as root with CI=true or CALCPROF_DEB_INSTALL=1)"
    exit 0
fi
if dpkg-query -W -f='${Status}' calcprof 2>/dev/null | grep -q "install ok installed"; then
    echo "deb install: a calcprof package is already installed; not replacing it" >&2
    exit 1
fi
if [ -e /usr/bin/calcprof ]; then
    echo "deb install: /usr/bin/calcprof exists and belongs to no package; not overwriting it" >&2
    exit 1
fi

# From here on the package is removed on any exit, even a failed check.
trap 'dpkg -r calcprof >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export DEBIAN_FRONTEND=noninteractive
# apt resolves the Depends from the archive; a missing or misspelled dependency fails here.
apt-get install -y -q --no-install-recommends "$deb" >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log" >&2; echo "FAIL: apt-get install $deb" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config"
cd "$work"
unresolved=$(ldd /usr/bin/calcprof | grep 'not found' || true)
[ -z "$unresolved" ] || fail "/usr/bin/calcprof: libraries not found: $unresolved"
out=$(/usr/bin/calcprof --version) || fail "/usr/bin/calcprof --version exited $?"
echo "installed: $out"
strategies=$(/usr/bin/calcprof --list-strategies | cut -f1 | paste -sd, -) || fail "--list-strategies failed"
echo "strategies: $strategies"
/usr/bin/calcprof --headless --sets "5,6,7" --strategies "$strategies" --repeat 1 --warmup 0 --quiet >run.log 2>&1 \
    || { cat run.log >&2; fail "a headless run of $strategies from /usr/bin failed"; }

# What a user types. Unless dpkg is told to leave manual pages out (path-exclude, as slim container
# images do), the package's page is what man finds, and it renders cleanly from there too.
if grep -qs '^path-exclude[= ]*/usr/share/man' /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/*; then
    echo "man calcprof: not checked (dpkg excludes /usr/share/man on this machine)"
else
    found=$(man -w calcprof 2>&1) || true
    [ "$found" = /usr/share/man/man1/calcprof.1.gz ] || fail "man -w calcprof found '$found'"
    if ! MANWIDTH=80 MAN_DISABLE_SECCOMP=1 man --warnings calcprof >/dev/null 2>"$work/man.err" || [ -s "$work/man.err" ]; then
        fail "man calcprof: $(cat "$work/man.err")"
    fi
fi

dpkg -r calcprof >/dev/null
[ ! -e /usr/bin/calcprof ] || fail "/usr/bin/calcprof is still there after dpkg -r calcprof"
if dpkg-query -W -f='${Status}' calcprof 2>/dev/null | grep -q "install ok installed"; then
    fail "calcprof is still installed after dpkg -r"
fi
if [ "$failures" -ne 0 ]; then
    echo "deb install: $failures check(s) failed" >&2
    exit 1
fi
echo "deb install: ok (apt-get install, /usr/bin/calcprof ran, man calcprof rendered, dpkg -r removed it)"
