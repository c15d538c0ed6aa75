//! Frames larger than memory: `es_stream_decoder`, the core's streaming
//! decoder, fed chunks of any size and pulled event by event: the prelude,
//! the headers, payload segments (views of the caller's chunks) and the end.

use crate::errors::*;
use crate::header::es_header_iter;
use crate::{borrowed, es_bytes, es_limits, header, out};
use core::ffi::{c_char, c_int};
use eventstream_core::{Error, Event, Limits, StreamDecoder};

/// A streaming decoder: opaque storage in the caller's memory (about
/// 2.3 KiB: it holds a 2 KiB header buffer), filled by
/// `es_stream_decoder_init`. Memory use is fixed whatever the frame size.
#[repr(C)]
pub struct es_stream_decoder {
    _opaque: [u64; 288],
}

#[repr(C)]
pub(crate) struct StreamState {
    magic: u64,
    decoder: StreamDecoder,
    /// The limits it was made with: `es_stream_decoder_reset` makes a new one.
    limits: Limits,
    /// The error it failed with, which it answers with until a reset.
    error: Option<Error>,
    /// Payload bytes of the current frame not yet passed on, for the
    /// callbacks' `final_segment` (`callbacks.rs`).
    pub(crate) payload_left: u32,
}

impl StreamState {
    /// The decoder's next event in `input`; its error is kept for
    /// `es_stream_decoder_error_message`.
    pub(crate) fn decode<'i>(
        &mut self,
        input: &'i [u8],
    ) -> Result<(usize, Option<Event<'i>>), Error> {
        let result = self.decoder.decode(input);
        if let Err(error) = result {
            self.error = Some(error);
        }
        result
    }

    /// The headers of the current frame, as the decoder gives them.
    pub(crate) fn headers(&self) -> Option<eventstream_core::Headers<'_>> {
        self.decoder.headers()
    }
}

const STREAM_MAGIC: u64 = u64::from_be_bytes(*b"es:strem");

const _: () = assert!(size_of::<StreamState>() <= size_of::<es_stream_decoder>());
const _: () = assert!(align_of::<StreamState>() <= align_of::<es_stream_decoder>());

/// The 12-byte prelude passed: `total_len` and `headers_len` are set.
pub const ES_EVENT_PRELUDE: i32 = 1;
/// The header block arrived and is valid: read it with `es_stream_decoder_headers`.
pub const ES_EVENT_HEADERS: i32 = 2;
/// A slice of the payload in `payload`, a view of the chunk passed in.
/// Unverified until `ES_EVENT_END`.
pub const ES_EVENT_PAYLOAD: i32 = 3;
/// The message CRC matched (`message_crc`): the frame is verified.
pub const ES_EVENT_END: i32 = 4;

/// What `es_stream_decode` saw.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct es_stream_event {
    /// `ES_EVENT_PRELUDE`, `ES_EVENT_HEADERS`, `ES_EVENT_PAYLOAD` or `ES_EVENT_END`.
    pub kind: i32,
    /// With `ES_EVENT_PRELUDE`: the frame's length.
    pub total_len: u32,
    /// With `ES_EVENT_PRELUDE`: the header block's length.
    pub headers_len: u32,
    /// With `ES_EVENT_PAYLOAD`: the segment.
    pub payload: es_bytes,
    /// With `ES_EVENT_END`: the message CRC.
    pub message_crc: u32,
}

/// # Safety
/// `decoder` must be NULL or point to an `es_stream_decoder` nothing else uses now.
pub(crate) unsafe fn state<'a>(
    decoder: *mut es_stream_decoder,
) -> Result<&'a mut StreamState, i32> {
    // SAFETY: checked for NULL and alignment; the caller's storage.
    let storage = unsafe { out(decoder)? };
    if storage._opaque[0] != STREAM_MAGIC {
        return Err(ES_ERR_UNINITIALIZED);
    }
    // SAFETY: the magic says an init wrote a `StreamState` here.
    Ok(unsafe { &mut *(storage as *mut es_stream_decoder).cast::<StreamState>() })
}

/// Fills `decoder` with a streaming decoder at the spec's limits and a
/// 2 KiB header buffer. NULL is ignored.
///
/// # Safety
/// `decoder` must be NULL or point to writable storage for an `es_stream_decoder`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_stream_decoder_init(decoder: *mut es_stream_decoder) {
    // SAFETY: as documented.
    let _ = unsafe { es_stream_decoder_init_with_limits(decoder, es_limits_spec()) };
}

/// The spec's limits, as `es_decoder_init` uses them.
#[unsafe(no_mangle)]
pub extern "C" fn es_limits_spec() -> es_limits {
    let spec = Limits::default();
    es_limits {
        max_message_len: spec.max_message_len,
        max_headers_len: spec.max_headers_len,
    }
}

/// Fills `decoder` with a streaming decoder at `limits`; `ES_ERR_NULL` for NULL.
///
/// # Safety
/// As `es_stream_decoder_init`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_stream_decoder_init_with_limits(
    decoder: *mut es_stream_decoder,
    limits: es_limits,
) -> c_int {
    // SAFETY: checked for NULL and alignment; the caller's storage.
    let Ok(storage) = (unsafe { out(decoder) }) else {
        return ES_ERR_NULL;
    };
    let state = StreamState {
        magic: STREAM_MAGIC,
        decoder: StreamDecoder::with_limits(limits.into()),
        limits: limits.into(),
        error: None,
        payload_left: 0,
    };
    // SAFETY: large and aligned enough (the assertions above), the
    // caller's to overwrite, and what it held needs no drop.
    unsafe {
        core::ptr::write(
            (storage as *mut es_stream_decoder).cast::<StreamState>(),
            state,
        )
    };
    ES_OK
}

/// Consumes `input` up to the next event: `ES_OK` with `*event` set and
/// `*used` bytes consumed (call again with the rest, the same bytes), or
/// `ES_INCOMPLETE` with all of `input` consumed (feed the next chunk). After an error the
/// decoder answers with it until `es_stream_decoder_reset`.
///
/// # Safety
/// `decoder` must be initialised; `input` must point to `input_len`
/// readable bytes (or be NULL with 0); `used` and `event` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_stream_decode(
    decoder: *mut es_stream_decoder,
    input: *const u8,
    input_len: usize,
    used: *mut usize,
    event: *mut es_stream_event,
) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let (state, bytes, used, event) = match unsafe {
        (
            state(decoder),
            borrowed(input, input_len),
            out(used),
            out(event),
        )
    } {
        (Ok(s), Ok(b), Ok(u), Ok(e)) => (s, b, u, e),
        (Err(c), ..) | (_, Err(c), ..) | (_, _, Err(c), _) | (.., Err(c)) => return c,
    };
    let (consumed, seen) = match state.decode(bytes) {
        Ok(result) => result,
        Err(error) => return decode_code(&error),
    };
    *used = consumed;
    let mut out = es_stream_event {
        kind: 0,
        total_len: 0,
        headers_len: 0,
        payload: es_bytes::EMPTY,
        message_crc: 0,
    };
    match seen {
        None => return ES_INCOMPLETE,
        Some(Event::Prelude(prelude)) => {
            out.kind = ES_EVENT_PRELUDE;
            out.total_len = prelude.total_len();
            out.headers_len = prelude.headers_len();
        }
        Some(Event::Headers) => out.kind = ES_EVENT_HEADERS,
        Some(Event::Payload(segment)) => {
            out.kind = ES_EVENT_PAYLOAD;
            out.payload = es_bytes::of(segment);
        }
        Some(Event::End { message_crc }) => {
            out.kind = ES_EVENT_END;
            out.message_crc = message_crc;
        }
    }
    *event = out;
    ES_OK
}

/// Fills `iter` with the current frame's headers, from `ES_EVENT_HEADERS`
/// until the next frame's prelude: `ES_OK`, or `ES_INCOMPLETE` before they
/// arrived. The views point into the decoder's own buffer: keep the decoder
/// in place and do not feed it while iterating.
///
/// # Safety
/// `decoder` must be initialised; `iter` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_stream_decoder_headers(
    decoder: *mut es_stream_decoder,
    iter: *mut es_header_iter,
) -> c_int {
    // SAFETY: the caller's decoder, as documented.
    let state = match unsafe { state(decoder) } {
        Ok(state) => state,
        Err(code) => return code,
    };
    match state.headers() {
        // SAFETY: the caller's iterator storage, as documented.
        Some(headers) => unsafe { header::start(iter, headers) },
        None => ES_INCOMPLETE,
    }
}

/// Forgets any partial frame and any error: the next byte starts a frame.
///
/// # Safety
/// `decoder` must be NULL or initialised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_stream_decoder_reset(decoder: *mut es_stream_decoder) {
    // SAFETY: the caller's decoder, as documented.
    if let Ok(state) = unsafe { state(decoder) } {
        state.decoder = StreamDecoder::with_limits(state.limits);
        state.error = None;
        state.payload_left = 0;
    }
}

/// Writes the streaming decoder's error in full into `buf`, as
/// `es_decoder_error_message` does; 0 when it has not failed.
///
/// # Safety
/// `decoder` must be NULL or initialised; `buf` must point to `cap`
/// writable bytes (or be NULL with 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_stream_decoder_error_message(
    decoder: *mut es_stream_decoder,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    // SAFETY: the caller's decoder, as documented.
    match unsafe { state(decoder) }.ok().and_then(|s| s.error) {
        // SAFETY: the caller's buffer, as documented.
        Some(error) => unsafe { crate::decode::write_text(&error, buf, cap) },
        None => 0,
    }
}
