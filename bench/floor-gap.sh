#!/usr/bin/env bash
# What a client's own work between requests costs in wall time: the floor
# (examples/bench_floor.rs) sends N requests to the bench server, keeping the
# CPU busy for B microseconds after each response, for several B. If wall
# time grew by exactly B per request, the extra column would equal B; on a
# virtual machine a server that waits longer between requests also wakes
# up later, so the first microseconds of work cost more than themselves.
# Run by hand, not in CI:
#
#   bench/floor-gap.sh            # 1,000 requests; B = 0 5 10 25 50 100 200
#   bench/floor-gap.sh 2000 0 10 50
#
# Needs: cargo, python3. Prints a Markdown table (median of 7 runs each).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
shift || true
busy=("$@")
[ ${#busy[@]} -gt 0 ] || busy=(0 5 10 25 50 100 200)

cargo build --release --locked --example bench_server --example bench_floor
work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
. bench/server.sh
start_bench_server target/release/examples/bench_server

echo "| busy µs per request | wall µs per request | extra over busy 0 |"
echo "|---|---|---|"
first=""
for b in "${busy[@]}"; do
  us=$(for _ in 1 2 3 4 5 6 7; do target/release/examples/bench_floor "$base" "$n" "$b"; done |
    awk -v n="$n" '{print $4 * 1e6 / n}' | sort -n | sed -n 4p)
  [ -n "$first" ] || first=$us
  python3 -c "import sys; b, us, f = map(float, sys.argv[1:]); print(f'| {b:.0f} | {us:.1f} | {us - f:+.1f} |')" "$b" "$us" "$first"
done
