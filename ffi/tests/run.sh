#!/usr/bin/env bash
# The C ABI's checks, run by .ci/run: build and install libeventstream with
# cargo-c into a scratch prefix, check the checked-in header is the one
# cbindgen generates, then compile with the system cc and run:
# - tests/c/decode_test.c over every file of testdata/ (whole, byte by byte,
#   random chunks, streaming), compared with the Rust decoder's output
#   (examples/canonical.rs); again under -fsanitize=address,undefined;
# - the header alone as C99 (-Wall -Wextra -Werror -pedantic) and as C++17;
# - examples/lambda.c against `eventstream lambda`.
#   bash ffi/tests/run.sh [path/to/eventstream]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/ffi-test
stage="$PWD/$out/stage"
rm -rf "$out" && mkdir -p "$out"

echo "cargo cinstall into $stage"
cargo cinstall --release -p eventstream-ffi --destdir "$stage" --prefix /usr --libdir /usr/lib
if ! diff -u ffi/include/eventstream.h "$stage/usr/include/eventstream.h"; then
  echo "ffi/include/eventstream.h is not what cbindgen generates: copy $stage/usr/include/eventstream.h over it"
  exit 1
fi
export PKG_CONFIG_PATH="$stage/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage"
cflags=$(pkg-config --cflags eventstream)
static_libs="$stage/usr/lib/libeventstream.a $(pkg-config --libs-only-l --static eventstream | sed 's/-leventstream//')"
strict=(-std=c99 -Wall -Wextra -Werror -pedantic)

echo "the header alone, as C99 and as C++17"
printf '#include <eventstream.h>\nint main(void) { es_decoder d; es_decoder_init(&d); return 0; }\n' >"$out/header.c"
cc "${strict[@]}" $cflags -c "$out/header.c" -o "$out/header.o"
c++ -std=c++17 -Wall -Wextra -Werror -pedantic $cflags -x c++ -c "$out/header.c" -o "$out/header_cpp.o"
echo "the README's C example compiles"
awk '/^```c$/{f=1; next} /^```$/{f=0} f' README.md >"$out/readme.c"
cc "${strict[@]}" $cflags -c "$out/readme.c" -o "$out/readme.o"

files=$(ls testdata/encoded/positive/* testdata/encoded/negative/* testdata/smithy-rs/test_data/* \
  testdata/smithy-rs/recorded/*.bin testdata/lambda/*.bin)
cargo run --quiet --release -p eventstream-ffi --example canonical -- $files >"$out/expected.txt"

for flavour in plain sanitized; do
  extra=()
  [ "$flavour" = sanitized ] && extra=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  echo "decode_test ($flavour)"
  cc "${strict[@]}" -O1 "${extra[@]}" $cflags ffi/tests/c/decode_test.c -o "$out/decode_test_$flavour" $static_libs
  ASAN_OPTIONS=detect_leaks=1 "$out/decode_test_$flavour" $files >"$out/actual_$flavour.txt"
  if ! diff -u "$out/expected.txt" "$out/actual_$flavour.txt" >"$out/diff_$flavour.txt"; then
    head -n 60 "$out/diff_$flavour.txt"
    echo "the C library ($flavour) decoded differently from the Rust decoder"
    exit 1
  fi
done
echo "decode_test: $(grep -c '^file ' "$out/expected.txt") files, the same frames, headers, kinds and errors as Rust"

echo "examples/lambda.c (shared library, through pkg-config)"
cc "${strict[@]}" $cflags ffi/examples/lambda.c -o "$out/lambda" $(pkg-config --libs eventstream) -Wl,-rpath,"$stage/usr/lib"
bin=${1:-target/release/eventstream}
for body in testdata/lambda/text_in_chunks.bin testdata/lambda/binary_payload.bin testdata/lambda/function_error.bin; do
  "$out/lambda" <"$body" >"$out/lambda.out" 2>"$out/lambda.err" || true
  "$bin" lambda "$body" >"$out/tool.out" 2>"$out/tool.err" || true
  cmp "$out/lambda.out" "$out/tool.out"
  [ "$(head -n 1 "$out/lambda.err" | cut -d: -f1-2)" = "$(head -n 1 "$out/tool.err" | cut -d: -f1-2)" ]
done
echo "lambda.c prints what eventstream lambda prints"
echo "C ABI: all checks passed"
