#!/bin/sh
# bench/replay: transitc replay over a generated history of LINES JSON lines of INSTANCES
# instances (default 10,000,000 and 100,000; gen_log.c, seeded, every move allowed by
# tests/replay/conn.transit). Prints the wall, user and system time of each of 3 runs and their
# median (GNU time), the peak RSS, and instructions per line from callgrind over the first
# 100,000 lines (all threads; stable on a busy machine), split between the JSON libraries'
# parsers (cJSON_ParseWithLengthOpts, json_loadb, with the libc calls they make) and the rest.
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
echo "$(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | lines | instances | log size | wall s | user s | sys s | peak RSS MiB | summary |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for run in 1 2 3; do
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$build/bin/transitc" replay "$spec" "$tmp/log.jsonl" >"$tmp/out"
    read -r wall user sys rss <"$tmp/time"
    echo "$wall" >>"$tmp/walls"
    echo "| $run | $lines | $instances | $(($(stat -c %s "$tmp/log.jsonl") / 1048576)) MiB | $wall | $user | $sys | $((rss / 1024)) | $(tail -n 1 "$tmp/out") |"
done
echo
echo "Median wall time: $(sort -n "$tmp/walls" | sed -n 2p) s; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v valgrind >/dev/null 2>&1; then
    sample=100000
    head -n $sample "$tmp/log.jsonl" >"$tmp/head.jsonl"
    ir=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$build/bin/transitc" replay "$spec" "$tmp/head.jsonl" 2>&1 >/dev/null |
        sed -n 's/.*Collected : //p')
    callgrind_annotate --inclusive=yes "$tmp/cg" >"$tmp/annotate" 2>/dev/null
    cost() { sed -n "s/^ *\([0-9,]*\) .*:$1 .*/\1/p" "$tmp/annotate" | head -n 1 | tr -d ,; }
    cjson=$(cost cJSON_ParseWithLengthOpts)
    jansson=$(cost json_loadb)
    echo
    echo "Instructions per line (first $sample lines, callgrind): $((ir / sample)) in all;" \
        "$((${cjson:-0} / sample)) in cJSON's parser, $((${jansson:-0} / sample)) in jansson's," \
        "$(((ir - ${cjson:-0} - ${jansson:-0}) / sample)) in replay's own work."
fi
