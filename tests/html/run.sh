#!/bin/sh
# Runs page.mjs on the pages given, and on a page of the first spec made without Graphviz (PATH
# without dot: the Mermaid text instead of the SVG), with the same driver.
#   run.sh NODE TRANSITC SHOTS_DIR SPEC LABEL=PAGE=DRIVER...   (SPEC: the spec of the first page)
set -eu
node=$1 transitc=$2 shots=$3 spec=$4
shift 4
# Without the pinned packages, say which and how to install them (not node's stack trace).
for package in axe-core playwright-core; do
    [ -d "$(dirname "$0")/node_modules/$package" ] || {
        echo "missing npm package '$package': run 'npm ci --prefix tests/html' (the README's test command does)" >&2
        exit 1
    }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$shots"
first=$1
label=${first%%=*} driver=${first##*=}
env PATH=/nonexistent "$transitc" generate --emit html -o "$tmp" "$spec"
if grep -q '<svg' "$tmp/$label.html"; then
    echo "FAIL: $label.html made without dot still has an SVG" >&2
    exit 1
fi
"$node" "$(dirname "$0")/page.mjs" "$shots" "$@" "$label-mermaid=$tmp/$label.html=$driver"
