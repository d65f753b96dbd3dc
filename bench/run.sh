#!/bin/sh
# The benchmarks of issues 9 and 18, in one command (five dispatch shapes: door, meshery,
# bindplane, wide and the guarded lease). For each of gcc and clang at -O2 and -O3 it
# builds transit in Release with TRANSIT_BENCH=ON in BUILD_DIR/CC-OPT (default build-bench/ beside
# this folder), then runs
#   1. bench/dispatch: agreement check, ns per fire on a random and a predictable stream (median of
#      7 runs), memory figures;
#   2. instructions per fire of each implementation under valgrind --tool=callgrind, counted only
#      inside its run function, from a run of N fires and one of 2N (the difference cancels
#      setup); "net" subtracts the bare loop (run_loop: read the step, record the state), so the
#      ratios compare the fires alone;
# and once (gcc -O3) 3. bench/generator: transitc check and generate on 1k, 10k and 100k-state
# specs, and a check that prints a warning for each of 5k and 50k states.
# Prints Markdown; bench/README.md holds the figures of one run.
# Usage: bench/run.sh [BUILD_DIR]; BENCH_PARTS=dispatch (or generator) runs one part only.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
parts=${BENCH_PARTS:-dispatch generator}
configs="gcc:-O2 gcc:-O3 clang:-O2 clang:-O3"

# build DIR CC CXX OPT TARGET...
build() {
    dir=$1 cc=$2 cxx=$3 opt=$4
    shift 4
    cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DTRANSIT_BENCH=ON \
        -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_C_FLAGS_RELEASE="$opt -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="$opt -DNDEBUG" >/dev/null
    cmake --build "$dir" -j2 --target "$@" >/dev/null
}

echo "## Machine"
echo
echo "$(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;"
echo "$(gcc --version | head -1); $(clang --version | head -1); $(valgrind --version)"

# Instructions inside FUNCTION for n fires of MACHINE IMPL: instructions DISPATCH MACHINE IMPL N
instructions() {
    fn=run_$2_$3
    [ "$3" = loop ] && fn=run_loop
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="$fn" \
        "$1" --one "$2" "$3" "$4" 2>&1 | sed -n 's/.*Collected : //p'
}
n=20000
per_fire() {
    a=$(instructions "$1" "$2" "$3" $n)
    b=$(instructions "$1" "$2" "$3" $((2 * n)))
    awk -v a="$a" -v b="$b" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

case " $parts " in *" dispatch "*)
    rows=
    for cfg in $configs; do
        cc=${cfg%%:*} opt=${cfg#*:}
        cxx=g++
        [ "$cc" = clang ] && cxx=clang++
        dir=$build/$cc$opt
        build "$dir" "$cc" "$cxx" "$opt" dispatch
        dispatch=$dir/bin/dispatch
        echo
        echo "## Dispatch, $cc $opt: ns per fire"
        echo
        "$dispatch"
        echo
        echo "## Dispatch, $cc $opt: instructions per fire (callgrind, $n vs $((2 * n)) fires)"
        echo
        echo "| machine | implementation | instructions/fire | net of the loop | vs hand (net) |"
        echo "|---|---|---:|---:|---:|"
        loop=$(per_fire "$dispatch" door loop)
        echo "| (any) | loop | $loop | | |"
        for m in door meshery bindplane wide lease; do
            # On the guarded machines (lease, meshery, bindplane) compact is
            # MACHINE_compact_fire_guarded() with the guard function as a constant.
            impls="hand fast compact transit_fire"
            # The other implementations of issue 9 once, with gcc -O3.
            if [ "$cfg" = gcc:-O3 ]; then
                impls="$impls observer"
                case $m in meshery | bindplane) impls="$impls msm naive" ;; esac
            fi
            hand=
            for impl in $impls; do
                per=$(per_fire "$dispatch" $m $impl)
                net=$(awk -v p="$per" -v l="$loop" 'BEGIN { printf "%.2f", p - l }')
                [ -n "$hand" ] || hand=$net
                echo "| $m | $impl | $per | $net | $(ratio "$net" "$hand") |"
                eval "net_${m}_${impl}=$net"
            done
            compact_ratio=$(eval ratio \$net_${m}_compact \$net_${m}_hand)
            eval "rows=\"\$rows| $m | $cc $opt | \$net_${m}_hand | \$net_${m}_fast | \$net_${m}_compact | \$net_${m}_transit_fire | $(eval ratio \$net_${m}_fast \$net_${m}_hand) | $compact_ratio | $(eval ratio \$net_${m}_transit_fire \$net_${m}_hand) |
\""
        done
    done
    echo
    echo "## Dispatch: instructions per fire net of the loop, every setting"
    echo
    echo "| machine | compiler | hand | fast | compact | transit_fire | fast/hand | compact/hand | transit_fire/hand |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s' "$rows" | sort -s -t'|' -k2,2
    ;;
esac

case " $parts " in *" generator "*)
    dir=$build/gcc-O3
    build "$dir" gcc g++ -O3 transitc
    echo
    echo "## Generator"
    echo
    python3 "$root/bench/generator/run.py" "$dir/bin/transitc"
    ;;
esac
