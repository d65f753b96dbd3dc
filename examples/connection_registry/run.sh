#!/bin/sh
# The registry's session of the example test: DB is a SQLite file or a postgresql:// URL (a fresh
# database either way). Prints what a user sees, refusals included, for expected.txt.
set -u
registry=$1 db=$2
r() { echo "\$ registry $*"; "$registry" --db "$db" "$@" 2>&1; echo "[exit $?]"; }
r add c1
r add c1
r fire c1 register auto mesheryctl
r --holds - fire c1 register user ana
r --holds reachable fire c1 register auto mesheryctl "answered a ping"
r fire c1 connect user ana "in use"
r fire c1 not_found user ana
r fire c1 ignore auto
r fire c1 discover auto
r fire c1 disconnect auto sync "no heartbeat"
r --holds reachable fire c1 connect auto sync
r --holds reachable,auto_connects fire c1 connect auto sync
r --holds reachble fire c1 connect auto sync
r show c1
r history c1
r show nobody
r fire c1 fly user
