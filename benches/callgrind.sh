#!/usr/bin/env bash
# Instructions per frame of each workload of benches/examples/instructions.rs,
# counted by valgrind's callgrind inside `measure` only. Unlike times, these
# do not move with the machine's load: quote them beside the criterion ratios.
#   bash benches/callgrind.sh [WORKLOAD...]
set -euo pipefail
cd "$(dirname "$0")/.."
frames=10000
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(small small_fresh header_heavy header_heavy_fresh typed_lambda typed_lambda_mixed crc_lambda_mixed stream_small crc_small)
cargo build --quiet --release -p eventstream-benches --example instructions
bin=target/release/examples/instructions
out=$(mktemp -d)
for workload in "${workloads[@]}"; do
  valgrind --tool=callgrind --callgrind-out-file="$out/$workload" \
    --toggle-collect='*instructions*measure*' "$bin" "$workload" >/dev/null 2>"$out/$workload.log"
  total=$(grep -E '^summary:' "$out/$workload" | awk '{print $2}')
  printf '%-20s %8d instructions per frame\n' "$workload" $((total / frames))
done
