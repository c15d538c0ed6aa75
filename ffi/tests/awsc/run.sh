#!/usr/bin/env bash
# Our C ABI against aws-c-event-stream in one program (versus.c): the same
# corpus (testdata/ and 2,500 generated frames) decoded by both, then both
# timed. Needs cmake, cc, pip, and libeventstream installed by
# ffi/tests/run.sh (target/ffi-test/stage).
#   bash ffi/tests/awsc/run.sh [--quick] [python]
set -euo pipefail
cd "$(dirname "$0")/../../.."
quick=()
if [ "${1:-}" = --quick ]; then quick=(--quick); shift; fi
bash ffi/tests/awsc/build.sh "${1:-python3}"
awsc=target/awsc
stage=target/ffi-test/stage/usr
cc -std=c11 -O2 -Wall -Wextra -I "$stage/include" -I "$awsc/include" \
  ffi/tests/awsc/versus.c "$awsc/event_stream.c" -o target/awsc/versus \
  "$stage/lib/libeventstream.a" "$awsc/lib/libaws-checksums.a" "$awsc/lib/libaws-c-common.a" -lpthread -ldl -lm
files=$(ls testdata/encoded/positive/* testdata/encoded/negative/* testdata/smithy-rs/test_data/* \
  testdata/smithy-rs/recorded/*.bin testdata/lambda/*.bin)
target/awsc/versus "${quick[@]}" $files
