#!/bin/sh
# transitc replay over a store's database: store.sql makes a history table by the store's
# columns; the report, with the source named STORE, must equal store.report.
#   store.sh TRANSITC DIR sqlite
#   store.sh TRANSITC DIR postgresql   (inside tests/store/pg.sh run: PGHOST and PGUSER set)
# A fourth argument --update rewrites store.report from the output (review the diff!).
set -eu
transitc=$1
dir=$2
kind=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$kind" = sqlite ]; then
    sqlite3 "$tmp/store.db" <"$dir/store.sql"
    source="sqlite:$tmp/store.db"
else
    PGOPTIONS='-c client_min_messages=warning' psql -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS transit_replay" \
        -c "CREATE DATABASE transit_replay" >/dev/null
    psql -q -v ON_ERROR_STOP=1 -d transit_replay -f "$dir/store.sql" >/dev/null
    source="postgresql:///transit_replay?host=$(printf %s "$PGHOST" | sed 's#/#%2F#g')&user=$PGUSER"
fi
status=0
"$transitc" replay "$dir/conn.transit" "$source" >"$tmp/out" 2>&1 || status=$?
{
    echo "exit $status"
    sed -e "s#^sqlite:$tmp/store.db:#STORE:#" -e "s#^postgresql:/transit_replay:#STORE:#" \
        -e "s#$dir/##g" "$tmp/out"
} >"$tmp/actual"
if [ "${4:-}" = --update ]; then cp "$tmp/actual" "$dir/store.report"; fi
diff -u "$dir/store.report" "$tmp/actual"
