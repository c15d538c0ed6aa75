#!/usr/bin/env bash
# A real client: the AWS SDK for Rust's Lambda client (compat/sdk/lambda-client),
# built as it is and with the three lines of [patch] an application adds,
# must print the same events, errors and log tails, against `eventstream
# serve` and against every Lambda stream of testdata/ replayed as a response
# body; `cargo tree -i` must show the patched crate. Then a hostile first
# frame that declares 2 GiB: the patched client must fail within a second
# with bounded memory (the real one's behaviour is printed, for the record).
#   bash compat/sdk/run-client.sh [path/to/eventstream]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
tool=${1:-$root/target/release/eventstream}
scratch=$root/target/compat-client
source compat/sdk/app.sh

for flavour in real patched; do
  app=$scratch/$flavour/app
  copy_app compat/sdk/lambda-client "$app" "$flavour"
  echo "building the Lambda client ($flavour)"
  # One target directory for both (and the SDK tests'): what the patch
  # changes is built twice, the rest (the TLS stack, tokio) once.
  CARGO_TARGET_DIR=$root/target/compat-sdk/target cargo build --quiet --manifest-path "$app/Cargo.toml"
  cp "$root/target/compat-sdk/target/debug/lambda-client" "$scratch/$flavour/lambda-client"
  used=$(cd "$app" && cargo tree --quiet -e normal -i aws-smithy-eventstream | head -n 1)
  echo "  cargo tree -i aws-smithy-eventstream: $used"
  case "$flavour" in
    patched) [[ $used == *"($root/compat/aws-smithy-eventstream)"* ]] ;;
    real) [[ $used != *"($root/"* ]] ;;
  esac
done
real=$scratch/real/lambda-client
patched=$scratch/patched/lambda-client

# The same lines from both, but for the `detail:` lines (error texts, which
# differ on purpose: ours say where a frame is wrong).
same() {
  local what=$1
  shift
  local a b
  a=$("$real" "$@" | grep -v '^detail:' || true)
  b=$("$patched" "$@" | grep -v '^detail:' || true)
  if [ "$a" != "$b" ]; then
    echo "$what: the patched client differs"
    diff <(echo "$a") <(echo "$b") || true
    exit 1
  fi
  echo "  $what: $(echo "$b" | wc -l) lines, the same ($(echo "$b" | tail -n 1 | cut -c 1-60))"
}

echo "against eventstream serve"
serve_log=$(mktemp)
"$tool" serve --listen 127.0.0.1:0 --demo \
  --function 'fail=printf partial; echo "log: it broke" >&2; exit 3' \
  --function 'bytes=printf "\001\002\377"' --function 'echo=cat' >"$serve_log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do url=$(head -n 1 "$serve_log"); [[ $url == http* ]] && break; sleep 0.1; done
same "demo" invoke "$url" demo
same "a function that fails, with its log" invoke "$url" fail
same "binary output" invoke "$url" bytes
same "echo" invoke "$url" echo '{"k": [1, 2]}'
same "no such function" invoke "$url" nope

echo "replayed response bodies"
for body in testdata/lambda/*.bin testdata/smithy-rs/recorded/*.bin; do
  same "$(basename "$body")" replay "$body"
done

echo "a first frame that declares 2 GiB"
for crc in right wrong; do
  out=$("$patched" hostile "$crc" | grep -v '^detail:' || true)
  echo "  patched, prelude CRC $crc: $(echo "$out" | tr '\n' ' ')"
  ms=$(echo "$out" | sed -n 's/^after \([0-9]*\) ms.*/\1/p')
  grown=$(echo "$out" | sed -n 's/.*grew by \([0-9]*\) KiB/\1/p')
  [[ $out == *"error: response error"* ]] && [ "$ms" -lt 1000 ] && [ "$grown" -lt 65536 ] \
    || { echo "the patched client must fail within a second with bounded memory"; exit 1; }
done
if [ "${COMPAT_HOSTILE_REAL:-}" = 1 ]; then
  for crc in right wrong; do
    echo "  real, prelude CRC $crc: $("$real" hostile "$crc" | grep -v '^detail:' | tr '\n' ' ')"
  done
fi
echo "the Lambda client on the patched crate: the same events; a hostile length fails at once"
