#!/usr/bin/env bash
# Starts and stops jongodb, a MongoDB-wire server in one native binary, for the storage tests.
#
#   scripts/jongodb.sh start STATE_DIR   install (once) and start it; write STATE_DIR/uri, /pid
#   scripts/jongodb.sh stop STATE_DIR    stop the server STATE_DIR/pid names
#
# The npm package is installed into .deps/jongodb (ignored by git), or $FACENAPI_JONGODB_PREFIX,
# only when missing. The server runs as a single-node replica set (rs0) on 127.0.0.1, on a port
# it picks; start waits up to 60 s for its "JONGODB_URI=" line. ctest runs this as the fixture of
# the MongoDB half of the storage suite (tests/CMakeLists.txt).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
package="@jongodb/memory-server-bin-linux-x64-gnu@0.1.6"
prefix=${FACENAPI_JONGODB_PREFIX:-$root/.deps/jongodb}
binary="$prefix/node_modules/@jongodb/memory-server-bin-linux-x64-gnu/bin/jongodb"

usage() { echo "usage: $0 start|stop STATE_DIR" >&2; exit 2; }
(($# == 2)) || usage
state=$2

is_ours() {  # the PID is alive and is a jongodb process (not a recycled PID)
  [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q jongodb
}

stop() {
  [[ -f $state/pid ]] || return 0
  local pid; pid=$(cat "$state/pid")
  if is_ours "$pid"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do is_ours "$pid" || break; sleep 0.1; done
    if is_ours "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$state/pid" "$state/uri"
}

case $1 in
  start)
    mkdir -p "$state"
    stop  # a server left over from an interrupted run
    if [[ ! -x $binary ]]; then
      command -v npm >/dev/null || { echo "jongodb: npm is not installed" >&2; exit 1; }
      mkdir -p "$prefix"
      # flock: two builds installing at once must not interleave.
      flock "$prefix" npm install --no-audit --no-fund --prefix "$prefix" "$package" >&2
    fi
    [[ -x $binary ]] || { echo "jongodb: $binary missing after npm install" >&2; exit 1; }
    log=$state/server.log
    # setsid + redirected output: the server must not hold ctest's pipes open.
    setsid "$binary" --host=127.0.0.1 --port=0 --topology-profile=singleNodeReplicaSet \
      --replica-set-name=rs0 >"$log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$state/pid"
    for _ in $(seq 600); do
      uri=$(sed -n 's/^JONGODB_URI=//p' "$log" | head -n1)
      if [[ -n $uri ]]; then
        echo "$uri" >"$state/uri"
        echo "jongodb: $uri (pid $pid)"
        exit 0
      fi
      is_ours "$pid" || break
      sleep 0.1
    done
    echo "jongodb: the server did not start; its output:" >&2
    cat "$log" >&2
    stop
    exit 1
    ;;
  stop)
    stop
    ;;
  *) usage ;;
esac
