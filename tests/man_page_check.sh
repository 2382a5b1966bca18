# shellcheck shell=bash
# Sourced by tests/install_tree.sh and tests/deb_install.sh: the checks of an installed man page.
# check_man_page PAGE.1.gz CALCPROF WORKDIR: prints what is wrong and returns 1, or returns 0 when
#   - man renders it without a warning (man-db's --warnings: groff's, e.g. a bad macro or a line that
#     cannot be broken at 80 columns);
#   - it has the hand-written sections (resources/calcprof.h2m): EXIT STATUS, FILES, ENVIRONMENT;
#   - it names every option CALCPROF's --help lists, and CALCPROF's version: made from that program.
check_man_page() {
    local page="$1" calcprof="$2" work="$3" problems=0
    if ! command -v man >/dev/null 2>&1; then
        echo "man not found (Debian: man-db and groff-base; scripts/setup installs them)" >&2
        return 1
    fi
    # MAN_DISABLE_SECCOMP: man-db's sandbox is refused in some containers, which says nothing of the page.
    if ! MANWIDTH=80 MAN_DISABLE_SECCOMP=1 man --warnings -l "$page" >"$work/man.txt" 2>"$work/man.err" \
        || [ -s "$work/man.err" ]; then
        echo "man --warnings -l $page:" >&2
        sed 's/^/  /' "$work/man.err" >&2
        problems=$((problems + 1))
    fi
    for section in "EXIT STATUS" FILES ENVIRONMENT; do
        grep -qx "$section" "$work/man.txt" || { echo "no $section section" >&2; problems=$((problems + 1)); }
    done
    if [ -x "$calcprof" ]; then
        local source option missing=()
        source=$(gzip -dc "$page")
        # help2man writes every '-' of an option as '\-'.
        for option in $("$calcprof" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
            grep -qF -- "${option//-/\\-}" <<<"$source" || missing+=("$option")
        done
        [ ${#missing[@]} -eq 0 ] || { echo "options of --help not in the page: ${missing[*]}" >&2; problems=$((problems + 1)); }
        local version
        version=$("$calcprof" --version)
        grep -q "^\.TH .*\"${version}\"" <<<"$source" \
            || { echo "the page's .TH line does not name '$version': $(grep '^\.TH' <<<"$source")" >&2; problems=$((problems + 1)); }
    fi
    [ "$problems" -eq 0 ]
}
