#!/bin/sh
# The committed Go and TypeScript of generated/ pass the same checks as freshly generated code:
# each machine's MACHINE.go and MACHINE_test.go (package: the machine's name) through go.sh,
# all MACHINE.ts and MACHINE.test.ts through ts.sh. (emit/generated_up_to_date proves the files
# are what transitc writes now.)
#   generated.sh GO GOCACHE NODE TS_DIR WORK GENERATED_DIR
set -eu
go=$1 gocache=$2 node=$3 tsdir=$4 work=$5 gen=$6
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/src/ts"
set --
for t in "$gen"/*_test.go; do
    m=$(basename "$t" _test.go)
    mkdir "$work/src/$m"
    cp "$gen/$m.go" "$t" "$work/src/$m/"
    set -- "$@" "$m=$work/src/$m"
done
cp "$gen"/*.ts "$work/src/ts/"
sh "$here/go.sh" "$go" "$gocache" "$work/go" "$@"
sh "$here/ts.sh" "$node" "$tsdir" "$work/ts" "generated=$work/src/ts"
