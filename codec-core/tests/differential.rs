//! Differential tests against `aws-smithy-eventstream`, the AWS SDK for Rust's
//! own codec: same decoding, byte-identical encoding, and we never accept a
//! frame it rejects.
//!
//! Intentional differences, all in the direction of rejecting more:
//! - an empty header name: smithy accepts it, we reject it (the spec says 1..=255 bytes);
//! - smithy parses headers before checking the message CRC, we check the CRC
//!   first, so the same bad frame may get a different error kind (both reject).

mod common;

use aws_smithy_eventstream::frame::{read_message_from, write_message_to};
use aws_smithy_types::DateTime;
use aws_smithy_types::event_stream::{
    Header as SmithyHeader, HeaderValue as SmithyValue, Message as SmithyMessage,
};
use bytes::Bytes;
use common::{XorShift, fix_crcs, strategy};
use eventstream_core::{Decoder, OwnedHeader, OwnedHeaderValue, OwnedMessage, Status};
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

fn to_smithy(message: &OwnedMessage) -> SmithyMessage {
    let headers = message
        .headers
        .iter()
        .map(|h| {
            let value = match &h.value {
                OwnedHeaderValue::Bool(v) => SmithyValue::Bool(*v),
                OwnedHeaderValue::Byte(v) => SmithyValue::Byte(*v),
                OwnedHeaderValue::Int16(v) => SmithyValue::Int16(*v),
                OwnedHeaderValue::Int32(v) => SmithyValue::Int32(*v),
                OwnedHeaderValue::Int64(v) => SmithyValue::Int64(*v),
                OwnedHeaderValue::ByteArray(v) => SmithyValue::ByteArray(Bytes::from(v.clone())),
                OwnedHeaderValue::String(v) => SmithyValue::String(v.clone().into()),
                OwnedHeaderValue::Timestamp(v) => SmithyValue::Timestamp(DateTime::from_millis(*v)),
                OwnedHeaderValue::Uuid(v) => SmithyValue::Uuid(u128::from_be_bytes(*v)),
            };
            SmithyHeader::new(h.name.clone(), value)
        })
        .collect();
    SmithyMessage::new_from_parts(headers, message.payload.clone())
}

fn from_smithy(message: &SmithyMessage) -> OwnedMessage {
    let headers = message
        .headers()
        .iter()
        .map(|h| {
            let value = match h.value() {
                SmithyValue::Bool(v) => OwnedHeaderValue::Bool(*v),
                SmithyValue::Byte(v) => OwnedHeaderValue::Byte(*v),
                SmithyValue::Int16(v) => OwnedHeaderValue::Int16(*v),
                SmithyValue::Int32(v) => OwnedHeaderValue::Int32(*v),
                SmithyValue::Int64(v) => OwnedHeaderValue::Int64(*v),
                SmithyValue::ByteArray(v) => OwnedHeaderValue::ByteArray(v.to_vec()),
                SmithyValue::String(v) => OwnedHeaderValue::String(v.as_str().into()),
                SmithyValue::Timestamp(v) => OwnedHeaderValue::Timestamp(v.to_millis().unwrap()),
                SmithyValue::Uuid(v) => OwnedHeaderValue::Uuid(v.to_be_bytes()),
                other => panic!("unexpected smithy value {other:?}"),
            };
            OwnedHeader {
                name: h.name().as_str().into(),
                value,
            }
        })
        .collect();
    OwnedMessage {
        headers,
        payload: message.payload().to_vec(),
    }
}

fn ours(bytes: &[u8]) -> Option<OwnedMessage> {
    match Decoder::new().decode(bytes) {
        Ok(Status::Complete(message)) if message.len() == bytes.len() => Some(message.into()),
        _ => None,
    }
}

fn theirs(bytes: &[u8]) -> Option<OwnedMessage> {
    read_message_from(&mut Bytes::copy_from_slice(bytes))
        .ok()
        .map(|m| from_smithy(&m))
}

static ROUND_TRIPS: AtomicUsize = AtomicUsize::new(0);
static CORRUPTIONS: AtomicUsize = AtomicUsize::new(0);
static ACCEPTED_CORRUPTIONS: AtomicUsize = AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn smithy_encoded_messages_decode_identically_and_we_encode_byte_identically(message in strategy::message()) {
        let mut smithy_bytes = Vec::new();
        write_message_to(&to_smithy(&message), &mut smithy_bytes).unwrap();
        prop_assert_eq!(ours(&smithy_bytes), Some(message.clone()));
        prop_assert_eq!(message.encode().unwrap(), smithy_bytes);
        prop_assert_eq!(theirs(&message.encode().unwrap()), Some(message));
        ROUND_TRIPS.fetch_add(1, Ordering::Relaxed);
    }

    #[test]
    fn on_corrupted_frames_we_never_accept_what_smithy_rejects(
        message in strategy::message(),
        seed in any::<u64>(),
        flips in 1usize..4,
        recompute_crcs in any::<bool>(),
    ) {
        let mut bytes = message.encode().unwrap();
        let mut rng = XorShift(seed | 1);
        for _ in 0..flips {
            // Mostly inside the prelude and header block, where the parsers differ.
            let span = (12 + bytes.len() / 8).min(bytes.len());
            let at = if rng.below(4) == 0 { rng.below(bytes.len()) } else { rng.below(span) };
            bytes[at] = rng.next() as u8;
        }
        if recompute_crcs {
            fix_crcs(&mut bytes);
        }
        CORRUPTIONS.fetch_add(1, Ordering::Relaxed);
        if let Some(accepted) = ours(&bytes) {
            ACCEPTED_CORRUPTIONS.fetch_add(1, Ordering::Relaxed);
            prop_assert_eq!(theirs(&bytes), Some(accepted), "we accepted a frame smithy rejects or reads differently");
        }
    }
}

#[test]
fn shared_vectors_agree_with_smithy() {
    let mut compared = 0;
    for dir in [
        "encoded/positive",
        "encoded/negative",
        "smithy-rs/test_data",
    ] {
        for (name, bytes) in common::files(dir) {
            let (a, b) = (ours(&bytes), theirs(&bytes));
            if a.is_some() {
                assert_eq!(a, b, "{dir}/{name}");
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 20);
}

#[test]
fn zz_report_counts() {
    // Printed with --nocapture; the counts are for the closing note.
    eprintln!(
        "differential: {} round trips, {} corruptions ({} accepted by both)",
        ROUND_TRIPS.load(Ordering::Relaxed),
        CORRUPTIONS.load(Ordering::Relaxed),
        ACCEPTED_CORRUPTIONS.load(Ordering::Relaxed)
    );
}
