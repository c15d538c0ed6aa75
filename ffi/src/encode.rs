//! Encoding into the caller's buffer: `es_encoded_len`, `es_encode`, and
//! `es_encode_head` for vectored writes that never copy the payload.

use crate::errors::*;
use crate::header::es_header;
use crate::{borrowed, out};
use core::ffi::c_int;
use eventstream_core::Header;

/// The caller's headers, checked (pointers, UTF-8 names and strings, type
/// bytes) and handed to `body` as the core's, converted again each time the
/// encoder walks them: any number of them, in no memory of the library's.
///
/// # Safety
/// `headers` must point to `count` readable `es_header`s (or be NULL with
/// 0), each with valid views that do not change during the call.
unsafe fn with_headers(
    headers: *const es_header,
    count: usize,
    body: impl FnOnce(Checked<'_>) -> i32,
) -> c_int {
    let given: &[es_header] = if count == 0 {
        &[]
    } else if headers.is_null() || !headers.is_aligned() {
        return ES_ERR_NULL;
    } else if count > isize::MAX as usize / size_of::<es_header>() {
        return ES_ERR_LENGTH;
    } else {
        // SAFETY: not NULL, aligned, and `count` readable headers, as documented.
        unsafe { core::slice::from_raw_parts(headers, count) }
    };
    for header in given {
        // SAFETY: the caller's views, as documented.
        if let Err(code) = unsafe { header.as_core() } {
            return code;
        }
    }
    body(Checked(given.iter()))
}

/// Headers that [`with_headers`] checked, as the core's: made only there.
#[derive(Clone)]
struct Checked<'a>(core::slice::Iter<'a, es_header>);

impl<'a> Iterator for Checked<'a> {
    type Item = Header<'a>;

    fn next(&mut self) -> Option<Header<'a>> {
        let header = self.0.next()?;
        // SAFETY: `with_headers` checked every header of the slice with
        // `as_core`, and the caller keeps their views unchanged during the call.
        Some(unsafe { header.as_core_checked() })
    }
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
            |headers| match eventstream_core::encoded_len_from(headers, payload_len) {
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
            // The head where the frame starts, then the payload and the trailer.
            let head = match eventstream_core::encode_head_from(headers, payload, buffer) {
                Ok(head) => head,
                Err(error) => return encode_code(&error),
            };
            let len = head.head_len + payload.len() + head.trailer.len();
            let Some(rest) = buffer.get_mut(head.head_len..len) else {
                return ES_ERR_BUFFER_TOO_SMALL;
            };
            let (payload_out, trailer) = rest.split_at_mut(payload.len());
            payload_out.copy_from_slice(payload);
            trailer.copy_from_slice(&head.trailer);
            *written = len;
            ES_OK
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
            |headers| match eventstream_core::encode_head_from(headers, payload, buffer) {
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
