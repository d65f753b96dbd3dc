#!/bin/sh
# Golden test: runs the transitc command written on the first line of a spec and compares what it
# prints (and, for generate, the files it writes) with the expected files beside the spec.
#
#   golden.sh TRANSITC DIR/NAME.transit [--update]
#
# Line 1 of the spec reads "# transitc ARGS..."; the spec's own file name is appended, and the
# command runs in DIR so diagnostics name the file as written there. Expected:
#   DIR/NAME.expected   "exit N" on its first line, then standard error exactly
#   DIR/NAME.out/       for generate: every file written (the command gets "-o TMPDIR")
# --update rewrites the expected files from the current output (review the diff!).
set -eu
transitc=$1
spec=$2
update=${3:-}
dir=$(dirname "$spec")
name=$(basename "$spec" .transit)
cd "$dir"

first=$(head -n 1 "$name.transit")
case $first in
"# transitc "*) args=${first#"# transitc "} ;;
*) echo "$spec: line 1 must be '# transitc ARGS...'" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out"
case $args in
generate*) set -- $args -o "$tmp/out" ;;
*) set -- $args ;;
esac

status=0
"$transitc" "$@" "$name.transit" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
{ echo "exit $status"; cat "$tmp/stdout" "$tmp/stderr"; } >"$tmp/actual"

if [ "$update" = --update ]; then
    cp "$tmp/actual" "$name.expected"
    if [ -n "$(ls "$tmp/out")" ]; then
        rm -rf "$name.out"
        cp -r "$tmp/out" "$name.out"
    fi
    exit 0
fi

fail=0
if ! diff -u "$name.expected" "$tmp/actual"; then
    fail=1
fi
if [ -d "$name.out" ] || [ -n "$(ls "$tmp/out")" ]; then
    if ! diff -ru "${name}.out" "$tmp/out"; then
        fail=1
    fi
fi
exit $fail
