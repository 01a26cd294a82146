#!/usr/bin/env bash
# The bundled PingOne workflow as a v3 directory
# (collections/pingone-offline-access/) through the Postman CLI and through
# courier, each against a fresh PingOne simulator (examples/pingone_simulator.rs),
# then compared: the requests sent (method, path with ids and the port
# masked, response status, from each tool's console output) and every
# assertion's outcome. Run by hand; exits 1 on a difference or a failure.
#
#   conformance/v3/pingone.sh
#
# POSTMAN=path uses that Postman CLI (default as in conformance/v3/run.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
postman=${POSTMAN:-/work/tools/pcli/node_modules/.bin/postman}
[ -x "$postman" ] || postman=$(command -v postman) || { echo "no Postman CLI: set POSTMAN" >&2; exit 2; }
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT

cargo build --locked --bin courier --example pingone_simulator || exit 2
collection=collections/pingone-offline-access
environment=environments/pingone.postman_environment.json

# Starts a simulator; its --env-var arguments go into the array named $1.
simulator() {
  local log="$work/sim.$RANDOM.log"
  target/debug/examples/pingone_simulator > "$log" &
  pids+=($!)
  for _ in $(seq 50); do grep -q '^ready' "$log" 2>/dev/null && break; sleep 0.1; done
  local -n out=$1
  out=()
  while IFS= read -r line; do
    case "$line" in *=*) out+=(--env-var "$line") ;; esac
  done < "$log"
}

simulator vars
timeout 300 "$postman" collection run "$collection" -e "$environment" "${vars[@]}" > "$work/postman.out" 2>&1
postman_status=$?
simulator vars
timeout 300 target/debug/courier run "$collection" -e "$environment" "${vars[@]}" \
  -r cli,json --reporter-json-export "$work/courier.json" > "$work/courier.out" 2>&1
courier_status=$?

python3 - "$work/postman.out" "$work/courier.out" "$work/courier.json" "$postman_status" "$courier_status" <<'PY'
import json, re, sys
sys.path.insert(0, "conformance/v3")
from compare import postman_assertions, courier_assertions
pout, cout, cjson, pstatus, cstatus = sys.argv[1:6]
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|127\.0\.0\.1:\d+")
LINE = re.compile(r"^\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) \[(\d+)")
def sent(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [" ".join(ID.sub("…", g) for g in m.groups()) for m in map(LINE.match, f) if m]
sp, sc = sent(pout), sent(cout)
ap, ac = postman_assertions(pout), courier_assertions(cjson)
ok = sp == sc and ap == ac and pstatus == cstatus == "0" and all(o == "passed" for _, o in ap)
for a, b in zip(sp, sc):
    print(("  " if a == b else "✗ ") + a + ("" if a == b else f"\n    courier: {b}"))
print(f"PingOne v3: Postman CLI {len(sp)} requests, {sum(o == 'passed' for _, o in ap)}/{len(ap)} assertions passed, exit {pstatus}; "
      f"courier {len(sc)} requests, {sum(o == 'passed' for _, o in ac)}/{len(ac)} passed, exit {cstatus}")
if ap != ac:
    print(f"✗ assertions differ:\n    postman: {ap}\n    courier: {ac}")
sys.exit(0 if ok else 1)
PY
