#!/bin/sh
# The benchmarks of issue 9, in one command: builds transit in Release with TRANSIT_BENCH=ON in
# build-bench/ (beside this folder), then runs
#   1. bench/dispatch: agreement check, ns per fire (median of 7 runs), memory figures;
#   2. instructions per fire of each implementation under valgrind --tool=callgrind, counted only
#      inside its run function, from a run of N fires and one of 2N (the difference cancels setup);
#   3. bench/generator: transitc check and generate on 1k, 10k and 100k-state specs, and a
#      check that prints a warning for each of 5k and 50k states.
# Prints Markdown; bench/README.md holds the figures of the last run. Usage: bench/run.sh [BUILD_DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTRANSIT_BENCH=ON >/dev/null
cmake --build "$build" -j2 --target dispatch transitc >/dev/null
dispatch=$build/bin/dispatch

echo "## Machine"
echo
echo "$(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;"
echo "$(${CC:-cc} --version | head -1); $(${CXX:-c++} --version | head -1)"
echo
echo "## Dispatch"
echo
"$dispatch"

# Instructions inside run_MACHINE_IMPL for n fires.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="run_$1_$2" \
        "$dispatch" --one "$1" "$2" "$3" 2>&1 | sed -n 's/.*Collected : //p'
}
n=100000
echo
echo "## Instructions per fire (callgrind, $n vs $((2 * n)) fires)"
echo
echo "| machine | implementation | instructions/fire | vs hand |"
echo "|---|---|---:|---:|"
for m in meshery bindplane; do
    hand=
    for impl in hand transit_fire fast observer msm naive; do
        a=$(instructions $m $impl $n)
        b=$(instructions $m $impl $((2 * n)))
        per=$(awk -v a="$a" -v b="$b" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }')
        [ -n "$hand" ] || hand=$per
        echo "| $m | $impl | $per | $(awk -v p="$per" -v h="$hand" 'BEGIN { printf "%.2fx", p / h }') |"
    done
done

echo
echo "## Generator"
echo
python3 "$root/bench/generator/run.py" "$build/bin/transitc"
