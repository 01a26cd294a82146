#!/usr/bin/env bash
# Differential conformance: runs every fixture collection of the tests
# through Newman and courier against the same local echo server, then
# compares what each sent and every assertion's outcome (compare.py).
# Run by hand; exits 1 on any difference not explained in KNOWN.md. Each
# tool gets 120 s per collection (a hung run counts as a missing report).
#
#   conformance/run.sh                      # every tests/fixtures collection
#   conformance/run.sh path/to/c.json ...   # chosen collections
#
# A collection NAME.postman_collection.json runs with the files beside it
# named NAME.postman_environment.json (-e), NAME.postman_globals.json (-g)
# and NAME.data.csv or NAME.data.json (-d), when they exist. NEWMAN=path
# uses that Newman instead of installing Newman $NEWMAN_VERSION.
set -uo pipefail
cd "$(dirname "$0")/.."
NEWMAN_VERSION=6.2.2
work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --locked --bin courier --example echo_server || exit 2
# $NEWMAN: an installed Newman 6.2.2 to use instead of installing one.
newman=${NEWMAN:-}
if [ -z "$newman" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/newman" "newman@$NEWMAN_VERSION" >/dev/null || exit 2
  newman=$work/newman/node_modules/.bin/newman
fi
courier=target/release/courier

target/release/examples/echo_server > "$work/server.log" &
server_pid=$!
for _ in $(seq 50); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
base="http://$(sed -n 's/listening on //p' "$work/server.log")"

collections=("$@")
[ ${#collections[@]} -gt 0 ] || mapfile -t collections < <(find tests/fixtures -name '*.postman_collection.json' | sort)

status=0
for c in "${collections[@]}"; do
  name=$(basename "$c" .postman_collection.json)
  # Scripts that never end (a fixture tests the limit) need --timeout-script in both tools.
  args=(--env-var "base=$base" --env-var "baseUrl=$base" --working-dir tests/fixtures --timeout-script 5000)
  stem=${c%.postman_collection.json}
  for side in "-e:postman_environment.json" "-g:postman_globals.json" "-d:data.csv" "-d:data.json" "-d:csv"; do
    [ -f "$stem.${side#*:}" ] && args+=("${side%%:*}" "$stem.${side#*:}")
  done
  timeout 120 "$newman" run "$c" "${args[@]}" --silent -r json --reporter-json-export "$work/$name.newman.json" >/dev/null 2>&1
  timeout 120 "$courier" run "$c" "${args[@]}" --no-mask --silent -r json --reporter-json-export "$work/$name.courier.json" >/dev/null 2>&1
  if [ ! -s "$work/$name.newman.json" ] && [ -s "$work/$name.courier.json" ] \
    && grep -q "^| $name | \* | presence |" conformance/KNOWN.md; then
    echo "  $name: Newman wrote no report (explained in KNOWN.md)"; continue
  fi
  if [ ! -s "$work/$name.newman.json" ] || [ ! -s "$work/$name.courier.json" ]; then
    echo "✗ $name: a report is missing"; status=1; continue
  fi
  python3 conformance/compare.py "$work/$name.newman.json" "$work/$name.courier.json" "$name" conformance/KNOWN.md || status=1
done
exit $status
