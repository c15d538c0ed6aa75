//! This crate against the real `aws-smithy-eventstream` 0.61.6 from the
//! registry, on the shared AWS vectors, the smithy-rs vectors, the recorded
//! Transcribe streams, the Lambda streams and 20,000 generated frames
//! (valid, then corrupted): decoded whole with `read_message_from` and
//! streamed through `MessageFrameDecoder` over a `SegmentedBuf` fed in
//! random pieces, the same messages and the same ok/error outcomes; and
//! every message encoded to the same bytes.
//!
//! The one difference allowed is the documented one: a frame whose prelude
//! is wrong (its CRC, or a length the format cannot have) is an error here
//! at its 12th byte, where the real decoder first waits for the whole
//! declared frame; and header names of length 0, which the format forbids
//! and the real decoder accepts.

use aws_smithy_eventstream as ours;
use aws_smithy_types::DateTime;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::Bytes;
use bytes_utils::SegmentedBuf;
use std::path::{Path, PathBuf};

/// A small deterministic generator: the same corpus every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    fn text(&mut self, len: usize) -> String {
        const PIECES: [&str; 8] = ["a", "Z", ":", "-", "é", "中", "😀", "\u{feff}"];
        (0..len).map(|_| PIECES[self.below(PIECES.len())]).collect()
    }
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

/// Every binary stream of testdata/: the vectors (valid and not), the
/// recordings, Lambda's.
fn testdata_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "encoded/positive",
        "encoded/negative",
        "smithy-rs/test_data",
        "smithy-rs/recorded",
        "lambda",
    ] {
        for entry in std::fs::read_dir(testdata().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e == "bin") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn random_value(rng: &mut Rng) -> HeaderValue {
    match rng.below(10) {
        0 => HeaderValue::Bool(true),
        1 => HeaderValue::Bool(false),
        2 => HeaderValue::Byte(rng.next() as i8),
        3 => HeaderValue::Int16(rng.next() as i16),
        4 => HeaderValue::Int32(rng.next() as i32),
        5 => HeaderValue::Int64(rng.next() as i64),
        6 => {
            let len = rng.below(40);
            HeaderValue::ByteArray(Bytes::from(rng.bytes(len)))
        }
        7 => {
            let len = rng.below(20);
            HeaderValue::String(rng.text(len).into())
        }
        8 => HeaderValue::Timestamp(DateTime::from_millis(rng.next() as i64 >> 20)),
        _ => HeaderValue::Uuid(u128::from(rng.next()) << 64 | u128::from(rng.next())),
    }
}

fn random_message(rng: &mut Rng) -> Message {
    let headers = (0..rng.below(8))
        .map(|_| {
            let len = 1 + rng.below(12);
            Header::new(rng.text(len), random_value(rng))
        })
        .collect();
    let len = [0, 1, 7, 64, 300, 2000][rng.below(6)];
    Message::new_from_parts(headers, Bytes::from(rng.bytes(len)))
}

/// One flipped bit, a changed length, or a cut: most frames it makes are
/// invalid, some on purpose in the prelude.
fn corrupt(rng: &mut Rng, frame: &[u8]) -> Vec<u8> {
    let mut bad = frame.to_vec();
    match rng.below(4) {
        0 => {
            let at = rng.below(bad.len());
            bad[at] ^= 1 << rng.below(8);
        }
        1 => {
            let at = rng.below(12);
            bad[at] = rng.next() as u8;
        }
        2 => bad.truncate(rng.below(bad.len())),
        _ => {
            let at = 12 + rng.below(bad.len() - 12);
            bad[at] = rng.next() as u8;
        }
    }
    bad
}

/// What one decoder made of a stream.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Every frame decoded; `rest` bytes were left over, short of a frame.
    Clean { messages: Vec<Message>, rest: usize },
    /// Frames decoded, then an error.
    Failed { messages: Vec<Message> },
}

fn whole_ours(mut input: &[u8]) -> Outcome {
    let mut messages = Vec::new();
    while !input.is_empty() {
        match ours::frame::read_message_from(&mut input) {
            Ok(message) => messages.push(message),
            Err(_) => return Outcome::Failed { messages },
        }
    }
    Outcome::Clean { messages, rest: 0 }
}

fn whole_real(mut input: &[u8]) -> Outcome {
    let mut messages = Vec::new();
    while !input.is_empty() {
        match real::frame::read_message_from(&mut input) {
            Ok(message) => messages.push(message),
            Err(_) => return Outcome::Failed { messages },
        }
    }
    Outcome::Clean { messages, rest: 0 }
}

/// `input` in pieces of random sizes, as the SDK's receiver gets a body.
fn pieces(rng: &mut Rng, input: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut at = 0;
    while at < input.len() {
        let scale = [3, 20, 200, 5000][rng.below(4)];
        let len = 1 + rng.below(scale);
        let end = (at + len).min(input.len());
        pieces.push(Bytes::copy_from_slice(&input[at..end]));
        at = end;
    }
    pieces
}

macro_rules! streamed {
    ($name:ident, $krate:ident) => {
        /// The SDK receiver's loop: push a piece, decode until `Incomplete`.
        fn $name(pieces: &[Bytes]) -> Outcome {
            let mut decoder = $krate::frame::MessageFrameDecoder::new();
            let mut buffer = SegmentedBuf::new();
            let mut messages = Vec::new();
            for piece in pieces {
                buffer.push(piece.clone());
                loop {
                    match decoder.decode_frame(&mut buffer) {
                        Ok($krate::frame::DecodedFrame::Complete(message)) => {
                            messages.push(message)
                        }
                        Ok($krate::frame::DecodedFrame::Incomplete) => break,
                        Err(_) => return Outcome::Failed { messages },
                    }
                }
            }
            let rest = bytes::Buf::remaining(&buffer);
            Outcome::Clean { messages, rest }
        }
    };
}
streamed!(streamed_ours, ours);
streamed!(streamed_real, real);

/// Whether the input's frames, after the messages both decoded, start
/// with a prelude the format refuses (wrong CRC, impossible length) or a
/// header name of length 0: the documented differences.
fn documented_difference(input: &[u8], decoded: &[Message]) -> bool {
    let mut rest = input;
    for message in decoded {
        let mut frame = Vec::new();
        real::frame::write_message_to(message, &mut frame).unwrap();
        rest = &rest[frame.len().min(rest.len())..];
    }
    let Some(prelude) = rest.first_chunk::<12>() else {
        return false;
    };
    let mut decoder = eventstream_core::Decoder::new();
    let prelude_refused = decoder.decode(prelude).is_err();
    let empty_name = matches!(
        decoder.decode(rest),
        Err(eventstream_core::Error::HeaderNameEmpty { .. })
    );
    prelude_refused || empty_name
}

/// Both decoders, whole and streamed, on `input`: the same outcome, or the
/// documented difference. Returns whether both decoded it all cleanly.
fn compare(rng: &mut Rng, name: &str, input: &[u8]) -> bool {
    let split = pieces(rng, input);
    let mut clean = true;
    for (how, ours, theirs) in [
        ("whole", whole_ours(input), whole_real(input)),
        ("streamed", streamed_ours(&split), streamed_real(&split)),
    ] {
        if ours == theirs {
            clean &= matches!(ours, Outcome::Clean { rest: 0, .. });
            continue;
        }
        // Ours failed where theirs did not (or not yet): only where the
        // format refuses what the real decoder waits for or takes.
        let Outcome::Failed { messages } = &ours else {
            panic!("{name} ({how}): ours {ours:?}, theirs {theirs:?}");
        };
        let theirs_before = match &theirs {
            Outcome::Clean { messages, .. } | Outcome::Failed { messages } => messages,
        };
        assert!(
            theirs_before.starts_with(messages) && documented_difference(input, messages),
            "{name} ({how}): ours {ours:?}, theirs {theirs:?}"
        );
        clean = false;
    }
    clean
}

/// Encodes `message` with both: the same bytes and size hint, or both refuse.
fn compare_encoding(name: &str, message: &Message) {
    use ours::message_size_hint::MessageSizeHint as _;
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let results = (
        ours::frame::write_message_to(message, &mut mine),
        real::frame::write_message_to(message, &mut theirs),
    );
    match results {
        (Ok(()), Ok(())) => {
            assert_eq!(mine, theirs, "{name}: encoded differently");
            assert_eq!(
                message.size_hint(),
                real::message_size_hint::MessageSizeHint::size_hint(message),
                "{name}: size hint"
            );
            let (mut block, mut their_block) = (Vec::new(), Vec::new());
            ours::frame::write_headers_to(message.headers(), &mut block).unwrap();
            real::frame::write_headers_to(message.headers(), &mut their_block).unwrap();
            assert_eq!(block, their_block, "{name}: header block");
        }
        (Err(_), Err(_)) => {}
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn testdata_decodes_and_encodes_as_the_real_crate() {
    let mut rng = Rng(0x5eed);
    let files = testdata_files();
    assert_eq!(files.len(), 30, "testdata files");
    for path in files {
        let input = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        compare(&mut rng, &name, &input);
        if let Outcome::Clean { messages, .. } = whole_real(&input) {
            for message in &messages {
                compare_encoding(&name, message);
            }
        }
    }
}

#[test]
fn twenty_thousand_generated_frames_valid_and_corrupted() {
    let mut rng = Rng(0xe7e7_57ea);
    let (mut valid, mut corrupted, mut refused_early) = (0, 0, 0);
    for index in 0..10_000 {
        let message = random_message(&mut rng);
        compare_encoding(&format!("message {index}"), &message);
        let mut frame = Vec::new();
        real::frame::write_message_to(&message, &mut frame).unwrap();
        assert!(compare(&mut rng, &format!("frame {index}"), &frame));
        let decoded = ours::frame::read_message_from(&frame[..]).unwrap();
        assert_eq!(decoded, message, "frame {index}");
        valid += 1;

        // The same frame, then a corrupted copy, in one stream.
        let bad = corrupt(&mut rng, &frame);
        let stream = [&frame[..], &bad[..]].concat();
        if !compare(&mut rng, &format!("corrupted {index}"), &stream) {
            refused_early += usize::from(documented_difference(&stream, &[message]));
        }
        corrupted += 1;
    }
    assert_eq!((valid, corrupted), (10_000, 10_000));
    eprintln!(
        "{valid} valid, {corrupted} corrupted, {refused_early} refused at the prelude where the real crate waits"
    );
    assert!(
        refused_early > 100,
        "the prelude corruptions were exercised: {refused_early}"
    );
}

#[test]
fn a_hostile_length_is_refused_at_twelve_bytes_where_the_real_crate_waits() {
    let total_len = 0x7fff_fff0u32.to_be_bytes();
    let mut prelude = [0u8; 12];
    prelude[..4].copy_from_slice(&total_len);
    let crc = crc32fast::hash(&prelude[..8]);
    prelude[8..].copy_from_slice(&crc.to_be_bytes());
    let mut body = SegmentedBuf::new();
    body.push(Bytes::copy_from_slice(&prelude));
    body.push(Bytes::from(vec![0u8; 4096]));
    let error = ours::frame::MessageFrameDecoder::new()
        .decode_frame(&mut body)
        .unwrap_err();
    assert!(error.to_string().contains("exceeds"), "{error}");
    let mut body = SegmentedBuf::new();
    body.push(Bytes::copy_from_slice(&prelude));
    body.push(Bytes::from(vec![0u8; 4096]));
    assert!(matches!(
        real::frame::MessageFrameDecoder::new().decode_frame(&mut body),
        Ok(real::frame::DecodedFrame::Incomplete)
    ));
}
