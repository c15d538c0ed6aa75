//! Arbitrary frames (CRCs right) through `ResponseEvent::from_message`, the
//! JSON views, unescaping, base64 and the HTTP-prelude splitter: no panic.
#![no_main]

use arbitrary::Arbitrary;
use eventstream_core::lambda::{
    HttpPart, HttpPreludeSplitter, JsonObject, JsonValue, ResponseEvent, StreamError,
};
use eventstream_core::{Decoder, Header, HeaderValue, encode_to_vec};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    message_type: u8,
    event_type: u8,
    exception_type: &'a str,
    payload: &'a [u8],
    chunk: u8,
}

fuzz_target!(|input: Input<'_>| {
    let message_type =
        ["event", "exception", "error", "other"][usize::from(input.message_type % 4)];
    let event_type =
        ["PayloadChunk", "InvokeComplete", "Future", ""][usize::from(input.event_type % 4)];
    let mut headers = vec![Header::new(
        ":message-type",
        HeaderValue::String(message_type),
    )];
    if !event_type.is_empty() {
        headers.push(Header::new(":event-type", HeaderValue::String(event_type)));
    }
    if !input.exception_type.is_empty() && input.exception_type.len() < 1000 {
        headers.push(Header::new(
            ":exception-type",
            HeaderValue::String(input.exception_type),
        ));
        headers.push(Header::new(
            ":error-code",
            HeaderValue::String(input.exception_type),
        ));
    }
    let Ok(frame) = encode_to_vec(&headers, input.payload) else {
        return;
    };
    let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    match ResponseEvent::from_message(message) {
        Ok(ResponseEvent::InvokeComplete(done)) => {
            for text in [done.error_code(), done.error_details(), done.log_result()]
                .into_iter()
                .flatten()
            {
                let unescaped = text.to_string();
                let mut buf = vec![0; text.unescaped_len()];
                assert_eq!(text.unescape_into(&mut buf).unwrap(), unescaped);
                assert!(text.eq_unescaped(&unescaped));
            }
            let mut log = vec![0; 64 * 1024];
            let _ = done.decode_log_result(&mut log);
        }
        Ok(_) => {}
        Err(error @ StreamError::Exception { .. })
        | Err(error @ StreamError::Error { .. })
        | Err(error @ StreamError::Malformed { .. }) => {
            let _ = error.to_string();
        }
    }
    if let Ok(object) = JsonObject::parse_bytes(input.payload) {
        walk(JsonValue::Object(object), 0);
    }
    let mut splitter = HttpPreludeSplitter::<4096>::new();
    for piece in input.payload.chunks(usize::from(input.chunk) + 1) {
        let mut rest = piece;
        loop {
            match splitter.push(rest) {
                Ok((used, Some(part))) => {
                    rest = &rest[used..];
                    if let HttpPart::Metadata(meta) = part {
                        let _ = (
                            meta.status_code(),
                            meta.headers().count(),
                            meta.cookies().count(),
                        );
                    }
                }
                Ok((_, None)) | Err(_) => break,
            }
        }
    }
    let _ = splitter.finish();
});

/// Visits every value of a validated document.
fn walk(value: JsonValue<'_>, depth: usize) {
    assert!(depth <= eventstream_core::lambda::MAX_DEPTH);
    match value {
        JsonValue::Object(object) => {
            for (key, value) in object.members() {
                let _ = key.to_string();
                walk(value, depth + 1);
            }
        }
        JsonValue::Array(array) => array.values().for_each(|v| walk(v, depth + 1)),
        JsonValue::String(text) => {
            let _ = text.chars().count();
        }
        JsonValue::Null | JsonValue::Bool(_) | JsonValue::Number(_) => {}
    }
}
