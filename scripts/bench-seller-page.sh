#!/usr/bin/env bash
# Seller-page load benchmark: a fresh demo data set of SIZE calls on DB,
# a release `callsight serve`, then the http_load bench against the seller
# page and call history queries (service/benches/queries/), with the
# server's resident memory. Each run prints one human and one JSON line.
#
#   DB=sqlite|postgres SIZE=10000 SELLERS=40 ./scripts/bench-seller-page.sh
#
# Also: PORT (18000), DURATION (30 s), WARMUP (3 s), CONCURRENCY (16),
# WAIT_SECONDS (1800: the longest wait for the server and for analysis),
# PG (postgres://postgres@127.0.0.1:5432; the database callsight_bench_SIZE
# is dropped and created there), VARIABLES (default {"id":"<a seller the
# demo's first manager sees>"}).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-sqlite}
SIZE=${SIZE:-10000}
SELLERS=${SELLERS:-$((SIZE / 250 > 8 ? SIZE / 250 : 8))}
PORT=${PORT:-18000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-3}
CONCURRENCY=${CONCURRENCY:-16}
WAIT_SECONDS=${WAIT_SECONDS:-1800}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
# TODO(analysis progress): once the API reports analysis progress, poll it
# here and set WAIT_UNTIL to the pattern that means "nothing left to analyse".
# Until then this only waits for the calls to be readable.
WAIT_QUERY=${WAIT_QUERY:-'{ calls(first: 1) { edges { node { id } } } }'}
WAIT_UNTIL=${WAIT_UNTIL:-'"edges":\[\{'}

cargo build --release -p callsight
LOAD=$(cargo bench -p callsight --bench http_load --no-run 2>&1 |
  sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -n 1)
[[ -x $LOAD ]] || { echo "cannot find the http_load executable" >&2; exit 1; }
BIN=${CARGO_TARGET_DIR:-target}/release/callsight

DATA=$(mktemp -d "${TMPDIR:-/tmp}/callsight-bench.XXXXXX")
export CALLSIGHT_DATA_DIR=$DATA
SERVER=
trap '[[ -z $SERVER ]] || { kill "$SERVER" && wait "$SERVER"; } 2>/dev/null || true; rm -rf "$DATA"' EXIT
case $DB in
  sqlite) DB_ARGS=() ;;
  postgres)
    NAME=callsight_bench_$SIZE
    PGOPTIONS=--client-min-messages=warning psql "$PG/postgres" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" -c "CREATE DATABASE $NAME"
    DB_ARGS=(--database "$PG/$NAME") ;;
  *) echo "DB must be sqlite or postgres, not $DB" >&2; exit 2 ;;
esac

echo "== $SIZE calls, $SELLERS sellers on $DB (data folder $DATA)"
start=$SECONDS
DEMO=$("$BIN" "${DB_ARGS[@]}" demo --sellers "$SELLERS" --calls "$SIZE")
echo "generated in $((SECONDS - start)) s"
TOKEN=$(awk '/^  manager /{m=1} m && /token:/{print $2; exit}' <<<"$DEMO")

"$BIN" "${DB_ARGS[@]}" serve --demo --bind "127.0.0.1:$PORT" >"$DATA/serve.log" 2>&1 &
SERVER=$!
URL=http://127.0.0.1:$PORT

gql() { # query -> response body
  local q=${1//\\/\\\\}
  curl -sS "$URL/graphql" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"query\":\"${q//\"/\\\"}\"}"
}
wait_for() { # what, command...
  local what=$1
  shift
  for _ in $(seq 1 $((WAIT_SECONDS * 2))); do
    "$@" && return 0
    kill -0 "$SERVER" 2>/dev/null || { cat "$DATA/serve.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "timed out waiting for $what" >&2
  exit 1
}
wait_for "readiness" curl -sf "$URL/readyz" -o /dev/null
start=$SECONDS
analysed() { [[ $(gql "$WAIT_QUERY") =~ $WAIT_UNTIL ]]; }
wait_for "analysis" analysed
echo "ready; waited $((SECONDS - start)) s for analysis"

SELLER=$(gql '{ calls(first: 1) { edges { node { seller { id } } } } }' |
  sed -n 's/.*"seller":{"id":"\([0-9]*\)".*/\1/p')
VARIABLES=${VARIABLES:-"{\"id\":\"$SELLER\"}"}
for query in seller_page call_history; do
  "$LOAD" --url "$URL/graphql" --token "$TOKEN" --variables "$VARIABLES" \
    --query-file "service/benches/queries/$query.graphql" --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --warmup "$WARMUP" --pid "$SERVER" --label "$query $DB $SIZE"
done
