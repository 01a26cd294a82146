#!/usr/bin/env bash
# Checks that a courier binary runs on a machine without Rust:
#
#   scripts/check-static.sh BINARY
#
# 1. `ldd` must call it static ("not a dynamic executable" / "statically linked");
# 2. it is copied, with the bundled PingOne collection, into an empty temporary
#    directory and run there under `env -i PATH=/usr/bin:/bin` (no cargo, no rustup,
#    no HOME) with `--mock`, which must exit 0.
set -euo pipefail

die() { echo "check-static: $*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: scripts/check-static.sh BINARY"
bin="$1"
[ -f "$bin" ] && [ -x "$bin" ] || die "$bin is not an executable file"
root="$(cd "$(dirname "$0")/.." && pwd)"
collection="$root/collections/pingone-offline-access.postman_collection.json"
[ -f "$collection" ] || die "the bundled collection $collection is missing"

echo "== ldd $bin"
ldd_out="$(ldd "$bin" 2>&1 || true)"
echo "$ldd_out"
echo "$ldd_out" | grep -Eq 'not a dynamic executable|statically linked' \
    || die "ldd does not call $bin static"
if command -v file >/dev/null; then
    echo "== file"
    file -b "$bin"
fi

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cp "$bin" "$dir/courier"
cp "$collection" "$dir/pingone.postman_collection.json"
cd "$dir"
echo "== env -i PATH=/usr/bin:/bin ./courier run pingone.postman_collection.json --mock (in $dir)"
if env -i PATH=/usr/bin:/bin sh -c 'command -v cargo rustc rustup' >/dev/null 2>&1; then
    die "cargo/rustc/rustup is on /usr/bin:/bin, so this would not show the binary runs without Rust"
fi
set +e
env -i PATH=/usr/bin:/bin NO_COLOR=1 ./courier run pingone.postman_collection.json --mock
code=$?
set -e
echo "== exit code $code"
[ "$code" -eq 0 ] || die "the static binary failed the PingOne --mock run (exit $code)"
echo "check-static: OK"
