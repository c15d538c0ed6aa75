//! The C ABI of the eventstream codec: `libeventstream` and `eventstream.h`.
//!
//! Every function is `es_*`, C99, allocates nothing, keeps no global state
//! and needs no init call. Decoders live in the caller's memory (the stack
//! is fine): `es_decoder`, `es_stream_decoder`, `es_message` and
//! `es_header_iter` are complete types of opaque storage. Views (`es_bytes`)
//! point into the caller's input and are valid while it is. Return codes:
//! `ES_OK` (0), `ES_INCOMPLETE` (1), or a negative error that `es_strerror`
//! names; a decoder also keeps its last error's full text and byte offset.
//!
//! This crate is the FFI boundary: its `unsafe` is the boundary itself, each
//! block with its `// SAFETY:`. Null and misaligned pointers, storage never
//! initialised and lengths beyond `isize::MAX` are error codes. No panic
//! crosses the boundary: the core never panics (fuzzed), and every entry
//! point is `extern "C"`, so a panic from a bug would abort the process
//! rather than unwind into C (`tests/no_unwind.rs`). Catching one as an
//! error code instead cost 1.5 ns per call, a third of the boundary's cost
//! on small frames, so it is not done.
//!
//! The same ABI is the WebAssembly module of the JavaScript package
//! (`js/`): built for `wasm32-unknown-unknown`, the crate is `no_std` and a
//! panic traps, which the JavaScript side reports as an error.
#![cfg_attr(target_family = "wasm", no_std)]
#![allow(unsafe_code)] // the C ABI: every block says why it holds
#![allow(non_camel_case_types)] // C's names: `es_decoder`, `es_bytes`, ...

// Function pointers from C: not for the WebAssembly build, whose host is JavaScript.
#[cfg(not(target_family = "wasm"))]
mod callbacks;
mod decode;
mod encode;
mod errors;
mod header;
mod lambda;
mod stream;
/// The WebAssembly build's additions, not the C library's.
/// cbindgen:ignore
mod wasm;

#[cfg(not(target_family = "wasm"))]
pub use callbacks::*;
pub use decode::*;
pub use encode::*;
pub use errors::*;
pub use header::*;
pub use lambda::*;
pub use stream::*;
#[cfg(target_family = "wasm")]
pub use wasm::*;

use core::ffi::c_char;

/// A view of bytes owned by someone else: the caller's input, or a
/// NUL-free string.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct es_bytes {
    /// The first byte; NULL only when `len` is 0.
    pub ptr: *const u8,
    /// How many bytes.
    pub len: usize,
}

impl es_bytes {
    /// The empty view.
    pub const EMPTY: es_bytes = es_bytes {
        ptr: core::ptr::null(),
        len: 0,
    };

    fn of(bytes: &[u8]) -> Self {
        es_bytes {
            ptr: bytes.as_ptr(),
            len: bytes.len(),
        }
    }
}

/// The bounds a decoder checks the prelude against (see `es_decoder_init_with_limits`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct es_limits {
    /// Largest accepted frame, in bytes.
    pub max_message_len: u32,
    /// Largest accepted header block, in bytes.
    pub max_headers_len: u32,
}

impl From<es_limits> for eventstream_core::Limits {
    fn from(limits: es_limits) -> Self {
        eventstream_core::Limits {
            max_message_len: limits.max_message_len,
            max_headers_len: limits.max_headers_len,
        }
    }
}

/// The library's version, as a NUL-terminated string (`"0.1.0"`).
#[unsafe(no_mangle)]
pub extern "C" fn es_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// A panic in WebAssembly traps: the host sees a `RuntimeError`, never
/// corrupt memory. (The core never panics; this only ends a bug.)
#[cfg(all(target_family = "wasm", not(test)))]
#[panic_handler]
fn trap(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// The caller's `len` bytes at `ptr` (NULL with 0 is the empty slice).
///
/// # Safety
/// `ptr` must point to `len` readable bytes that stay unchanged while the
/// slice is used, unless it is NULL.
unsafe fn borrowed<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], i32> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(ES_ERR_NULL);
    }
    if len > isize::MAX as usize {
        return Err(ES_ERR_LENGTH);
    }
    // SAFETY: not NULL, `len` fits `isize`, and the caller promises `len`
    // readable bytes that do not change while the slice lives.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// The caller's storage behind `ptr`, to write or read, if it is not NULL
/// and is aligned for `T`.
///
/// # Safety
/// `ptr`, when not NULL and aligned, must point to memory valid for a `T`
/// that nothing else uses while the reference lives.
unsafe fn out<'a, T>(ptr: *mut T) -> Result<&'a mut T, i32> {
    if ptr.is_null() || !ptr.is_aligned() {
        return Err(ES_ERR_NULL);
    }
    // SAFETY: not NULL, aligned, and the caller's memory for a `T`.
    Ok(unsafe { &mut *ptr })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_overlong_inputs_are_errors() {
        // SAFETY: NULL and empty, or NULL: neither is read.
        unsafe {
            assert_eq!(borrowed(core::ptr::null(), 0), Ok(&[][..]));
            assert_eq!(borrowed(core::ptr::null(), 5), Err(ES_ERR_NULL));
            assert_eq!(borrowed([0u8].as_ptr(), usize::MAX), Err(ES_ERR_LENGTH));
        }
    }
}
