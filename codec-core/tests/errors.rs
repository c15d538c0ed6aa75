//! Bad input gets its own clear error, at the earliest byte that shows it,
//! never a panic and never "incomplete" for something already known to be wrong.

mod common;

use common::{fix_crcs, raw_frame};
use eventstream_core::{
    Decoder, EncodeError, Error, Header, HeaderField, HeaderValue, Limits, Status, encode,
    encode_to_vec, encoded_len,
};

/// The spec's largest frame: prelude and CRC, 128 KiB of headers, 24 MiB of
/// payload (`Limits::default()`, checked by `default_limits_are_the_spec`).
const MAX_MESSAGE_LEN: u32 = 16 + 128 * 1024 + 24 * 1024 * 1024;

#[test]
fn default_limits_are_the_spec() {
    let spec = Limits::default();
    assert_eq!(
        (spec.max_message_len, spec.max_headers_len),
        (MAX_MESSAGE_LEN, 128 * 1024)
    );
}

fn decode(bytes: &[u8]) -> Result<Status<usize>, Error> {
    decode_with(&mut Decoder::new(), bytes)
}

/// What `decoder` says of `bytes`, a whole frame as its length.
fn decode_with(decoder: &mut Decoder, bytes: &[u8]) -> Result<Status<usize>, Error> {
    Ok(match decoder.decode(bytes)? {
        Status::Complete(message) => Status::Complete(message.len()),
        Status::Incomplete { needed } => Status::Incomplete { needed },
    })
}

/// A 12-byte prelude with a correct CRC.
fn prelude(total_len: u32, headers_len: u32) -> Vec<u8> {
    let mut bytes = [total_len.to_be_bytes(), headers_len.to_be_bytes(), [0; 4]].concat();
    fix_crcs(&mut bytes);
    bytes
}

#[test]
fn any_corrupted_prelude_byte_is_a_prelude_checksum_error_at_once() {
    let frame = encode_to_vec(&[Header::new("a", HeaderValue::Int32(1))], b"payload").unwrap();
    for index in 0..12 {
        for bit in 0..8 {
            let mut bad = frame.clone();
            bad[index] ^= 1 << bit;
            for len in [12, bad.len()] {
                let error = decode(&bad[..len]).unwrap_err();
                assert!(
                    matches!(error, Error::PreludeChecksum { .. }),
                    "byte {index} bit {bit}: {error}"
                );
            }
        }
    }
}

#[test]
fn prelude_checksum_error_labels_computed_and_wire_values() {
    let mut bytes = prelude(16, 0);
    let computed = u32::from_be_bytes(bytes[8..12].try_into().unwrap());
    bytes[8..12].copy_from_slice(&0xdeadbeef_u32.to_be_bytes());
    assert_eq!(
        decode(&bytes),
        Err(Error::PreludeChecksum {
            computed,
            on_wire: 0xdeadbeef
        })
    );
    let text = Error::PreludeChecksum {
        computed,
        on_wire: 0xdeadbeef,
    }
    .to_string();
    assert!(
        text.contains("byte 8") && text.contains("on the wire 0xdeadbeef"),
        "{text}"
    );
}

#[test]
fn huge_declared_length_is_an_error_after_twelve_bytes() {
    let bytes = prelude(0xFFFF_FFF0, 0);
    assert_eq!(
        decode(&bytes),
        Err(Error::MessageTooLong {
            total_len: 0xFFFF_FFF0,
            max: MAX_MESSAGE_LEN
        })
    );
    // Eleven bytes is honestly incomplete: the CRC is not there yet.
    assert_eq!(decode(&bytes[..11]), Ok(Status::Incomplete { needed: 1 }));
}

#[test]
fn limits_are_configurable() {
    let limits = Limits {
        max_message_len: 100,
        max_headers_len: 10,
    };
    let mut decoder = Decoder::with_limits(limits);
    assert_eq!(
        decode_with(&mut decoder, &prelude(101, 0)),
        Err(Error::MessageTooLong {
            total_len: 101,
            max: 100
        })
    );
    assert_eq!(
        decode_with(&mut decoder, &prelude(100, 11)),
        Err(Error::HeadersTooLong {
            headers_len: 11,
            max: 10
        })
    );
    assert_eq!(
        decode_with(&mut decoder, &prelude(100, 10)),
        Ok(Status::Incomplete { needed: 88 })
    );
}

#[test]
fn total_length_below_sixteen_is_too_short() {
    for total in [0, 1, 12, 15] {
        assert_eq!(
            decode(&prelude(total, 0)),
            Err(Error::MessageTooShort { total_len: total })
        );
    }
}

#[test]
fn headers_length_larger_than_the_frame_is_a_payload_underflow() {
    assert_eq!(
        decode(&prelude(20, 5)),
        Err(Error::HeadersExceedFrame {
            headers_len: 5,
            max: 4
        })
    );
    assert_eq!(
        decode(&prelude(16, 1)),
        Err(Error::HeadersExceedFrame {
            headers_len: 1,
            max: 0
        })
    );
    assert_eq!(
        decode(&prelude(16, u32::MAX)),
        Err(Error::HeadersExceedFrame {
            headers_len: u32::MAX,
            max: 0
        })
    );
}

#[test]
fn headers_length_of_one_or_two_cannot_hold_a_header() {
    // name_len 3 but only the length byte is in the block.
    let frame = raw_frame(&[3], b"");
    assert_eq!(
        decode(&frame),
        Err(Error::HeaderTruncated {
            offset: 13,
            field: HeaderField::Name,
            needed: 3,
            available: 0
        })
    );
    let frame = raw_frame(&[1, b'a'], b"xyz");
    assert_eq!(
        decode(&frame),
        Err(Error::HeaderTruncated {
            offset: 14,
            field: HeaderField::Type,
            needed: 1,
            available: 0
        })
    );
}

#[test]
fn a_header_running_past_the_block_names_the_field_cut_off() {
    // An int32 whose value runs into the payload.
    let frame = raw_frame(&[1, b'n', 4, 0, 0], b"payload");
    assert_eq!(
        decode(&frame),
        Err(Error::HeaderTruncated {
            offset: 15,
            field: HeaderField::Value,
            needed: 4,
            available: 2
        })
    );
    // A string whose length prefix is cut.
    let frame = raw_frame(&[1, b'n', 7, 0], b"");
    assert_eq!(
        decode(&frame),
        Err(Error::HeaderTruncated {
            offset: 15,
            field: HeaderField::ValueLength,
            needed: 2,
            available: 1
        })
    );
    // A string declaring more bytes than the block has.
    let frame = raw_frame(&[1, b'n', 7, 0, 5, b'a', b'b'], b"cdefgh");
    let error = decode(&frame).unwrap_err();
    assert_eq!(
        error,
        Error::HeaderTruncated {
            offset: 17,
            field: HeaderField::Value,
            needed: 5,
            available: 2
        }
    );
    assert_eq!(
        error.to_string(),
        "header value at byte 17 runs past the header block: needs 5 bytes, 2 left"
    );
}

#[test]
fn unknown_type_bytes_are_rejected_with_the_byte_and_offset() {
    for type_byte in 10..=255u8 {
        let frame = raw_frame(&[2, b'n', b'm', type_byte, 0, 0, 0, 0], b"");
        assert_eq!(
            decode(&frame),
            Err(Error::UnknownHeaderType {
                offset: 15,
                type_byte
            })
        );
    }
}

#[test]
fn empty_and_non_utf8_names_are_rejected() {
    assert_eq!(
        decode(&raw_frame(&[0, 0], b"")),
        Err(Error::HeaderNameEmpty { offset: 12 })
    );
    let after_one = [&[1, b'a', 0][..], &[0, 0]].concat();
    assert_eq!(
        decode(&raw_frame(&after_one, b"")),
        Err(Error::HeaderNameEmpty { offset: 15 })
    );
    assert_eq!(
        decode(&raw_frame(&[3, b'a', 0xff, b'b', 0], b"")),
        Err(Error::HeaderNameNotUtf8 {
            offset: 13,
            valid_up_to: 1
        })
    );
}

#[test]
fn non_utf8_string_values_are_rejected_but_byte_arrays_are_not() {
    let headers = [1, b's', 7, 0, 3, b'o', b'k', 0xc3];
    assert_eq!(
        decode(&raw_frame(&headers, b"")),
        Err(Error::HeaderStringNotUtf8 {
            offset: 17,
            valid_up_to: 2
        })
    );
    let mut as_bytes = headers;
    as_bytes[2] = 6;
    assert!(matches!(
        decode(&raw_frame(&as_bytes, b"")),
        Ok(Status::Complete(_))
    ));
}

#[test]
fn message_checksum_mismatch_names_the_offset() {
    let mut frame = encode_to_vec(&[], b"abc").unwrap();
    frame[13] ^= 0x20;
    let error = decode(&frame).unwrap_err();
    assert!(
        matches!(error, Error::MessageChecksum { offset: 15, .. }),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("message checksum mismatch at byte 15: computed 0x")
    );
}

#[test]
fn values_up_to_65535_bytes_decode_though_the_encoder_stops_at_32767() {
    let value = vec![b'x'; 65535];
    let block = [&[1, b'v', 7, 0xff, 0xff][..], &value].concat();
    let frame = raw_frame(&block, b"");
    let Ok(Status::Complete(message)) = Decoder::new().decode(&frame) else {
        panic!()
    };
    assert_eq!(
        message.header("v").and_then(|v| v.as_str()).map(str::len),
        Some(65535)
    );
    let text = std::str::from_utf8(&value).unwrap();
    assert_eq!(
        encode_to_vec(&[Header::new("v", HeaderValue::String(text))], b""),
        Err(EncodeError::HeaderValueTooLong {
            index: 0,
            len: 65535
        })
    );
}

#[test]
fn duplicate_names_are_accepted_and_header_returns_the_first() {
    let headers = [
        Header::new("d", HeaderValue::Int32(1)),
        Header::new("d", HeaderValue::Int32(2)),
    ];
    let frame = encode_to_vec(&headers, b"").unwrap();
    let Ok(Status::Complete(message)) = Decoder::new().decode(&frame) else {
        panic!()
    };
    assert_eq!(message.header("d"), Some(HeaderValue::Int32(1)));
    assert_eq!(message.headers().count(), 2);
}

#[test]
fn a_full_header_block_of_tiny_headers_decodes_in_one_pass() {
    // 128 KiB of 3-byte headers: 43690 of them, validated once, iterated once.
    let mut block = Vec::new();
    while block.len() + 3 <= 128 * 1024 {
        block.extend_from_slice(&[1, b'b', 0]);
    }
    let frame = raw_frame(&block, b"");
    let Ok(Status::Complete(message)) = Decoder::new().decode(&frame) else {
        panic!()
    };
    assert_eq!(message.headers().count(), block.len() / 3);
}

#[test]
fn encoder_refuses_bad_names_values_and_sizes() {
    let long_name = "n".repeat(256);
    assert_eq!(
        encoded_len(&[Header::new(&long_name, HeaderValue::Bool(true))], 0),
        Err(EncodeError::HeaderNameTooLong { index: 0, len: 256 })
    );
    assert!(
        encoded_len(
            &[Header::new(&long_name[..255], HeaderValue::Bool(true))],
            0
        )
        .is_ok()
    );
    assert_eq!(
        encoded_len(
            &[
                Header::new("ok", HeaderValue::Bool(true)),
                Header::new("", HeaderValue::Bool(true))
            ],
            0
        ),
        Err(EncodeError::HeaderNameEmpty { index: 1 })
    );
    let big = vec![0u8; 32768];
    assert_eq!(
        encoded_len(&[Header::new("b", HeaderValue::ByteArray(&big))], 0),
        Err(EncodeError::HeaderValueTooLong {
            index: 0,
            len: 32768
        })
    );
    assert!(
        encoded_len(
            &[Header::new("b", HeaderValue::ByteArray(&big[..32767]))],
            0
        )
        .is_ok()
    );

    let many: Vec<Header<'_>> = (0..5)
        .map(|_| Header::new("b", HeaderValue::ByteArray(&big[..32767])))
        .collect();
    assert!(matches!(
        encoded_len(&many, 0),
        Err(EncodeError::HeadersTooLong { max: 131072, .. })
    ));
    assert_eq!(
        encoded_len(&[], MAX_MESSAGE_LEN as usize),
        Err(EncodeError::MessageTooLong {
            len: MAX_MESSAGE_LEN as usize + 16,
            max: MAX_MESSAGE_LEN
        })
    );

    let mut small = [0u8; 20];
    let error = encode(&[], b"12345", &mut small).unwrap_err();
    assert_eq!(
        error,
        EncodeError::BufferTooSmall {
            needed: 21,
            available: 20
        }
    );
    assert_eq!(
        error.to_string(),
        "output buffer too small: the frame needs 21 bytes, the buffer has 20"
    );
}

#[test]
fn trailing_garbage_after_a_frame_is_a_prelude_error() {
    let mut input = encode_to_vec(&[], b"one").unwrap();
    input.extend_from_slice(b"garbage-that-is-not-a-frame");
    let mut frames = common::frames(&input);
    assert_eq!(frames.next().unwrap().unwrap().payload(), b"one");
    assert!(matches!(
        frames.next(),
        Some(Err(Error::PreludeChecksum { .. }))
    ));
    assert_eq!(frames.next(), None);
}
