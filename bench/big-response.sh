#!/usr/bin/env bash
# Peak memory of one large response (issue 15): courier fetches a body of
# 1 GiB from a local server, and a test script checks its status, with the
# default --max-response-size (256 MiB), with no limit, and with a script
# that reads the body. Run by hand, not in CI:
#
#   bench/big-response.sh                    # builds courier in release mode
#   COURIER=/tmp/courier-old bench/big-response.sh   # measures that binary
#   (BENCH_SERVER=path: a bench_server binary already built)
#   SIZE=$((512*1024*1024)) bench/big-response.sh    # another body size
#
# It prints one Markdown row per case: peak RSS (GNU time's "Maximum
# resident set size") and wall time of the whole `courier run`, and the exit
# code. Needs: cargo, /usr/bin/time (GNU), about 3 GiB of free memory for the
# cases without a limit.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${SIZE:-$((1024 * 1024 * 1024))}
read_size=${READ_SIZE:-$((128 * 1024 * 1024))}

if [ -z "${COURIER:-}" ]; then
  cargo build --release --locked --bin courier --example bench_server
  COURIER=$PWD/target/release/courier
fi
server=${BENCH_SERVER:-target/release/examples/bench_server}
[ -x "$server" ] || cargo build --release --locked --example bench_server

work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

. bench/server.sh
start_bench_server "$server"

# collection NAME PATH SCRIPT: one GET item with SCRIPT as its test script.
collection() {
  python3 - "$work/$1.json" "$base$2" "$3" <<'PY'
import json, sys
path, url, script = sys.argv[1:4]
item = {"name": "big", "request": {"method": "GET", "url": url}}
if script:
    item["event"] = [{"listen": "test", "script": {"exec": script.splitlines()}}]
json.dump({"info": {"name": "big", "schema":
    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [item]},
    open(path, "w"))
PY
}

status="pm.test('status', () => pm.response.to.have.status(200));"
reads="pm.test('length', () => pm.expect(pm.response.text().length).to.be.above(0));"
collection status "/bytes/$size" "$status"
collection chunked "/bytes/$size?chunked" "$status"
collection none "/bytes/$size" ""
collection reads "/bytes/$size" "$status
$reads"
collection reads_small "/bytes/$read_size" "$status
$reads"
collection status_small "/bytes/$read_size" "$status"

# measure LABEL COLLECTION ARGS...: one run under GNU time.
measure() {
  local label=$1 c=$2
  shift 2
  /usr/bin/time -v -o "$work/time.txt" "$COURIER" run "$work/$c.json" "$@" > "$work/out.txt" 2>&1 && code=0 || code=$?
  local kib wall
  kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  printf '| %s | %s | %.0f | %s | %s |\n' "$label" "${*:-(defaults)}" "$(echo "$kib / 1024" | bc -l)" "$wall" "$code"
  # A failure's message, unwrapped from the summary table.
  local message
  message=$(tr '\n' ' ' < "$work/out.txt" | sed 's/[│┆]/ /g; s/  */ /g' \
    | grep -o 'Error: [^"]*' | head -1 | sed 's/ at $//' || true)
  if [ -n "$message" ]; then echo "|  | ↳ $message | | | |"; fi
}

mib=$((size / 1024 / 1024))
echo "Body: $mib MiB of text from examples/bench_server.rs on loopback; courier: $COURIER"
echo
echo "| case | flags | peak RSS MiB | wall | exit |"
echo "|---|---|---|---|---|"
measure "$mib MiB, status test" status
measure "$mib MiB chunked (no Content-Length), status test" chunked
measure "$mib MiB, no script" none
measure "$mib MiB, status test, no limit" status --max-response-size 0
measure "$mib MiB, script reads the body, no limit" reads --max-response-size 0
measure "$((read_size / 1024 / 1024)) MiB, script reads the body" reads_small
measure "$((read_size / 1024 / 1024)) MiB, status test" status_small
