#!/bin/sh
# Checks the Go that transitc wrote into each DIR: gofmt -l lists nothing, go vet is clean and the
# generated go tests pass. Each DIR's .go files become one package (its machines share it) of a
# module under WORK, all built and tested in one go run (no network: GOPROXY=off,
# GOFLAGS=-mod=mod; the build cache lives in the build tree).
#   go.sh GO GOCACHE WORK NAME=DIR...
set -eu
go=$1
export GOCACHE=$2 GOPATH=$2/gopath GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTELEMETRY=off
work=$3
shift 3
rm -rf "$work"
mkdir -p "$work"
for arg in "$@"; do
    mkdir "$work/${arg%%=*}"
    cp "${arg#*=}"/*.go "$work/${arg%%=*}/"
done
cd "$work"
printf 'module transit.test/generated\n\ngo 1.19\n' > go.mod
gofmt=$(dirname "$(command -v "$go")")/gofmt
[ -x "$gofmt" ] || gofmt=gofmt
unformatted=$("$gofmt" -l .)
if [ -n "$unformatted" ]; then
    echo "gofmt -l lists: $unformatted"
    "$gofmt" -d . | head -40
    exit 1
fi
"$go" vet ./...
"$go" test -count=1 ./...
