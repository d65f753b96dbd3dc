#!/bin/sh
# Machine names Go or TypeScript would read a meaning into (machine_names.transit) must still
# give working packages: the Go of all machines in one package (--go-package) and each in the
# package named after it (the default), and one TypeScript program of all modules. For each Go
# package, on every platform below, go list must find every machine's file and its test as
# such (no file left out by a GOOS/GOARCH suffix, no code taken for a test), and go vet and the
# generated tests must pass; tsc --strict and node's test runner must pass the TypeScript.
# Refusals: --go-package documentation and NAME_test, and two machines writing one file.
#   names.sh TRANSITC GO GOCACHE NODE TS_DIR WORK SPEC
set -eu
transitc=$1 go=$2 node=$4 tsdir=$5 work=$6 spec=$7
export GOCACHE=$3 GOPATH=$3/gopath GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTELEMETRY=off
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/shared/names" "$work/own/gen"
machines=$(grep -c '^machine ' "$spec")
"$transitc" generate --go-package names --emit go,gotest,ts,tstest -o "$work/shared/names" "$spec"
"$transitc" generate --emit go,gotest -o "$work/own/gen" "$spec"
# The default packages: each file into the folder of its package.
for f in "$work/own/gen"/*.go; do
    pkg=$(sed -n 's/^package //p' "$f")
    mkdir -p "$work/own/$pkg"
    mv "$f" "$work/own/$pkg/"
done
rmdir "$work/own/gen"
status=0
# Package names go would not build as meant are refused; so are outputs of two machines with
# one name (C: machine foo's test foo_test.c and machine foo_test's code), at the machine.
for pkg in documentation names_test; do
    if "$transitc" generate --go-package "$pkg" --emit go -o "$work/refused" "$spec" 2> "$work/err" ||
       ! grep -q "^transitc: error: --go-package: '$pkg' cannot name the package: " "$work/err"; then
        echo "--go-package $pkg: not refused as expected:"
        cat "$work/err"
        status=1
    fi
done
line=$(grep -n '^machine foo_test ' "$spec" | cut -d: -f1)
if "$transitc" generate --emit c,test -o "$work/refused" "$spec" 2> "$work/err" ||
   ! grep -q "^$spec:$line:9: error: machine 'foo_test' would write '$work/refused/foo_test.c', which machine 'foo' writes too" "$work/err" ||
   [ -n "$(ls "$work/refused")" ]; then
    echo "the clash of foo_test.c is not refused as expected (or left files):"
    cat "$work/err"
    status=1
fi
for layout in shared own; do
    cd "$work/$layout"
    printf 'module transit.test/%s\n\ngo 1.19\n' "$layout" > go.mod
    # Per package: its name, its files, its test files, its external test files, the files go
    # leaves out, on each platform (go list reads file names and build constraints; no build).
    for platform in linux/amd64 linux/386 linux/arm64 windows/amd64 windows/arm64 darwin/arm64 \
                    js/wasm freebsd/riscv64 aix/ppc64 plan9/amd64; do
        GOOS=${platform%/*} GOARCH=${platform#*/} "$go" list -e \
            -f '{{.Name}} {{len .GoFiles}} {{len .TestGoFiles}} {{len .XTestGoFiles}} {{.IgnoredGoFiles}} {{.Error}}' \
            ./... > list
        if [ "$layout" = shared ]; then
            expected="names $machines $machines 0 [] <nil>"
        else
            expected=$(awk '{ print $1 " 1 1 0 [] <nil>" }' list)
            if [ "$(wc -l < list)" -ne "$machines" ]; then
                echo "$layout, $platform: $(wc -l < list) packages for $machines machines"
                status=1
            fi
        fi
        if [ "$(cat list)" != "$expected" ]; then
            echo "$layout, $platform: go list (package, files, test files, external test files, left out, error):"
            echo "$expected" | diff - list | sed 's/^/  /'
            status=1
        fi
    done
    unformatted=$("$(dirname "$(command -v "$go")")/gofmt" -l .)
    if [ -n "$unformatted" ]; then
        echo "$layout: gofmt -l lists: $unformatted"
        status=1
    fi
    "$go" vet ./... || status=1
    "$go" test -count=1 ./... || status=1
done
sh "$here/ts.sh" "$node" "$tsdir" "$work/ts" "names=$work/shared/names" || status=1
exit $status
