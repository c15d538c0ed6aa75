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
cargo cinstall --release -p eventstream-ffi --destdir "$stage" --prefix /usr --libdir /usr/lib --target-dir target/cinstall
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

echo "the README's C path, as written: cargo cinstall into a prefix outside /usr, pkg-config, rpath"
# The README's C block, and the first console block after it (its output).
readme_block() {
  awk -v fence="$1" -v after="${2:-}" '
    after != "" && $0 == after {seen = 1}
    (after == "" || seen) && $0 == fence {f = 1; next}
    f && /^```$/ {exit}
    f' README.md
}
readme_block '```c' >"$out/frames.c"
readme_block '```console' '```c' >"$out/frames.expected"
prefix="$PWD/$out/prefix"
install_line='cargo cinstall --release -p eventstream-ffi --prefix "$PREFIX" --libdir lib --target-dir target/cinstall'
compile_line='cc frames.c $(pkg-config --cflags --libs eventstream) -Wl,-rpath,"$PREFIX/lib" -o frames'
static_line='cc -Iffi/include frames.c target/release/libeventstream_ffi.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -o frames'
for line in "$install_line" "$compile_line" "$static_line"; do
  grep -qxF "$line" README.md || { echo "README.md no longer says: $line"; exit 1; }
done
(
  PREFIX="$prefix"
  eval "$install_line" >/dev/null 2>&1
  export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
  unset PKG_CONFIG_SYSROOT_DIR
  cd "$out" && eval "${compile_line/-o frames/-std=c99 -Wall -Wextra -Werror -pedantic -o frames}"
)
"$out/frames" <testdata/lambda/exception_mid_stream.bin >"$out/frames.out"
diff -u "$out/frames.expected" "$out/frames.out"
echo "the README's frames.c, from $prefix: prints the README's output"
echo "the README's static link, without cargo-c"
cargo build --quiet --release -p eventstream-ffi
static_build=${static_line/ frames.c / $out/frames.c }
eval "${static_build/-o frames/-o $out/frames_static}"
"$out/frames_static" <testdata/lambda/exception_mid_stream.bin | diff -u "$out/frames.expected" -

echo "examples/lambda.c (the installed shared library): what eventstream lambda says, line for line"
cc "${strict[@]}" -I"$prefix/include" ffi/examples/lambda.c -o "$out/lambda" -L"$prefix/lib" -leventstream -Wl,-rpath,"$prefix/lib"
bin=${1:-target/release/eventstream}
for body in testdata/lambda/text_in_chunks.bin testdata/lambda/binary_payload.bin testdata/lambda/function_error.bin \
  testdata/lambda/error_mid_stream.bin testdata/lambda/exception_mid_stream.bin testdata/lambda/truncated.bin; do
  c_status=0 tool_status=0
  "$out/lambda" <"$body" >"$out/lambda.out" 2>"$out/lambda.err" || c_status=$?
  "$bin" lambda "$body" >"$out/tool.out" 2>"$out/tool.err" || tool_status=$?
  # The tool names the file; the example reads standard input.
  sed -i "s|^eventstream: error: $body: |error: |; s|^eventstream: error: |error: |" "$out/tool.err"
  cmp "$out/lambda.out" "$out/tool.out"
  diff -u "$out/tool.err" "$out/lambda.err"
  [ "$c_status" = "$tool_status" ]
done
echo "lambda.c says what eventstream lambda says"
echo "C ABI: all checks passed"
