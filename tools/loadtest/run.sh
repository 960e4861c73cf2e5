#!/usr/bin/env bash
# Load test of the events API: CLIENTS concurrent keep-alive clients against `rasd serve`
# over a database of at least 100 000 events; prints p50/p90/p99/max latency per kind of
# request and overall.
#
#   tools/loadtest/run.sh [DB] [CLIENTS] [SECONDS]
#   RATE=200 tools/loadtest/run.sh        # open loop at 200 requests/s instead
#
# DB defaults to target/loadtest/rasd-100k.db, made once with the synth-db example
# (~2 minutes). CLIENTS defaults to 100, SECONDS to 30. SERVE_ARGS adds options to
# `rasd serve` (e.g. SERVE_ARGS="--read-connections 16 --store-concurrency 32").
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DB=${1:-$TARGET/loadtest/rasd-100k.db}
CLIENTS=${2:-100}
DURATION=${3:-30}

(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release --quiet -p rasd-cli --bin rasd)
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release --quiet -p rasd-server --example synth-db --example loadtest)

if [ ! -f "$DB" ]; then
  mkdir -p "$(dirname "$DB")"
  echo "== making $DB"
  "$TARGET/release/examples/synth-db" "$DB"
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOG=$(mktemp)
# shellcheck disable=SC2086
"$TARGET/release/rasd" serve --db "$DB" --port "$PORT" --token "loadtest-token-0123456789" ${SERVE_ARGS:-} >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 0.1
done

echo "== rasd serve ${SERVE_ARGS:-} on port $PORT, $(nproc) cores"
"$TARGET/release/examples/loadtest" "http://127.0.0.1:$PORT" "$CLIENTS" "$DURATION" "${RATE:-0}"
