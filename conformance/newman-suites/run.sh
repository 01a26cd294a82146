#!/usr/bin/env bash
# Newman's own integration suites (postmanlabs/newman test/integration) run
# by Newman 6.2.2 and by courier against the local postman-echo stand-in
# (examples/postman_echo.rs); writes conformance/newman-suites/RESULTS.md.
# No network: the suites come from a local mirror of the newman repository.
#
#   conformance/newman-suites/run.sh [--courier PATH] [--keep DIR] [SUITE...]
#
#   SUITE              a suite name as in RESULTS.md (e.g. cookie-jar,
#                      tc4/tc4); default: all of them
#   --courier PATH     the courier binary (default: target/release/courier,
#                      built here)
#   --keep DIR         keep the rewritten suites, reports and logs in DIR
#   NEWMAN             Newman's binary (default: /work/tools/newman/node_modules/.bin/newman
#                      if present, else newman@6.2.2 installed into a temporary prefix)
#   NEWMAN_MIRROR      git directory of the newman repository
#                      (default: /work/.mirror/postmanlabs+newman/repo)
#   NEWMAN_COMMIT      the commit whose suites run (default: the one below)
set -uo pipefail
cd "$(dirname "$0")/../.."
NEWMAN_VERSION=6.2.2
commit=${NEWMAN_COMMIT:-74a45548df1bc6632f338e1b5e8239a25f314c5d}
mirror=${NEWMAN_MIRROR:-/work/.mirror/postmanlabs+newman/repo}
courier=
keep=
suites=()
while [ $# -gt 0 ]; do
  case "$1" in
    --courier) courier=${2:?--courier needs a path}; shift 2 ;;
    --keep) keep=${2:?--keep needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) suites+=("$1"); shift ;;
  esac
done

if ! git --git-dir "$mirror" cat-file -e "$commit^{commit}" 2>/dev/null; then
  echo "run.sh: commit $commit is not in $mirror; fetch postmanlabs/newman there (or set NEWMAN_MIRROR)" >&2
  exit 2
fi

if [ -n "$keep" ]; then
  mkdir -p "$keep" && work=$(cd "$keep" && pwd) || exit 2
  rm -rf "$work/test"
else
  work=$(mktemp -d)
fi
trap 'kill "${server_pid:-0}" 2>/dev/null || true; [ -n "$keep" ] || rm -rf "$work"' EXIT

if [ -z "$courier" ]; then
  cargo build --release --locked --bin courier --example postman_echo || exit 2
  courier=target/release/courier
else
  cargo build --release --locked --example postman_echo || exit 2
fi
courier=$(cd "$(dirname "$courier")" && pwd)/$(basename "$courier")

newman=${NEWMAN:-/work/tools/newman/node_modules/.bin/newman}
if [ ! -x "$newman" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/.newman" "newman@$NEWMAN_VERSION" >/dev/null || exit 2
  newman=$work/.newman/node_modules/.bin/newman
fi
if [ "$("$newman" --version)" != "$NEWMAN_VERSION" ]; then
  echo "run.sh: $newman is not Newman $NEWMAN_VERSION" >&2
  exit 2
fi

target/release/examples/postman_echo --ca-out "$work/ca.pem" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do grep -q '^redirect on' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
port() { sed -n "s/^$1 on 127.0.0.1://p" "$work/server.log"; }
printf '{"http": "%s", "https": "%s", "untrusted": "%s", "raw": "%s", "redirect": "%s"}\n' \
  "$(port listening)" "$(port https)" "$(port untrusted-https)" "$(port raw-echo)" "$(port redirect)" > "$work/ports.json"

python3 conformance/newman-suites/suites.py "$mirror" "$commit" "$work" "$work/ports.json" "$work/ca.pem" \
  "$newman" "$courier" conformance/newman-suites/RESULTS.md "${suites[@]}"
