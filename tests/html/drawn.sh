#!/bin/sh
# The page draws the diagram with Graphviz up to 100 states and 400 transitions, and shows the
# Mermaid text past either ("too large a machine to draw"): four machines on either side.
#   drawn.sh TRANSITC
set -eu
transitc=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# A ring of $1 states, each of $2 triggers leading on to the next state (by user); with a third
# argument, one more transition (by auto).
ring() {
    echo "machine big {"
    echo "    initial s0"
    i=0; while [ "$i" -lt "$2" ]; do echo "    trigger t$i"; i=$((i + 1)); done
    i=0; while [ "$i" -lt "$1" ]; do echo "    state s$i"; i=$((i + 1)); done
    i=0
    while [ "$i" -lt "$1" ]; do
        j=0
        while [ "$j" -lt "$2" ]; do
            echo "    s$i -> s$(((i + 1) % $1)) on t$j by user"
            j=$((j + 1))
        done
        i=$((i + 1))
    done
    if [ $# -gt 2 ]; then echo "    s0 -> s0 on t0 by auto"; fi
    echo "}"
}

# check NAME drawn|text STATES TRIGGERS [extra]
check() {
    name=$1 want=$2
    shift 2
    ring "$@" >"$tmp/$name.transit"
    mkdir "$tmp/$name"
    "$transitc" generate --emit html -o "$tmp/$name" "$tmp/$name.transit"
    page=$tmp/$name/big.html
    if grep -q '<svg' "$page"; then got=drawn; else got=text; fi
    if [ "$got" != "$want" ]; then
        echo "FAIL: $name: the diagram is $got, expected $want" >&2
        status=1
    elif [ "$want" = text ] && ! grep -q 'too large a machine to draw' "$page"; then
        echo "FAIL: $name: the Mermaid text does not say the machine is too large to draw" >&2
        status=1
    fi
}

check states_100 drawn 100 1
check states_101 text 101 1
check transitions_400 drawn 20 20
check transitions_401 text 20 20 extra
exit $status
