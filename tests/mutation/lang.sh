#!/bin/sh
# Mutation test of the generated Go and TypeScript tests: for each spec, the Go and TypeScript
# code of every EVERY-th (1: every) single-change mutant (transit_mutate --lang) is tested with
# the tests generated from the original spec (MACHINE_test.go with go test, MACHINE.test.ts
# with node's test runner), and every mutant must fail them; a survivor fails this test and is
# printed with its mutation.
#
# Go: a mutant's MACHINE.go differs from the original's only in its tables (transit_mutate
# checks it and stops otherwise), so each machine's mutants run in one test binary: the
# original MACHINE.go with those tables assignable, MACHINE_test.go exactly as transitc writes
# it, and TestMutants running every one of its tests once per mutant with that mutant's tables
# (a killed mutant: --- FAIL: TestMutants/mN). The original's own tests run in the same binary
# and must pass.
# TypeScript: every mutant's module is emit_ts_module's plain JavaScript (what tsc makes of its
# MACHINE.ts; lang/ts runs the tests on both forms); the original's MACHINE.test.ts, compiled by
# one tsc run for all specs, is made a function of the module under test and runs on every
# mutant in one node process per half of the mutants (ts_mutants.mjs).
#   lang.sh TRANSITC TRANSIT_MUTATE GO GOCACHE NODE TS_DIR EVERY SPEC...
set -eu
transitc=$1 mutate=$2 go=$3 gocache=$(mkdir -p "$4" && cd "$4" && pwd) node=$5 tsdir=$(cd "$6" && pwd) every=$7
shift 7
[ -f "$tsdir/node_modules/typescript/bin/tsc" ] || {
    echo "missing npm package 'typescript': run 'npm ci --prefix tests/ts' (the README's test command does)" >&2
    exit 1
}
here=$(cd "$(dirname "$0")" && pwd)
export GOCACHE=$gocache GOPATH=$gocache/gopath GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
mkdir -p "$tmp/tsc"
n=0
for spec in "$@"; do
    n=$((n + 1))
    mkdir -p "$tmp/$n/orig" "$tmp/$n/go" "$tmp/$n/ts" "$tmp/tsc/s$n"
    "$transitc" generate -Wno-unreachable -Wno-unused-trigger -Wno-dead-end -o "$tmp/$n/orig" \
        --go-package generated --emit go,gotest,ts,tstest "$spec"
    cp "$tmp/$n/orig"/*.ts "$tmp/tsc/s$n/"
    "$mutate" -o "$tmp/$n/go" --lang go "$every" "$spec" > /dev/null
    "$mutate" -o "$tmp/$n/ts" --lang ts "$every" "$spec" > /dev/null
done

# The original tests of every spec, compiled in one tsc run.
cd "$tmp/tsc"
echo '{"type": "module"}' > package.json
cat > tsconfig.json <<JSON
{"compilerOptions": {"strict": true, "noUncheckedIndexedAccess": true, "target": "ES2022",
  "module": "NodeNext", "moduleResolution": "NodeNext", "outDir": "js", "rootDir": ".",
  "typeRoots": ["$tsdir/node_modules/@types"], "types": ["node"]}, "include": ["s*/*.ts"]}
JSON
"$node" "$tsdir/node_modules/typescript/bin/tsc" -p .
cd "$tmp"

# survivors LANG MACHINE LIST KILLED: prints every mutant of LIST not in KILLED; 1 if any.
survivors() {
    found=0
    while read -r m what; do
        if ! grep -qx "$m" "$4"; then
            echo "  $2: $1 mutant survived ($m): $what"
            found=1
        fi
    done < "$3"
    return $found
}

n=0
for spec in "$@"; do
    n=$((n + 1))
    echo "$spec:"
    while read -r machine count; do
        # Go.
        gdir=$tmp/$n/go/$machine/go
        if ! cmp -s "$gdir/${machine}_test.go" "$tmp/$n/orig/${machine}_test.go"; then
            echo "  $machine: Go: transit_mutate's test is not the one transitc writes"
            status=1
        fi
        printf 'module transit.test/mutants\n\ngo 1.19\n' > "$gdir/go.mod"
        (cd "$gdir" && "$go" test -count=1 -vet=off . > "$gdir/result" 2>&1) || true
        grep '^    --- FAIL: TestMutants/m[0-9]* ' "$gdir/result" | sed 's/.*TestMutants\///; s/ .*//' \
            > "$gdir/killed" || true
        if grep '^--- FAIL: ' "$gdir/result" | grep -v '^--- FAIL: TestMutants ' > "$gdir/own"; then
            echo "  $machine: Go: the original fails its own tests:"
            sed 's/^/    /' "$gdir/own"
            status=1
        fi
        if [ "$count" -gt 0 ] && ! grep -q '^--- FAIL: TestMutants ' "$gdir/result"; then
            echo "  $machine: Go: the mutants' tests did not run:"
            head -20 "$gdir/result"
            status=1
        fi
        survivors Go "$machine" "$gdir/list" "$gdir/killed" || status=1
        echo "  $machine: Go: $(wc -l < "$gdir/list") mutants tested, $(wc -l < "$gdir/killed") killed"

        # TypeScript: the compiled test as a function of the module; the original first.
        tdir=$tmp/$n/ts/$machine/ts
        js=$tmp/tsc/js/s$n
        if ! awk -v line="import * as m from \"./$machine.js\";" '
                $0 == line { print "export default function (m) {"; found = 1; next }
                { print }
                END { print "}"; if (!found) exit 1 }' "$js/$machine.test.js" > "$tdir/suite.js"; then
            echo "  $machine: TypeScript: $machine.test.js does not import ./$machine.js as m"
            status=1
            continue
        fi
        if ! "$node" --test-reporter=tap "$here/ts_mutants.mjs" "$tdir/suite.js" "$js/$machine.js" \
                > "$tdir/orig.out" 2>&1; then
            echo "  $machine: TypeScript: the original fails its own tests:"
            grep -B2 -A12 '^not ok' "$tdir/orig.out" | head -40
            status=1
        fi
        : > "$tdir/killed"
        if [ "$count" -gt 0 ]; then
            ls "$tdir" | grep '^m[0-9]' | sed "s|.*|$tdir/&/$machine.js|" > "$tdir/modules"
            half=$(( ($(wc -l < "$tdir/modules") + 1) / 2 ))
            split -l "$half" "$tdir/modules" "$tdir/part."
            for part in "$tdir"/part.*; do
                # Exit status 1: some mutant was killed; the TAP output says which.
                xargs "$node" --test-reporter=tap "$here/ts_mutants.mjs" "$tdir/suite.js" \
                    < "$part" > "$part.out" 2>&1 &
            done
            wait
            cat "$tdir"/part.*.out > "$tdir/result"
            sed -n 's/^not ok [0-9]* - \(m[0-9]*\)$/\1/p' "$tdir/result" > "$tdir/killed"
            if [ "$(grep -c '^\(not \)\{0,1\}ok [0-9]* - m[0-9]*$' "$tdir/result")" -ne \
                 "$(wc -l < "$tdir/list")" ]; then
                echo "  $machine: TypeScript: not every mutant's tests ran:"
                grep -v '^ \|^#\|^\(not \)\{0,1\}ok ' "$tdir/result" | head -20
                status=1
            fi
        fi
        survivors TypeScript "$machine" "$tdir/list" "$tdir/killed" || status=1
        echo "  $machine: TypeScript: $(wc -l < "$tdir/list") mutants tested, $(wc -l < "$tdir/killed") killed"
    done < "$tmp/$n/go/machines"
done
exit $status
