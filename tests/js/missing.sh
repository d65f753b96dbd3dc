#!/bin/sh
# Without node_modules, the js checks name the missing package and the command that installs it
# (exit 77), never a raw stack trace; so do html/run.sh and mutation/lang.sh (exit 1). Runs copies
# of the scripts in a folder with no node_modules (lang.sh takes the folder as an argument).
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
# The browser test (html/run.sh) and the TypeScript mutants (mutation/lang.sh) say the same, from
# copies beside no node_modules, before they run anything.
tests=$(cd "$js/.." && pwd)
mkdir -p "$work/html" "$work/ts"
cp "$tests/html/run.sh" "$work/html/"
for case in "html/run.sh $node /nonexistent/transitc $work/shots x.transit p=p.html=driver|tests/html" \
            "mutation/lang.sh /nonexistent/transitc /nonexistent/mutate go $work/gocache $node $work/ts 1 x.transit|tests/ts"; do
    command=${case%|*} prefix=${case#*|}
    script=${command%% *} args=${command#* }
    case $script in html/*) run=$work/$script ;; *) run=$tests/$script ;; esac
    status=0
    # shellcheck disable=SC2086
    sh "$run" $args >"$work/out" 2>&1 || status=$?
    if [ $status -eq 0 ] || ! grep -q "missing npm package '.*': run 'npm ci --prefix $prefix'" "$work/out" ||
        grep -q "    at " "$work/out"; then
        echo "missing: FAIL: $script without node_modules: exit $status:"; cat "$work/out"
        failures=$((failures + 1))
    fi
done
[ $failures -eq 0 ] && echo "missing: ok"
[ $failures -eq 0 ]
