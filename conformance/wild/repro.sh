#!/usr/bin/env bash
# Runs the minimal reproductions in conformance/wild/repro/ (collections of
# our own, one per difference class found in the wild and not in issue 11's
# list) through Newman and courier against the echo server, and prints what
# differs (compare.py), with each tool's exit status.
#
#   conformance/wild/repro.sh [--courier PATH] [--echo-server PATH] [names...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
courier=target/release/courier
echo_server=target/release/examples/echo_server
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --courier) courier=$2; shift 2 ;;
    --echo-server) echo_server=$2; shift 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
newman=${NEWMAN:-}
if [ -z "$newman" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/newman" newman@6.2.2 >/dev/null || exit 2
  newman=$work/newman/node_modules/.bin/newman
fi
"$echo_server" > "$work/server.log" &
server_pid=$!
for _ in $(seq 50); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
base="http://$(sed -n 's/listening on //p' "$work/server.log")"
[ ${#names[@]} -gt 0 ] || mapfile -t names < <(cd "$here/repro" && ls *.postman_collection.json | sed 's/.postman_collection.json//')
for n in "${names[@]}"; do
  c=$here/repro/$n.postman_collection.json
  args=(--env-var "base=$base" --working-dir "$here/repro" --timeout-request 5000)
  "$newman" run "$c" "${args[@]}" -r json --reporter-json-export "$work/$n.n1.json" >/dev/null 2>&1; s1=$?
  "$newman" run "$c" "${args[@]}" -r json --reporter-json-export "$work/$n.n2.json" >/dev/null 2>&1
  "$courier" run "$c" "${args[@]}" --no-mask -r json --reporter-json-export "$work/$n.c.json" >/dev/null 2>"$work/$n.err"; s2=$?
  echo "== $n (exit status: Newman $s1, courier $s2)"
  python3 "$here/compare.py" one "$n" "$work/$n.n1.json" "$work/$n.n2.json" "$work/$n.c.json" "$work/$n.result.json" "$work/$n.err"
done
