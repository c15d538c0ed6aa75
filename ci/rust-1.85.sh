#!/usr/bin/env bash
# The libraries (eventstream-core, eventstream) build with every feature on
# Rust 1.85, the rust-version they declare: Debian's rustc-web/cargo-web
# 1.85 (bookworm), fetched with apt-get download and unpacked with dpkg -x
# into target/rust-1.85 (it replaces nothing installed). In a scratch copy
# of the repository whose workspace is the two libraries, cargo 1.85
# resolves the dependencies afresh, honouring each one's own rust-version,
# then checks the libraries with every feature and with none.
#   bash ci/rust-1.85.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
toolchain=$root/target/rust-1.85
version=1.85.0+dfsg3-1~deb12u3
if [ ! -x "$toolchain/usr/bin/cargo" ]; then
  downloads=$(mktemp -d)
  (
    cd "$downloads"
    apt-get update -qq
    apt-get download -qq rustc-web=$version cargo-web=$version libstd-rust-web-dev=$version \
      libstd-rust-web-1.85=$version libllvm19 libpcre3 libhttp-parser2.9
  )
  mkdir -p "$toolchain"
  for deb in "$downloads"/*.deb; do dpkg -x "$deb" "$toolchain"; done
fi
export LD_LIBRARY_PATH=$toolchain/usr/lib/x86_64-linux-gnu:$toolchain/lib/x86_64-linux-gnu
export RUSTC=$toolchain/usr/bin/rustc RUSTDOC=$toolchain/usr/bin/rustdoc
cargo=$toolchain/usr/bin/cargo
"$RUSTC" --version

scratch=$(mktemp -d)
git ls-files -z codec-core codec-std testdata LICENSE-APACHE LICENSE-MIT | xargs -0 cp --parents -t "$scratch"
# The root manifest with the two libraries as its only members.
python3 - "$root/Cargo.toml" "$scratch/Cargo.toml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'(?m)^members = .*$', 'members = ["codec-core", "codec-std"]', text)
text = re.sub(r'(?m)^(exclude|default-members) = .*\n', '', text)
open(sys.argv[2], 'w').write(text)
PY
cd "$scratch"
"$cargo" generate-lockfile --quiet
export CARGO_TARGET_DIR=$root/target/rust-1.85-build
for features in --all-features --no-default-features; do
  echo "cargo 1.85 check -p eventstream-core -p eventstream $features"
  "$cargo" check --quiet -p eventstream-core -p eventstream $features
done
echo "the libraries build on Rust 1.85"
