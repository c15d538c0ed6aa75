#!/usr/bin/env bash
# Builds AWS's C event-stream decoder (aws-c-event-stream, with aws-c-common
# and aws-checksums) from the awscrt sdist on PyPI, which vendors them, into
# target/awsc (git-ignored): the codec's source only (event_stream.c), as its
# channel handler and RPC need aws-c-io and a TLS stack the codec never uses.
# Needs cmake (Debian's package) and pip.
#   bash ffi/tests/awsc/build.sh [python]   -> target/awsc/{include,lib,event_stream.c}
set -euo pipefail
cd "$(dirname "$0")/../../.."
python=${1:-python3}
out="$PWD/target/awsc"
[ -f "$out/lib/libaws-checksums.a" ] && [ -f "$out/event_stream.c" ] && exit 0
rm -rf "$out" && mkdir -p "$out/src"
"$python" -m pip download --quiet --no-binary :all: --no-deps awscrt==0.38.1 -d "$out/src"
tar xzf "$out/src"/awscrt-0.38.1.tar.gz -C "$out/src"
crt="$out/src/awscrt-0.38.1/crt"
for lib in aws-c-common aws-checksums; do
  cmake -S "$crt/$lib" -B "$out/build/$lib" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_INSTALL_PREFIX="$out" -DCMAKE_PREFIX_PATH="$out" \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON >/dev/null
  cmake --build "$out/build/$lib" --parallel 2 --target install >/dev/null
done
# The event-stream codec and the headers it includes (aws-c-io's for error codes only).
cp "$crt/aws-c-event-stream/source/event_stream.c" "$out/event_stream.c"
cp -r "$crt/aws-c-event-stream/include/aws/event-stream" "$out/include/aws/"
cp -r "$crt/aws-c-io/include/aws/io" "$out/include/aws/"
echo "aws-c-event-stream's codec is in $out"
