//! Helpers shared by the integration tests: test data, three ways of feeding
//! the decoder, CRC repair and the `decoded/` JSON shape of the shared vectors.
#![allow(dead_code, unreachable_pub, unused_imports)]

pub mod counting_alloc;
mod frames;

pub use frames::frames;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use eventstream_core::{Decoder, Error, Header, HeaderValue, MessageRef, OwnedMessage, Status};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// `testdata/` at the workspace root.
pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

/// Every file of a `testdata/` sub-folder, sorted by name.
pub fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut entries: Vec<_> = std::fs::read_dir(testdata().join(dir))
        .unwrap_or_else(|e| panic!("reading testdata/{dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

/// The borrowed headers of `message`, as the encoder takes them.
pub fn views(message: &OwnedMessage) -> Vec<Header<'_>> {
    message.headers.iter().map(Header::from).collect()
}

/// The value of the first header called `name` among `headers`.
pub fn value_of<'a>(
    headers: impl IntoIterator<Item = Header<'a>>,
    name: &str,
) -> Option<HeaderValue<'a>> {
    headers
        .into_iter()
        .find(|header| header.name == name)
        .map(|header| header.value)
}

/// What decoding a byte stream gave: the frames, then the error that stopped it, if any.
#[derive(Debug, PartialEq)]
pub struct Outcome {
    pub messages: Vec<OwnedMessage>,
    pub error: Option<Error>,
    /// Bytes left over: part of a frame, at the end of input.
    pub leftover: usize,
}

/// Decodes `input` fed in chunks of the given sizes (cycled), the way a
/// network reader would: append each chunk, decode what is complete.
/// Checks that every `needed` is honest: one byte fewer than `needed` is still incomplete.
pub fn decode_chunked(input: &[u8], chunk_sizes: &[usize]) -> Outcome {
    let mut decoder = Decoder::new();
    let mut buffered: Vec<u8> = Vec::new();
    let mut consumed = 0;
    let mut fed = 0;
    let mut messages = Vec::new();
    let mut sizes = chunk_sizes.iter().copied().cycle();
    while fed < input.len() {
        let size = sizes.next().unwrap().max(1);
        let end = (fed + size).min(input.len());
        buffered.extend_from_slice(&input[fed..end]);
        fed = end;
        loop {
            match decoder.decode(&buffered[consumed..]) {
                Ok(Status::Complete(message)) => {
                    consumed += message.len();
                    messages.push(OwnedMessage::from(message));
                }
                Ok(Status::Incomplete { needed }) => {
                    assert!(needed > 0, "Incomplete must need at least one byte");
                    check_needed_is_honest(
                        &mut decoder,
                        &input[consumed..],
                        buffered.len() - consumed,
                        needed,
                    );
                    break;
                }
                Err(error) => {
                    return Outcome {
                        messages,
                        error: Some(error),
                        leftover: input.len() - consumed,
                    };
                }
            }
        }
    }
    Outcome {
        messages,
        error: None,
        leftover: buffered.len() - consumed,
    }
}

/// With `have` bytes of the frame buffered and `needed` reported, `have + needed - 1`
/// bytes of the real stream must still be incomplete (or an error, never a frame).
fn check_needed_is_honest(decoder: &mut Decoder, stream: &[u8], have: usize, needed: usize) {
    let probe = (have + needed - 1).min(stream.len());
    if let Ok(Status::Complete(_)) = decoder.decode(&stream[..probe]) {
        panic!(
            "decoder said {needed} more bytes were needed after {have}, but {probe} were enough"
        );
    }
}

/// The three ways every test input is decoded: whole, one byte at a time, random chunks.
pub fn decode_three_ways(input: &[u8]) -> Outcome {
    let whole = decode_chunked(input, &[input.len().max(1)]);
    let bytewise = decode_chunked(input, &[1]);
    assert_eq!(whole, bytewise, "one byte at a time differs from one shot");
    let mut rng = XorShift(input.len() as u64 * 2654435761 + 1);
    let sizes: Vec<usize> = (0..64).map(|_| 1 + rng.below(97)).collect();
    let random = decode_chunked(input, &sizes);
    assert_eq!(
        whole, random,
        "random chunks {sizes:?} differ from one shot"
    );
    whole
}

/// A tiny deterministic PRNG for chunk sizes and corruptions.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Rewrites both CRCs of a frame so that only its other bytes are tested.
pub fn fix_crcs(frame: &mut [u8]) {
    if frame.len() < 12 {
        return;
    }
    let prelude_crc = crc32fast::hash(&frame[..8]);
    frame[8..12].copy_from_slice(&prelude_crc.to_be_bytes());
    if frame.len() >= 16 {
        let end = frame.len() - 4;
        let message_crc = crc32fast::hash(&frame[..end]);
        frame[end..].copy_from_slice(&message_crc.to_be_bytes());
    }
}

/// Builds a frame from raw prelude lengths and header-block bytes, CRCs correct.
pub fn raw_frame(headers: &[u8], payload: &[u8]) -> Vec<u8> {
    let total = 16 + headers.len() + payload.len();
    let mut frame = Vec::with_capacity(total);
    frame.extend_from_slice(&(total as u32).to_be_bytes());
    frame.extend_from_slice(&(headers.len() as u32).to_be_bytes());
    frame.extend_from_slice(&[0; 4]);
    frame.extend_from_slice(headers);
    frame.extend_from_slice(payload);
    frame.extend_from_slice(&[0; 4]);
    fix_crcs(&mut frame);
    frame
}

/// A decoded frame in the shape of the shared vectors' `decoded/` JSON files.
pub fn to_vector_json(message: MessageRef<'_>) -> Value {
    let headers: Vec<Value> = message
        .headers()
        .map(|header| {
            let value = match header.value {
                HeaderValue::Bool(v) => json!(v),
                HeaderValue::Byte(v) => json!(v),
                HeaderValue::Int16(v) => json!(v),
                HeaderValue::Int32(v) => json!(v),
                HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => json!(v),
                HeaderValue::ByteArray(v) => json!(BASE64.encode(v)),
                HeaderValue::String(v) => json!(BASE64.encode(v)),
                HeaderValue::Uuid(v) => json!(BASE64.encode(v)),
            };
            json!({ "name": header.name, "type": header.value.type_byte(), "value": value })
        })
        .collect();
    let prelude = message.prelude();
    json!({
        "total_length": prelude.total_len(),
        "headers_length": prelude.headers_len(),
        "prelude_crc": prelude.crc() as i32,
        "headers": headers,
        "payload": BASE64.encode(message.payload()),
        "message_crc": message.message_crc() as i32,
    })
}

/// Decodes a buffer that must hold exactly one valid frame.
pub fn decode_one(bytes: &[u8]) -> MessageRef<'_> {
    match Decoder::new().decode(bytes) {
        Ok(Status::Complete(message)) => message,
        other => panic!("expected one frame, got {other:?}"),
    }
}

/// proptest strategies for messages: all ten header types, names of 1..=255
/// bytes, values of 0..=32767 bytes, payloads up to 256 KiB.
pub mod strategy {
    use eventstream_core::{OwnedHeader, OwnedHeaderValue, OwnedMessage};
    use proptest::collection::vec;
    use proptest::prelude::*;

    /// A string of at most `max` bytes, cut on a character boundary.
    fn text(max_chars: usize, max_bytes: usize) -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::string::string_regex(&format!("[a-zA-Z0-9:_-]{{0,{max_chars}}}")).unwrap(),
            proptest::string::string_regex(&format!(".{{0,{max_chars}}}")).unwrap(),
        ]
        .prop_map(move |mut s| {
            let mut end = s.len().min(max_bytes);
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s.truncate(end);
            s
        })
    }

    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => text(24, 255),
            1 => text(255, 255),
        ]
        .prop_map(|s| if s.is_empty() { ":".into() } else { s })
    }

    fn long_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            8 => vec(any::<u8>(), 0..64),
            1 => (0..=max, any::<u8>()).prop_map(|(len, seed)| (0..len).map(|i| (i as u8).wrapping_mul(seed)).collect()),
        ]
    }

    pub fn value() -> impl Strategy<Value = OwnedHeaderValue> {
        prop_oneof![
            any::<bool>().prop_map(OwnedHeaderValue::Bool),
            any::<i8>().prop_map(OwnedHeaderValue::Byte),
            any::<i16>().prop_map(OwnedHeaderValue::Int16),
            any::<i32>().prop_map(OwnedHeaderValue::Int32),
            any::<i64>().prop_map(OwnedHeaderValue::Int64),
            long_bytes(32767).prop_map(OwnedHeaderValue::ByteArray),
            prop_oneof![
                8 => text(32, 32767),
                1 => (0..=32767usize).prop_map(|len| "é".repeat(len / 2)),
            ]
            .prop_map(OwnedHeaderValue::String),
            any::<i64>().prop_map(OwnedHeaderValue::Timestamp),
            any::<[u8; 16]>().prop_map(OwnedHeaderValue::Uuid),
        ]
    }

    pub fn message() -> impl Strategy<Value = OwnedMessage> {
        (vec((name(), value()), 0..8), long_bytes(256 * 1024)).prop_map(|(headers, payload)| {
            OwnedMessage {
                headers: headers
                    .into_iter()
                    .map(|(name, value)| OwnedHeader { name, value })
                    .collect(),
                payload,
            }
        })
    }
}

/// Decodes `input` with the streaming decoder, fed in chunks of the given sizes
/// (cycled). Frames count only once their `End` arrives (CRC checked); a frame
/// cut off by the end of input counts as leftover.
pub fn stream_decode_chunked<const N: usize>(input: &[u8], chunk_sizes: &[usize]) -> Outcome {
    use eventstream_core::{Event, OwnedHeader, StreamDecoder};
    let mut decoder = StreamDecoder::<N>::new();
    let mut messages = Vec::new();
    let mut current = OwnedMessage::default();
    let mut frame_start = 0;
    let mut fed = 0;
    let mut sizes = chunk_sizes.iter().copied().cycle();
    while fed < input.len() {
        let size = sizes.next().unwrap().max(1);
        let chunk = &input[fed..(fed + size).min(input.len())];
        let mut rest = chunk;
        loop {
            let consumed_before = fed + (chunk.len() - rest.len());
            let (used, event) = match decoder.decode(rest) {
                Ok(step) => step,
                Err(error) => {
                    return Outcome {
                        messages,
                        error: Some(error),
                        leftover: input.len() - frame_start,
                    };
                }
            };
            rest = &rest[used..];
            match event {
                None => break,
                Some(Event::Prelude(_)) => {
                    current = OwnedMessage::default();
                    assert_eq!(
                        frame_start + 12,
                        consumed_before + used,
                        "prelude event after exactly 12 bytes"
                    );
                }
                Some(Event::Headers) => {
                    let headers = decoder.headers().expect("headers after Event::Headers");
                    current.headers = headers.map(OwnedHeader::from).collect()
                }
                Some(Event::Payload(segment)) => {
                    assert!(!segment.is_empty(), "empty payload segment");
                    current.payload.extend_from_slice(segment);
                }
                Some(Event::End { .. }) => {
                    messages.push(std::mem::take(&mut current));
                    frame_start = consumed_before + used;
                }
            }
        }
        fed += chunk.len();
    }
    Outcome {
        messages,
        error: None,
        leftover: input.len() - frame_start,
    }
}
