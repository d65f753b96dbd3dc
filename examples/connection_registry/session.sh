#!/bin/sh
# One session of the registry on a fresh database, compared with expected.txt.
#   session.sh REGISTRY RUN_SH EXPECTED PATH|postgresql
set -u
registry=$1 run=$2 expected=$3 where=$4
if [ "$where" = postgresql ]; then
    psql -X -q -c 'DROP DATABASE IF EXISTS transit_registry' -c 'CREATE DATABASE transit_registry' >/dev/null || exit 1
    db="${TRANSIT_PG_URL%/postgres}/transit_registry"
else
    rm -f "$where" "$where-wal" "$where-shm"
    db=$where
fi
out=$(sh "$run" "$registry" "$db")
if [ "$out" != "$(cat "$expected")" ]; then
    printf '%s\n' "$out" | diff -u "$expected" - 
    exit 1
fi
echo "connection registry on ${where}: as expected"
