#!/usr/bin/env bash
# Differential conformance for Postman v3 collection directories: runs each
# v3 fixture directory through the Postman CLI and through courier against
# the same local echo server, behind a recording proxy (record.py: the
# Postman CLI writes no report for a v3 directory), and compares what each
# sent and every assertion's outcome (compare.py). Run by hand; exits 1 on
# any difference not explained in conformance/KNOWN.md.
#
#   conformance/v3/run.sh                 # every tests/fixtures/v3 directory
#   conformance/v3/run.sh DIR ...         # chosen v3 directories
#
# A directory NAME runs with NAME.environment.yaml (-e) and NAME.globals.yaml
# (-g) beside it when they exist. POSTMAN=path uses that Postman CLI (default:
# /work/tools/pcli/node_modules/.bin/postman, else `postman` on PATH). Each
# tool gets 120 s per collection.
set -uo pipefail
cd "$(dirname "$0")/../.."
postman=${POSTMAN:-/work/tools/pcli/node_modules/.bin/postman}
[ -x "$postman" ] || postman=$(command -v postman) || { echo "no Postman CLI: set POSTMAN" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill "${echo_pid:-0}" "${proxy_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --locked --bin courier --example echo_server || exit 2
courier=target/debug/courier

target/debug/examples/echo_server > "$work/echo.log" &
echo_pid=$!
for _ in $(seq 50); do grep -q listening "$work/echo.log" 2>/dev/null && break; sleep 0.1; done
upstream=$(sed -n 's/listening on //p' "$work/echo.log")
log="$work/sent.jsonl"
python3 conformance/v3/record.py "$upstream" "$log" > "$work/proxy.log" &
proxy_pid=$!
for _ in $(seq 50); do grep -q listening "$work/proxy.log" 2>/dev/null && break; sleep 0.1; done
base="http://$(sed -n 's/listening on //p' "$work/proxy.log")"

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  for d in tests/fixtures/v3/*/; do
    [ -f "$d.resources/definition.yaml" ] && dirs+=("${d%/}")
  done
fi

status=0
for d in "${dirs[@]}"; do
  name=$(basename "$d")
  args=(--env-var "base=$base" --env-var "baseUrl=$base")
  [ -f "$d.environment.yaml" ] && args+=(-e "$d.environment.yaml")
  [ -f "$d.globals.yaml" ] && args+=(-g "$d.globals.yaml")
  : > "$log"
  timeout 120 "$postman" collection run "$d" "${args[@]}" > "$work/$name.postman.out" 2>&1
  mv "$log" "$work/$name.postman.jsonl"
  : > "$log"
  timeout 120 "$courier" run "$d" "${args[@]}" --silent -r json \
    --reporter-json-export "$work/$name.courier.json" > /dev/null 2>&1
  mv "$log" "$work/$name.courier.jsonl"
  if [ ! -s "$work/$name.courier.json" ]; then
    echo "✗ $name: courier wrote no report"; status=1; continue
  fi
  if grep -q "Failed to load V3 collection\|collection could not be loaded" "$work/$name.postman.out"; then
    echo "✗ $name: the Postman CLI could not load it:"; sed 's/^/    /' "$work/$name.postman.out" | head -5; status=1; continue
  fi
  python3 conformance/v3/compare.py "$name" "$work/$name.postman.jsonl" "$work/$name.courier.jsonl" \
    "$work/$name.postman.out" "$work/$name.courier.json" conformance/KNOWN.md || status=1
done
exit $status
