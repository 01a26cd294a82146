#!/usr/bin/env bash
# What `--busy-poll` costs and gains as the server gets slower: N scripted
# requests (gen.py's typical test script) against the bench server answering
# at once, after 1 ms and after 5 ms (`/slow/{ms}/items/{n}`), with courier's
# default window (200 µs) and with `--busy-poll 0`, timed in alternation;
# prints median wall and CPU (user + system) seconds. Polling should save
# wall time only when the server answers within the window, and cost at most
# the window in CPU per request when it does not. Run by hand, not in CI:
#
#   bench/busy-poll.sh            # 1,000 requests (200 for the slow servers)
#   COURIER=path BENCH_SERVER=path bench/busy-poll.sh
#
# Needs: cargo, python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
slow_n=$(( n / 5 ))

if [ -z "${COURIER:-}" ]; then
  cargo build --release --locked --bin courier --example bench_server
  COURIER=$PWD/target/release/courier
fi
server=${BENCH_SERVER:-target/release/examples/bench_server}
[ -x "$server" ] || cargo build --release --locked --example bench_server
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
. bench/server.sh
start_bench_server "$server"

python3 bench/gen.py "$n" "$work/c.json"
python3 bench/gen.py "$slow_n" "$work/slow.json"

# median wall, user+system seconds of 7 runs of each command, in alternation
measure() {
  python3 - "$work" "$@" <<'PY'
import statistics, subprocess, sys
work, commands = sys.argv[1], sys.argv[2:]
runs = [[] for _ in commands]
for _ in range(7):
    for i, command in enumerate(commands):
        out = f"{work}/time.out"
        subprocess.run(["/usr/bin/time", "-o", out, "-f", "%e %U %S", "sh", "-c", command],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall, user, system = map(float, open(out).read().split()[-3:])
        runs[i].append((wall, user + system))
for r in runs:
    print("%.3f %.3f" % (statistics.median(w for w, _ in r), statistics.median(c for _, c in r)))
PY
}

echo "| server answers | requests | polling (default) wall s | CPU s | --busy-poll 0 wall s | CPU s |"
echo "|---|---|---|---|---|---|"
for delay in 0 1 5; do
  if [ "$delay" = 0 ]; then c="$work/c.json"; count=$n; url="$base"
  else c="$work/slow.json"; count=$slow_n; url="$base/slow/$delay"; fi
  mapfile -t got < <(measure \
    "$COURIER run $c --env-var base=$url --silent" \
    "$COURIER run $c --env-var base=$url --silent --busy-poll 0")
  label=$([ "$delay" = 0 ] && echo "at once" || echo "after $delay ms")
  read -r w1 c1 <<< "${got[0]}"
  read -r w2 c2 <<< "${got[1]}"
  echo "| $label | $count | $w1 | $c1 | $w2 | $c2 |"
done
