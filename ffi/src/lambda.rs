//! Lambda `InvokeWithResponseStream` events as views (`es_lambda_event`),
//! and the text behind the JSON views this library hands out: escapes
//! decoded (`es_json_unescape`), `LogResult`'s base64 decoded
//! (`es_lambda_log_result`). Both write into the caller's buffer.

use crate::decode::{es_message, message as message_of, write_text};
use crate::errors::*;
use crate::{borrowed, es_bytes, out};
use core::ffi::{c_char, c_int};
use eventstream_core::lambda::{
    HttpPart, HttpPreludeSplitter, InvokeComplete, JsonError, JsonStr, ResponseEvent, StreamError,
};

/// A Lambda `PayloadChunk`: `payload` is the bytes the function wrote.
pub const ES_LAMBDA_PAYLOAD_CHUNK: i32 = 1;
/// A Lambda `InvokeComplete`: how the invocation ended.
pub const ES_LAMBDA_INVOKE_COMPLETE: i32 = 2;
/// An event type this version does not know: `event_type` names it.
pub const ES_LAMBDA_UNKNOWN: i32 = 3;

/// One event of a Lambda `InvokeWithResponseStream` response, as views into
/// the frame. `InvokeComplete`'s members are raw JSON string views (escapes
/// intact, without quotes); absent members are `{NULL, 0}`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct es_lambda_info {
    /// `ES_LAMBDA_PAYLOAD_CHUNK`, `ES_LAMBDA_INVOKE_COMPLETE` or `ES_LAMBDA_UNKNOWN`.
    pub kind: i32,
    /// The `:event-type`.
    pub event_type: es_bytes,
    /// The frame's payload (a `PayloadChunk`'s bytes).
    pub payload: es_bytes,
    /// `InvokeComplete`'s `ErrorCode`.
    pub error_code: es_bytes,
    /// `InvokeComplete`'s `ErrorDetails`.
    pub error_details: es_bytes,
    /// `InvokeComplete`'s `LogResult` (base64 of the log's tail).
    pub log_result: es_bytes,
}

/// The frame as a Lambda response event. `ES_OK` and `*event` set;
/// `ES_ERR_EXCEPTION` or `ES_ERR_SERVICE_ERROR` for a frame the service sent
/// as an error (`es_message_kind` names it); `ES_ERR_MALFORMED` for an
/// `InvokeComplete` that is not JSON; the kind's error otherwise.
///
/// # Safety
/// `message` must be NULL or an `es_message`; `event` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_lambda_event(
    message: *const es_message,
    event: *mut es_lambda_info,
) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let (message, event) = match unsafe { (message_of(message), out(event)) } {
        (Ok(message), Ok(event)) => (message, event),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let json =
        |s: Option<JsonStr<'_>>| s.map_or(es_bytes::EMPTY, |s| es_bytes::of(s.raw().as_bytes()));
    let mut out = es_lambda_info {
        kind: 0,
        event_type: es_bytes::EMPTY,
        payload: es_bytes::of(message.payload()),
        error_code: es_bytes::EMPTY,
        error_details: es_bytes::EMPTY,
        log_result: es_bytes::EMPTY,
    };
    match ResponseEvent::from_message(*message) {
        Ok(ResponseEvent::PayloadChunk(_)) => {
            out.kind = ES_LAMBDA_PAYLOAD_CHUNK;
            out.event_type = es_bytes::of(b"PayloadChunk");
        }
        Ok(ResponseEvent::InvokeComplete(done)) => {
            out.kind = ES_LAMBDA_INVOKE_COMPLETE;
            out.event_type = es_bytes::of(b"InvokeComplete");
            out.error_code = json(done.error_code());
            out.error_details = json(done.error_details());
            out.log_result = json(done.log_result());
        }
        Ok(ResponseEvent::Unknown { event_type, .. }) => {
            out.kind = ES_LAMBDA_UNKNOWN;
            out.event_type = es_bytes::of(event_type.as_bytes());
        }
        Err(StreamError::Exception { .. }) => return ES_ERR_EXCEPTION,
        Err(StreamError::Error { .. }) => return ES_ERR_SERVICE_ERROR,
        Err(StreamError::Malformed {
            reason: eventstream_core::lambda::Malformed::Kind(error),
            ..
        }) => return decode_code(&error),
        Err(_) => return ES_ERR_MALFORMED,
    }
    *event = out;
    ES_OK
}

/// The text of a JSON string view this library gave (`es_lambda_info`'s
/// `error_code` and `error_details`, an exception's `es_kind.message`),
/// escapes decoded, written into `buf` as `snprintf` writes: NUL-terminated
/// and cut to fit. `ES_OK` and `*len` set to the whole text's length (more
/// than `cap - 1`: call again with a larger buffer); `ES_ERR_MALFORMED` when
/// `raw` is not a JSON string's text (a bad escape, an unescaped quote).
///
/// ```c
/// char details[256];
/// size_t len;
/// if (es_json_unescape(event.error_details, details, sizeof details, &len) == ES_OK)
///     printf("%s\n", details);
/// ```
///
/// # Safety
/// `raw` must view `raw.len` readable bytes; `buf` must point to `cap`
/// writable bytes (or be NULL with `cap` 0); `len` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_json_unescape(
    raw: es_bytes,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> c_int {
    // SAFETY: the caller's view and pointer, as documented.
    let (raw, len) = match unsafe { (borrowed(raw.ptr, raw.len), out(len)) } {
        (Ok(raw), Ok(len)) => (raw, len),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let Some(text) = core::str::from_utf8(raw)
        .ok()
        .and_then(|raw| JsonStr::parse(raw).ok())
    else {
        return ES_ERR_MALFORMED;
    };
    // SAFETY: `buf` holds `cap` writable bytes, as documented.
    *len = unsafe { write_text(&text, buf, cap) };
    ES_OK
}

/// `InvokeComplete`'s `LogResult`, base64 decoded (the log's tail, as the
/// function wrote it), into `buf`: `ES_OK` and `*len` set (0 when the event
/// has no `LogResult`); `ES_ERR_BUFFER_TOO_SMALL` with `*len` set to a size
/// that is enough; `ES_ERR_MALFORMED` when it is not base64 or `event` is
/// not an `InvokeComplete`. The payload `event` views is read again.
///
/// # Safety
/// `event` must be NULL or an `es_lambda_info` that `es_lambda_event` filled
/// (its views still valid); `buf` must point to `cap` writable bytes (or be
/// NULL with `cap` 0); `len` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_lambda_log_result(
    event: *const es_lambda_info,
    buf: *mut u8,
    cap: usize,
    len: *mut usize,
) -> c_int {
    if event.is_null() || !event.is_aligned() {
        return ES_ERR_NULL;
    }
    // SAFETY: not NULL, aligned: the caller's filled `es_lambda_info`.
    let event = unsafe { &*event };
    // SAFETY: the caller's views and pointers, as documented.
    let (payload, len) = match unsafe { (borrowed(event.payload.ptr, event.payload.len), out(len)) }
    {
        (Ok(payload), Ok(len)) => (payload, len),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let room: &mut [u8] = if cap == 0 {
        &mut []
    } else if buf.is_null() {
        return ES_ERR_NULL;
    } else if cap > isize::MAX as usize {
        return ES_ERR_LENGTH;
    } else {
        // SAFETY: not NULL, `cap` fits `isize`: the caller's writable bytes.
        unsafe { core::slice::from_raw_parts_mut(buf, cap) }
    };
    let Ok(done) = InvokeComplete::parse(payload)
        .map_err(|_| ())
        .and_then(|done| {
            (event.kind == ES_LAMBDA_INVOKE_COMPLETE)
                .then_some(done)
                .ok_or(())
        })
    else {
        return ES_ERR_MALFORMED;
    };
    match done.decode_log_result(room) {
        Ok(log) => {
            *len = log.map_or(0, <[u8]>::len);
            ES_OK
        }
        Err(JsonError::BufferTooSmall { needed }) => {
            *len = needed;
            ES_ERR_BUFFER_TOO_SMALL
        }
        Err(_) => ES_ERR_MALFORMED,
    }
}

/// Where a function URL's HTTP-integration prelude (a JSON object of status
/// code, headers and cookies, then 8 NUL bytes) ends, at the start of a
/// Lambda function's output (its `PayloadChunk`s, reassembled): `ES_OK`
/// with `*metadata_len` (the JSON's bytes) and `*body_start` (where the
/// body begins) set; `ES_INCOMPLETE` when the output ends before a prelude
/// could end (all of it, text without a NUL byte, could still be one);
/// `ES_ERR_HTTP_PRELUDE` when the output does not start with one.
///
/// # Safety
/// `output` must point to `len` readable bytes (or be NULL with 0);
/// `metadata_len` and `body_start` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_lambda_http_prelude(
    output: *const u8,
    len: usize,
    metadata_len: *mut usize,
    body_start: *mut usize,
) -> c_int {
    // SAFETY: the caller's bytes and pointers, as documented.
    let (output, metadata_len, body_start) =
        match unsafe { (borrowed(output, len), out(metadata_len), out(body_start)) } {
            (Ok(o), Ok(m), Ok(b)) => (o, m, b),
            (Err(code), ..) | (_, Err(code), _) | (.., Err(code)) => return code,
        };
    let mut splitter: HttpPreludeSplitter = HttpPreludeSplitter::new();
    match splitter.push(output) {
        Ok((used, Some(HttpPart::Metadata(_)))) => {
            *body_start = used;
            *metadata_len = used - DELIMITER_LEN;
            ES_OK
        }
        Ok(_) => ES_INCOMPLETE,
        Err(_) => ES_ERR_HTTP_PRELUDE,
    }
}

/// The 8 NUL bytes after the metadata of an HTTP-integration prelude.
const DELIMITER_LEN: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{es_decode, es_decoder, es_decoder_init};
    use eventstream_core::{Header, HeaderValue, encode_to_vec};

    fn unescape(raw: &[u8], cap: usize) -> (c_int, usize, Vec<u8>) {
        let mut buf = vec![0u8; cap];
        let mut len = 0;
        // SAFETY: `raw` and `buf` are live slices of their lengths.
        let rc =
            unsafe { es_json_unescape(es_bytes::of(raw), buf.as_mut_ptr().cast(), cap, &mut len) };
        (rc, len, buf)
    }

    #[test]
    fn json_text_is_unescaped_cut_to_fit_and_checked() {
        let (rc, len, buf) = unescape(br#"say \"hi\"\n\u00e9"#, 64);
        assert_eq!((rc, len), (ES_OK, 11));
        assert_eq!(&buf[..12], "say \"hi\"\n\u{e9}\0".as_bytes());
        // As snprintf: the whole length, the text cut and NUL-terminated.
        let (rc, len, buf) = unescape(br"abcdef", 4);
        assert_eq!((rc, len, &buf[..]), (ES_OK, 6, &b"abc\0"[..]));
        for bad in [&br#"a"b"#[..], br"\x", br"\ud800", b"\xff"] {
            assert_eq!(unescape(bad, 16).0, ES_ERR_MALFORMED, "{bad:?}");
        }
        // SAFETY: NULL `len` is refused before anything is read or written.
        let rc = unsafe {
            es_json_unescape(
                es_bytes::EMPTY,
                core::ptr::null_mut(),
                0,
                core::ptr::null_mut(),
            )
        };
        assert_eq!(rc, ES_ERR_NULL);
    }

    #[test]
    fn an_http_prelude_is_found_where_the_core_splitter_finds_it() {
        let split = |output: &[u8]| {
            let (mut metadata, mut body) = (0, 0);
            // SAFETY: `output` is a live slice; the outputs are locals.
            let rc = unsafe {
                es_lambda_http_prelude(output.as_ptr(), output.len(), &mut metadata, &mut body)
            };
            (rc, metadata, body)
        };
        let output = b"{\"statusCode\":201}\0\0\0\0\0\0\0\0hello";
        assert_eq!(split(output), (ES_OK, 18, 26));
        assert_eq!(split(&output[..20]).0, ES_INCOMPLETE);
        // Text with no NUL may be metadata still arriving: not a verdict yet.
        assert_eq!(split(b"hello").0, ES_INCOMPLETE);
        assert_eq!(split(b"hello\0\0\0\0\0\0\0\0").0, ES_ERR_HTTP_PRELUDE);
        assert_eq!(split(b"hi\0there").0, ES_ERR_HTTP_PRELUDE);
        assert_eq!(split(b"{\"a\":}\0\0\0\0\0\0\0\0").0, ES_ERR_HTTP_PRELUDE);
    }

    #[test]
    fn the_log_result_is_decoded_into_the_buffer() {
        let frame = encode_to_vec(
            &[Header::new(
                ":event-type",
                HeaderValue::String("InvokeComplete"),
            )],
            br#"{"ErrorCode":"Unhandled","LogResult":"aGVsbG8gbG9n"}"#,
        )
        .unwrap();
        // SAFETY: all-zero bytes are valid for the opaque storage, which the
        // library fills, as C holds it.
        let (mut decoder, mut message): (es_decoder, es_message) =
            unsafe { (core::mem::zeroed(), core::mem::zeroed()) };
        let mut event = es_lambda_info {
            kind: 0,
            event_type: es_bytes::EMPTY,
            payload: es_bytes::EMPTY,
            error_code: es_bytes::EMPTY,
            error_details: es_bytes::EMPTY,
            log_result: es_bytes::EMPTY,
        };
        let (mut log, mut len) = ([0u8; 16], 0);
        // SAFETY: every pointer is to a live local of its type; `frame` outlives the views.
        unsafe {
            es_decoder_init(&mut decoder);
            let rc = es_decode(
                &mut decoder,
                frame.as_ptr(),
                frame.len(),
                &mut message,
                core::ptr::null_mut(),
            );
            assert_eq!(rc, ES_OK);
            assert_eq!(es_lambda_event(&message, &mut event), ES_OK);
            assert_eq!(
                es_lambda_log_result(&event, log.as_mut_ptr(), 16, &mut len),
                ES_OK
            );
            assert_eq!(&log[..len], b"hello log");
            assert_eq!(
                es_lambda_log_result(&event, log.as_mut_ptr(), 4, &mut len),
                ES_ERR_BUFFER_TOO_SMALL
            );
            assert!(len >= 9, "{len} is not enough");
        }
    }
}
