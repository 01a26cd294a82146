#!/usr/bin/env bash
# Per-script overhead: what one typical test script costs courier, in
# instructions (callgrind), which unlike wall time on a shared machine does
# not move from one minute to the next. Run by hand, not in CI:
#
#   bench/script-overhead.sh                 # builds courier in release mode
#   COURIER=/tmp/courier-old bench/script-overhead.sh   # measures that binary
#   (BENCH_SERVER=path: a bench_server binary already built)
#   bench/script-overhead.sh 500             # 500 requests instead of 1,000
#
# It runs N requests against `examples/bench_server.rs`, once with the
# typical test script of `gen.py` in every item and once with none, and
# prints the difference per item: the script's own cost (the engine's
# per-script work, `pm.response`, the status check, `json()`, one
# `pm.expect`, one `pm.environment.set`). A `;` script's cost is printed too:
# the fixed price of starting a script at all.
#
# Needs: cargo, python3, valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}

command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }

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

python3 bench/gen.py "$n" "$work/scripts.json"
python3 bench/gen.py "$n" "$work/none.json" --no-scripts
# The same requests, each with the empty script `;`.
python3 - "$work/scripts.json" "$work/empty.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
for item in c["item"]:
    item["event"][0]["script"]["exec"] = [";"]
json.dump(c, open(sys.argv[2], "w"))
EOF

# Instructions courier executes for one run of collection $1.
# Polling for responses (--busy-poll) would count the instructions of the
# wait, which depend on how fast the server answers under valgrind: off.
no_poll=()
"$COURIER" run --help | grep -q -- --busy-poll && no_poll=(--busy-poll 0)
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
    "$COURIER" run "$1" --env-var "base=$base" --silent "${no_poll[@]}" >/dev/null 2>"$work/cg.log" || true
  sed -n 's/^summary: *//p' "$work/cg.out"
}

none=$(instructions "$work/none.json")
empty=$(instructions "$work/empty.json")
typical=$(instructions "$work/scripts.json")
python3 - "$n" "$none" "$empty" "$typical" <<'EOF'
import sys
n, none, empty, typical = (int(x) for x in sys.argv[1:])
print(f"{n} requests; instructions per item (callgrind):")
print(f"  no scripts         {none / n:>12,.0f}")
print(f"  script ';'         {empty / n:>12,.0f}   (+{(empty - none) / n:,.0f} per script)")
print(f"  typical script     {typical / n:>12,.0f}   (+{(typical - none) / n:,.0f} per script)")
EOF
