//! What the WebAssembly build (the `js/` package's module) adds to the C
//! ABI: decoding with the host's CRC-32.
//!
//! Node.js has a CRC-32 in its zlib, about twice as fast as this crate's
//! portable one compiled to WebAssembly, so the JavaScript side passes it
//! in as the import `eventstream.host_crc32`. Calling out costs about
//! 200 ns, so frames under [`HOST_CRC_MIN`] bytes keep the module's own.
//! Browsers give an import that is never called and use `es_decode`.
//!
//! It also gives the module a `memcmp` that compares a word at a time.
//! The items that only mean something in WebAssembly are compiled only
//! there; the comparison is tested natively.

#[cfg(target_family = "wasm")]
use crate::decode::{decode_with, es_decoder, es_message};
#[cfg(target_family = "wasm")]
use core::ffi::c_int;

/// Frames from this size up are hashed by the host (measured in
/// `js/bench.mjs`: below it the call costs more than it saves).
#[cfg(target_family = "wasm")]
pub const HOST_CRC_MIN: usize = 4096;

#[cfg(target_family = "wasm")]
#[link(wasm_import_module = "eventstream")]
unsafe extern "C" {
    /// The CRC-32 (IEEE) of `len` bytes of this module's memory at `bytes`.
    fn host_crc32(bytes: *const u8, len: usize) -> u32;
}

/// [`HOST_CRC_MIN`], for the host: from how many covered bytes (a frame's
/// all but its last 4) the host's CRC is called. The JavaScript side hands
/// such frames' payloads over uncopied, and hashes the caller's bytes.
#[cfg(target_family = "wasm")]
#[unsafe(no_mangle)]
pub extern "C" fn es_host_crc_min() -> usize {
    HOST_CRC_MIN
}

/// `es_decode`, with frames of [`HOST_CRC_MIN`] bytes or more hashed by
/// the host's `eventstream.host_crc32`.
///
/// # Safety
/// As `es_decode`; the host's function must return the CRC-32 of the bytes
/// it is given and leave memory alone.
#[cfg(target_family = "wasm")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_decode_host_crc(
    decoder: *mut es_decoder,
    input: *const u8,
    input_len: usize,
    message: *mut es_message,
    needed: *mut usize,
) -> c_int {
    let crc32 = |covered: &[u8]| {
        if covered.len() < HOST_CRC_MIN {
            return eventstream_core::crc32(0, covered);
        }
        // SAFETY: the import only reads `covered.len()` bytes of this
        // module's memory at `covered`, which are the caller's input.
        unsafe { host_crc32(covered.as_ptr(), covered.len()) }
    };
    // SAFETY: the caller's pointers, as `es_decode` documents.
    unsafe {
        decode_with(
            decoder,
            input,
            input_len,
            message,
            needed,
            |decoder, bytes| decoder.decode_with_crc(bytes, crc32),
        )
    }
}

/// `memcmp` a word at a time: compiler-builtins' own for WebAssembly
/// compares a byte at a time, and the decoder's memo compares every header
/// block it is given with the last one. Measured with `node --cpu-prof`
/// and `js/bench.mjs`: `es_decode` of a small frame 129 -> 92 ns, the
/// whole JavaScript `decode` 354 -> 315 ns.
///
/// # Safety
/// As C's `memcmp`: `a` and `b` point to `n` readable bytes each.
#[cfg(target_family = "wasm")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the caller (the compiler's lowering of a slice comparison)
    // passes `n` readable bytes at each pointer.
    unsafe {
        compare(
            core::slice::from_raw_parts(a, n),
            core::slice::from_raw_parts(b, n),
        )
    }
}

/// `memcmp`'s result for two slices of the same length: the difference of
/// the first bytes that differ, or 0. It must not compare slices with `==`,
/// which would call `memcmp` again.
#[cfg_attr(not(target_family = "wasm"), allow(dead_code))]
fn compare(a: &[u8], b: &[u8]) -> i32 {
    let words = a.len().min(b.len()) / 8 * 8;
    let word = |bytes: &[u8]| u64::from_ne_bytes(bytes.try_into().unwrap_or([0; 8]));
    let mut same = 0;
    for (x, y) in a[..words].chunks_exact(8).zip(b[..words].chunks_exact(8)) {
        if word(x) != word(y) {
            break;
        }
        same += 8;
    }
    for (x, y) in a[same..].iter().zip(&b[same..]) {
        if x != y {
            return i32::from(*x) - i32::from(*y);
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::compare;

    #[test]
    fn compare_is_memcmp() {
        let base: [u8; 40] = core::array::from_fn(|i| (i * 37 % 251) as u8);
        for len in 0..=base.len() {
            assert_eq!(compare(&base[..len], &base[..len]), 0);
            for at in 0..len {
                for delta in [1u8, 0x80, 0xff] {
                    let mut other = base;
                    other[at] = other[at].wrapping_add(delta);
                    let expected = i32::from(base[at]) - i32::from(other[at]);
                    assert_eq!(
                        compare(&base[..len], &other[..len]),
                        expected,
                        "len {len} at {at}"
                    );
                    // Later differences do not count.
                    other[len - 1] ^= if at == len - 1 { 0 } else { 1 };
                    assert_eq!(compare(&base[..len], &other[..len]), expected);
                }
            }
        }
    }
}
