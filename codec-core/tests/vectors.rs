//! The shared AWS vectors, smithy-rs's extra vectors and the recorded Transcribe
//! streams, each decoded whole, one byte at a time and in random chunks.

mod common;

use common::{decode_one, decode_three_ways, files, to_vector_json};
use eventstream_core::{Decoder, Error, Header, HeaderValue, OwnedMessage, encode_to_vec};
use serde_json::Value;

#[test]
fn positive_vectors_decode_to_their_json_and_reencode_identically() {
    let vectors = files("encoded/positive");
    assert_eq!(vectors.len(), 5);
    for (name, bytes) in vectors {
        let expected: Value = serde_json::from_slice(
            &std::fs::read(common::testdata().join("decoded/positive").join(&name)).unwrap(),
        )
        .unwrap();
        let message = decode_one(&bytes);
        assert_eq!(message.len(), bytes.len(), "{name}");
        assert_eq!(to_vector_json(message), expected, "{name}");

        let outcome = decode_three_ways(&bytes);
        assert_eq!((outcome.messages.len(), outcome.error), (1, None), "{name}");

        let headers: Vec<Header<'_>> = message.headers().collect();
        assert_eq!(
            encode_to_vec(&headers, message.payload()).unwrap(),
            bytes,
            "{name}"
        );
    }
}

#[test]
fn negative_vectors_are_rejected_with_the_expected_checksum_error() {
    let vectors = files("encoded/negative");
    assert_eq!(vectors.len(), 4);
    for (name, bytes) in vectors {
        let expected =
            std::fs::read_to_string(common::testdata().join("decoded/negative").join(&name))
                .unwrap();
        let error = Decoder::new().decode(&bytes).expect_err(&name);
        match expected.trim() {
            "Prelude checksum mismatch" => assert!(
                matches!(error, Error::PreludeChecksum { .. }),
                "{name}: {error}"
            ),
            "Message checksum mismatch" => assert!(
                matches!(error, Error::MessageChecksum { .. }),
                "{name}: {error}"
            ),
            other => panic!("{name}: unexpected expectation {other:?}"),
        }
        let outcome = decode_three_ways(&bytes);
        assert_eq!(outcome.error, Some(error), "{name}");
    }
}

#[test]
fn corrupted_length_is_an_error_even_though_the_input_is_shorter_than_declared() {
    let bytes =
        std::fs::read(common::testdata().join("encoded/negative/corrupted_length")).unwrap();
    assert_eq!(
        (
            bytes.len(),
            u32::from_be_bytes(bytes[..4].try_into().unwrap())
        ),
        (61, 62)
    );
    assert!(matches!(
        Decoder::new().decode(&bytes),
        Err(Error::PreludeChecksum { .. })
    ));
    // Already at 12 bytes: nobody waits for the 62 declared.
    assert!(matches!(
        Decoder::new().decode(&bytes[..12]),
        Err(Error::PreludeChecksum { .. })
    ));
}

#[test]
fn smithy_valid_vectors_decode_and_reencode() {
    for (name, bytes) in files("smithy-rs/test_data")
        .into_iter()
        .filter(|(n, _)| n.starts_with("valid_"))
    {
        let message = decode_one(&bytes);
        let owned = OwnedMessage::from(message);
        assert_eq!(owned.encode().unwrap(), bytes, "{name}");
        assert_eq!(decode_three_ways(&bytes).messages, vec![owned], "{name}");
    }
}

#[test]
fn smithy_all_headers_vector_has_the_values_smithy_asserts() {
    let bytes = std::fs::read(
        common::testdata().join("smithy-rs/test_data/valid_with_all_headers_and_payload"),
    )
    .unwrap();
    let message = decode_one(&bytes);
    let headers: Vec<Header<'_>> = message.headers().collect();
    let uuid = 0xb79bc914_de21_4e13_b8b2_bc47e85b7f0b_u128.to_be_bytes();
    assert_eq!(
        headers,
        [
            Header::new("true", HeaderValue::Bool(true)),
            Header::new("false", HeaderValue::Bool(false)),
            Header::new("byte", HeaderValue::Byte(50)),
            Header::new("short", HeaderValue::Int16(20000)),
            Header::new("int", HeaderValue::Int32(500000)),
            Header::new("long", HeaderValue::Int64(50000000000)),
            Header::new("bytes", HeaderValue::ByteArray(b"some bytes")),
            Header::new("str", HeaderValue::String("some str")),
            Header::new("time", HeaderValue::Timestamp(5_000_000_000)),
            Header::new("uuid", HeaderValue::Uuid(uuid)),
        ]
    );
    assert_eq!(message.payload(), b"some payload");
}

#[test]
fn smithy_invalid_vectors_are_all_rejected() {
    let invalid: Vec<_> = files("smithy-rs/test_data")
        .into_iter()
        .filter(|(n, _)| n.starts_with("invalid_"))
        .collect();
    assert_eq!(invalid.len(), 8);
    for (name, bytes) in invalid {
        let outcome = decode_three_ways(&bytes);
        assert!(outcome.messages.is_empty(), "{name} decoded");
        assert!(outcome.error.is_some(), "{name} not rejected: {outcome:?}");
    }
}

#[test]
fn smithy_checksum_vectors_report_computed_and_wire_crcs_correctly() {
    let prelude =
        std::fs::read(common::testdata().join("smithy-rs/test_data/invalid_prelude_checksum"))
            .unwrap();
    assert_eq!(
        Decoder::new().decode(&prelude),
        Err(Error::PreludeChecksum {
            computed: 0x8BB495FB,
            on_wire: 0xDEADBEEF
        })
    );
    let message =
        std::fs::read(common::testdata().join("smithy-rs/test_data/invalid_message_checksum"))
            .unwrap();
    assert_eq!(
        Decoder::new().decode(&message),
        Err(Error::MessageChecksum {
            computed: 0x01A05860,
            on_wire: 0xDEADBEEF,
            offset: message.len() - 4
        })
    );
}

#[test]
fn recorded_transcribe_success_stream_decodes_completely() {
    let bytes = std::fs::read(
        common::testdata().join("smithy-rs/recorded/transcribestreaming_success.response.bin"),
    )
    .unwrap();
    let outcome = decode_three_ways(&bytes);
    assert_eq!(
        (outcome.messages.len(), outcome.error, outcome.leftover),
        (35, None, 0)
    );
    for frame in common::frames(&bytes) {
        let frame = frame.unwrap();
        assert_eq!(
            frame.header(":event-type"),
            Some(HeaderValue::String("TranscriptEvent"))
        );
        assert_eq!(
            frame.header(":message-type"),
            Some(HeaderValue::String("event"))
        );
        assert!(frame.payload().starts_with(b"{"));
    }
}

#[test]
fn recorded_transcribe_error_stream_is_one_exception_frame() {
    let bytes = std::fs::read(
        common::testdata().join("smithy-rs/recorded/transcribestreaming_error.response.bin"),
    )
    .unwrap();
    let frames: Vec<_> = common::frames(&bytes).collect::<Result<_, _>>().unwrap();
    assert_eq!(frames.len(), 1);
    assert_eq!(
        frames[0].header(":message-type"),
        Some(HeaderValue::String("exception"))
    );
    assert_eq!(
        frames[0].header(":exception-type"),
        Some(HeaderValue::String("BadRequestException"))
    );
    assert_eq!(
        frames[0].payload(),
        br#"{"Message":"A complete signal was sent without the preceding empty frame."}"#
    );
    assert_eq!(decode_three_ways(&bytes).messages.len(), 1);
}
