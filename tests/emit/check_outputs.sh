#!/bin/sh
# Checks that what transitc writes parses in the tools that read it: every .dot renders with
# Graphviz without a warning into well-formed SVG, every .json parses, every .c compiles warning-free
# as C99, C11 and C++ with the runtime's header. For the hostile spec a program built from its C
# prints a persisted name full of escapes, which must come back byte for byte, and its SVG must show
# that name and a doc string as written.
#
#   check_outputs.sh TRANSITC RUNTIME_DIR CC CXX SPEC...
set -eu
transitc=$1 runtime=$2 cc=$3 cxx=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
checked=0

for spec in "$@"; do
    name=$(basename "$spec" .transit)
    out=$tmp/$name
    mkdir "$out"
    if ! "$transitc" generate -Wno-dead-end -Wno-duplicate -o "$out" --emit c,mermaid,dot,md,json "$spec"; then
        bad "$spec: transitc generate failed"
        continue
    fi
    for f in "$out"/*.dot; do
        if ! dot -Tsvg "$f" >"${f%.dot}.svg" 2>"$tmp/err" || [ -s "$tmp/err" ]; then
            bad "$f: dot -Tsvg: $(cat "$tmp/err")"
        elif ! xmllint --noout "${f%.dot}.svg"; then
            bad "${f%.dot}.svg: not well-formed XML"
        fi
        checked=$((checked + 1))
    done
    for f in "$out"/*.json; do
        node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$f" ||
            bad "$f: not JSON"
        checked=$((checked + 1))
    done
    for f in "$out"/*.c; do
        for std in c99 c11; do
            "$cc" -std=$std -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror \
                -I"$out" -I"$runtime" -c "$f" -o "$tmp/x.o" || bad "$f: does not compile as $std"
        done
        "$cxx" -x c++ -std=c++11 -Wall -Wextra -Wpedantic -Wshadow -Werror \
            -I"$out" -I"$runtime" -c "$f" -o "$tmp/x.o" || bad "$f: does not compile as C++"
        checked=$((checked + 1))
    done
done

# The hostile spec's first persisted name, typed here: start|<s> "q" #a; {b} */ \ ??= é<TAB>
if [ -f "$tmp/hostile/hostile.c" ]; then
    cat >"$tmp/main.c" <<'C'
#include <stdio.h>
#include "hostile.h"
int main(void) {
    fputs(transit_state_persisted(&hostile_machine, 0), stdout);
    return 0;
}
C
    # The generated code and its user are C99; the runtime itself is C11.
    if "$cc" -std=c11 -I"$runtime" -c "$runtime/transit.c" -o "$tmp/transit.o" &&
        "$cc" -std=c99 -I"$tmp/hostile" -I"$runtime" "$tmp/main.c" "$tmp/hostile/hostile.c" \
            "$tmp/transit.o" -o "$tmp/main"; then
        "$tmp/main" >"$tmp/got"
        printf 'start|<s> "q" #a; {b} */ \\ ??= \303\251\t' >"$tmp/want"
        cmp "$tmp/want" "$tmp/got" || bad "hostile.c: the persisted name did not come back as written"
    else
        bad "hostile.c: the check program does not build"
    fi
    checked=$((checked + 1))
fi

# What Graphviz shows of the hostile spec: the label and the tooltip of state start, typed here.
if [ -f "$tmp/hostile/hostile.svg" ]; then
    start='//*[local-name()="g"][*[local-name()="title"]="start"]'
    xmllint --xpath "string($start//*[local-name()=\"text\"][starts-with(., \"as \")])" \
        "$tmp/hostile/hostile.svg" >"$tmp/got"
    printf 'as "start|<s> "q" #a; {b} */ \\ ??= \303\251\342\220\211"\n' >"$tmp/want"
    cmp "$tmp/want" "$tmp/got" || bad "hostile.svg: the persisted name is not shown as written"
    xmllint --xpath "string($start//@*[local-name()=\"title\"])" "$tmp/hostile/hostile.svg" >"$tmp/got"
    printf 'Line one\n# not a heading\n1. not a list\n- not an item\n| not | a | row | &amp; &#35; \\N \\G\n' >"$tmp/want"
    cmp "$tmp/want" "$tmp/got" || bad "hostile.svg: the doc of start is not its tooltip"
    checked=$((checked + 1))
fi

[ "$checked" -gt 0 ] || bad "nothing checked"
echo "$checked files checked"
exit $fail
