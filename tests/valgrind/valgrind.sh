#!/usr/bin/env bash
# Runs transitc under valgrind (memcheck, full leak check) on every spec of the tree, valid or not,
# with check and generate, and on the error paths of the command line. Any valgrind report fails;
# transitc's own exit status is not judged here (other tests do that). The specs are run two at a
# time (this is the longest test of the suite, and ctest may have nothing else left to run).
#
#   valgrind.sh TRANSITC SOURCE_DIR
set -u
transitc=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=0

# vg ARGS...: transitc ARGS under valgrind; its output goes to $work (a job's own directory), a
# report marks $tmp/failed.
work=$tmp
vg() {
    runs=$((runs + 1))
    local status=0
    valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
        "$transitc" "$@" >"$work/out" 2>"$work/err" || status=$?
    if [ "$status" -eq 99 ] || grep -q '^==[0-9]*==' "$work/err"; then
        echo "FAIL: valgrind reports on: transitc $*" >&2
        grep '^==[0-9]*==' "$work/err" | head -40 >&2
        touch "$tmp/failed"
    fi
}

# Every spec in the tree: explained as JSON, and generated into a fresh directory (which checks
# it again and prints any diagnostic as text: a plain check would add nothing but time). Two
# specs at a time, each in a subshell with its own directory.
jobs_running=0
while IFS= read -r spec; do
    if [ "$jobs_running" -ge 2 ]; then
        wait -n
        jobs_running=$((jobs_running - 1))
    fi
    runs=$((runs + 2))
    (
        work=$(mktemp -d "$tmp/job.XXXXXX")
        mkdir "$work/o"
        vg check --explain --format=json "$spec"
        vg generate -o "$work/o" "$spec"
        rm -rf "$work"
    ) &
    jobs_running=$((jobs_running + 1))
done < <(find "$src/specs" "$src/tests" "$src/examples" -name '*.transit' -not -path '*/node_modules/*' | sort)
wait

# Small broken inputs made here.
printf '' >"$tmp/empty.transit"
printf 'machine a "abc' >"$tmp/string.transit"
printf 'machine a {\n  initial x\n  state x\0 }\n' >"$tmp/nul.transit"
printf 'machine a \xff{\n' >"$tmp/utf8.transit"
printf 'machine a {\n  initial x\n  state x\n  x -> y on t by user\n' >"$tmp/unclosed.transit"
printf 'machine a {\n  initial state\n  state state\n}\n' >"$tmp/keyword.transit"
for f in "$tmp"/*.transit; do
    vg check "$f"
done
printf 'machine m {\n  initial a\n  trigger go\n  state a\n  final state b\n  a -> b on go by user\n}\n' >"$tmp/m.transit"
cp "$tmp/m.transit" "$tmp/m2.transit"
vg check "$tmp/m.transit" "$tmp/m2.transit"

# The command line's error paths.
mkdir -p "$tmp/dir.transit" "$tmp/in_the_way/m.c"
vg
vg --help
vg --version
vg bogus
vg check
vg check --bogus "$tmp/m.transit"
vg check -Wno-nosuchwarning "$tmp/m.transit"
vg check --color=sometimes "$tmp/m.transit"
vg check "$tmp/missing.transit"
vg check "$tmp/dir.transit"
vg generate --emit nosuchkind "$tmp/m.transit"
vg generate "$tmp/m.transit" -o
vg generate -o "$tmp/nowhere" "$tmp/m.transit"
vg generate -o "$tmp/m.transit" "$tmp/m.transit"
vg generate -o "$tmp/in_the_way" "$tmp/m.transit"
vg check -Werror "$tmp/m.transit"

echo "valgrind: $runs runs of transitc" >&2
[ ! -e "$tmp/failed" ]
