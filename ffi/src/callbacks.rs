//! aws-c-event-stream's shape over the streaming decoder, for code moving
//! off `aws_event_stream_streaming_decoder`: `es_stream_decoder_pump` takes
//! a chunk and calls back for each prelude, header, payload segment, the
//! end of each frame, and an error, as aws-c's pump does. Unlike aws-c's,
//! the decoder lives in the caller's memory, needs no allocator or library
//! init, and a header is never read into the next frame.

use crate::errors::*;
use crate::header::es_header;
use crate::stream::{es_stream_decoder, state};
use crate::{borrowed, es_bytes};
use core::ffi::{c_char, c_int, c_void};
use eventstream_core::Event;

/// What `es_stream_decoder_pump` calls back; any may be NULL. `user` is the
/// pointer given to the pump, passed back untouched.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct es_stream_callbacks {
    /// A frame's prelude passed: the frame's length and its header block's.
    pub on_prelude:
        Option<unsafe extern "C" fn(user: *mut c_void, total_len: u32, headers_len: u32)>,
    /// One header of the frame, in wire order; valid during the call only.
    pub on_header: Option<unsafe extern "C" fn(user: *mut c_void, header: *const es_header)>,
    /// A slice of the payload, a view of the chunk pumped; `final_segment`
    /// is 1 for the frame's last. Unverified until `on_complete`.
    pub on_payload_segment:
        Option<unsafe extern "C" fn(user: *mut c_void, segment: es_bytes, final_segment: c_int)>,
    /// The message CRC matched: the frame is verified.
    pub on_complete: Option<unsafe extern "C" fn(user: *mut c_void, message_crc: u32)>,
    /// Decoding failed: the code, and its `es_strerror` text.
    pub on_error:
        Option<unsafe extern "C" fn(user: *mut c_void, code: c_int, message: *const c_char)>,
}

/// Feeds all of `input` to `decoder`, calling back for each part as it is
/// found: `ES_OK` once `input` is consumed (pump the next chunk), or a
/// negative code after `on_error`. After an error the decoder answers with
/// it until `es_stream_decoder_reset`. A frame with no payload has no
/// `on_payload_segment`.
///
/// ```c
/// es_stream_callbacks cb = {.on_header = print_header, .on_complete = frame_done};
/// es_stream_decoder_pump(&decoder, chunk, chunk_len, &cb, &state);
/// ```
///
/// # Safety
/// `decoder` must be initialised; `input` must point to `input_len`
/// readable bytes (or be NULL with 0); `callbacks` must point to an
/// `es_stream_callbacks` whose functions are safe to call with `user`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_stream_decoder_pump(
    decoder: *mut es_stream_decoder,
    input: *const u8,
    input_len: usize,
    callbacks: *const es_stream_callbacks,
    user: *mut c_void,
) -> c_int {
    // SAFETY: the caller's pointers, as documented; `callbacks` is only read.
    let (state, mut rest, callbacks) = match unsafe {
        (
            state(decoder),
            borrowed(input, input_len),
            callbacks.as_ref(),
        )
    } {
        (Ok(state), Ok(bytes), Some(callbacks)) => (state, bytes, *callbacks),
        (Err(code), ..) | (_, Err(code), _) => return code,
        (_, _, None) => return ES_ERR_NULL,
    };
    loop {
        let (used, seen) = match state.decode(rest) {
            Ok(result) => result,
            Err(error) => {
                let code = decode_code(&error);
                if let Some(on_error) = callbacks.on_error {
                    // SAFETY: the caller's callback, with its `user`.
                    unsafe { on_error(user, code, es_strerror(code)) };
                }
                return code;
            }
        };
        rest = rest.get(used..).unwrap_or_default();
        match seen {
            None => return ES_OK,
            Some(Event::Prelude(prelude)) => {
                state.payload_left = prelude.payload_len();
                if let Some(on_prelude) = callbacks.on_prelude {
                    // SAFETY: the caller's callback, with its `user`.
                    unsafe { on_prelude(user, prelude.total_len(), prelude.headers_len()) };
                }
            }
            Some(Event::Headers) => {
                let (Some(on_header), Some(headers)) = (callbacks.on_header, state.headers())
                else {
                    continue;
                };
                for header in headers {
                    let header = es_header::of(header);
                    // SAFETY: the caller's callback, with its `user`; the
                    // header's views are valid during the call.
                    unsafe { on_header(user, &header) };
                }
            }
            Some(Event::Payload(payload)) => {
                state.payload_left = state.payload_left.saturating_sub(payload.len() as u32);
                if let Some(on_payload_segment) = callbacks.on_payload_segment {
                    let last = c_int::from(state.payload_left == 0);
                    // SAFETY: the caller's callback, with its `user`; the
                    // segment is a view of the caller's chunk.
                    unsafe { on_payload_segment(user, es_bytes::of(payload), last) };
                }
            }
            Some(Event::End { message_crc }) => {
                if let Some(on_complete) = callbacks.on_complete {
                    // SAFETY: the caller's callback, with its `user`.
                    unsafe { on_complete(user, message_crc) };
                }
            }
        }
    }
}
