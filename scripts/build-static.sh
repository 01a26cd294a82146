#!/usr/bin/env bash
# Builds a fully static Linux binary of courier with musl.
#
#   scripts/build-static.sh [x86_64|aarch64]      (default: this machine's architecture)
#
# Needs rustup (the musl target is added if missing) and a C compiler for musl, because
# ring and QuickJS are C: `musl-gcc` (Debian/Ubuntu: apt-get install musl-tools) when
# building for this machine's architecture, `<arch>-linux-musl-gcc` when cross-building.
# COURIER_MUSL_CC overrides the compiler. CARGO_TARGET_DIR is honoured (default: target/).
# Prints the path of the binary it built as its last line.
set -euo pipefail

die() { echo "build-static: $*" >&2; exit 1; }

arch="${1:-$(uname -m)}"
case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown architecture '$arch': use x86_64 or aarch64" ;;
esac
target="$arch-unknown-linux-musl"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

host_arch="$(uname -m)"
[ "$host_arch" = arm64 ] && host_arch=aarch64
cc="${COURIER_MUSL_CC:-}"
if [ -z "$cc" ]; then
    if [ "$host_arch" = "$arch" ] && command -v musl-gcc >/dev/null; then
        cc=musl-gcc
    elif command -v "$arch-linux-musl-gcc" >/dev/null; then
        cc="$arch-linux-musl-gcc"
    fi
fi
if [ -z "$cc" ] || ! command -v "$cc" >/dev/null; then
    if [ "$host_arch" = "$arch" ]; then
        die "no C compiler for musl found (ring and QuickJS are C). Install musl-gcc:
    Debian/Ubuntu: apt-get install musl-tools    Alpine: apk add musl-dev gcc    Fedora: dnf install musl-gcc
or set COURIER_MUSL_CC to a musl C compiler."
    fi
    die "cross-building for $arch needs a musl cross toolchain ($arch-linux-musl-gcc on PATH), which is not installed.
Install one (for example a prebuilt $arch-linux-musl-cross toolchain, unpacked with its bin/ on PATH),
or set COURIER_MUSL_CC to its gcc, or run this script on an $arch Linux machine with musl-tools installed."
fi

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
if command -v rustup >/dev/null; then
    if ! rustup target list --installed | grep -qx "$target"; then
        echo "build-static: adding the Rust target $target" >&2
        rustup target add "$target" >&2 || die "rustup target add $target failed"
    fi
else
    echo "build-static: rustup not found; assuming the $target standard library is installed" >&2
fi

upper="$(echo "$target" | tr 'a-z-' 'A-Z_')"
lower="$(echo "$target" | tr '-' '_')"
export "CC_$lower=$cc"
export "AR_$lower=${AR:-ar}"
# Rust links musl binaries statically by default; +crt-static says so explicitly.
export "CARGO_TARGET_${upper}_RUSTFLAGS=-C target-feature=+crt-static"
if [ "$host_arch" != "$arch" ]; then
    export "CARGO_TARGET_${upper}_LINKER=$cc"
fi

echo "build-static: cargo build --release --locked --target $target (CC=$cc)" >&2
cargo build --release --locked --target "$target" --bin courier >&2

out="${CARGO_TARGET_DIR:-$root/target}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac
bin="$out/$target/release/courier"
[ -x "$bin" ] || die "the build finished but $bin is missing"
if command -v file >/dev/null; then
    file "$bin" | grep -Eq 'static(ally|-pie) linked' || die "$bin is not statically linked: $(file "$bin")"
fi
echo "$bin"
