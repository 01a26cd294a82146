#!/usr/bin/env bash
# Fidelity on real public collections (issue 11): every collection listed in
# conformance/wild/collections.tsv is read from a local copy of its public
# repository, pointed at the local echo server (prepare.py), run by Newman
# twice and by courier once with the same files and flags, and compared item
# by item (compare.py). Nothing is fetched: a repository missing from the
# mirrors directory is reported and skipped. See conformance/WILD.md.
#
#   conformance/wild/run.sh [--courier PATH] [--echo-server PATH] [--mirrors DIR] [--out DIR] [ids...]
#
# Defaults: target/release/courier, target/release/examples/echo_server,
# /work/.mirror (a repository owner/name is looked for in DIR/owner+name/repo),
# results in a temporary directory (--out keeps them: ID.result.json, the
# three reports, the rewritten files and what prepare.py rewrote).
# $NEWMAN: a Newman 6.2.2 binary; without it Newman is installed into a
# temporary prefix. Exit status: 0 when every collection run agrees.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
courier=target/release/courier
echo_server=target/release/examples/echo_server
mirrors=/work/.mirror
out=""
ids=()
while [ $# -gt 0 ]; do
  case "$1" in
    --courier) courier=$2; shift 2 ;;
    --echo-server) echo_server=$2; shift 2 ;;
    --mirrors) mirrors=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) ids+=("$1"); shift ;;
  esac
done
limit=${WILD_TIME_LIMIT:-120}
work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
[ -n "$out" ] || out=$work/results
mkdir -p "$out"
out=$(cd "$out" && pwd)
for bin in "$courier" "$echo_server"; do
  [ -x "$bin" ] || { echo "not executable: $bin (build it, or pass --courier / --echo-server)" >&2; exit 2; }
done
courier=$(cd "$(dirname "$courier")" && pwd)/$(basename "$courier")

newman=${NEWMAN:-}
if [ -z "$newman" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/newman" newman@6.2.2 >/dev/null || exit 2
  newman=$work/newman/node_modules/.bin/newman
fi

"$echo_server" > "$work/server.log" &
server_pid=$!
for _ in $(seq 50); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
base="http://$(sed -n 's/listening on //p' "$work/server.log")"

status=0
while IFS= read -r line; do
  # Tabs are IFS whitespace (empty fields would merge): split on \x1f instead.
  IFS=$'\x1f' read -r id org repo commit path env_path notes <<< "${line//$'\t'/$'\x1f'}"
  case "$id" in ''|'#'*|id) continue ;; esac
  if [ ${#ids[@]} -gt 0 ] && ! printf '%s\n' "${ids[@]}" | grep -qxF "$id"; then continue; fi
  gitdir=$mirrors/${repo/\//+}/repo
  [ -d "$gitdir/.git" ] && gitdir=$gitdir/.git
  if ! git --git-dir="$gitdir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "$id: skipped: no copy of $repo at $commit under $mirrors"; continue
  fi
  d=$out/$id
  rm -rf "$d"; mkdir -p "$d/src" "$d/run"
  if ! git --git-dir="$gitdir" show "$commit:$path" > "$d/src/collection.json" 2>/dev/null; then
    echo "$id: skipped: $path not in $repo at $commit"; continue
  fi
  env_src=()
  if [ -n "$env_path" ]; then
    git --git-dir="$gitdir" show "$commit:$env_path" > "$d/src/environment.json" 2>/dev/null \
      || { echo "$id: skipped: $env_path not in $repo at $commit"; continue; }
    env_src=("$d/src/environment.json")
  fi
  python3 "$here/prepare.py" --base "$base" --out "$d/run" "$d/src/collection.json" "${env_src[@]}" || { echo "$id: prepare.py failed"; status=1; continue; }
  args=(--timeout-request 5000 --timeout-script 10000 --timeout $(( (limit - 10) * 1000 )) --working-dir "$d/run")
  [ -n "$env_path" ] && args+=(-e "$d/run/environment.json")
  while IFS= read -r kv; do [ -n "$kv" ] && args+=(--env-var "$kv"); done < "$d/run/env-vars.txt"
  t0=$SECONDS
  for n in 1 2; do
    (cd "$d/run" && timeout "$limit" "$newman" run collection.json "${args[@]}" --suppress-exit-code \
      -r json --reporter-json-export "$d/newman$n.json" > "$d/newman$n.log" 2>&1)
  done
  t1=$SECONDS
  (cd "$d/run" && timeout "$limit" "$courier" run collection.json "${args[@]}" --no-mask --suppress-exit-code \
    -r json --reporter-json-export "$d/courier.json" > "$d/courier.log" 2> "$d/courier.stderr")
  t2=$SECONDS
  echo "$id: Newman ×2 $((t1 - t0)) s, courier $((t2 - t1)) s" > "$d/timing.txt"
  python3 "$here/compare.py" one "$id" "$d/newman1.json" "$d/newman2.json" "$d/courier.json" \
    "$out/$id.result.json" "$d/courier.stderr" || status=1
done < "$here/collections.tsv"

echo
python3 "$here/compare.py" summary "$out"
[ "$out" = "$work/results" ] || echo "results: $out"
exit $status
