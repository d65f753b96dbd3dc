#!/bin/sh
# Mutation test of the generated Go and TypeScript tests: for each spec, the Go and TypeScript
# code of every EVERY-th single-change mutant (transit_mutate --lang) is tested with the tests
# generated from the original spec (MACHINE_test.go with go test, MACHINE.test.ts with node
# --test), and every mutant must fail them. All Go mutants of a machine build in one go test
# build (one package); all TypeScript mutants compile in one tsc run and run two at a time.
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
        # Go: every mutant and a copy of the original's test in one package, each pair renamed
        # apart (the machine's prefix MesheryConnection becomes MesheryConnectionX12 in mutant 12:
        # every name the Go emitters declare carries it), so one compile and one test binary
        # serve all mutants. A mutant is killed when one of its tests fails.
        gdir=$tmp/$n/go/$machine/go
        prefix=$(echo "$machine" | sed -E 's/(^|_+)(.)/\u\2/g; s/_+$//')
        mkdir -p "$gdir/all"
        printf 'module transit.test/mutants\n\ngo 1.19\n' > "$gdir/all/go.mod"
        # The original too: its tests must pass, or no kill would mean anything.
        sed "s/$prefix/${prefix}Xorig/g" "$orig/$machine.go" > "$gdir/all/orig.go"
        sed "s/$prefix/${prefix}Xorig/g" "$orig/${machine}_test.go" > "$gdir/all/orig_test.go"
        tested=0
        for d in "$gdir"/m*/; do
            [ -d "$d" ] || continue
            i=$(basename "$d")
            i=${i#m}
            sed "s/$prefix/${prefix}X$i/g" "$d/$machine.go" > "$gdir/all/m$i.go"
            sed "s/$prefix/${prefix}X$i/g" "$orig/${machine}_test.go" > "$gdir/all/m${i}_test.go"
            tested=$((tested + 1))
        done
        (cd "$gdir/all" && "$go" test -count=1 -vet=off . > "$gdir/result" 2>&1) || true
        if ! grep -q '^--- FAIL' "$gdir/result" && [ "$tested" -gt 0 ]; then
            echo "  $machine: Go: the mutants' tests did not run:"
            head -20 "$gdir/result"
            status=1
        fi
        if grep -q "^--- FAIL: Test${prefix}Xorig_" "$gdir/result"; then
            echo "  $machine: Go: the original fails its own tests"
            status=1
        fi
        grep -o "^--- FAIL: Test${prefix}X[0-9]*_" "$gdir/result" | sed "s/.*X//; s/_$//" | sort -u > "$gdir/killed"
        killed=$(wc -l < "$gdir/killed")
        for d in "$gdir"/m*/; do
            [ -d "$d" ] || continue
            i=$(basename "$d")
            if ! grep -qx "${i#m}" "$gdir/killed"; then
                echo "  $machine: Go mutant survived: $(grep "^$i " "$gdir/list")"
                status=1
            fi
        done
        echo "  $machine: Go: $tested mutants tested, $killed killed"

        # TypeScript: all mutants compiled in one tsc run, each run with the original's test.
        tdir=$tmp/$n/ts/$machine/ts
        mkdir "$tdir/morig"
        cp "$orig/$machine.ts" "$tdir/morig/"
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
            # Each mutant's test in its own node process, two at a time; a survivor prints its name.
            if ! "$node" "$tdir/js/morig/$machine.test.js" > "$tdir/orig.out" 2>&1; then
                echo "  $machine: TypeScript: the original fails its own tests"
                head -20 "$tdir/orig.out"
                status=1
            fi
            ls -d "$tdir"/js/m[0-9]*/ | sed 's|/$||' > "$tdir/dirs"
            tested=$(wc -l < "$tdir/dirs")
            xargs -P 2 -I{} sh -c '"$1" "$2/$3.test.js" > /dev/null 2>&1 && basename "$2" || true' \
                sh "$node" {} "$machine" < "$tdir/dirs" > "$tdir/survivors"
            survived=$(wc -l < "$tdir/survivors")
            while read -r m; do
                echo "  $machine: TypeScript mutant survived: $(grep "^$m " "$tdir/list")"
                status=1
            done < "$tdir/survivors"
        fi
        echo "  $machine: TypeScript: $tested mutants tested, $survived survived"
    done < "$tmp/$n/go/machines"
done
exit $status
