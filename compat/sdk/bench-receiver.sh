#!/usr/bin/env bash
# Speed through the SDK's own receiver (compat/sdk/receiver-bench), with an
# unmarshaller that does nothing: the same program built on the real
# aws-smithy-eventstream and with the [patch], run in turns, and the ratio
# of their medians. A benchmark, not a test.
#   bash compat/sdk/bench-receiver.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
scratch=$root/target/compat-bench
source compat/sdk/app.sh
for flavour in real patched; do
  app=$scratch/$flavour/app
  copy_app compat/sdk/receiver-bench "$app" "$flavour"
  CARGO_TARGET_DIR=$scratch/$flavour/target cargo build --quiet --release --manifest-path "$app/Cargo.toml"
done
# Alternate the two, three times each, and keep each one's best median.
for _ in 1 2 3; do
  "$scratch/real/target/release/receiver-bench" | sed 's/^/real /'
  "$scratch/patched/target/release/receiver-bench" | sed 's/^/patched /'
done | python3 -c '
import sys, collections
best = collections.defaultdict(lambda: float("inf"))
for line in sys.stdin:
    flavour, workload, ns = line.split()
    best[flavour, workload] = min(best[flavour, workload], float(ns))
print("| frames | real (ns/frame) | patched (ns/frame) | real / patched |")
print("|---|---|---|---|")
for workload in ("small_32B", "payload_1KiB", "payload_64KiB"):
    real, patched = best["real", workload], best["patched", workload]
    print(f"| {workload} | {real:.0f} | {patched:.0f} | {real / patched:.2f}x |")
'
