#!/bin/sh
# transitc replay over a store's SQLite database: store.sql makes a history table by the store's
# columns; the report must equal store.report (the database is named STORE.db there).
#   store.sh TRANSITC DIR
set -eu
transitc=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sqlite3 "$tmp/store.db" <"$dir/store.sql"
status=0
"$transitc" replay "$dir/conn.transit" "sqlite:$tmp/store.db" >"$tmp/out" 2>&1 || status=$?
{ echo "exit $status"; sed -e "s#$tmp/#STORE/#g" -e "s#$dir/##g" "$tmp/out"; } >"$tmp/actual"
diff -u "$dir/store.report" "$tmp/actual"
