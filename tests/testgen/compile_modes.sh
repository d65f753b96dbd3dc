#!/bin/sh
# Compiles generated code and its generated test the way users will, with gcc and clang as C99 and
# C11 and with g++ as C++, all with every warning an error; links each build with the runtime
# (compiled as C) and runs it. Also checks that generating twice gives the same bytes.
#
#   compile_modes.sh TRANSITC RUNTIME_DIR SPEC...
set -eu
transitc=$1
runtime=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/again"
"$transitc" generate -Wno-unreachable -Wno-unused-trigger -o "$tmp" --emit c,test "$@"
"$transitc" generate -Wno-unreachable -Wno-unused-trigger -o "$tmp/again" --emit c,test "$@"
status=0
for f in "$tmp"/*.c "$tmp"/*.h; do
    if ! cmp -s "$f" "$tmp/again/$(basename "$f")"; then
        echo "FAILED: $(basename "$f") differs between two runs"
        status=1
    fi
done
cmocka=$(pkg-config --cflags --libs cmocka 2>/dev/null || echo -lcmocka)
cc -c -I"$runtime" "$runtime/transit.c" -o "$tmp/transit.o"
flags="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror"
for test in "$tmp"/*_test.c; do
    m=$(basename "$test" _test.c)
    for mode in "gcc -std=c99" "gcc -std=c11" "clang -std=c99" "clang -std=c11" \
                "g++ -x c++ -std=c++11" "g++ -x c++ -std=c++17"; do
        link=${mode%% *}
        if $mode $flags -I"$runtime" -I"$tmp" -c "$test" -o "$tmp/t.o" &&
            $mode $flags -I"$runtime" -I"$tmp" -c "$tmp/$m.c" -o "$tmp/m.o" &&
            $link -o "$tmp/t" "$tmp/t.o" "$tmp/m.o" "$tmp/transit.o" $cmocka &&
            "$tmp/t" > "$tmp/t.log" 2>&1; then
            echo "ok: $m with $mode"
        else
            cat "$tmp/t.log" 2>/dev/null || true
            echo "FAILED: $m with $mode"
            status=1
        fi
        rm -f "$tmp/t.log"
    done
done
exit $status
