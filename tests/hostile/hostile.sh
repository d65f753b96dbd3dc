#!/usr/bin/env bash
# Hostile inputs for transitc: each case feeds it something broken, huge or strange and checks it
# ends with a clear diagnostic (file:line:col and exit status) or a clean success, never a crash,
# a hang or a half-written output. Big inputs are generated here, not checked in.
#
#   hostile.sh TRANSITC CASE      (exit 0 pass, 1 fail, 77 skipped)
#
# Message wording is not asserted, only the exit status, the file:line:col and a key word.
set -u
transitc=$1
case_name=$2
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

fail() { echo "FAIL [$case_name]: $*" >&2; echo "--- stderr:" >&2; head -c 4000 err >&2; exit 1; }
skip() { echo "SKIP [$case_name]: $*" >&2; exit 77; }

# run EXPECTED_STATUS ARGS...: runs transitc, checks its status and that no sanitizer or crash
# report appeared.
run() {
    local want=$1
    shift
    local got=0
    "$transitc" "$@" >out 2>err || got=$?
    if grep -qE 'Sanitizer|runtime error:|LeakSanitizer' err; then
        fail "sanitizer report"
    fi
    [ "$got" -lt 128 ] || fail "killed by signal $((got - 128))"
    [ "$got" -eq "$want" ] || fail "exit $got, expected $want"
}

# expect_at FILE:LINE:COL [WORD]: stderr has an error at that place (and mentions WORD).
expect_at() {
    grep -qF "$1: error:" err || fail "no error at $1"
    if [ $# -gt 1 ]; then
        grep -qi -- "$2" err || fail "no '$2' in the message"
    fi
}

# expect_usage WORD: a message without location that names the problem.
expect_usage() {
    grep -q '^transitc: error: ' err || fail "no 'transitc: error:' line"
    grep -qi -- "$1" err || fail "no '$1' in the message"
}

# no_outputs DIR: nothing, not even a temporary, was left in DIR.
no_outputs() {
    [ -z "$(ls -A "$1")" ] || fail "files left in $1: $(ls -A "$1")"
}

# check_outputs DIR: every file generate wrote there is well-formed for its kind: C compiles as
# C99, C11 (with trigraphs) and C++; DOT is read by Graphviz; JSON is parsed by node. The tools
# that are missing are skipped.
check_outputs() {
    local dir=$1 f cc=${CC:-cc} runtime
    runtime=$(cd "$(dirname "$0")/../../runtime" && pwd)
    for f in "$dir"/*; do
        case $f in
        *_test.c) ;; # a generated test program: built and run by the emitter's own tests
        *.c)
            for std in c99 c11; do
                "$cc" -std=$std -trigraphs -Wall -Wextra -Wpedantic -Werror -I"$runtime" -I"$dir" \
                    -c "$f" -o c.o 2>cc.err || { cat cc.err >err; fail "$f does not compile as $std"; }
            done
            if command -v c++ >/dev/null; then
                c++ -x c++ -Wall -Wextra -Werror -I"$runtime" -I"$dir" -c "$f" -o c.o 2>cc.err ||
                    { cat cc.err >err; fail "$f does not compile as C++"; }
            fi ;;
        *.dot)
            if command -v dot >/dev/null; then
                dot -Tsvg "$f" -o /dev/null 2>cc.err || { cat cc.err >err; fail "dot cannot read $f"; }
            fi ;;
        *.json)
            if command -v node >/dev/null; then
                node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$f" \
                    2>cc.err || { cat cc.err >err; fail "$f is not JSON"; }
            fi ;;
        esac
    done
}

# A small valid machine (needs a newline style: LF, CRLF or CR).
valid_spec() {
    local nl=$1
    printf "machine m {${nl}  initial a${nl}  trigger go${nl}  state a${nl}  final state b${nl}  a -> b on go by user${nl}}${nl}"
}

case $case_name in
empty)
    : >empty.transit
    run 1 check empty.transit
    expect_at empty.transit:1:1 machine ;;
comments_only)
    printf '# only\n# comments\n' >c.transit
    run 1 check c.transit
    expect_at c.transit:1:1 machine ;;
comment_at_eof)
    # A comment that runs to the end of the file with no newline: the only comment form.
    { valid_spec '\n'; printf '# last line, no newline'; } >c.transit
    run 0 check c.transit ;;
nul_byte)
    printf 'machine a {\n  initial x\n  state x\0 }\n' >nul.transit
    run 1 check nul.transit
    expect_at nul.transit:3:10 NUL ;;
nul_in_string)
    printf 'machine a "doc\0" {\n  initial x\n  state x\n}\n' >nul.transit
    run 1 check nul.transit
    expect_at nul.transit:1:15 NUL ;;
invalid_utf8)
    printf 'machine a \xff{\n' >u.transit
    run 1 check u.transit
    expect_at u.transit:1:11 UTF-8 ;;
invalid_utf8_string)
    printf 'machine a "d\xc3\xa9j\xe0 vu" {\n  initial x\n  state x\n}\n' >u.transit
    run 1 check u.transit
    expect_at u.transit:1:15 UTF-8 ;;
crlf)
    valid_spec '\r\n' >crlf.transit
    run 0 check crlf.transit
    printf 'machine a {\r\n  initial x\r\n  state x\r\n  x -> y on go by user\r\n}\r\n' >bad.transit
    run 1 check bad.transit
    expect_at bad.transit:4:8 "'y'" ;;
cr)
    valid_spec '\r' >cr.transit
    run 0 check cr.transit
    printf 'machine a {\r  initial x\r  state x\r  x -> y on go by user\r}\r' >bad.transit
    run 1 check bad.transit
    expect_at bad.transit:4:8 "'y'" ;;
tabs)
    # A tab counts as one column (dsl/README.md, lexical structure).
    printf 'machine a {\n\tinitial x\n\tstate x\n\t\tx ->\ty on go by user\n}\n' >tab.transit
    run 1 check tab.transit
    expect_at tab.transit:4:8 "'y'" ;;
unterminated_string)
    printf 'machine a "abc' >s.transit
    run 1 check s.transit
    expect_at s.transit:1:11 '"' ;;
unterminated_machine)
    printf 'machine a {\n  initial x\n  state x\n' >s.transit
    run 1 check s.transit
    grep -q '^s.transit:[0-9]*:[0-9]*: error:' err || fail "no located error" ;;
string_1mib)
    { printf 'machine a "'; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '" {\n  initial x\n  state x\n}\n'; } >s.transit
    run 0 check s.transit
    mkdir o
    run 0 generate -o o s.transit
    check_outputs o ;;
ident_10k)
    # A 10,000-character name is refused where it stands; the longest allowed (128 characters)
    # and the longest persisted name (4095 bytes) give C that compiles with -Wpedantic.
    name=$(head -c 10000 /dev/zero | tr '\0' 'q')
    printf 'machine a {\n  initial x\n  trigger t\n  state x\n  final state z\n  x -> %s on t by user\n}\n' "$name" >i.transit
    run 1 check i.transit
    expect_at i.transit:6:8 long
    [ "$(wc -c <err)" -lt 8192 ] || fail "the message is $(wc -c <err) bytes long"
    name=$(head -c 128 /dev/zero | tr '\0' 'q')
    persisted=$(head -c 4095 /dev/zero | tr '\0' 'p')
    printf 'machine %s {\n  initial %s\n  trigger %s\n  state %s as "%s"\n  final state z\n  %s -> z on %s by user\n}\n' \
        "$name" "$name" "$name" "$name" "$persisted" "$name" "$name" >ok.transit
    run 0 check ok.transit
    mkdir o
    run 0 generate -o o ok.transit
    check_outputs o
    printf 'machine a {\n  initial x\n  state x as "%sp"\n}\n' "$persisted" >p.transit
    run 1 check p.transit
    expect_at p.transit:3:9 long ;;
states_100k)
    awk 'BEGIN { n = 100000; print "machine big {\n  initial s0\n  trigger go";
                 for (i = 0; i < n - 1; i++) print "  state s" i; print "  final state s" n - 1;
                 for (i = 0; i < n - 1; i++) print "  s" i " -> s" i + 1 " on go by user";
                 print "  assert reachable s" n - 1 "\n  assert reachable final from *\n}" }' >big.transit
    run 0 check big.transit
    # Every output kind: the generated test's paths are a tree, not 100,000 paths of up to
    # 100,000 steps each.
    mkdir o
    run 0 generate -o o big.transit
    [ -s o/big_test.c ] && [ -s o/big.json ] || fail "outputs missing" ;;
transitions_1m)
    # 1,000 states x 1,000 triggers, every cell filled: 1,000,000 transitions.
    awk 'BEGIN { n = 1000; print "machine big {\n  initial s0";
                 for (j = 0; j < n; j++) print "  trigger t" j;
                 for (i = 0; i < n; i++) print "  state s" i;
                 for (i = 0; i < n; i++) for (j = 0; j < n; j++)
                     print "  s" i " -> s" (i + j + 1) % n " on t" j " by user";
                 print "}" }' >big.transit
    run 0 check big.transit
    mkdir o
    run 0 generate -o o --emit c,test big.transit ;;
line_1mib)
    # A line of 1 MiB: spaces, then an unknown state; the caret line is windowed, not 1 MiB.
    { printf 'machine a {\n  initial x\n  state x\n'; head -c 1048576 /dev/zero | tr '\0' ' ';
      printf 'x -> y on t by user\n}\n'; } >l.transit
    run 1 check l.transit
    expect_at l.transit:4:1048582 "'y'"
    [ "$(wc -c <err)" -lt 8192 ] || fail "the message is $(wc -c <err) bytes long" ;;
binary_file)
    # A binary given by mistake (transitc's own executable, so the input is the same every run):
    # a few located errors and a stop, not one per byte.
    head -c 1048576 "$transitc" >b.transit
    run 1 check b.transit
    grep -q '^b.transit:[0-9]*:[0-9]*: error:' err || fail "no located error"
    [ "$(grep -c ': error:' err)" -le 30 ] || fail "$(grep -c ': error:' err) errors for one file" ;;
huge_duration)
    # Durations past the limit (20 digits of days; one millisecond over 9223372036854, what Go's time.Duration holds) and a zero
    # one: each a located error at the duration, nothing written.
    printf 'machine m {\n  initial a\n  trigger t\n  trigger u\n  trigger v\n  state a\n  state c\n  final state b\n  a -> b on t after 99999999999999999999d by auto\n  c -> b on u after 9223372036855ms by auto\n  a -> c on v by user\n  c -> b on v after 0s by auto\n}\n' >d.transit
    run 1 check d.transit
    expect_at d.transit:9:21 "99999999999999999999d"
    expect_at d.transit:10:21 "9223372036855ms"
    expect_at d.transit:12:21 "0s"
    mkdir o
    run 1 generate -o o d.transit
    no_outputs o
    # The longest allowed: checked, and generated into every C output.
    printf 'machine m {\n  initial a\n  trigger t\n  state a\n  final state b\n  a -> b on t after 9223372036854ms by auto\n}\n' >ok.transit
    run 0 check ok.transit
    mkdir o2
    run 0 generate -o o2 --emit c,test,json ok.transit
    grep -q 9223372036854 o2/m.c || fail "the longest duration is not in m.c"
    check_outputs o2 ;;
alternatives_10k)
    # 10,000 alternatives on one cell (state, trigger, initiator), each with its own guard, and
    # the fallback last. Every output but svg is written: the generated tests fire the cell under
    # the 10,001 prefix assignments of its guards (not 2^10000), and the generated C test is
    # compiled and run, then run again on a mutant that must fail. (svg is left out: Graphviz's
    # dot 2.43 had not laid the 10,000-edge graph out after 300 s; transitc's part is the dot
    # output, written here and read back by dot in no test.)
    awk 'BEGIN { n = 10000; print "machine wide {\n  initial s0\n  trigger go\n  state s0\n  state s1\n  final state s2";
                 for (i = 0; i < n; i++) print "  guard g" i;
                 for (i = 0; i < n; i++) print "  s0 -> s" (1 + i % 2) " on go by auto when " (i % 3 ? "" : "not ") "g" i;
                 print "  s0 -> s2 on go by auto\n  s1 -> s2 on go by user\n  assert reachable s2\n}" }' >wide.transit
    run 0 check wide.transit
    mkdir o
    run 0 generate -o o --emit c,test,mermaid,dot,md,json,sqlite,postgresql,go,gotest,ts,tstest,html wide.transit
    for f in wide.c wide_test.c wide.json wide_test.go wide.test.ts wide.html; do
        [ -s "o/$f" ] || fail "o/$f missing"
    done
    # Linear, not exponential: the guarded cell's expectations are its 10,001 prefix assignments.
    grep -q '^    {0, 0, 1, 0, 10000, 0, 0, 10001, 1}, /\* s0 on go by auto \*/$' o/wide_test.c ||
        fail "wide_test.c does not list the cell under 10,001 assignments"
    [ "$(wc -c <o/wide_test.go)" -lt 4000000 ] && [ "$(wc -c <o/wide.test.ts)" -lt 4000000 ] ||
        fail "the Go or TypeScript test is larger than 4 MB"
    # One more alternative after the fallback is hidden: a located error at it.
    sed 's/^  s1 -> s2 on go by user$/  s0 -> s1 on go by auto when g1\n&/' wide.transit >hidden.transit
    run 1 check hidden.transit
    expect_at hidden.transit:20008:3 "never taken"
    # The generated C test passes on the generated code and fails on a mutant (the 7,001st
    # alternative's guard negated). Needs cmocka; skipped without it.
    cc=${CC:-cc}
    runtime=$(cd "$(dirname "$0")/../../runtime" && pwd)
    cmocka_libs=$(pkg-config --libs cmocka 2>/dev/null) || skip "no cmocka"
    "$cc" -std=c11 -I"$runtime" -c "$runtime/transit.c" -o transit.o 2>err || fail "the runtime does not compile"
    "$cc" -std=c99 -I"$runtime" -Io -c o/wide_test.c -o wide_test.o 2>err || fail "wide_test.c does not compile"
    "$cc" -std=c99 -I"$runtime" -Io -c o/wide.c -o wide.o 2>err || fail "wide.c does not compile"
    "$cc" wide.o wide_test.o transit.o $cmocka_libs -o wide_test 2>err || fail "wide_test does not link"
    ./wide_test >err 2>&1 || fail "the generated test fails on the generated code"
    sed 's/{WIDE_GUARD_G7000, 0, 0, WIDE_STATE_S1}/{WIDE_GUARD_G7000, 1, 0, WIDE_STATE_S1}/' o/wide.c >mutant.c
    cmp -s o/wide.c mutant.c && fail "no mutant: the alternative on g7000 is not where expected in wide.c"
    "$cc" -std=c99 -I"$runtime" -Io -c mutant.c -o mutant.o 2>err || fail "mutant.c does not compile"
    "$cc" mutant.o wide_test.o transit.o $cmocka_libs -o mutant_test 2>err || fail "mutant_test does not link"
    if ./mutant_test >err 2>&1; then fail "the generated test passes on a mutant"; fi
    grep -q "prefix 7000" err || fail "the mutant's failure does not name the assignment" ;;
huge_file)
    # Over the size limit (a sparse file: nothing is really written): refused before reading.
    truncate -s 3G h.transit 2>/dev/null || skip "cannot make a sparse file"
    run 2 check h.transit
    expect_usage h.transit ;;
long_lists)
    # Long lists (200,000 initiators, 50,000 sources and exceptions) parse without deep stacks;
    # the wildcard excepting every non-final state stands for none, which is an error at its '*'.
    awk 'BEGIN { n = 50000; print "machine a {\n  initial s0\n  trigger t\n  trigger u";
                 for (i = 0; i < n; i++) print "  state s" i; print "  final state z";
                 printf "  s0 -> s1 on u by user"; for (i = 0; i < 200000; i++) printf ", user";
                 print ""; printf "  s0"; for (i = 1; i < n; i++) printf ", s" i; print " -> z on t by user";
                 printf "  * except s0"; for (i = 1; i < n; i++) printf ", s" i;
                 print " -> z on t by auto\n}" }' >l.transit
    run 1 check -Wno-duplicate -Wno-unreachable -Wno-dead-end l.transit
    expect_at l.transit:50008:3 "no state" ;;
star_all_final)
    # '*' over a machine whose states are all final stands for no state: an error at the '*'
    # (and one at the initial state, which is final too).
    printf 'machine a {\n  initial x\n  trigger t\n  final state x\n  final state y\n  * -> y on t by user\n}\n' >f.transit
    run 1 check -Wno-unreachable f.transit
    expect_at f.transit:6:3 "no state"
    expect_at f.transit:2:11 final
    mkdir o
    run 1 generate -o o f.transit
    no_outputs o ;;
minimal_machine)
    # One state, no trigger, no transition: empty tables must still be valid C.
    printf 'machine a {\n  initial x\n  state x\n}\n' >z.transit
    mkdir o
    run 0 generate -o o z.transit
    check_outputs o ;;
keyword_names)
    # Names that are keywords of C, C++ or Mermaid are fine in a spec; generated code compiles.
    printf 'machine int {\n  initial default\n  trigger class\n  trigger end\n  trigger int\n  trigger state_\n  state default\n  final state class\n  state end\n  default -> end on class by user\n  end -> class on end by auto\n  end -> default on int by self\n  end -> default on state_ by self\n}\n' >kw.transit
    run 0 check kw.transit
    mkdir o
    run 0 generate -o o kw.transit
    check_outputs o
    # Names of C's library and the runtime's prefix, as machine names, compile too.
    for m in NULL EOF errno bool main stdin size_t uint32_t; do
        printf 'machine %s {\n  initial a\n  trigger go\n  state a\n  final state b\n  a -> b on go by user\n}\n' $m >lib.transit
        rm -rf o && mkdir o
        run 0 generate -o o lib.transit
        check_outputs o
    done
    # A machine called transit or transit_... would take the runtime's names: refused.
    for m in transit Transit transit_x TRANSIT_Y; do
        printf 'machine %s {\n  initial a\n  final state a\n}\n' $m >rt.transit
        run 1 check rt.transit
        expect_at rt.transit:1:9 runtime
    done
    # 'state' is a keyword of transit itself: a located error.
    printf 'machine a {\n  initial state\n  state state\n}\n' >s.transit
    run 1 check s.transit
    expect_at s.transit:2:11 keyword ;;
weird_strings)
    # Doc strings and persisted names full of what other languages treat specially.
    cat >w.transit <<'SPEC'
machine weird "*/ /* \"q\" back\\slash ??/ ??= %d %s %n <b>&amp;</b> | [x] {y} `t` $(z) -- \n\t é 日本" {
    initial a
    trigger go "\\n \\ */ %%"
    state a as "a */ b ??/"
    state c as "c\"q" "<>&'|"
    final state b as "b\\" "\n\n*/"
    a -> b on go by user "*/ /* %% \\\\ -->"
    a -> c on go by auto "end"
    c -> b on go by self
}
SPEC
    mkdir o
    run 0 generate -o o w.transit
    check_outputs o ;;
same_machine_two_files)
    valid_spec '\n' >one.transit
    valid_spec '\n' >two.transit
    run 1 check one.transit two.transit
    expect_at two.transit:1:9 "'m'" ;;
spec_is_directory)
    mkdir d.transit
    run 2 check d.transit
    expect_usage directory ;;
spec_missing)
    run 2 check missing.transit
    expect_usage missing.transit ;;
spec_unreadable)
    valid_spec '\n' >u.transit
    chmod 000 u.transit
    if cat u.transit >/dev/null 2>&1; then
        # Root reads anything: use a file whose read fails instead.
        [ -r /proc/self/mem ] || skip "running as root and no unreadable file to use"
        run 2 check /proc/self/mem
        expect_usage "cannot read"
    else
        run 2 check u.transit
        expect_usage u.transit
    fi ;;
outdir_missing)
    # A missing output directory is made, parents too, as build systems expect (mkdir -p);
    # one that cannot be made (a file stands in the way) is a usage error and nothing is made.
    valid_spec '\n' >m.transit
    run 0 generate -o nowhere/deeper --emit json m.transit
    [ -f nowhere/deeper/m.json ] || fail "nowhere/deeper/m.json was not written"
    echo keep >file
    run 2 generate -o file/sub --emit json m.transit
    expect_usage "not a directory"
    [ "$(cat file)" = keep ] || fail "the file in the way was changed" ;;
outdir_is_file)
    valid_spec '\n' >m.transit
    echo keep >file
    run 2 generate -o file m.transit
    expect_usage "not a directory"
    [ "$(cat file)" = keep ] || fail "the file in the way was changed" ;;
outdir_read_only)
    valid_spec '\n' >m.transit
    mkdir ro
    chmod 555 ro
    if touch ro/probe 2>/dev/null; then
        rm -f ro/probe
        # Root writes anywhere it can: /proc refuses new files even to root.
        [ -d /proc/self ] || skip "running as root and no read-only directory to use"
        run 2 generate -o /proc/self m.transit
        expect_usage "cannot write"
    else
        run 2 generate -o ro m.transit
        expect_usage "cannot write"
        no_outputs ro
    fi ;;
output_in_the_way)
    # The second output's name is taken by a directory: the first must not be written either,
    # and no temporary stays behind.
    valid_spec '\n' >m.transit
    mkdir o o/m.c
    run 2 generate -o o --emit c m.transit
    expect_usage "m.c"
    [ "$(ls -A o)" = m.c ] || fail "outputs or temporaries left: $(ls -A o)"
    [ -z "$(ls -A o/m.c)" ] || fail "the directory in the way was changed" ;;
out_of_memory)
    # Address space limited well below what a 1,000,000-transition spec needs.
    awk 'BEGIN { n = 1000; print "machine big {\n  initial s0";
                 for (j = 0; j < n; j++) print "  trigger t" j;
                 for (i = 0; i < n; i++) print "  state s" i;
                 for (i = 0; i < n; i++) for (j = 0; j < n; j++)
                     print "  s" i " -> s" (i + j + 1) % n " on t" j " by user";
                 print "}" }' >big.transit
    limit=60000 # KiB
    got=0
    if (ulimit -v $limit && "$transitc" --version) >/dev/null 2>&1; then
        (ulimit -v $limit && exec "$transitc" check big.transit) >out 2>err || got=$?
    elif grep -qa __asan_init "$transitc"; then
        # AddressSanitizer reserves too much address space for ulimit -v: let its allocator
        # fail every request over 8 MiB instead.
        ASAN_OPTIONS=allocator_may_return_null=1:max_allocation_size_mb=8 \
            "$transitc" check big.transit >out 2>err || got=$?
    else
        skip "transitc cannot start under ulimit -v"
    fi
    [ "$got" -eq 2 ] || fail "exit $got, expected 2"
    expect_usage "out of memory" ;;
oom_every_allocation)
    # Each allocation in turn fails (FAILMALLOC: tests/hostile/failmalloc.c, LD_PRELOAD): every
    # run ends with "out of memory" (exit 2) and no file, or, when the C library copes (stdio
    # buffers), exactly as without the failure. Never a crash or a temporary left behind.
    [ -n "${FAILMALLOC:-}" ] || skip "no malloc failure injection in this build (sanitizers)"
    printf 'machine m "doc" {\n  initial a\n  trigger go\n  state a as "A"\n  final state b\n  a -> b on go by user\n  assert reachable b\n}\n' >m.transit
    printf 'machine m {\n  initial a\n  state a\n  \xff\n}\n' >lex.transit
    printf 'machine m {\n  initial a\n  trigger go\n  state a\n  state z\n  a -> c on go by user\n  assert reachable z\n}\n' >sem.transit
    mkdir ref
    "$transitc" generate -o ref m.transit || fail "generate without failures"
    for spec in m.transit lex.transit sem.transit; do
        total=$(FAILMALLOC_AT=0 LD_PRELOAD=$FAILMALLOC "$transitc" check --explain $spec 2>&1 >/dev/null |
                sed -n 's/^failmalloc: \([0-9]*\) allocations$/\1/p')
        [ -n "$total" ] && [ "$total" -gt 3 ] || fail "failmalloc counted no allocations"
        normal=0
        "$transitc" check --explain $spec >/dev/null 2>&1 || normal=$?
        for n in $(seq 1 "$total"); do
            got=0
            FAILMALLOC_AT=$n LD_PRELOAD=$FAILMALLOC "$transitc" check --explain $spec >out 2>err || got=$?
            [ "$got" -eq "$normal" ] || [ "$got" -eq 2 ] || fail "allocation $n of $spec: exit $got"
            if [ "$got" -eq 2 ] && [ "$normal" -ne 2 ]; then
                grep -qiE 'out of memory|cannot allocate memory' err ||
                    fail "allocation $n of $spec: no word of memory"
            fi
        done
    done
    total=$(FAILMALLOC_AT=0 LD_PRELOAD=$FAILMALLOC "$transitc" generate -o ref m.transit 2>&1 >/dev/null |
            sed -n 's/^failmalloc: \([0-9]*\) allocations$/\1/p')
    for n in $(seq 1 "$total"); do
        rm -rf o && mkdir o
        got=0
        FAILMALLOC_AT=$n LD_PRELOAD=$FAILMALLOC "$transitc" generate -o o m.transit >out 2>err || got=$?
        case $got in
        0) diff -r ref o >/dev/null || fail "allocation $n: outputs differ from a normal run" ;;
        2) grep -qiE 'out of memory|cannot allocate memory' err || fail "allocation $n: no word of memory"
           no_outputs o ;;
        *) fail "allocation $n of generate: exit $got" ;;
        esac
    done ;;
bad_options)
    valid_spec '\n' >m.transit
    run 2 check --bogus m.transit
    expect_usage bogus
    run 2 generate --emit nosuchkind m.transit
    grep -q nosuchkind err || fail "the unknown kind is not named"
    run 2 generate m.transit -o
    expect_usage -- -o
    run 2 check
    expect_usage spec ;;
*)
    echo "hostile.sh: unknown case '$case_name'" >&2
    exit 2 ;;
esac
exit 0
