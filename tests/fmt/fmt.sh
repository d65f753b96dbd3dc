#!/bin/sh
# Tests of transitc fmt. usage: fmt.sh TRANSITC SOURCE_DIR WORK_DIR
# - every cases/NAME.transit formats to cases/NAME.expected (reviewed by eye), and that is a
#   fixed point (formatting twice changes nothing);
# - every spec in the tree formats to a spec that generates the same files, byte for byte;
# - --check, --stdout, '-' (stdin), rewriting in place (a symbolic link stays a link, the mode
#   stays), and a spec with a syntax error is reported and left untouched.
set -u
transitc=$1 root=$2 work=$3
here=$root/tests/fmt
failures=0
fail() { echo "fmt: FAIL: $*" >&2; failures=$((failures + 1)); }
rm -rf "$work" && mkdir -p "$work" || exit 2

for spec in "$here"/cases/*.transit; do
    name=$(basename "$spec" .transit)
    "$transitc" fmt --stdout "$spec" >"$work/$name.out" 2>&1 || fail "$name: exit $?"
    diff -u "$here/cases/$name.expected" "$work/$name.out" || fail "$name: output differs from $name.expected"
    "$transitc" fmt --stdout - <"$here/cases/$name.expected" >"$work/$name.again" 2>&1
    cmp -s "$here/cases/$name.expected" "$work/$name.again" || fail "$name: formatting $name.expected changes it"
done

# Formatting never changes what a spec means: the same generated files from either text, but for
# the spec line numbers the docs page and the JSON cite (formatting may move lines).
for spec in $(find "$root/specs" "$root/tests" "$root/examples" -name '*.transit' -not -path '*/node_modules/*' | sort); do
    name=$(basename "$spec" .transit)
    d=$work/same/$(echo "$spec" | cksum | cut -d' ' -f1)
    mkdir -p "$d/orig" "$d/fmt" "$d/gen-orig" "$d/gen-fmt"
    "$transitc" check "$spec" >/dev/null 2>&1 || continue # only specs that check
    cp "$spec" "$d/orig/$name.transit"
    "$transitc" fmt --stdout "$spec" >"$d/fmt/$name.transit" || { fail "$spec: fmt failed"; continue; }
    "$transitc" fmt --check "$d/fmt/$name.transit" >/dev/null || fail "$spec: not a fixed point"
    if ! "$transitc" generate -o "$d/gen-orig" "$d/orig/$name.transit" >/dev/null 2>&1; then
        # A spec that checks but cannot be generated as a whole (tests/lang/machine_names.transit:
        # two machines writing one file, refused before writing): the formatted one neither.
        "$transitc" generate -o "$d/gen-fmt" "$d/fmt/$name.transit" >/dev/null 2>&1 &&
            fail "$spec: the formatted spec generates, the original does not"
        continue
    fi
    "$transitc" generate -o "$d/gen-fmt" "$d/fmt/$name.transit" >/dev/null 2>&1 || fail "$spec: generate formatted"
    diff -r -I 'line [0-9][0-9]*' "$d/gen-orig" "$d/gen-fmt" >/dev/null || fail "$spec: formatting changed the generated files"
done

# --check: lists what is not formatted, exit 1; silent and 0 when all is formatted.
cp "$here/cases/messy.transit" "$work/messy.transit"
cp "$here/cases/messy.expected" "$work/tidy.transit"
out=$("$transitc" fmt --check "$work/tidy.transit" "$work/messy.transit"); rc=$?
[ $rc -eq 1 ] || fail "--check on an unformatted spec: exit $rc, want 1"
[ "$out" = "$work/messy.transit" ] || fail "--check printed '$out', want the unformatted file's name"
cmp -s "$here/cases/messy.transit" "$work/messy.transit" || fail "--check changed the file"
"$transitc" fmt --check "$work/tidy.transit" >/dev/null || fail "--check on a formatted spec: exit $?"
"$transitc" fmt --check - <"$here/cases/messy.transit" >/dev/null && fail "--check - on unformatted stdin: exit 0"

# In place: through a symbolic link, keeping the link and the file's mode.
mkdir -p "$work/inplace/real"
cp "$here/cases/messy.transit" "$work/inplace/real/spec.transit"
chmod 640 "$work/inplace/real/spec.transit"
ln -s real/spec.transit "$work/inplace/link.transit"
"$transitc" fmt "$work/inplace/link.transit" || fail "fmt in place: exit $?"
[ -L "$work/inplace/link.transit" ] || fail "fmt replaced a symbolic link by a file"
cmp -s "$here/cases/messy.expected" "$work/inplace/real/spec.transit" || fail "fmt in place: link target not formatted"
mode=$(stat -c %a "$work/inplace/real/spec.transit")
[ "$mode" = 640 ] || fail "fmt in place: mode $mode, want 640"
[ -z "$(ls "$work/inplace/real" | grep -v '^spec.transit$')" ] || fail "fmt left a temporary file"

# A syntax error: reported with its location, exit 1, the file left as it was.
printf 'machine m {\n    initial a\n    state a\n    a -> on go by user\n}\n' >"$work/bad.transit"
cp "$work/bad.transit" "$work/bad.orig"
"$transitc" fmt "$work/bad.transit" 2>"$work/bad.err"; rc=$?
[ $rc -eq 1 ] || fail "syntax error: exit $rc, want 1"
grep -q "bad.transit:4:10: error:" "$work/bad.err" || { cat "$work/bad.err"; fail "syntax error: no file:line:col message"; }
cmp -s "$work/bad.transit" "$work/bad.orig" || fail "syntax error: file changed"

# A comment keeps every byte the scanner gave it, a NUL at its end too (only blanks are cut).
printf 'machine m {\n  initial a   # nul\000  \n  state a\n}\n' | "$transitc" fmt --stdout - >"$work/nul.out"
printf 'machine m {\n    initial a  # nul\000\n    state a\n}\n' | cmp -s - "$work/nul.out" || fail "a NUL at the end of a comment: not kept"

# Lexical errors: fmt reads a spec through the scanner check uses, so it reports them as check does
# (the same messages, at FILE:LINE:COL), exits 1 and leaves the file as it was. Each case: the
# place of the first error, then the spec (printf format).
i=0
while IFS='|' read -r at text; do
    i=$((i + 1))
    f=$work/lex$i.transit
    printf "$text" >"$f"
    cp "$f" "$f.orig"
    "$transitc" fmt "$f" 2>"$f.fmt"; rc=$?
    "$transitc" check "$f" 2>"$f.check"
    [ $rc -eq 1 ] || fail "lexical error $i: exit $rc, want 1"
    head -n 1 "$f.fmt" | grep -q "^$f:$at: error: " || { cat "$f.fmt"; fail "lexical error $i: want the first error at $at"; }
    cmp -s "$f.check" "$f.fmt" || { diff "$f.check" "$f.fmt"; fail "lexical error $i: fmt and check report it differently"; }
    cmp -s "$f" "$f.orig" || fail "lexical error $i: file changed"
done <<'CASES'
3:26|machine m {\n    initial a\n    a -> a on go after 90x by auto\n    trigger go\n    state a\n}\n
3:24|machine m {\n    initial a\n    a -> a on go after 0s by auto\n    trigger go\n    state a\n}\n
2:15|machine m {\n    initial a @\n    state a\n}\n
2:13|machine m {\r\n    state a // a comment\r\n    initial a\r\n}\r\n
1:11|machine m "unterminated {\n    initial a\n    state a\n}\n
3:11|machine m {\n    initial a\n    state 9lives\n}\n
2:12|machine m {\n\tinitial a \047quoted\047\n    state a\n}\n
2:11|machine m {\n    state caf\303\251\n}\n
1:12|machine m "\377" {\n    state a\n}
CASES

# Usage errors exit 2.
"$transitc" fmt 2>/dev/null; [ $? -eq 2 ] || fail "fmt with no spec: want exit 2"
"$transitc" fmt --bogus "$work/tidy.transit" 2>/dev/null; [ $? -eq 2 ] || fail "unknown option: want exit 2"
"$transitc" fmt "$work/missing.transit" 2>/dev/null; [ $? -eq 2 ] || fail "missing file: want exit 2"

[ $failures -eq 0 ] && echo "fmt: ok"
[ $failures -eq 0 ]
