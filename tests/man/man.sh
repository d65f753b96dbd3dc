#!/bin/sh
# The man pages render without a warning and match the program: every command, option, output
# kind, warning and exit status that `transitc --help` lists is described in transitc.1, and every
# keyword of the scanner in transit.5; every message about the command line and files that the
# sources print (usage_error, "transitc: error: ...", "cannot ...") is listed in transitc.1; every
# function and result of runtime/transit.h is in transit.3, each declaration as the header has it,
# and its EXAMPLE compiles and runs.
# usage: man.sh TRANSITC SOURCE_DIR WORK_DIR
set -u
transitc=$1 root=$2 work=$3
docs=$root/docs lexer=$root/dsl/lexer.l
failures=0
fail() { echo "man: FAIL: $*" >&2; failures=$((failures + 1)); }
rm -rf "$work" && mkdir -p "$work" || exit 2

render() { # page -> plain text, no hyphenation, no overstrike
    groff -man -Tascii -P-cbou -rHY=0 "$1"
}
for page in transitc.1 transit.5 transit.3; do
    groff -man -Tascii -ww -z "$docs/$page" >"$work/$page.warnings" 2>&1
    [ -s "$work/$page.warnings" ] && { cat "$work/$page.warnings"; fail "docs/$page: groff warnings"; }
    render "$docs/$page" >"$work/$page.txt" 2>/dev/null || fail "docs/$page does not render"
    [ "$(wc -l <"$work/$page.txt")" -gt 20 ] || fail "docs/$page renders to almost nothing"
done
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man -l "$docs/transitc.1" >/dev/null 2>&1 || fail "man -l docs/transitc.1 fails"
fi

"$transitc" --help >"$work/help.txt" || fail "transitc --help: exit $?"
page=$work/transitc.1.txt

# Commands: the word after 'transitc' in the usage lines.
for cmd in $(sed -n 's/^\(usage:\)\{0,1\} *transitc \([a-z][a-z-]*\).*/\2/p' "$work/help.txt" | sort -u); do
    grep -q "^       $cmd\( \|$\)" "$page" ||
        fail "docs/transitc.1 does not describe command '$cmd' (from transitc --help): add it under COMMANDS"
done
# Options: the first word of each option line, without its placeholder (--format=FMT: --format=).
for opt in $(sed -n 's/^  \(-[^ ]*\).*/\1/p' "$work/help.txt" | sed 's/[A-Z][A-Z]*$//' | sort -u); do
    case $opt in *[=-]) pattern="^       $opt" ;; *) pattern="^       $opt\( \|=\|$\)" ;; esac
    grep -q -e "$pattern" "$page" ||
        fail "docs/transitc.1 does not describe option '$opt' (from transitc --help): add a .TP entry under OPTIONS"
done
# Output kinds and warnings: the lists under --emit and -Wno-NAME.
for name in $(sed -n 's/^                    \([a-z][a-z-]*\) .*/\1/p' "$work/help.txt"); do
    grep -q "^       $name\( \|$\)" "$page" ||
        fail "docs/transitc.1 does not describe '$name' (an output kind or warning in transitc --help): add it under OUTPUT KINDS or WARNINGS"
done
# Exit statuses.
sed -n '/^EXIT STATUS/,/^[A-Z]/p' "$page" >"$work/exit.txt"
for code in $(sed -n 's/^Exit status: //p' "$work/help.txt" | grep -o '[0-9][0-9]* [a-z]' | cut -d' ' -f1); do
    grep -q "^       $code " "$work/exit.txt" ||
        fail "docs/transitc.1 does not document exit status $code under EXIT STATUS"
done
[ -s "$work/exit.txt" ] || fail "docs/transitc.1 has no EXIT STATUS section"

# Messages: each format string becomes a pattern (%s: any text) to find in the page's text.
tr -s ' \n' '  ' <"$page" >"$work/flat.txt"
{
    grep -ho 'usage_error("[^"]*"' "$root"/generator/*.c | sed 's/^usage_error("//; s/"$//'
    grep -ho '"transitc: error: [^"]*"' "$root"/generator/*.c | sed 's/^"transitc: error: //; s/"$//'
    grep -ho '"cannot [^"]*"' "$root"/generator/*.c "$root"/dsl/source.c | sed 's/^"//; s/"$//'
} | sed 's/\\n$//' | grep -v '^%s$' | sort -u >"$work/messages.txt"
[ -s "$work/messages.txt" ] || fail "found no messages in the sources"
while IFS= read -r msg; do
    pattern=$(printf '%s\n' "$msg" | sed -e 's/[][\.*^$(){}+?|]/\\&/g' -e 's/%\\\.\\\*s/.+/g' -e 's/%[a-z]/.+/g')
    grep -Eq -e "$pattern" "$work/flat.txt" ||
        fail "docs/transitc.1 does not list the message 'transitc: error: $msg' (from the sources): add it under DIAGNOSTICS"
done <"$work/messages.txt"

# transitc.1 names every keyword of transit_generate() (its cmake_parse_arguments line).
generate_cmake=$root/cmake/TransitGenerate.cmake
keywords=$(sed -n 's/^ *cmake_parse_arguments(PARSE_ARGV 1 arg \(.*\))$/\1/p' "$generate_cmake" | head -n 1 |
           tr -d '"' | tr '; ' '\n\n' | grep .)
[ -n "$keywords" ] || fail "found no keywords of transit_generate() in cmake/TransitGenerate.cmake"
for kw in $keywords; do
    sed -n '/transit_generate(/,$p' "$page" | grep -qw -e "$kw" ||
        fail "docs/transitc.1 does not describe transit_generate()'s keyword '$kw' (cmake/TransitGenerate.cmake)"
done

# The language page names every keyword.
for kw in $(sed -n 's/^"\([a-z][a-z]*\)" .*/\1/p' "$lexer"); do
    grep -qw -e "$kw" "$work/transit.5.txt" || fail "docs/transit.5 does not mention keyword '$kw' (from dsl/lexer.l)"
done

# transit(3) describes every function and result code of the runtime's header, whichever
# section of the header declares them.
header=$root/runtime/transit.h
tr -s ' \n' '  ' <"$work/transit.3.txt" >"$work/flat3.txt"
sed -n 's/^[a-z_][a-z_0-9 ]*[ *]\(transit_[a-z_0-9]*\)(.*/\1/p' "$header" | sort -u >"$work/functions.txt"
[ "$(wc -l <"$work/functions.txt")" -gt 20 ] || fail "found few functions in runtime/transit.h"
sed -n 's/^ *X(\(TRANSIT_[A-Z_]*\), .*/\1/p' "$header" >"$work/results.txt"
[ -s "$work/results.txt" ] || fail "found no result codes in runtime/transit.h"
for name in $(cat "$work/functions.txt" "$work/results.txt"); do
    grep -q -e "$name" "$work/flat3.txt" ||
        fail "docs/transit.3 does not describe '$name' (declared in runtime/transit.h)"
done
for fn in $(cat "$work/functions.txt"); do
    grep -q -e "$fn(" "$work/flat3.txt" || fail "docs/transit.3: '$fn' is not in its SYNOPSIS"
done
# Each declaration of the header (a function or the guard callback's typedef) is in the SYNOPSIS
# word for word, whitespace aside: types and parameter names as declared.
sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$work/transit.3.txt" | tr -s ' \n' '  ' >"$work/synopsis.txt"
awk '/^[a-z_][a-z_0-9 ]*[ *]transit_[a-z_0-9]*\(/,/;/' "$header" | tr -s ' \n' '  ' | sed 's/; */;\n/g' |
    sed 's/^ *//' | grep . >"$work/declarations.txt"
[ "$(wc -l <"$work/declarations.txt")" -gt 20 ] || fail "found few declarations in runtime/transit.h"
while IFS= read -r declaration; do
    grep -qF -e "$declaration" "$work/synopsis.txt" ||
        fail "docs/transit.3: the SYNOPSIS does not declare, as runtime/transit.h does: $declaration"
done <"$work/declarations.txt"

# The EXAMPLE of transit(3) compiles without a warning against the header and the C of the runtime
# tests' door, and prints the transition it fires.
sed -n '/^EXAMPLE/,/^SEE ALSO/p' "$work/transit.3.txt" | sed '1d;$d' | sed 's/^       //' >"$work/example.c"
mkdir -p "$work/example"
if ! "$transitc" generate -o "$work/example" --emit c "$root/tests/runtime/door.transit"; then
    fail "transitc generate for the door of docs/transit.3's example"
elif ! "${CC:-cc}" -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Werror -I"$work/example" -I"$root/runtime" \
        -o "$work/example/example" "$work/example.c" "$work/example/door.c" "$root/runtime/transit.c" 2>"$work/example.log"; then
    cat "$work/example.log"
    fail "docs/transit.3: the EXAMPLE does not compile cleanly"
elif [ "$("$work/example/example")" != "closed --open [user]--> opened" ]; then
    fail "docs/transit.3: the EXAMPLE prints '$("$work/example/example")', not 'closed --open [user]--> opened'"
fi

# The example that opens transit(5) is a spec that checks clean and is formatted.
sed -n '/^\.SH SYNOPSIS/,/^\.fi/p' "$docs/transit.5" | sed '1,2d;$d' | sed 's/\\-/-/g' >"$work/example.transit"
[ -s "$work/example.transit" ] || fail "docs/transit.5: no example spec under SYNOPSIS"
"$transitc" check "$work/example.transit" || fail "docs/transit.5: the example spec does not check clean"
"$transitc" fmt --check "$work/example.transit" >/dev/null ||
    fail "docs/transit.5: the example spec is not formatted (transitc fmt --stdout shows the layout)"

[ $failures -eq 0 ] && echo "man: ok"
[ $failures -eq 0 ]
