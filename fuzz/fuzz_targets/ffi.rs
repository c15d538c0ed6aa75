//! The C ABI driven as a C caller drives it, so that the boundary's own
//! `unsafe` blocks are fuzzed and not only the core behind them: storage in
//! the caller's memory, `es_decode` over a buffer, `es_stream_decode` over
//! pieces of arbitrary sizes, headers read with `es_header_iter_fill` in
//! batches of arbitrary capacity. Both paths must find exactly the frames,
//! headers, payloads and error the core's whole-frame decoder finds.
#![no_main]

use arbitrary::Arbitrary;
use eventstream_core::{Error, OwnedHeader, OwnedHeaderValue, OwnedMessage};
use eventstream_ffi::*;
use libfuzzer_sys::fuzz_target;
use std::mem::MaybeUninit;

#[path = "shared.rs"]
mod shared;
use shared::prepared;

#[derive(Debug, Arbitrary)]
struct Input {
    /// Sizes of the pieces `es_stream_decode` is fed, cycled (each plus one).
    pieces: Vec<u8>,
    /// Headers per `es_header_iter_fill` call (0 included: it must write none).
    capacity: u8,
    fix_crcs: bool,
    data: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let (data, whole, whole_error) = prepared(input.data, input.fix_crcs);
    let capacity = usize::from(input.capacity % 17);

    let (frames, code) = with_es_decode(&data, capacity);
    assert_eq!(frames, whole);
    assert_eq!(code, whole_error.as_ref().map(code_at_end));

    let sizes: Vec<usize> = match input.pieces.is_empty() {
        true => vec![1],
        false => input
            .pieces
            .iter()
            .map(|&size| usize::from(size) + 1)
            .collect(),
    };
    let (frames, code) = with_es_stream_decode(&data, &sizes, capacity);
    if code == Some(ES_ERR_HEADERS_EXCEED_CAPACITY) {
        // A header block beyond the stream decoder's 2 KiB, which the
        // whole-frame decoder (whose block is the caller's) accepts.
        assert_eq!(frames, whole[..frames.len().min(whole.len())]);
        return;
    }
    assert_eq!(frames, whole);
    match (&whole_error, code) {
        // The streaming decoder reports a header error as soon as the block
        // is in, before the rest of a frame the buffer ends inside.
        (Some(Error::Truncated { .. }), Some(code)) => assert!(is_header_error(code), "{code}"),
        (Some(Error::Truncated { .. }), None) | (None, None) => {}
        (Some(error), code) => assert_eq!(code, Some(decode_code(error))),
        (None, Some(code)) => panic!("es_stream_decode failed ({code}) on frames the core accepts"),
    }
});

/// What `es_decode` says at the end of `data` when the core stopped with
/// `error`: a buffer that ends inside a frame is `ES_INCOMPLETE` to it.
fn code_at_end(error: &Error) -> i32 {
    match error {
        Error::Truncated { .. } => ES_INCOMPLETE,
        other => decode_code(other),
    }
}

/// The errors found in a header block, which a streaming decoder reports
/// as soon as the block is in.
fn is_header_error(code: i32) -> bool {
    (ES_ERR_HEADERS_EXCEED_CAPACITY..=ES_ERR_HEADER_TRUNCATED).contains(&code)
}

/// Every frame of `data` by `es_decode`, and the code it stopped with (none
/// when `data` ended between frames).
fn with_es_decode(data: &[u8], capacity: usize) -> (Vec<OwnedMessage>, Option<i32>) {
    let mut decoder = MaybeUninit::<es_decoder>::uninit();
    // SAFETY: writable storage for an `es_decoder`, as C would give.
    unsafe { es_decoder_init(decoder.as_mut_ptr()) };
    let mut frames = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let mut message = MaybeUninit::<es_message>::uninit();
        let mut needed = 0usize;
        // SAFETY: an initialised decoder; `rest` is readable; the outputs writable.
        let code = unsafe {
            es_decode(
                decoder.as_mut_ptr(),
                rest.as_ptr(),
                rest.len(),
                message.as_mut_ptr(),
                &mut needed,
            )
        };
        if code != ES_OK {
            if code == ES_INCOMPLETE {
                assert!(needed > 0 && rest.len() + needed <= 16 * 1024 * 1024 + 12);
            } else {
                assert_error_is_described(decoder.as_mut_ptr());
            }
            return (frames, Some(code));
        }
        let message = message.as_ptr();
        // SAFETY: `es_decode` filled `message`, a view into `rest`.
        let (len, payload) = unsafe { (es_message_len(message), es_message_payload(message)) };
        let mut iter = MaybeUninit::<es_header_iter>::uninit();
        // SAFETY: a filled message; writable iterator storage.
        assert_eq!(
            unsafe { es_message_headers(message, iter.as_mut_ptr()) },
            ES_OK
        );
        let frame = &rest[..len];
        frames.push(OwnedMessage {
            headers: read_headers(iter.as_mut_ptr(), capacity, frame),
            payload: bytes_of(payload, frame).to_vec(),
        });
        let mut kind = MaybeUninit::<es_kind>::uninit();
        // SAFETY: a filled message; writable storage. Any answer is fine: it must not fault.
        let _ = unsafe { es_message_kind(message, kind.as_mut_ptr()) };
        rest = &rest[len..];
    }
    (frames, None)
}

/// Every frame of `data` fed to `es_stream_decode` in pieces of `sizes`
/// (cycled), and the error code it stopped with.
fn with_es_stream_decode(
    data: &[u8],
    sizes: &[usize],
    capacity: usize,
) -> (Vec<OwnedMessage>, Option<i32>) {
    // The C caller's storage: on the heap here, it is 2.3 KiB.
    let mut decoder = Box::new(MaybeUninit::<es_stream_decoder>::uninit());
    // SAFETY: writable storage for an `es_stream_decoder`.
    unsafe { es_stream_decoder_init(decoder.as_mut_ptr()) };
    let (mut frames, mut current) = (Vec::new(), OwnedMessage::default());
    let mut at = 0;
    for size in sizes.iter().cycle() {
        if at >= data.len() {
            break;
        }
        // A copy per piece, freed after it: a view must not outlive its piece.
        let piece = data[at..(at + size).min(data.len())].to_vec();
        at += piece.len();
        let mut rest = &piece[..];
        loop {
            let mut event = MaybeUninit::<es_stream_event>::uninit();
            let mut used = 0usize;
            // SAFETY: an initialised decoder; `rest` readable; outputs writable.
            let code = unsafe {
                es_stream_decode(
                    decoder.as_mut_ptr(),
                    rest.as_ptr(),
                    rest.len(),
                    &mut used,
                    event.as_mut_ptr(),
                )
            };
            match code {
                ES_INCOMPLETE => break,
                ES_OK => {}
                error => return (frames, Some(error)),
            }
            assert!(used <= rest.len());
            // SAFETY: `ES_OK` filled `event`.
            let event = unsafe { event.assume_init() };
            match event.kind {
                ES_EVENT_PRELUDE => current = OwnedMessage::default(),
                ES_EVENT_HEADERS => {
                    let mut iter = MaybeUninit::<es_header_iter>::uninit();
                    // SAFETY: the decoder holds a whole header block now.
                    let code = unsafe {
                        es_stream_decoder_headers(decoder.as_mut_ptr(), iter.as_mut_ptr())
                    };
                    assert_eq!(code, ES_OK);
                    // The views point into the decoder's own buffer.
                    current.headers = read_headers(iter.as_mut_ptr(), capacity, &[]);
                }
                ES_EVENT_PAYLOAD => current
                    .payload
                    .extend_from_slice(bytes_of(event.payload, rest)),
                ES_EVENT_END => frames.push(std::mem::take(&mut current)),
                other => panic!("unknown event kind {other}"),
            }
            rest = &rest[used..];
        }
    }
    (frames, None)
}

/// Reads every header through `es_header_iter_fill`, `capacity` at a time;
/// views that must lie in `within` (when given) are checked to.
fn read_headers(iter: *mut es_header_iter, capacity: usize, within: &[u8]) -> Vec<OwnedHeader> {
    let mut headers = Vec::new();
    // SAFETY: `es_header` is plain data; all zeros is a valid value.
    let mut batch: Vec<es_header> = (0..capacity)
        .map(|_| unsafe { std::mem::zeroed() })
        .collect();
    loop {
        // SAFETY: a filled iterator; `batch` writable for `capacity` headers.
        let wrote = unsafe { es_header_iter_fill(iter, batch.as_mut_ptr(), capacity) };
        assert!(wrote >= 0 && wrote as usize <= capacity, "{wrote}");
        if wrote == 0 {
            // At the end, `es_header_iter_next` agrees.
            let mut one = MaybeUninit::<es_header>::uninit();
            // SAFETY: as above.
            let next = unsafe { es_header_iter_next(iter, one.as_mut_ptr()) };
            if next == 0 {
                return headers;
            }
            assert_eq!(
                capacity, 0,
                "fill wrote none with room while next found one"
            );
            // SAFETY: `es_header_iter_next` returned 1: it wrote the header.
            let one = unsafe { one.assume_init() };
            headers.push(owned(&one, within));
            continue;
        }
        headers.extend(
            batch[..wrote as usize]
                .iter()
                .map(|header| owned(header, within)),
        );
    }
}

fn owned(header: &es_header, within: &[u8]) -> OwnedHeader {
    let name = std::str::from_utf8(bytes_of(header.name, within)).expect("names are UTF-8");
    let value = &header.value;
    let value = match value.type_byte {
        ES_TYPE_TRUE | ES_TYPE_FALSE => OwnedHeaderValue::Bool(value.integer == 1),
        ES_TYPE_BYTE => OwnedHeaderValue::Byte(value.integer as i8),
        ES_TYPE_INT16 => OwnedHeaderValue::Int16(value.integer as i16),
        ES_TYPE_INT32 => OwnedHeaderValue::Int32(value.integer as i32),
        ES_TYPE_INT64 => OwnedHeaderValue::Int64(value.integer),
        ES_TYPE_BYTE_ARRAY => OwnedHeaderValue::ByteArray(bytes_of(value.bytes, within).to_vec()),
        ES_TYPE_STRING => OwnedHeaderValue::String(
            String::from_utf8(bytes_of(value.bytes, within).to_vec()).expect("strings are UTF-8"),
        ),
        ES_TYPE_TIMESTAMP => OwnedHeaderValue::Timestamp(value.integer),
        ES_TYPE_UUID => OwnedHeaderValue::Uuid(value.uuid),
        other => panic!("type byte {other} out of range"),
    };
    OwnedHeader {
        name: name.to_owned(),
        value,
    }
}

/// The bytes a view names, checked to lie inside `within` unless it is empty
/// (a view into storage the caller cannot see, such as the stream decoder's).
fn bytes_of(view: es_bytes, within: &[u8]) -> &[u8] {
    if view.len == 0 {
        return &[];
    }
    assert!(!view.ptr.is_null());
    if !within.is_empty() {
        let range = within.as_ptr_range();
        let start = view.ptr;
        assert!(range.start <= start && start.wrapping_add(view.len) <= range.end);
    }
    // SAFETY: the library's view, valid while the bytes it points into are
    // (the caller's input, or the decoder's buffer, both alive here).
    unsafe { std::slice::from_raw_parts(view.ptr, view.len) }
}

/// After a failure, the decoder describes it: an offset and a message.
fn assert_error_is_described(decoder: *mut es_decoder) {
    let mut text = [0 as std::ffi::c_char; 256];
    // SAFETY: an initialised decoder; `text` writable for its length.
    let len = unsafe { es_decoder_error_message(decoder, text.as_mut_ptr(), text.len()) };
    assert!(len > 0);
    // SAFETY: as above.
    assert!(unsafe { es_decoder_error_offset(decoder) } >= 0);
}
