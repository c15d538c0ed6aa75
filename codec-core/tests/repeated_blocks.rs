//! A decoder remembers the last short header block it validated and skips the
//! walk when the next frame carries the same bytes. These tests check that
//! remembering never changes an answer: a shared decoder agrees with a fresh
//! one for every frame, however blocks repeat, differ or are corrupted.

mod common;

use common::{fix_crcs, raw_frame};
use eventstream_core::{
    Decoder, Error, Header, HeaderValue, OwnedHeader, OwnedHeaderValue, OwnedMessage, Status,
    encode_to_vec,
};
use proptest::prelude::*;

const PRELUDE_LEN: usize = 12;

fn payload_chunk(payload: &[u8]) -> Vec<u8> {
    let headers = [
        Header::new(":event-type", HeaderValue::String("PayloadChunk")),
        Header::new(
            ":content-type",
            HeaderValue::String("application/octet-stream"),
        ),
        Header::new(":message-type", HeaderValue::String("event")),
    ];
    encode_to_vec(&headers, payload).unwrap()
}

/// The frame with the header-block byte at `index` replaced, CRCs rewritten
/// so that only the header block is wrong.
fn with_block_byte(frame: &[u8], index: usize, byte: u8) -> Vec<u8> {
    let mut frame = frame.to_vec();
    frame[PRELUDE_LEN + index] = byte;
    fix_crcs(&mut frame);
    frame
}

/// What a decoder says of one complete frame: the message, or the error.
fn answer(decoder: &mut Decoder, frame: &[u8]) -> Result<OwnedMessage, Error> {
    match decoder.decode(frame)? {
        Status::Complete(message) => Ok(OwnedMessage::from(message)),
        Status::Incomplete { needed } => panic!("a whole frame was incomplete, needed {needed}"),
    }
}

#[test]
fn a_repeated_block_decodes_like_the_first() {
    let mut decoder = Decoder::new();
    for payload in [&b"one"[..], b"two", b"", b"three"] {
        let frame = payload_chunk(payload);
        let message = answer(&mut decoder, &frame).unwrap();
        assert_eq!(message.payload, payload);
        assert_eq!(message.headers.len(), 3);
    }
}

#[test]
fn a_block_one_byte_away_from_the_remembered_one_is_still_checked() {
    let mut decoder = Decoder::new();
    let good = payload_chunk(b"x");
    answer(&mut decoder, &good).unwrap();
    // Byte 1 is the first byte of the first name: 0xFF is never UTF-8.
    let bad = with_block_byte(&good, 1, 0xFF);
    let error = answer(&mut decoder, &bad).unwrap_err();
    assert!(
        matches!(error, Error::HeaderNameNotUtf8 { offset: 13, .. }),
        "{error:?}"
    );
    assert_eq!(Err(error), answer(&mut Decoder::new(), &bad));
    // The good block is still remembered, and the bad one was not.
    answer(&mut decoder, &good).unwrap();
    assert_eq!(answer(&mut decoder, &bad), Err(error));
}

#[test]
fn a_changed_length_byte_in_an_otherwise_equal_block_is_caught() {
    let mut decoder = Decoder::new();
    let good = payload_chunk(b"x");
    answer(&mut decoder, &good).unwrap();
    // The first name's length: 11 (":event-type") becomes 200, past the block's end.
    let bad = with_block_byte(&good, 0, 200);
    assert!(matches!(
        answer(&mut decoder, &bad),
        Err(Error::HeaderTruncated { .. })
    ));
}

#[test]
fn blocks_too_long_to_remember_are_validated_every_time() {
    let long_value = "v".repeat(200);
    let headers = [Header::new("long", HeaderValue::String(&long_value))];
    let good = encode_to_vec(&headers, b"p").unwrap();
    let mut decoder = Decoder::new();
    for _ in 0..3 {
        answer(&mut decoder, &good).unwrap();
    }
    // A type byte of 10 is unknown.
    let bad = with_block_byte(&good, 1 + 4, 10);
    assert!(matches!(
        answer(&mut decoder, &bad),
        Err(Error::UnknownHeaderType { type_byte: 10, .. })
    ));
}

#[test]
fn an_empty_block_after_a_remembered_one_decodes() {
    let mut decoder = Decoder::new();
    answer(&mut decoder, &payload_chunk(b"a")).unwrap();
    let empty = raw_frame(&[], b"b");
    assert_eq!(answer(&mut decoder, &empty).unwrap().headers, []);
}

fn small_message() -> impl Strategy<Value = OwnedMessage> {
    let name = prop::sample::select(vec![":event-type", ":content-type", ":message-type", "n"]);
    let value = prop_oneof![
        "[a-z]{0,12}".prop_map(OwnedHeaderValue::String),
        any::<i32>().prop_map(OwnedHeaderValue::Int32),
        any::<bool>().prop_map(OwnedHeaderValue::Bool),
        prop::collection::vec(any::<u8>(), 0..8).prop_map(OwnedHeaderValue::ByteArray),
    ];
    (
        prop::collection::vec((name, value), 0..5),
        prop::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(|(headers, payload)| OwnedMessage {
            headers: headers
                .into_iter()
                .map(|(name, value)| OwnedHeader {
                    name: name.into(),
                    value,
                })
                .collect(),
            payload,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_shared_decoder_answers_every_frame_as_a_fresh_one_does(
        messages in prop::collection::vec(small_message(), 1..4),
        picks in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::option::of((any::<prop::sample::Index>(), any::<u8>()))),
            1..16,
        ),
    ) {
        let frames: Vec<Vec<u8>> = messages.iter().map(|m| m.encode().unwrap()).collect();
        let mut shared = Decoder::new();
        for (which, corruption) in picks {
            let mut frame = which.get(&frames).clone();
            let headers_len = frame.len() - 16 - which.get(&messages).payload.len();
            if let (Some((at, byte)), true) = (corruption, headers_len > 0) {
                frame = with_block_byte(&frame, at.index(headers_len), byte);
            }
            prop_assert_eq!(answer(&mut shared, &frame), answer(&mut Decoder::new(), &frame));
        }
    }
}
