#!/bin/sh
# The generated MACHINE_fire() and MACHINE_compact_fire() take the machine's own trigger enum, so
# a state (or another machine's trigger) where a trigger belongs draws a warning under the usual
# flags: right.c compiles clean with -Werror, each mistake*.c does not, and the message is about
# the enum.
# usage: typesafety.sh SOURCE_DIR WORK_DIR CC...
set -u
src=$1 work=$2
shift 2
here=$src/tests/typesafety
failures=0
fail() { echo "typesafety: FAIL: $*" >&2; failures=$((failures + 1)); }
rm -rf "$work" && mkdir -p "$work" || exit 2
flags="-std=c11 -Wall -Wextra -Wpedantic -Wconversion -Werror -fsyntax-only -I$src/generated -I$src/runtime"
checked=
for cc in "$@"; do
    command -v "$cc" >/dev/null 2>&1 || continue
    checked="$checked $cc"
    # shellcheck disable=SC2086
    "$cc" $flags "$here/right.c" >"$work/right.log" 2>&1 ||
        { cat "$work/right.log"; fail "$cc: a trigger where a trigger belongs does not compile clean"; }
    for mistake in mistake mistake_compact; do
        # shellcheck disable=SC2086
        if "$cc" $flags "$here/$mistake.c" >"$work/$mistake.log" 2>&1; then
            fail "$cc: $mistake.c: a state where a trigger belongs compiles without a warning"
        elif ! grep -q 'enum' "$work/$mistake.log"; then
            cat "$work/$mistake.log"
            fail "$cc: $mistake.c fails, but not for the enum"
        fi
    done
done
[ -n "$checked" ] || { echo "typesafety: no compiler found among: $*" >&2; exit 2; }
[ $failures -eq 0 ] && echo "typesafety: ok ($checked )"
[ $failures -eq 0 ]
