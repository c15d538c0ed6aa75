//! The README's Encode example: a frame into a buffer, no allocation.
//! The README holds this file's text after these lines (tests/readme.rs checks it).

use eventstream::{EncodeError, Header, HeaderValue, encode, encoded_len};

fn main() -> Result<(), EncodeError> {
    let headers = [
        Header::new(":message-type", HeaderValue::String("event")),
        Header::new(":event-type", HeaderValue::String("PayloadChunk")),
        Header::new(
            ":content-type",
            HeaderValue::String("application/octet-stream"),
        ),
    ];
    let payload = b"hello";
    let mut frame = vec![0u8; encoded_len(&headers, payload.len())?];
    let written = encode(&headers, payload, &mut frame)?; // into any buffer, no allocation
    assert_eq!(written, frame.len());
    Ok(())
}
