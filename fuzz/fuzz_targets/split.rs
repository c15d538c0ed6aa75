//! Arbitrary bytes cut at arbitrary places: the streaming decoder and the
//! whole-frame decoder agree on every header, payload byte and error.
#![no_main]

use arbitrary::Arbitrary;
use eventstream_core::{Decoder, Error, Event, OwnedHeader, OwnedMessage, StreamDecoder};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    chunks: Vec<u8>,
    fix_crcs: bool,
    data: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let mut data = input.data;
    if input.fix_crcs {
        fix_frames(&mut data);
    }
    let (whole, whole_error) = whole_frames(&data);
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

fn whole_frames(data: &[u8]) -> (Vec<OwnedMessage>, Option<Error>) {
    let mut frames = Vec::new();
    for frame in Decoder::new().frames(data) {
        match frame {
            Ok(message) => frames.push(OwnedMessage::from(message)),
            Err(error) => return (frames, Some(error)),
        }
    }
    (frames, None)
}

/// Rewrites lengths and CRCs so that the data is a sequence of valid-looking frames.
fn fix_frames(data: &mut [u8]) {
    let mut start = 0;
    while data.len() - start >= 16 {
        let frame = &mut data[start..];
        let total = (u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]) as usize
            % (frame.len() - 15))
            + 16;
        let frame = &mut frame[..total];
        let headers =
            u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]) % (total as u32 - 15);
        frame[..4].copy_from_slice(&(total as u32).to_be_bytes());
        frame[4..8].copy_from_slice(&headers.to_be_bytes());
        let crc = crc32fast::hash(&frame[..8]);
        frame[8..12].copy_from_slice(&crc.to_be_bytes());
        let crc = crc32fast::hash(&frame[..total - 4]);
        frame[total - 4..].copy_from_slice(&crc.to_be_bytes());
        start += total;
    }
}
