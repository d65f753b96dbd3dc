#!/bin/sh
# Golden test of transitc replay: a log and the report it must give, side by side.
#
#   replay.sh TRANSITC DIR/NAME.expected [--update]
#
# Line 1 of NAME.expected is the command, "# transitc replay ARGS...", run in DIR (so reports
# name the files as written there); then "exit N" and standard output and error exactly.
# --update rewrites the rest of the file from the current output (review the diff!).
set -eu
transitc=$1
expected=$2
update=${3:-}
dir=$(dirname "$expected")
name=$(basename "$expected" .expected)
cd "$dir"

first=$(head -n 1 "$name.expected")
case $first in
"# transitc replay "*) args=${first#"# transitc "} ;;
*) echo "$expected: line 1 must be '# transitc replay ARGS...'" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
# shellcheck disable=SC2086 # ARGS are words
"$transitc" $args >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
{ echo "$first"; echo "exit $status"; cat "$tmp/stdout" "$tmp/stderr"; } >"$tmp/actual"

if [ "$update" = --update ]; then
    cp "$tmp/actual" "$name.expected"
    exit 0
fi
diff -u "$name.expected" "$tmp/actual"
