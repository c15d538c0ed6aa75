//! Arbitrary bytes cut at arbitrary places: the streaming decoder and the
//! whole-frame decoder agree on every header, payload byte and error.
#![no_main]

use arbitrary::Arbitrary;
use eventstream_core::{Error, Event, OwnedHeader, OwnedMessage, StreamDecoder};
use libfuzzer_sys::fuzz_target;

#[path = "shared.rs"]
mod shared;
use shared::prepared;

#[derive(Debug, Arbitrary)]
struct Input {
    chunks: Vec<u8>,
    fix_crcs: bool,
    data: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let (data, whole, whole_error) = prepared(input.data, input.fix_crcs);
    let sizes: Vec<usize> = if input.chunks.is_empty() {
        vec![1]
    } else {
        input.chunks.iter().map(|&c| usize::from(c) + 1).collect()
    };

    let mut decoder = StreamDecoder::<{ 128 * 1024 }>::new();
    let mut frames = Vec::new();
    let mut current = OwnedMessage::default();
    let mut error = None;
    let mut at = 0;
    'feed: for size in sizes.iter().cycle() {
        if at >= data.len() {
            break;
        }
        let end = (at + size).min(data.len());
        let mut rest = &data[at..end];
        at = end;
        loop {
            match decoder.decode(rest) {
                Ok((used, Some(event))) => {
                    rest = &rest[used..];
                    match event {
                        Event::Prelude(_) => current = OwnedMessage::default(),
                        Event::Headers => {
                            let headers = decoder.headers().unwrap();
                            current.headers = headers.map(OwnedHeader::from).collect()
                        }
                        Event::Payload(segment) => current.payload.extend_from_slice(segment),
                        Event::End { .. } => frames.push(std::mem::take(&mut current)),
                    }
                }
                Ok((_, None)) => break,
                Err(e) => {
                    error = Some(e);
                    break 'feed;
                }
            }
        }
    }
    assert_eq!(frames, whole);
    match (whole_error, error) {
        (Some(Error::Truncated { .. }), Some(e)) => assert!(
            e.offset() >= 12,
            "only a header error may come before the end: {e}"
        ),
        (Some(Error::Truncated { .. }), None) | (None, None) => {}
        (a, b) => assert_eq!(a, b),
    }
});
