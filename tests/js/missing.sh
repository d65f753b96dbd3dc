#!/bin/sh
# Without node_modules, the js checks name the missing package and the command that installs it
# (exit 77), never a raw stack trace. Runs a copy of the scripts in a folder with no node_modules.
# The copy goes to a fresh temporary folder, whose parents hold no node_modules either.
#   missing.sh NODE JS_DIR
set -u
node=$1 js=$2
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cp "$js"/*.mjs "$js/package.json" "$work/"
failures=0
for script in check.mjs schema.mjs; do
    status=0
    "$node" "$work/$script" x >"$work/out" 2>&1 || status=$?
    if [ $status -ne 77 ] || ! grep -q "run 'npm ci --prefix tests/js'" "$work/out" || grep -q "    at " "$work/out"; then
        echo "missing: FAIL: $script without node_modules: exit $status:"; cat "$work/out"
        failures=$((failures + 1))
    fi
done
[ $failures -eq 0 ] && echo "missing: ok"
[ $failures -eq 0 ]
