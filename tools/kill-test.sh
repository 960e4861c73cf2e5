#!/usr/bin/env bash
# kill -9 during `rasd ingest`, then re-run: the database must end up exactly as after an
# uninterrupted run (same documents, reports and events, same event ids).
#
# Uses the first RASD_KILL_RECORDS (default 5000) records of the corpus, so CI time stays
# bounded; skipped (exit 0, with a message) when the corpus is absent.
#
#   tools/kill-test.sh                      # builds the release binary first
#   RASD_BIN=target/release/rasd tools/kill-test.sh
#
# Environment: RASD_CORPUS (default ../shared/data/saudinewsnet/articles.jsonl.gz beside the
# checkout, else /work/shared/…),
# RASD_KILL_RECORDS, RASD_KILL_AFTER (seconds after the first commit, default 0.5),
# RASD_BIN, CARGO_TARGET_DIR.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# The corpus: RASD_CORPUS, else ../shared beside the checkout, else /work/shared.
corpus=${RASD_CORPUS:-}
if [ -z "$corpus" ]; then
    corpus=$root/../shared/data/saudinewsnet/articles.jsonl.gz
    [ -f "$corpus" ] || corpus=/work/shared/data/saudinewsnet/articles.jsonl.gz
fi
records=${RASD_KILL_RECORDS:-5000}
kill_after=${RASD_KILL_AFTER:-0.5}

if [ ! -f "$corpus" ]; then
    echo "kill-test: corpus $corpus not found: skipped"
    exit 0
fi

bin=${RASD_BIN:-}
if [ -z "$bin" ]; then
    (cd "$root" && cargo build --release -q -p rasd-cli)
    bin=${CARGO_TARGET_DIR:-$root/target}/release/rasd
fi

tmp=$(mktemp -d)
child=
cleanup() {
    if [ -n "$child" ]; then kill -9 "$child" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

slice=$tmp/slice.jsonl.gz
# head closes the pipe early: zcat's SIGPIPE is expected.
(zcat "$corpus" || true) | head -n "$records" | gzip -1 >"$slice"

ingest() { # db, log — exit status 2 (some records rejected: the corpus has empty ones) is fine
    local status=0
    "$bin" ingest --db "$1" --collected 2015-01-01 "$slice" >"$2" 2>"$2.err" || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
        echo "kill-test: FAILED: rasd ingest exited with $status:"
        tail -5 "$2.err"
        exit 1
    fi
}
dump() { # db → every event, one line each, in id order
    "$bin" events --db "$1" --sort id --limit 100000000
}
database_line() { grep '^database: ' "$1"; }

echo "kill-test: $records records of $corpus"

start=$(date +%s%N)
ingest "$tmp/ref.db" "$tmp/ref.log"
ms=$((($(date +%s%N) - start) / 1000000))
echo "kill-test: uninterrupted run: $(database_line "$tmp/ref.log") (${ms} ms)"

# The interrupted run: kill -9 once the first batches are committed (the change feed
# has entries), while later ones are still on their way.
"$bin" ingest --db "$tmp/kill.db" --collected 2015-01-01 "$slice" >"$tmp/kill.log" 2>&1 &
child=$!
committed=
for _ in $(seq 1 600); do
    if ! kill -0 "$child" 2>/dev/null; then break; fi
    if [ -s "$tmp/kill.db" ] && [ -n "$("$bin" changes --db "$tmp/kill.db" --limit 1 2>/dev/null)" ]; then
        committed=1
        break
    fi
    sleep 0.2
done
sleep "$kill_after"
if [ -z "$committed" ] || ! kill -9 "$child" 2>/dev/null; then
    echo "kill-test: FAILED: the ingest finished before it could be killed mid-way (lower RASD_KILL_AFTER or raise RASD_KILL_RECORDS)"
    exit 1
fi
wait "$child" 2>/dev/null || true
child=
before=$("$bin" events --db "$tmp/kill.db" --format jsonl --limit 100000000 | wc -l)
echo "kill-test: killed with $before events stored"

ingest "$tmp/kill.db" "$tmp/rerun.log"
stored=$(grep '^stored in ' "$tmp/rerun.log")
echo "kill-test: re-run after kill -9: $stored"
if ! echo "$stored" | grep -Eq 'documents [1-9][0-9]* new'; then
    echo "kill-test: FAILED: the killed run left nothing to do: kill it earlier"
    exit 1
fi

ref=$(database_line "$tmp/ref.log")
got=$(database_line "$tmp/rerun.log")
echo "kill-test: after the re-run:   $got"
if [ "$ref" != "$got" ]; then
    echo "kill-test: FAILED: counts differ from the uninterrupted run"
    echo "  uninterrupted: $ref"
    echo "  killed+re-run: $got"
    exit 1
fi
if ! diff <(dump "$tmp/ref.db") <(dump "$tmp/kill.db") >"$tmp/diff"; then
    echo "kill-test: FAILED: the events differ from the uninterrupted run:"
    head -40 "$tmp/diff"
    exit 1
fi
echo "kill-test: ok: same counts and the same events (ids included) as the uninterrupted run"
