#!/bin/sh
# Command-line tests of transitc: every way to call it wrongly, and the exit codes the help and
# dsl/README.md promise (0 no error, 1 errors in a spec, 2 usage or I/O error).
#
#   cli.sh TRANSITC SOURCE_DIR
set -u
transitc=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

ok_spec=$src/tests/check/ok_door.transit
bad_spec=$src/tests/check/sem_unknown_source.transit
warn_spec=$src/tests/check/warn_unused_trigger.transit

# expect STATUS WHERE TEXT -- ARGS...: runs transitc ARGS (standard input from $stdin) and
# requires exit status STATUS and TEXT in WHERE (out, err; TEXT '' means WHERE must be empty).
stdin=/dev/null
expect() {
    status=$1 where=$2 text=$3
    shift 4
    actual=0
    "$transitc" "$@" <"$stdin" >"$tmp/out" 2>"$tmp/err" || actual=$?
    problem=
    if [ "$actual" != "$status" ]; then
        problem="exit $actual, expected $status"
    elif [ -z "$text" ] && [ -s "$tmp/$where" ]; then
        problem="std$where should be empty"
    elif [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/$where"; then
        problem="std$where lacks: $text"
    fi
    if [ -n "$problem" ]; then
        echo "FAIL: transitc $*: $problem"
        sed 's/^/  out: /' "$tmp/out"
        sed 's/^/  err: /' "$tmp/err"
        failures=$((failures + 1))
    fi
}

# Help and version.
expect 2 err "usage: transitc check"                     -- 
expect 2 out ""                                          -- 
expect 0 out "usage: transitc check"                     -- --help
expect 0 out "usage: transitc check"                     -- -h
expect 0 out "usage: transitc check"                     -- check --help
expect 0 out "Exit status: 0 no error"                   -- --help
expect 0 out "1 a spec has errors"                       -- --help
expect 0 out "2 a usage error"                           -- --help
expect 0 out "unused-trigger"                            -- --help
expect 0 out "transitc 0."                               -- --version
expect 0 err ""                                          -- --version

# Usage errors: one line saying what is wrong, a pointer to --help, status 2.
expect 2 err "unknown command 'frob'"                    -- frob
expect 2 err "unknown command '-Werror'"                 -- -Werror check "$ok_spec"
expect 2 err "check: no spec file given"                 -- check
expect 2 err "generate: no spec file given"              -- generate
expect 2 err "check: no spec file given"                 -- check -Werror
expect 2 err "unknown option '--frob'"                   -- check --frob "$ok_spec"
expect 2 err "Try 'transitc --help'"                     -- check --frob "$ok_spec"
expect 2 err "unknown warning option '-Wfrob'"           -- check -Wfrob "$ok_spec"
expect 2 err "unknown warning option '-Wno-frob'"        -- check -Wno-frob "$ok_spec"
expect 2 err "--color takes auto, always or never"       -- check --color=maybe "$ok_spec"
expect 2 err "'-o' is an option of 'generate'"           -- check -o "$tmp" "$ok_spec"
expect 2 err "-o needs a directory"                      -- generate "$ok_spec" -o
expect 2 err "unknown output kind 'frob' in --emit; the kinds are c, test, " -- generate --emit frob "$ok_spec"
expect 2 err ", svg"                                     -- generate --emit c,frob "$ok_spec"

# Files that cannot be read: one clear line, status 2, no crash.
expect 2 err "cannot open '$tmp/missing.transit': No such file or directory" \
                                                         -- check "$tmp/missing.transit"
expect 2 err "cannot read '$tmp': it is a directory"     -- check "$tmp"
expect 2 err "cannot open '$tmp/missing.transit'"        -- check "$ok_spec" "$tmp/missing.transit"
# -o makes the directory and its missing parents, as build systems expect; a file in the way fails.
expect 0 err ""                                          -- generate -o "$tmp/none/deeper" --emit c "$ok_spec"
[ -f "$tmp/none/deeper/door.h" ] || { echo "FAIL: generate -o a missing directory wrote no door.h"; failures=$((failures + 1)); }
: >"$tmp/plain"
expect 2 err "output directory '$tmp/plain' is not a directory" -- generate -o "$tmp/plain/sub" "$ok_spec"
expect 2 err "output directory '$tmp/plain' is not a directory" -- generate -o "$tmp/plain" "$ok_spec"

# --list-outputs: the paths generate would write, in its order, and nothing written.
"$transitc" generate --list-outputs -o "$tmp/listed" --emit json,c "$ok_spec" >"$tmp/out" 2>"$tmp/err" || true
printf '%s\n' "$tmp/listed/door.h" "$tmp/listed/door.c" "$tmp/listed/door.json" >"$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/out" || [ -e "$tmp/listed" ] || [ -s "$tmp/err" ]; then
    echo "FAIL: generate --list-outputs: printed"; cat "$tmp/out" "$tmp/err"; failures=$((failures + 1))
fi
expect 2 err "'--list-outputs' is an option of 'generate'" -- check --list-outputs "$ok_spec"
expect 1 err "error: unknown state"                      -- generate --list-outputs "$bad_spec"

# --emit svg: MACHINE.svg rendered by dot when it is on PATH; a clear refusal when it is not.
if command -v dot >/dev/null 2>&1; then
    expect 0 err ""                                      -- generate -o "$tmp/svg" --emit svg "$ok_spec"
    grep -q '<svg' "$tmp/svg/door.svg" 2>/dev/null && [ ! -f "$tmp/svg/door.dot" ] ||
        { echo "FAIL: generate --emit svg wrote no door.svg (or more than it)"; failures=$((failures + 1)); }
fi
mkdir -p "$tmp/nodot"
status=0
PATH=$tmp/nodot "$transitc" generate -o "$tmp/svg2" --emit svg "$ok_spec" 2>"$tmp/err" || status=$?
if [ $status -ne 2 ] || ! grep -qF "needs Graphviz's 'dot' on PATH" "$tmp/err" || [ -e "$tmp/svg2" ]; then
    echo "FAIL: --emit svg without dot: exit $status, expected 2 and a message, nothing written"
    failures=$((failures + 1))
fi

# '-' is standard input; '--' ends the options.
stdin=$ok_spec
expect 0 err ""                                          -- check -
stdin=$bad_spec
expect 1 err "<stdin>:8:5: error: unknown state 'closd'" -- check -
stdin=/dev/null
expect 1 err "'<stdin>' holds no machine"                -- check -
cp "$ok_spec" "$tmp/-Werror"
expect 0 err ""                                          -- check -- "$tmp/-Werror"

# Exit status of checking: 0 clean or warnings only, 1 errors or warnings under -Werror.
expect 0 err ""                                          -- check "$ok_spec"
expect 0 err "[-Wunused-trigger]"                        -- check "$warn_spec"
expect 1 err "[-Werror=unused-trigger]"                  -- check -Werror "$warn_spec"
expect 0 err ""                                          -- check -Werror -Wno-unused-trigger "$warn_spec"
expect 1 err "error: unknown state 'closd'"              -- check "$bad_spec"
expect 1 err "error: unknown state 'closd'"              -- check "$src/tests/check/ok_self_loop.transit" "$bad_spec"
expect 1 out ""                                          -- check "$bad_spec"
expect 1 err '"severity":"error"'                        -- check --format=json "$bad_spec"

# Colour: never when asked not to or when stderr is no terminal; always when asked.
expect 1 err "$(printf '\033[1;31merror:')"              -- check --color=always "$bad_spec"
if grep -q "$(printf '\033')" "$tmp/err" && "$transitc" check "$bad_spec" 2>&1 | grep -q "$(printf '\033')"; then
    echo "FAIL: colour written to a pipe"
    failures=$((failures + 1))
fi

# On a terminal (faked with script(1), when it is there) colour is on by default, off with
# NO_COLOR or --color=never.
if command -v script >/dev/null 2>&1; then
    esc=$(printf '\033')
    on_tty() { script -qec "$*" /dev/null </dev/null; }
    if ! on_tty "'$transitc' check '$bad_spec'" | grep -q "$esc"; then
        echo "FAIL: no colour on a terminal"
        failures=$((failures + 1))
    fi
    if on_tty "NO_COLOR=1 '$transitc' check '$bad_spec'" | grep -q "$esc"; then
        echo "FAIL: colour on a terminal despite NO_COLOR"
        failures=$((failures + 1))
    fi
    if on_tty "'$transitc' check --color=never '$bad_spec'" | grep -q "$esc"; then
        echo "FAIL: colour on a terminal despite --color=never"
        failures=$((failures + 1))
    fi
fi

# replay: usage errors (2), a clean history (0), a violation (1), I/O errors (2), standard input.
conn=$src/tests/replay/conn.transit
two=$src/tests/check/ok_two_machines.transit
printf '%s\n' '{"instance": "c1", "trigger": "register", "initiator": "auto", "to": "registered"}' >"$tmp/ok.jsonl"
printf '%s\n' '{"instance": "c2", "trigger": "connect", "initiator": "auto", "to": "connected"}' >"$tmp/bad.jsonl"
: >"$tmp/empty.db"
expect 2 err "replay: no spec file given"                -- replay
expect 2 err "unknown replay option '--frob'"            -- replay "$conn" --frob
expect 2 err "--machine needs a machine name"            -- replay "$conn" --machine
expect 2 err "--field needs NAME=KEY"                    -- replay "$conn" --field
expect 2 err "--field takes NAME=KEY with NAME one of"   -- replay "$conn" --field who=id
expect 2 err "--field takes NAME=KEY with NAME one of"   -- replay "$conn" --field to=
expect 2 err "standard input can be read only once"      -- replay "$conn" - -
expect 2 err "standard input can be read only once"      -- replay - -
expect 0 out "usage: transitc replay"                    -- replay --help
expect 0 out "1 instance, 1 transition, no violations"   -- replay "$conn" "$tmp/ok.jsonl"
expect 0 err ""                                          -- replay "$conn" "$tmp/ok.jsonl"
expect 1 out "[no-transition]"                           -- replay "$conn" "$tmp/bad.jsonl"
expect 1 out "2 instances, 2 transitions, 1 violation: 1 no-transition" -- replay "$conn" "$tmp/ok.jsonl" "$tmp/bad.jsonl"
expect 2 err "cannot open $tmp/none.jsonl"               -- replay "$conn" "$tmp/none.jsonl"
expect 2 out "1 instance, 1 transition, no violations"   -- replay "$conn" "$tmp/none.jsonl" "$tmp/ok.jsonl"
expect 2 err "cannot read $tmp"                          -- replay "$conn" "$tmp"
expect 2 err "has errors: nothing replayed"              -- replay "$bad_spec" "$tmp/ok.jsonl"
expect 2 err "unknown state"                             -- replay "$bad_spec" "$tmp/ok.jsonl"
expect 2 err "has several machines: choose one with --machine" -- replay "$two" "$tmp/ok.jsonl"
expect 2 err "has no machine 'nope'"                     -- replay "$conn" --machine nope "$tmp/ok.jsonl"
expect 2 err "sqlite:$tmp/none.db: unable to open database file" -- replay "$conn" "sqlite:$tmp/none.db"
expect 2 err "sqlite:$tmp/empty.db: no such table: conn_history" -- replay "$conn" "sqlite:$tmp/empty.db"
expect 2 err "postgresql database"                       -- replay "$conn" "postgresql:///none?host=$tmp"
stdin=$tmp/ok.jsonl
expect 0 out "1 instance, 1 transition, no violations"   -- replay "$conn"
expect 0 out "1 instance, 1 transition, no violations"   -- replay "$conn" -
expect 0 out "1 instance, 1 transition, no violations"   -- replay --input=json "$conn" -
expect 1 out "<stdin>:1:2: error: a quote inside an unquoted field" -- replay --input=csv "$conn" -
{ echo; echo; cat "$tmp/bad.jsonl"; } >"$tmp/blank.jsonl.txt"
stdin=$tmp/blank.jsonl.txt
expect 1 out "<stdin>:3: error: 'c2': no transition"    -- replay "$conn"
stdin=/dev/null

# The two lifecycle specs check clean: no output at all.
expect 0 err ""                                          -- check "$src"/specs/*.transit
expect 0 out ""                                          -- check "$src"/specs/*.transit

if [ "$failures" -ne 0 ]; then
    echo "$failures command-line case(s) failed"
    exit 1
fi
echo "all command-line cases passed"
