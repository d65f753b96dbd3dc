#!/bin/sh
# Runs check.mjs on what transitc writes now for each spec given, one directory per spec.
#   run.sh NODE TRANSITC SPEC...
set -eu
node=$1 transitc=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for spec in "$@"; do
    out=$tmp/$(basename "$spec" .transit)
    mkdir "$out"
    "$transitc" generate -Wno-dead-end -o "$out" --emit mermaid,md,json "$spec"
    set -- "$@" "$out"
    shift
done
"$node" "$(dirname "$0")/check.mjs" "$@"
