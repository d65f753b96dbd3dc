#!/bin/sh
# Checks the TypeScript that transitc wrote into each DIR: tsc --strict with noUncheckedIndexedAccess
# and exactOptionalPropertyTypes compiles every MACHINE.ts and MACHINE.test.ts as ES modules (one
# program: machines never collide), and node's test runner passes the compiled tests.
# typescript and @types/node come pinned from TS_DIR (npm ci there); no network.
#   ts.sh NODE TS_DIR WORK NAME=DIR...
set -eu
node=$1 tsdir=$2 work=$3
shift 3
tsc=$tsdir/node_modules/typescript/bin/tsc
if [ ! -f "$tsc" ]; then
    echo "typescript is not installed: run 'npm ci' in $tsdir"
    exit 1
fi
rm -rf "$work"
mkdir -p "$work"
for arg in "$@"; do
    mkdir "$work/${arg%%=*}"
    cp "${arg#*=}"/*.ts "$work/${arg%%=*}/"
done
cd "$work"
echo '{"type": "module"}' > package.json
cat > tsconfig.json <<JSON
{
  "compilerOptions": {
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "noImplicitReturns": true,
    "noFallthroughCasesInSwitch": true,
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "outDir": "js",
    "rootDir": ".",
    "typeRoots": ["$tsdir/node_modules/@types"],
    "types": ["node"]
  },
  "include": ["*/*.ts"]
}
JSON
"$node" "$tsc" -p .
"$node" --test js/
# With LANG_JS_MODULE (js_module) and LANG_JS_SPECS (NAME=SPEC,...): the same tests again with
# each MACHINE.js replaced by emit_ts_module's plain JavaScript.
if [ -n "${LANG_JS_MODULE:-}" ]; then
    echo "$LANG_JS_SPECS" | tr ',' '\n' | while IFS= read -r pair; do
        "$LANG_JS_MODULE" "${pair#*=}" "js/${pair%%=*}"
    done
    echo "The same tests on the plain JavaScript modules:"
    "$node" --test js/
fi
