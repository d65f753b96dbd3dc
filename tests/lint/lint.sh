#!/usr/bin/env bash
# cppcheck and clang-tidy on runtime/, the store and generated C: both must report nothing.
#   lint.sh SOURCE_DIR GENERATED_DIR [--store [CLIENT_INCLUDE_DIR...]]
# --store adds store/transit_store.c; the client libraries' headers (libpq, sqlite3) are system
# headers to clang-tidy (-isystem), so only our code is judged.
set -u
src=$1
gen=$2
shift 2
status=0
files=("$src/runtime/transit.c" "$gen"/*.c)
flags=(-std=c11 "-I$src/runtime" "-I$gen")
if [ "${1-}" = --store ]; then
    shift
    files+=("$src/store/transit_store.c")
    flags+=("-I$src/store")
    for dir in "$@"; do
        flags+=(-isystem "$dir")
    done
fi
if command -v cppcheck >/dev/null; then
    cppcheck --enable=all --std=c11 --error-exitcode=1 --inline-suppr -q \
        --suppressions-list="$src/tests/lint/cppcheck.supp" \
        -I"$src/runtime" -I"$src/store" -I"$gen" "${files[@]}" || status=1
else
    echo "lint.sh: cppcheck not found" >&2
    status=1
fi
if command -v clang-tidy >/dev/null; then
    # -quiet still prints the count of warnings from system headers it hides: keep only reports.
    clang-tidy -quiet --config-file="$src/runtime/.clang-tidy" "${files[@]}" -- \
        "${flags[@]}" >"$gen/../clang-tidy.log" 2>&1 || status=1
    if grep -E 'warning:|error:' "$gen/../clang-tidy.log" >&2; then
        status=1
    fi
else
    echo "lint.sh: clang-tidy not found" >&2
    status=1
fi
exit $status
