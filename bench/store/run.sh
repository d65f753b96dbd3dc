#!/bin/sh
# The store's benchmark (issue 16) in one command: builds store_bench in Release in build-bench/,
# then prints the Markdown table of bench/README.md ("The store"): fires per second of the
# hand-written UPDATE + history INSERT and of the enforced fire through the store, best of 3
# alternating rounds each. SQLite: a WAL file in build-bench/, one process. PostgreSQL: a
# throwaway cluster (tests/store/pg.sh, fsync on) in build-bench/pg, 1 and 8 client processes.
# Usage: bench/store/run.sh [BUILD_DIR] [FIRES]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-bench}
fires=${2:-3000}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTRANSIT_BENCH=ON >/dev/null
cmake --build "$build" -j2 --target store_bench >/dev/null
bench=$build/bin/store_bench
sql=$build/bench/store/store_bench_machine
echo "| database | setting | hand-written fires/s | enforced fires/s | ratio |"
echo "| --- | --- | ---: | ---: | ---: |"
"$bench" "$sql/bindplane_collector.sqlite.sql" "$build/store_bench.db" normal "$fires"
"$bench" "$sql/bindplane_collector.sqlite.sql" "$build/store_bench.db" full "$fires"
pg="$root/tests/store/pg.sh"
TRANSIT_PG_FSYNC=on sh "$pg" start "$build/pg"
trap 'sh "$pg" stop "$build/pg"' EXIT
sh "$pg" run "$build/pg" sh -c "\"$bench\" \"$sql/bindplane_collector.postgresql.sql\" \"\$TRANSIT_PG_URL\" 1 $((fires / 3)) && \
  \"$bench\" \"$sql/bindplane_collector.postgresql.sql\" \"\$TRANSIT_PG_URL\" 8 $((fires / 6))"
