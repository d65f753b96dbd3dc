#!/bin/sh
# bench/replay: transitc replay over a generated history of LINES JSON lines of INSTANCES
# instances (default 10,000,000 and 100,000; gen_log.c, seeded, every move allowed by
# tests/replay/conn.transit). Prints wall time, CPU time and peak RSS of the replay (GNU time),
# and instructions per line from callgrind over the first 20,000 lines (stable on a busy machine).
#   bench/replay/run.sh [BUILD_DIR [LINES [INSTANCES]]]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-bench}
lines=${2:-10000000}
instances=${3:-100000}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target transitc >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$tmp/gen_log" "$root/bench/replay/gen_log.c"
"$tmp/gen_log" "$lines" "$instances" 1 >"$tmp/log.jsonl"
spec=$root/tests/replay/conn.transit
echo "## Replay"
echo
echo "$(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| lines | instances | log size | wall s | user s | sys s | peak RSS MiB | summary |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$build/bin/transitc" replay "$spec" "$tmp/log.jsonl" >"$tmp/out"
read -r wall user sys rss <"$tmp/time"
echo "| $lines | $instances | $(($(stat -c %s "$tmp/log.jsonl") / 1048576)) MiB | $wall | $user | $sys | $((rss / 1024)) | $(tail -n 1 "$tmp/out") |"
if command -v valgrind >/dev/null 2>&1; then
    head -n 20000 "$tmp/log.jsonl" >"$tmp/head.jsonl"
    ir=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$build/bin/transitc" replay "$spec" "$tmp/head.jsonl" 2>&1 >/dev/null |
        sed -n 's/.*Collected : //p')
    json=$(callgrind_annotate --inclusive=yes "$tmp/cg" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*json_loadb.*/\1/p' | head -n 1 | tr -d ,)
    echo
    echo "Instructions per line (first 20,000 lines): $((ir / 20000)) in all, $((${json:-0} / 20000)) of them in jansson's json_loadb."
fi
