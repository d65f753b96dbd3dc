#!/bin/sh
# A throwaway PostgreSQL 15 cluster for the store's tests: initdb into DIR (in the build tree), a
# Unix socket in a short /tmp/transit-pg-XXXXXX directory (socket paths are limited to ~107 bytes),
# no TCP, trust authentication for the role "transit", run as "nobody" when started as root.
#   pg.sh start DIR        initdb if needed and start; DIR/socket names the socket directory
#   pg.sh stop DIR         stop it and remove the socket directory
#   pg.sh restart DIR      stop and start again (fault tests)
#   pg.sh run DIR CMD...   run CMD with PGHOST, PGUSER, PGDATABASE and TRANSIT_PG_URL set
# fsync is off unless TRANSIT_PG_FSYNC=on (the benchmark): the tests restart it cleanly only.
set -eu
bin=${TRANSIT_PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=$1
dir=$2
shift 2

as() {
    if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

start() {
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        [ "$(id -u)" = 0 ] && chown nobody "$dir"
        as "$bin/initdb" -D "$dir/data" -U transit --auth=trust --no-sync -E UTF8 --locale=C \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if [ -f "$dir/socket" ] && [ -d "$(cat "$dir/socket")" ]; then
        sock=$(cat "$dir/socket")
    else
        sock=$(mktemp -d /tmp/transit-pg-XXXXXX)
        [ "$(id -u)" = 0 ] && chown nobody "$sock"
        echo "$sock" >"$dir/socket"
    fi
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$sock' -c fsync=${TRANSIT_PG_FSYNC:-off} -c max_connections=50" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

stop() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        as "$bin/pg_ctl" -D "$dir/data" -w -m fast stop >/dev/null || true
    fi
}

case $cmd in
start) stop; start ;;
stop)
    stop
    if [ -f "$dir/socket" ]; then rm -rf "$(cat "$dir/socket")"; rm -f "$dir/socket"; fi
    ;;
restart) stop; start ;;
run)
    PGHOST=$(cat "$dir/socket")
    PGUSER=transit
    PGDATABASE=postgres
    TRANSIT_PG_URL="postgresql://transit@$(printf %s "$PGHOST" | sed 's#/#%2F#g')/postgres"
    TRANSIT_PG_DIR=$dir
    export PGHOST PGUSER PGDATABASE TRANSIT_PG_URL TRANSIT_PG_DIR
    exec "$@"
    ;;
*) echo "usage: pg.sh start|stop|restart|run DIR [CMD...]" >&2; exit 2 ;;
esac
