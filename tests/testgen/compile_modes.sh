#!/bin/sh
# Compiles generated code and its generated test the way users will: gcc and clang, C99 and C11,
# and the C code as C++ with g++, all with every warning an error.
#
#   compile_modes.sh TRANSITC RUNTIME_DIR SPEC...
set -eu
transitc=$1
runtime=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$transitc" generate -o "$tmp" --emit c,test "$@"
flags="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror"
status=0
for test in "$tmp"/*_test.c; do
    m=$(basename "$test" _test.c)
    for mode in "gcc -std=c99" "gcc -std=c11" "clang -std=c99" "clang -std=c11" \
                "g++ -x c++ -std=c++11" "g++ -x c++ -std=c++17"; do
        if $mode $flags -I"$runtime" -I"$tmp" -c "$test" -o "$tmp/t.o" &&
            $mode $flags -I"$runtime" -I"$tmp" -c "$tmp/$m.c" -o "$tmp/m.o"; then
            echo "ok: $m with $mode"
        else
            echo "FAILED: $m with $mode"
            status=1
        fi
    done
done
exit $status
