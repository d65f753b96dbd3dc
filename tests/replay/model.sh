#!/bin/sh
# Golden test of replay through the hand-built model of guarded.transit (guards_model.c):
# NAME.jsonl replayed must print exactly NAME.report ("exit N", then the report).
#   model.sh GUARDS_MODEL DIR NAME [--update]
set -eu
driver=$1 dir=$2 name=$3
cd "$dir"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
status=0
"$driver" guarded.transit "$name.jsonl" >"$tmp.out" 2>&1 || status=$?
{ echo "exit $status"; cat "$tmp.out"; } >"$tmp"
rm -f "$tmp.out"
if [ "${4:-}" = --update ]; then cp "$tmp" "$name.report"; fi
diff -u "$name.report" "$tmp"
