//! Encoding into the caller's buffer: `es_encoded_len`, `es_encode`, and
//! `es_encode_head` for vectored writes that never copy the payload.

use crate::errors::*;
use crate::header::es_header;
use crate::{borrowed, out};
use core::ffi::c_int;
use eventstream_core::{Header, HeaderValue};

/// Most headers one encode call takes.
pub const ES_MAX_ENCODE_HEADERS: usize = 256;

/// Runs `body` over the caller's headers as the core's `Header`s, in a
/// stack array (of 16 for the usual few, of `ES_MAX_ENCODE_HEADERS`
/// otherwise): the library never allocates.
///
/// # Safety
/// `headers` must point to `count` readable `es_header`s (or be NULL with
/// 0), each with valid views.
unsafe fn with_headers(
    headers: *const es_header,
    count: usize,
    body: impl FnOnce(&[Header<'_>]) -> i32,
) -> c_int {
    if count == 0 {
        return body(&[]);
    }
    if headers.is_null() || !headers.is_aligned() {
        return ES_ERR_NULL;
    }
    if count > ES_MAX_ENCODE_HEADERS {
        return ES_ERR_TOO_MANY_HEADERS;
    }
    // SAFETY: not NULL, aligned, and `count` (at most 256) readable headers.
    let given = unsafe { core::slice::from_raw_parts(headers, count) };
    // SAFETY: the views in `given` are the caller's, as documented.
    unsafe {
        match count {
            ..=16 => converted::<16>(given, body),
            _ => converted::<ES_MAX_ENCODE_HEADERS>(given, body),
        }
    }
}

/// [`with_headers`] with an array of `N` (at least `given.len()`).
///
/// # Safety
/// As `with_headers`.
unsafe fn converted<const N: usize>(
    given: &[es_header],
    body: impl FnOnce(&[Header<'_>]) -> i32,
) -> c_int {
    let mut array = [Header::new("", HeaderValue::Bool(false)); N];
    for (slot, header) in array.iter_mut().zip(given) {
        // SAFETY: the caller's views, as documented.
        let (name, value) = unsafe {
            (
                borrowed(header.name.ptr, header.name.len),
                header.value.value(),
            )
        };
        let name = match name.map(core::str::from_utf8) {
            Ok(Ok(name)) => name,
            Ok(Err(_)) => return ES_ERR_NAME_NOT_UTF8,
            Err(code) => return code,
        };
        match value {
            Ok(value) => *slot = Header::new(name, value),
            Err(code) => return code,
        }
    }
    body(array.get(..given.len()).unwrap_or_default())
}

/// The caller's `cap` writable bytes at `out` (NULL with 0 is empty).
///
/// # Safety
/// `out` must point to `cap` writable bytes nothing else uses now, or be NULL.
unsafe fn output<'a>(out: *mut u8, cap: usize) -> Result<&'a mut [u8], i32> {
    if cap == 0 {
        return Ok(&mut []);
    }
    if out.is_null() {
        return Err(ES_ERR_NULL);
    }
    if cap > isize::MAX as usize {
        return Err(ES_ERR_LENGTH);
    }
    // SAFETY: not NULL, `cap` fits `isize`, the caller's writable bytes.
    Ok(unsafe { core::slice::from_raw_parts_mut(out, cap) })
}

/// Bytes the frame of `count` headers and a payload of `payload_len` bytes
/// takes, in `*len`; an encoding error for headers the encoder refuses.
///
/// # Safety
/// `headers` must point to `count` readable `es_header`s with valid views
/// (or be NULL with 0); `len` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_encoded_len(
    headers: *const es_header,
    count: usize,
    payload_len: usize,
    len: *mut usize,
) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let Ok(len) = (unsafe { out(len) }) else {
        return ES_ERR_NULL;
    };
    // SAFETY: as documented.
    unsafe {
        with_headers(
            headers,
            count,
            |headers| match eventstream_core::encoded_len(headers, payload_len) {
                Ok(n) => {
                    *len = n;
                    ES_OK
                }
                Err(error) => encode_code(&error),
            },
        )
    }
}

/// Encodes one frame into `out` (`cap` bytes; `es_encoded_len` says how
/// many it needs) and sets `*written`: `ES_OK`, or an encoding error
/// (`ES_ERR_BUFFER_TOO_SMALL`, ...) with nothing promised about `out`.
///
/// # Safety
/// As `es_encoded_len`; `payload` must point to `payload_len` readable
/// bytes (or be NULL with 0), `out` to `cap` writable ones, not overlapping
/// the inputs; `written` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_encode(
    headers: *const es_header,
    count: usize,
    payload: *const u8,
    payload_len: usize,
    out: *mut u8,
    cap: usize,
    written: *mut usize,
) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let (payload, buffer, written) = match unsafe {
        (
            borrowed(payload, payload_len),
            output(out, cap),
            crate::out(written),
        )
    } {
        (Ok(p), Ok(b), Ok(w)) => (p, b, w),
        (Err(c), ..) | (_, Err(c), _) | (.., Err(c)) => return c,
    };
    // SAFETY: as documented.
    unsafe {
        with_headers(headers, count, |headers| {
            match eventstream_core::encode(headers, payload, buffer) {
                Ok(n) => {
                    *written = n;
                    ES_OK
                }
                Err(error) => encode_code(&error),
            }
        })
    }
}

/// Writes the frame's head (prelude and headers) into `out`, sets
/// `*head_len`, and sets `*trailer_crc` to the message CRC over the head and
/// `payload`: write the head, the payload, then the CRC as 4 big-endian
/// bytes, and the frame is complete without copying the payload.
///
/// # Safety
/// As `es_encode`; `head_len` and `trailer_crc` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_encode_head(
    headers: *const es_header,
    count: usize,
    payload: *const u8,
    payload_len: usize,
    out: *mut u8,
    cap: usize,
    head_len: *mut usize,
    trailer_crc: *mut u32,
) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let (payload, buffer, head_len, trailer_crc) = match unsafe {
        (
            borrowed(payload, payload_len),
            output(out, cap),
            crate::out(head_len),
            crate::out(trailer_crc),
        )
    } {
        (Ok(p), Ok(b), Ok(h), Ok(t)) => (p, b, h, t),
        (Err(c), ..) | (_, Err(c), ..) | (_, _, Err(c), _) | (.., Err(c)) => return c,
    };
    // SAFETY: as documented.
    unsafe {
        with_headers(
            headers,
            count,
            |headers| match eventstream_core::encode_head(headers, payload, buffer) {
                Ok(head) => {
                    *head_len = head.head_len;
                    *trailer_crc = u32::from_be_bytes(head.trailer);
                    ES_OK
                }
                Err(error) => encode_code(&error),
            },
        )
    }
}
