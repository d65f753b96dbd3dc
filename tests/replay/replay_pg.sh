#!/bin/sh
# Runs transitc replay SPEC over the PostgreSQL database DB of the cluster tests/store/pg.sh runs
# (inside 'pg.sh run': PGHOST, a socket directory, and PGUSER set).
#   replay_pg.sh TRANSITC SPEC DB [OPTION]...
set -eu
transitc=$1 spec=$2 db=$3
shift 3
exec "$transitc" replay "$@" "$spec" \
    "postgresql:///$db?host=$(printf %s "$PGHOST" | sed 's#/#%2F#g')&user=$PGUSER"
