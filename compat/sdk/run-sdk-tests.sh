#!/usr/bin/env bash
# The AWS SDK for Rust's own event-stream tests, run against this
# repository's aws-smithy-eventstream: each SDK crate that calls it (the
# receiver and sender in aws-smithy-http, event signing in aws-sigv4 and
# aws-runtime) is unpacked from its registry package into a scratch folder,
# the [patch] an application would write is added, and its tests run there.
# Nothing of theirs enters the repository.
#   bash compat/sdk/run-sdk-tests.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
scratch=$root/target/compat-sdk
mkdir -p "$scratch"

# The crates, pinned to the versions of the newest aws-sdk-lambda that
# needs aws-smithy-eventstream 0.61 (the patch applies only to 0.61.x),
# with the features that turn their event-stream code on.
crates=(
  "aws-smithy-http 0.64.3 event-stream event_stream"
  "aws-sigv4 1.6.6 sign-eventstream event_stream"
  "aws-runtime 1.10.2 event-stream sigv4"
)

# Fetch the packages from the registry, as any build would.
fetch=$scratch/fetch
mkdir -p "$fetch/src"
echo 'fn main() {}' >"$fetch/src/main.rs"
{
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n[dependencies]\n'
  for entry in "${crates[@]}"; do
    read -r name version _ _ <<<"$entry"
    printf '%s = "=%s"\n' "$name" "$version"
  done
  printf '[workspace]\n'
} >"$fetch/Cargo.toml"
cargo fetch --quiet --manifest-path "$fetch/Cargo.toml"
registry_src=$(dirname "$(cargo metadata --quiet --format-version 1 --manifest-path "$fetch/Cargo.toml" \
  | python3 -c 'import json,sys; m=json.load(sys.stdin); print(next(p["manifest_path"] for p in m["packages"] if p["name"]=="aws-smithy-http"))')")/..

for entry in "${crates[@]}"; do
  read -r name version features filter <<<"$entry"
  dir=$scratch/$name
  rm -rf "$dir"
  cp -r "$registry_src/$name-$version" "$dir"
  chmod -R u+w "$dir"
  # Resolved afresh, as an application would (a packaged lockfile may name yanked versions).
  rm -f "$dir/Cargo.lock"
  cat >>"$dir/Cargo.toml" <<EOT

[patch.crates-io]
aws-smithy-eventstream = { path = "$root/compat/aws-smithy-eventstream" }

[workspace]
EOT
  echo "== $name $version (features $features): its tests matching '$filter', on the patched crate"
  (
    cd "$dir"
    status=0
    CARGO_TARGET_DIR=$scratch/target cargo test --quiet --features "$features" --lib -- "$filter" \
      >"$scratch/$name.log" 2>&1 || status=$?
    grep -E '^(running|test result)|panicked|FAILED' "$scratch/$name.log" || true
    if [ "$status" -ne 0 ]; then
      tail -n 40 "$scratch/$name.log"
      exit "$status"
    fi
    # The patch took: the crate resolves to this repository's path.
    cargo tree --quiet --features "$features" -e normal -i aws-smithy-eventstream | head -n 1 \
      | grep -F "($root/compat/aws-smithy-eventstream)"
  )
done
echo "the SDK's event-stream tests pass on the patched aws-smithy-eventstream"
