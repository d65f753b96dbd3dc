#!/bin/sh
# The README's demo: the registry's session (run.sh) on a fresh SQLite file in BUILD_DIR.
#   demo.sh [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
rm -f "$build/connections.db" "$build/connections.db-wal" "$build/connections.db-shm"
sh "$here/run.sh" "$build/bin/connection_registry" "$build/connections.db"
