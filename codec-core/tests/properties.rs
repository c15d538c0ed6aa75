//! Property tests: round trips, split invariance and bit-flip rejection over any message.

mod common;

use common::{decode_chunked, decode_one, strategy};
use eventstream_core::{
    Decoder, Header, HeaderValue, OwnedMessage, Status, encode_head, encode_to_vec, head_len,
};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn encode_then_decode_gives_the_message_back(message in strategy::message()) {
        let bytes = message.encode().unwrap();
        let decoded = decode_one(&bytes);
        prop_assert_eq!(decoded.len(), bytes.len());
        prop_assert_eq!(OwnedMessage::from(decoded), message);
    }

    #[test]
    fn decode_then_encode_reproduces_the_input_bytes(message in strategy::message()) {
        let bytes = message.encode().unwrap();
        let decoded = decode_one(&bytes);
        let headers: Vec<Header<'_>> = decoded.headers().collect();
        prop_assert_eq!(encode_to_vec(&headers, decoded.payload()).unwrap(), bytes);
    }

    #[test]
    fn vectored_head_and_trailer_equal_the_contiguous_encoding(message in strategy::message()) {
        let headers = common::views(&message);
        let mut head = vec![0; head_len(&headers).unwrap()];
        let encoded = encode_head(&headers, &message.payload, &mut head).unwrap();
        let joined = [&head[..encoded.head_len], &message.payload, &encoded.trailer].concat();
        prop_assert_eq!(joined, message.encode().unwrap());
    }

    #[test]
    fn any_split_of_a_stream_gives_the_same_frames(
        messages in proptest::collection::vec(strategy::message(), 1..4),
        chunks in proptest::collection::vec(1usize..300, 1..8),
    ) {
        let stream: Vec<u8> = messages.iter().flat_map(|m| m.encode().unwrap()).collect();
        let outcome = decode_chunked(&stream, &chunks);
        prop_assert_eq!(outcome.error, None);
        prop_assert_eq!(outcome.leftover, 0);
        prop_assert_eq!(outcome.messages, messages);
    }

    #[test]
    fn any_split_point_of_one_frame_is_incomplete_then_complete(message in strategy::message(), cut in any::<prop::sample::Index>()) {
        let bytes = message.encode().unwrap();
        let cut = cut.index(bytes.len());
        let mut decoder = Decoder::new();
        match decoder.decode(&bytes[..cut]).unwrap() {
            Status::Incomplete { needed } => prop_assert!(needed <= bytes.len() - cut && needed > 0),
            Status::Complete(_) => prop_assert!(false, "a prefix decoded"),
        }
        prop_assert!(decoder.decode(&bytes).unwrap().complete().is_some());
    }

    #[test]
    fn any_single_flipped_bit_is_rejected(message in strategy::message(), at in any::<prop::sample::Index>(), bit in 0..8u8) {
        let mut bytes = message.encode().unwrap();
        let at = at.index(bytes.len());
        bytes[at] ^= 1 << bit;
        // Either an error, or (a flipped length) a frame still waiting for bytes: never a frame.
        let result = Decoder::new().decode(&bytes);
        prop_assert!(!matches!(result, Ok(Status::Complete(_))), "flip at {} bit {} accepted", at, bit);
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_frames_never_overrun(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for frame in common::frames(&bytes) {
            match frame {
                Ok(message) => prop_assert!(message.len() <= bytes.len()),
                Err(error) => { let _ = error.to_string(); }
            }
        }
    }
}

/// Iteration makes text of a block's names and strings a segment at a time;
/// a binary value that is not UTF-8 (a UUID, a signature, a timestamp)
/// switches it to runs of ASCII between such values, and a field with other
/// UTF-8 in it is validated alone. Every mix reads back what was written.
#[test]
fn text_after_binary_values_reads_back_whatever_surrounds_it() {
    let not_utf8 = [
        HeaderValue::Uuid([0xab; 16]),
        HeaderValue::ByteArray(&[0xff, b'a', 0xc3]),
        HeaderValue::Timestamp(0x0000_018b_cfe5_6800),
        HeaderValue::Byte(-3),
    ];
    let texts = [
        "plain",
        "naïve",
        "日本語のヘッダー",
        "a",
        "x".repeat(40).leak(),
        "émoji 🦀 at the end",
    ];
    for (i, binary) in not_utf8.iter().enumerate() {
        for (j, text) in texts.iter().enumerate() {
            let other = texts[(i + j + 1) % texts.len()];
            let headers = [
                Header::new(text, HeaderValue::String(other)),
                Header::new("bin", *binary),
                Header::new(other, HeaderValue::String(text)),
                Header::new(text, HeaderValue::Int32(7)),
                Header::new("after", *binary),
                Header::new(other, HeaderValue::Bool(true)),
                Header::new("ascii-name", HeaderValue::String(text)),
            ];
            let frame = encode_to_vec(&headers, b"").unwrap();
            let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
            let read: Vec<Header<'_>> = message.headers().collect();
            assert_eq!(read, headers, "binary {i}, text {j}");
            for header in &headers {
                let first = headers.iter().find(|h| h.name == header.name).unwrap();
                assert_eq!(message.header(header.name), Some(first.value));
            }
        }
    }
}
