//! Any encodable message (every header type, names of 1..=255 bytes, values
//! up to 32767 bytes) encodes, decodes and compares equal, in both decoders.
#![no_main]

use eventstream_core::{Decoder, Event, OwnedHeader, OwnedMessage, StreamDecoder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|message: OwnedMessage| {
    let Ok(bytes) = message.encode() else { return };
    let decoded = Decoder::new().decode(&bytes).unwrap().complete().unwrap();
    assert_eq!(decoded.len(), bytes.len());
    assert_eq!(OwnedMessage::from(decoded), message);

    let mut stream = StreamDecoder::<{ 128 * 1024 }>::new();
    let mut rest = &bytes[..];
    let mut rebuilt = OwnedMessage::default();
    let mut ended = false;
    while let (used, Some(event)) = stream.decode(rest).unwrap() {
        rest = &rest[used..];
        match event {
            Event::Headers => {
                rebuilt.headers = stream.headers().unwrap().map(OwnedHeader::from).collect()
            }
            Event::Payload(segment) => rebuilt.payload.extend_from_slice(segment),
            Event::End { .. } => ended = true,
            Event::Prelude(_) => {}
        }
    }
    assert!(ended);
    assert_eq!(rebuilt, message);
});
