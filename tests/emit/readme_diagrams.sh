#!/bin/sh
# README.md shows each lifecycle's Mermaid diagram between <!-- generated/MACHINE.mmd --> and
# <!-- end generated/MACHINE.mmd --> markers: each block must be generated/MACHINE.mmd without its
# first (comment) line, so the README never shows a lifecycle the specs no longer describe.
set -eu
root=$1
status=0
found=0
for mmd in "$root"/generated/*.mmd; do
    name=${mmd##*/}
    found=$((found + 1))
    got=$(awk -v start="<!-- generated/$name -->" -v end="<!-- end generated/$name -->" \
        '$0 == end {on = 0} on && !/^```/ {print} $0 == start {on = 1}' "$root/README.md")
    want=$(tail -n +2 "$mmd")
    if [ -z "$got" ]; then
        echo "README.md: no diagram block for generated/$name"
        status=1
    elif [ "$got" != "$want" ]; then
        echo "README.md: the diagram of generated/$name is stale; copy it again (without its first line)"
        status=1
    fi
done
[ "$found" -gt 0 ] || { echo "no generated/*.mmd"; exit 1; }
exit $status
