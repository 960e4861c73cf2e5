#!/usr/bin/env bash
# End-to-end test of the web app in real headless Chromium.
#
#   tools/browser-test.sh
#
# Builds the release binary, makes a temporary database from examples/seeds plus an
# article full of HTML (crates/rasd-server/tests/fixtures/xss-article.jsonl), starts
# `rasd serve` on a free port with a known token, runs the Node test
# (crates/rasd-server/tests/browser, playwright-core driving /usr/bin/chromium), and stops
# the server. Screenshots go to target/browser-*.png.
#
# Needs: cargo, node ≥ 20 with npm, Chromium (Debian: apt-get install chromium; or set
# CHROMIUM=/path/to/chrome). `npm ci` runs once if node_modules is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BROWSER_DIR=$ROOT/crates/rasd-server/tests/browser
SHOTS=${SCREENSHOTS:-$ROOT/target}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

[ -x "$CHROMIUM" ] || { echo "browser-test: no Chromium at $CHROMIUM (apt-get install chromium, or set CHROMIUM)" >&2; exit 1; }

echo "== building"
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release --quiet -p rasd-cli --bin rasd)
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET cargo build --release --quiet -p rasd-server --example seed-db)
RASD=$TARGET/release/rasd

WORK=$(mktemp -d)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill "$SERVER" && wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== database"
INPUTS=("$ROOT/examples/seeds" "$ROOT/crates/rasd-server/tests/fixtures/xss-article.jsonl")
if "$RASD" ingest --help 2>/dev/null | grep -q -- '--db'; then
  "$RASD" ingest --db "$WORK/rasd.db" "${INPUTS[@]}"
else
  "$TARGET/release/examples/seed-db" "$WORK/rasd.db" "${INPUTS[@]}"
fi

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
TOKEN=browser-test-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
URL=http://127.0.0.1:$PORT

echo "== rasd serve on $URL"
"$RASD" serve --db "$WORK/rasd.db" --port "$PORT" --token "$TOKEN" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  if node -e "fetch('$URL/api/totals').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done

echo "== browser test"
cd "$BROWSER_DIR"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
status=0
RASD_URL=$URL RASD_TOKEN=$TOKEN SCREENSHOTS=$SHOTS node app.test.mjs || status=$?
if [ $status -ne 0 ]; then
  echo "-- server log" >&2
  cat "$WORK/server.log" >&2
fi
echo "screenshots: $SHOTS/browser-*.png"
exit $status
