#!/bin/sh
# Mutation test of the generated Go and TypeScript tests: for each spec, the Go and TypeScript
# code of every EVERY-th single-change mutant (transit_mutate --lang) is tested with the tests
# generated from the original spec (MACHINE_test.go with go test, MACHINE.test.ts with node
# --test), and every mutant must fail them. All Go mutants of a machine build in one go test
# run (one package each); all TypeScript mutants compile in one tsc run.
#   lang.sh TRANSITC TRANSIT_MUTATE GO GOCACHE NODE TS_DIR EVERY SPEC...
set -eu
transitc=$1 mutate=$2 go=$3 gocache=$(mkdir -p "$4" && cd "$4" && pwd) node=$5 tsdir=$(cd "$6" && pwd) every=$7
shift 7
export GOCACHE=$gocache GOPATH=$gocache/gopath GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
n=0
for spec in "$@"; do
    n=$((n + 1))
    orig=$tmp/$n/orig
    mkdir -p "$orig" "$tmp/$n/go" "$tmp/$n/ts"
    "$transitc" generate -Wno-unreachable -Wno-unused-trigger -Wno-dead-end -o "$orig" \
        --go-package generated --emit go,gotest,ts,tstest "$spec"
    echo "$spec:"
    "$mutate" -o "$tmp/$n/go" --lang go "$every" "$spec" | sed 's/^/  /'
    "$mutate" -o "$tmp/$n/ts" --lang ts "$every" "$spec" > /dev/null
    while read -r machine count; do
        # Go: one package per mutant, each with the original's test.
        gdir=$tmp/$n/go/$machine/go
        printf 'module transit.test/mutants\n\ngo 1.19\n' > "$gdir/go.mod"
        tested=0
        for d in "$gdir"/m*/; do
            [ -d "$d" ] || continue
            cp "$orig/${machine}_test.go" "$d"
            tested=$((tested + 1))
        done
        (cd "$gdir" && "$go" test -count=1 ./... > "$gdir/result" 2>&1) || true
        if grep -q 'build failed\|setup failed' "$gdir/result"; then
            echo "  $machine: a Go mutant does not build:"
            grep -B2 -A8 'build failed\|setup failed' "$gdir/result" | head -30
            status=1
        fi
        survivors=$(grep '^ok ' "$gdir/result" | sed 's|.*/mutants/||; s|[[:space:]].*||' || true)
        for s in $survivors; do
            echo "  $machine: Go mutant survived: $(grep "^$s " "$gdir/list")"
            status=1
        done
        # Every mutant must have run and failed: a go run that broke down kills nothing.
        killed=$(grep -c '^FAIL[[:space:]]*transit.test/mutants/m' "$gdir/result" || true)
        if [ "$killed" -ne "$((tested - $(echo $survivors | wc -w)))" ]; then
            echo "  $machine: Go: $tested mutants, but go test reported $killed failing:"
            head -20 "$gdir/result"
            status=1
        fi
        echo "  $machine: Go: $tested mutants tested, $killed killed, $(echo $survivors | wc -w) survived"

        # TypeScript: all mutants compiled in one tsc run, each run with the original's test.
        tdir=$tmp/$n/ts/$machine/ts
        for d in "$tdir"/m*/; do
            [ -d "$d" ] || continue
            cp "$orig/$machine.test.ts" "$d"
        done
        echo '{"type": "module"}' > "$tdir/package.json"
        cat > "$tdir/tsconfig.json" <<JSON
{"compilerOptions": {"strict": true, "noUncheckedIndexedAccess": true, "target": "ES2022",
  "module": "NodeNext", "moduleResolution": "NodeNext", "outDir": "js", "rootDir": ".",
  "typeRoots": ["$tsdir/node_modules/@types"], "types": ["node"]}, "include": ["m*/*.ts"]}
JSON
        tested=0 survived=0
        if [ -n "$(ls "$tdir" | grep '^m')" ]; then
            (cd "$tdir" && "$node" "$tsdir/node_modules/typescript/bin/tsc" -p .)
            for d in "$tdir"/js/m*/; do
                tested=$((tested + 1))
                # Killed only by a failing test: the test file must exist and have run.
                [ -f "$d$machine.test.js" ] || { echo "  $d: no compiled test"; status=1; }
                if "$node" --test "$d$machine.test.js" > /dev/null 2>&1; then
                    m=$(basename "$d")
                    echo "  $machine: TypeScript mutant survived: $(grep "^$m " "$tdir/list")"
                    survived=$((survived + 1))
                    status=1
                fi
            done
        fi
        echo "  $machine: TypeScript: $tested mutants tested, $survived survived"
    done < "$tmp/$n/go/machines"
done
exit $status
