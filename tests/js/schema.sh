#!/bin/sh
# Validates every JSON of the tree against docs/transit.schema.json: generated/*.json as committed,
# and what transitc writes now for each spec given (specs that do not check are skipped).
#   schema.sh NODE TRANSITC SOURCE_DIR SPEC...
set -eu
node=$1 transitc=$2 root=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
for spec in "$@"; do
    i=$((i + 1))
    "$transitc" generate -Wno-dead-end -Wno-unreachable -Wno-unused-trigger -o "$tmp/$i" --emit json \
        "$spec" 2>/dev/null || continue
done
"$node" "$(dirname "$0")/schema.mjs" "$root/docs/transit.schema.json" "$root"/generated/*.json "$tmp"/*/*.json
