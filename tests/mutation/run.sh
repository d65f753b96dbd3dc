#!/bin/sh
# Mutation test: proves the generated tests adequate. For each spec it generates the C code and
# the test from the original, writes every single-change mutant's C code (transit_mutate), builds
# each machine's test once against all its mutants and requires every mutant to fail it.
#
#   run.sh TRANSITC TRANSIT_MUTATE RUNTIME_DIR DRIVER_C SPEC...
set -eu
transitc=$1
mutate=$2
runtime=$3
driver=$4
shift 4
cc=${CC:-cc}
cmocka=$(pkg-config --cflags --libs cmocka 2>/dev/null || echo -lcmocka)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$cc -O1 -c -I"$runtime" "$runtime/transit.c" -o "$tmp/transit.o"
status=0
n=0
for spec in "$@"; do
    n=$((n + 1))
    orig="$tmp/$n/orig"
    mut="$tmp/$n/mutants"
    mkdir -p "$orig" "$mut"
    "$transitc" generate -Wno-unreachable -Wno-unused-trigger -Wno-dead-end -o "$orig" \
        --emit c,test "$spec"
    echo "$spec:"
    "$mutate" -o "$mut" "$spec" | sed 's/^/  /'
    while read -r machine batches; do
        upper=$(echo "$machine" | tr '[:lower:]' '[:upper:]')
        inc="-I$runtime -I$orig"
        objs=""
        i=0
        while [ "$i" -lt "$batches" ]; do
            $cc -O0 -w -c $inc "$mut/$machine/batch_$i.c" -o "$mut/$machine/batch_$i.o"
            objs="$objs $mut/$machine/batch_$i.o"
            i=$((i + 1))
        done
        $cc -O0 -c $inc -D"${upper}_TEST_NO_MAIN" "$orig/${machine}_test.c" -o "$mut/test.o"
        $cc -O0 -c $inc "$orig/$machine.c" -o "$mut/orig.o"
        $cc -O0 -c $inc "$mut/$machine/list.c" -o "$mut/list.o"
        $cc -O0 -c $inc -DTEST_RUN="${machine}_test_run" -DMACHINE="${machine}_machine" \
            "$driver" -o "$mut/driver.o"
        $cc -o "$mut/run" "$mut/driver.o" "$mut/test.o" "$mut/orig.o" "$mut/list.o" $objs \
            "$tmp/transit.o" $cmocka
        if ! "$mut/run" "$machine" | sed 's/^/  /'; then
            status=1
        fi
        rm -f "$mut"/*.o
    done < "$mut/machines"
done
exit $status
