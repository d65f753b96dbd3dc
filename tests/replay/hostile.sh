#!/bin/sh
# Hostile logs for transitc replay, made at test time (binary bytes and a 100 MB line are not
# committed): each must get a clear error on the right line, the records after it still read,
# and no crash; run with a sanitizer build of transitc (-DTRANSIT_SANITIZE=ON) too.
#
#   hostile.sh TRANSITC SPEC
set -u
transitc=$1
spec=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
ok='{"instance": "c9", "trigger": "register", "initiator": "auto", "to": "registered"}'

# expect NAME STATUS TEXT...: replays $tmp/NAME; requires the exit status and each TEXT as a
# line of the report.
expect() {
    name=$1 status=$2
    shift 2
    actual=0
    "$transitc" replay "$spec" "$tmp/$name" >"$tmp/out" 2>"$tmp/err" || actual=$?
    if [ "$actual" != "$status" ]; then
        echo "FAIL: $name: exit $actual, expected $status"
        failures=$((failures + 1))
    fi
    for text in "$@"; do
        if ! grep -qxF -- "$text" "$tmp/out"; then
            echo "FAIL: $name: no line: $text"
            failures=$((failures + 1))
        fi
    done
    if [ -s "$tmp/err" ]; then
        echo "FAIL: $name: standard error not empty:"
        sed 's/^/  /' "$tmp/err"
        failures=$((failures + 1))
    fi
}

# Invalid UTF-8 in a JSON string (a lone continuation byte, an overlong '/', a surrogate).
{
    printf '{"instance": "c1\200", "trigger": "register", "initiator": "auto", "to": "registered"}\n'
    printf '{"instance": "c1", "trigger": "\300\257", "initiator": "auto", "to": "registered"}\n'
    printf '{"instance": "c1", "trigger": "register", "initiator": "\355\240\200", "to": "registered"}\n'
    echo "$ok"
} >"$tmp/utf8.jsonl"
expect utf8.jsonl 1 \
    "$tmp/utf8.jsonl:1:17: error: invalid UTF-8 (byte 0x80) [malformed]" \
    "$tmp/utf8.jsonl:2:32: error: invalid UTF-8 (byte 0xc0) [malformed]" \
    "$tmp/utf8.jsonl:3:57: error: invalid UTF-8 (byte 0xed) [malformed]" \
    "1 instance, 1 transition, 3 violations: 3 malformed"

# NUL bytes: inside a string, between tokens, a line of NULs alone.
{
    printf '{"instance": "c\0001", "trigger": "register", "initiator": "auto", "to": "registered"}\n'
    printf '{"instance": "c1",\000 "trigger": "register", "initiator": "auto", "to": "registered"}\n'
    printf '\000\000\000\n'
    echo "$ok"
} >"$tmp/nul.jsonl"
expect nul.jsonl 1 \
    "$tmp/nul.jsonl:1:16: error: NUL byte [malformed]" \
    "$tmp/nul.jsonl:2:19: error: NUL byte [malformed]" \
    "$tmp/nul.jsonl:3:1: error: NUL byte [malformed]" \
    "1 instance, 1 transition, 3 violations: 3 malformed"

# A 100 MB line (a string of 100,000,000 bytes): refused unread, the next line still line 3.
{
    echo "$ok"
    printf '{"instance": "'
    head -c 100000000 /dev/zero | tr '\0' a
    printf '", "trigger": "register", "initiator": "auto", "to": "registered"}\n'
    printf '%s' "$ok" | sed 's/c9/c8/' # and no newline at the end
} >"$tmp/huge.jsonl"
expect huge.jsonl 1 \
    "$tmp/huge.jsonl:2: error: line longer than 1048576 bytes [malformed]" \
    "2 instances, 2 transitions, 1 violation: 1 malformed"

# The same in CSV: a 100 MB quoted field, a NUL, invalid UTF-8; records after each still read.
{
    echo "instance,trigger,initiator,to"
    printf '"'
    head -c 100000000 /dev/zero | tr '\0' b
    printf '",register,auto,registered\n'
    printf 'c1,reg\000ister,auto,registered\n'
    printf 'c2,register,\377auto,registered\n'
    echo "c3,register,auto,registered"
} >"$tmp/hostile.csv"
expect hostile.csv 1 \
    "$tmp/hostile.csv:2: error: record longer than 1048576 bytes [malformed]" \
    "$tmp/hostile.csv:3:7: error: NUL byte in a record [malformed]" \
    "$tmp/hostile.csv:4: error: invalid UTF-8 (byte 0xff) in a record [malformed]" \
    "1 instance, 1 transition, 3 violations: 3 malformed"

# Deep nesting and a huge number of keys do not crash the parser.
{
    head -c 100000 /dev/zero | tr '\0' '['
    echo
    echo "$ok"
} >"$tmp/deep.jsonl"
expect deep.jsonl 1 "1 instance, 1 transition, 1 violation: 1 malformed"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "hostile logs: all answered"
