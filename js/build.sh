#!/usr/bin/env bash
# Builds js/eventstream.wasm: the C ABI crate (ffi/) for wasm32-unknown-unknown.
#
# rustup has no wasm32 target on these machines; Debian's `rustc-web` does
# (bookworm-security, with `cargo-web`, `rust-web-src` and `lld`). That
# toolchain is called by its full path, since rustup's proxies come first
# in PATH, and RUSTC_BOOTSTRAP is set for this one build only: -Zbuild-std
# compiles `core` for the target from `rust-web-src`.
#   bash js/build.sh            # build (installs the packages when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/cargo ] || [ ! -d /usr/lib/rustlib/src/rust/library ] || ! command -v wasm-ld >/dev/null; then
  echo "installing Debian's rustc-web, cargo-web, rust-web-src and lld"
  sudo_if_needed=""
  [ "$(id -u)" -eq 0 ] || sudo_if_needed=sudo
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq rustc-web cargo-web rust-web-src lld >/dev/null
fi

# A 64 KiB stack instead of 1 MiB: the decoder needs a few hundred bytes,
# and every codec instance is one linear memory.
env -u RUSTUP_TOOLCHAIN -u CARGO -u RUSTC_WRAPPER \
  RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_DIR=target/wasm \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
  CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  RUSTFLAGS="-C link-arg=-zstack-size=65536" \
  /usr/bin/cargo build --locked --release -p eventstream-ffi \
  --target wasm32-unknown-unknown -Zbuild-std=core,panic_abort

cp target/wasm/wasm32-unknown-unknown/release/eventstream_ffi.wasm js/eventstream.wasm
echo "js/eventstream.wasm: $(wc -c <js/eventstream.wasm) bytes"
