//! Arbitrary frames (CRCs right) through `ResponseEvent::from_message`, the
//! JSON views, unescaping, base64 and the HTTP-prelude splitter: no panic.
#![no_main]

use arbitrary::Arbitrary;
use eventstream_core::lambda::{
    HttpPart, HttpPreludeSplitter, InvokeComplete, ResponseEvent, StreamError,
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
                let _ = (text.raw(), text.to_string());
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
    // The JSON scanner, over any text, through the views built on it.
    if let Ok(done) = InvokeComplete::parse(input.payload) {
        let _ = (done.error_code(), done.error_details(), done.log_result());
    }
    // Any text as the metadata: the whole payload, then the delimiter.
    let mut whole = HttpPreludeSplitter::<{ 64 * 1024 }>::new();
    if let Ok((_, Some(HttpPart::Metadata(meta)))) = whole.push(&[input.payload, &[0; 8]].concat())
    {
        let _ = (
            meta.status_code(),
            meta.headers()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .count(),
            meta.cookies().count(),
        );
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
