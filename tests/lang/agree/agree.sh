#!/bin/sh
# The agreement test: one seeded random stream of steps (fire TRIGGER INITIATOR GUARDS, timeout,
# restore NAME) driven through the C, Go and TypeScript code generated from one spec; the
# results and states must agree step by step (diff shows the first step where they do not).
#   agree.sh AGREE_C MACHINE GENERATED_DIR GO GOCACHE NODE TS_DIR WORK SEED STEPS
set -eu
agree_c=$1 machine=$2 gen=$3 go=$4 gocache=$5 node=$6 tsdir=$7 work=$8 seed=$9
steps=${10}
# The Go names' prefix: the machine name in CamelCase (generator/lang.c).
prefix=$(echo "$machine" | sed -E 's/(^|_+)(.)/\u\2/g; s/_+$//')
here=$(cd "$(dirname "$0")" && pwd)
export GOCACHE=$gocache GOPATH=$gocache/gopath GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on
rm -rf "$work"
mkdir -p "$work/go/generated" "$work/go/agree" "$work/ts"

"$agree_c" stream "$seed" "$steps" > "$work/stream"
"$agree_c" run < "$work/stream" > "$work/c.out"

cp "$gen/$machine.go" "$work/go/generated/"
printf 'module transit.test\n\ngo 1.19\n' > "$work/go/go.mod"
sed "s/PREFIX/$prefix/g" "$here/agree.go.in" > "$work/go/agree/main.go"
(cd "$work/go" && "$go" build -o agree_go ./agree)
"$work/go/agree_go" < "$work/stream" > "$work/go.out"

cp "$gen/$machine.ts" "$work/ts/"
sed "s/MACHINE/$machine/g" "$here/agree.ts.in" > "$work/ts/agree.ts"
echo '{"type": "module"}' > "$work/ts/package.json"
(cd "$work/ts" && "$node" "$tsdir/node_modules/typescript/bin/tsc" --strict --noUncheckedIndexedAccess \
    --target ES2022 --module NodeNext --moduleResolution NodeNext --typeRoots "$tsdir/node_modules/@types" \
    --types node --outDir js agree.ts)
"$node" "$work/ts/js/agree.js" < "$work/stream" > "$work/ts.out"

status=0
for lang in go ts; do
    if ! diff -u "$work/c.out" "$work/$lang.out" > "$work/$lang.diff"; then
        echo "$machine: C and $lang disagree (step = line of $work/stream):"
        head -20 "$work/$lang.diff"
        status=1
    fi
done
if [ "$status" = 0 ]; then
    echo "$machine: $(wc -l < "$work/c.out") steps (seed $seed): C, Go and TypeScript agree on" \
         "$(grep -c '^ok ' "$work/c.out") transitions and every refusal"
fi
exit $status
