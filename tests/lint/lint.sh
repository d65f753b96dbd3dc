#!/usr/bin/env bash
# cppcheck and clang-tidy on runtime/ and on generated C: both must report nothing.
#   lint.sh SOURCE_DIR GENERATED_DIR
set -u
src=$1
gen=$2
status=0
files=("$src/runtime/transit.c" "$gen"/*.c)
if command -v cppcheck >/dev/null; then
    cppcheck --enable=all --std=c11 --error-exitcode=1 --inline-suppr -q \
        --suppressions-list="$src/tests/lint/cppcheck.supp" \
        -I"$src/runtime" -I"$gen" "${files[@]}" || status=1
else
    echo "lint.sh: cppcheck not found" >&2
    status=1
fi
if command -v clang-tidy >/dev/null; then
    # -quiet still prints the count of warnings from system headers it hides: keep only reports.
    clang-tidy -quiet --config-file="$src/runtime/.clang-tidy" "${files[@]}" -- \
        -std=c11 -I"$src/runtime" -I"$gen" >"$gen/../clang-tidy.log" 2>&1 || status=1
    if grep -E 'warning:|error:' "$gen/../clang-tidy.log" >&2; then
        status=1
    fi
else
    echo "lint.sh: clang-tidy not found" >&2
    status=1
fi
exit $status
