#!/usr/bin/env bash
# Seller-page load benchmark: a fresh demo data set of SIZE calls on DB,
# a release `callsight serve`, then the http_load bench against the seller
# page and call history queries (service/benches/queries/), with the
# server's resident memory. Each run prints one human and one JSON line.
#
#   DB=sqlite|postgres SIZE=10000 SELLERS=100 ./scripts/bench-seller-page.sh
#
# The demo analyses every call as it generates it, so the data set is ready
# when the generator ends. REUSE=DATABASE_URL skips generating and serves an
# existing demo database instead (e.g. a million calls made once).
#
# Also: PORT (18000), DURATION (30 s), WARMUP (3 s), CONCURRENCY (16),
# WAIT_SECONDS (120: the longest wait for the server),
# PG (postgres://postgres@127.0.0.1:5432; the database callsight_bench_SIZE
# is dropped and created there), VARIABLES (default {"id":"<a seller the
# demo's first manager sees>"}).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-sqlite}
SIZE=${SIZE:-10000}
SELLERS=${SELLERS:-100}
PORT=${PORT:-18000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-3}
CONCURRENCY=${CONCURRENCY:-16}
WAIT_SECONDS=${WAIT_SECONDS:-120}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
REUSE=${REUSE:-}

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
    if [[ -z $REUSE ]]; then
      PGOPTIONS=--client-min-messages=warning psql "$PG/postgres" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" -c "CREATE DATABASE $NAME"
    fi
    DB_ARGS=(--database "$PG/$NAME") ;;
  *) echo "DB must be sqlite or postgres, not $DB" >&2; exit 2 ;;
esac
[[ -z $REUSE ]] || DB_ARGS=(--database "$REUSE")

if [[ -z $REUSE ]]; then
  echo "== $SIZE calls, $SELLERS sellers on $DB (data folder $DATA)"
  start=$SECONDS
  "$BIN" "${DB_ARGS[@]}" demo --sellers "$SELLERS" --calls "$SIZE" >/dev/null
  echo "generated and analysed in $((SECONDS - start)) s"
else
  echo "== the demo database at $REUSE"
fi
TOKEN=$("$BIN" "${DB_ARGS[@]}" token --email manager1@callsight-demo.example --org "Callsight Demo")

"$BIN" "${DB_ARGS[@]}" serve --bind "127.0.0.1:$PORT" >"$DATA/serve.log" 2>&1 &
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

# The manager's first seller, over the last 30 days in the demo's time zone.
SELLER=$(gql '{ sellers { id } }' | sed -n 's/^{"data":{"sellers":\[{"id":"\([0-9]*\)".*/\1/p')
FROM=$(TZ=America/New_York date -d '29 days ago' +%F)
TO=$(TZ=America/New_York date +%F)
VARIABLES=${VARIABLES:-"{\"id\":\"$SELLER\",\"range\":{\"from\":\"$FROM\",\"to\":\"$TO\"}}"}
echo "seller $SELLER, $FROM to $TO"
for query in seller_page call_history; do
  "$LOAD" --url "$URL/graphql" --token "$TOKEN" --variables "$VARIABLES" \
    --query-file "service/benches/queries/$query.graphql" --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --warmup "$WARMUP" --pid "$SERVER" --label "$query $DB $SIZE"
done
