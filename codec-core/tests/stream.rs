//! The streaming decoder agrees with the whole-frame decoder on every input
//! and every chunking: same frames, same payload bytes, same errors.

mod common;

use common::{
    XorShift, decode_chunked, files, fix_crcs, raw_frame, strategy, stream_decode_chunked,
};
use eventstream_core::{Error, Event, Header, HeaderValue, Limits, StreamDecoder, encode_to_vec};
use proptest::prelude::*;

/// The spec's largest header block, as `Limits::default()` has it.
const MAX_HEADERS_LEN: u32 = 128 * 1024;

/// The whole-frame outcome, against which the streaming one is compared.
/// A truncated final frame: the whole-frame decoder waits, the streaming one
/// may already have refused its header block, which it sees complete first.
fn assert_equivalent(input: &[u8], chunks: &[usize]) {
    let whole = decode_chunked(input, &[input.len().max(1)]);
    // Capacity for the spec's largest header block, so that every frame the
    // whole-frame decoder accepts fits (the capacity error has its own test).
    let streamed = stream_decode_chunked::<{ MAX_HEADERS_LEN as usize }>(input, chunks);
    assert_eq!(
        streamed.messages, whole.messages,
        "frames differ with chunks {chunks:?}"
    );
    match (whole.error, streamed.error) {
        (Some(a), b) => assert_eq!(Some(a), b, "errors differ with chunks {chunks:?}"),
        (None, None) => assert_eq!(streamed.leftover, whole.leftover),
        (None, Some(error)) => {
            assert!(
                whole.leftover > 0,
                "stream failed ({error}) where the whole decoder finished"
            );
            assert!(
                matches!(
                    error,
                    Error::HeaderTruncated { .. }
                        | Error::HeaderNameEmpty { .. }
                        | Error::HeaderNameNotUtf8 { .. }
                        | Error::UnknownHeaderType { .. }
                        | Error::HeaderStringNotUtf8 { .. }
                ),
                "only a header error can come before the frame is complete: {error}"
            );
        }
    }
}

#[test]
fn every_test_file_decodes_the_same_in_1_7_and_random_byte_chunks() {
    let mut count = 0;
    for dir in [
        "encoded/positive",
        "encoded/negative",
        "smithy-rs/test_data",
        "smithy-rs/recorded",
    ] {
        for (name, bytes) in files(dir) {
            let mut rng = XorShift(bytes.len() as u64 + 7);
            let random: Vec<usize> = (0..32).map(|_| 1 + rng.below(300)).collect();
            for chunks in [&[1][..], &[7], &random] {
                assert_equivalent(&bytes, chunks);
            }
            let _ = name;
            count += 1;
        }
    }
    assert_eq!(count, 22);
}

#[test]
fn the_recorded_transcribe_stream_yields_35_verified_frames_bytewise() {
    let bytes = std::fs::read(
        common::testdata().join("smithy-rs/recorded/transcribestreaming_success.response.bin"),
    )
    .unwrap();
    let outcome = stream_decode_chunked::<256>(&bytes, &[1]);
    assert_eq!(
        (outcome.messages.len(), outcome.error, outcome.leftover),
        (35, None, 0)
    );
}

#[test]
fn a_header_block_over_capacity_is_its_own_error_at_the_prelude() {
    let frame = encode_to_vec(
        &[Header::new("name", HeaderValue::String(&"v".repeat(100)))],
        b"",
    )
    .unwrap();
    let mut decoder = StreamDecoder::<64>::new();
    let error = decoder.decode(&frame[..12]).unwrap_err();
    assert_eq!(
        error,
        Error::HeadersExceedCapacity {
            headers_len: 108,
            capacity: 64
        }
    );
    assert!(
        error.to_string().contains("header capacity of 64 bytes"),
        "{error}"
    );
}

#[test]
fn errors_come_at_the_earliest_byte_and_the_decoder_stays_failed_until_reset() {
    // An unknown type byte: reported as soon as the header block is complete,
    // before any of the (large) payload arrives.
    let frame = raw_frame(&[1, b'n', 42], &[0u8; 10_000]);
    let mut decoder = StreamDecoder::<64>::new();
    let (used, event) = decoder.decode(&frame[..15]).unwrap();
    assert!(matches!(event, Some(Event::Prelude(_))) && used == 12);
    let error = decoder.decode(&frame[12..15]).unwrap_err();
    assert_eq!(
        error,
        Error::UnknownHeaderType {
            offset: 14,
            type_byte: 42
        }
    );
    // Fused: the same error again, whatever comes next.
    assert_eq!(decoder.decode(&frame[15..]).unwrap_err(), error);
    // A new decoder starts at the next frame boundary the caller knows.
    let mut decoder = StreamDecoder::<64>::new();
    let good = encode_to_vec(&[], b"ok").unwrap();
    assert!(matches!(
        decoder.decode(&good),
        Ok((12, Some(Event::Prelude(_))))
    ));
}

#[test]
fn a_corrupted_prelude_fails_at_twelve_bytes_and_a_huge_length_too() {
    let mut decoder = StreamDecoder::<64>::new();
    let mut prelude = [0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0, 0, 0, 0, 0];
    fix_crcs(&mut prelude);
    assert!(matches!(
        decoder.decode(&prelude),
        Err(Error::MessageTooLong {
            total_len: 0xFFFF_FFF0,
            ..
        })
    ));
    let mut limited = StreamDecoder::<64>::with_limits(Limits {
        max_message_len: 100,
        max_headers_len: 10,
    });
    let frame = encode_to_vec(&[], &[0; 100]).unwrap();
    assert_eq!(
        limited.decode(&frame).unwrap_err(),
        Error::MessageTooLong {
            total_len: 116,
            max: 100
        }
    );
}

#[test]
fn payload_segments_borrow_the_input_and_headers_can_be_looked_up() {
    let frame = encode_to_vec(
        &[Header::new(
            ":event-type",
            HeaderValue::String("PayloadChunk"),
        )],
        b"0123456789",
    )
    .unwrap();
    let mut decoder = StreamDecoder::<128>::new();
    let (used, _) = decoder.decode(&frame).unwrap();
    let rest = &frame[used..];
    assert!(
        decoder.headers().is_none(),
        "no headers before Event::Headers"
    );
    let (used2, event) = decoder.decode(rest).unwrap();
    assert_eq!(event, Some(Event::Headers));
    assert_eq!(
        common::value_of(decoder.headers().unwrap(), ":event-type"),
        Some(HeaderValue::String("PayloadChunk"))
    );
    let rest = &rest[used2..];
    let (_, event) = decoder.decode(&rest[..4]).unwrap();
    let Some(Event::Payload(segment)) = event else {
        panic!("expected payload")
    };
    assert_eq!(
        segment.as_ptr(),
        rest.as_ptr(),
        "a payload segment is a slice of the input"
    );
    assert_eq!(segment, b"0123");
}

/// The documented way to use payload segments: keep them until `End` says
/// the CRC matched. With events tied to the decoder's borrow this did not
/// compile (E0499); they borrow only the input now.
#[test]
fn payload_segments_outlive_later_calls_until_end() {
    let frame = encode_to_vec(&[], b"kept until the frame is verified").unwrap();
    let mut decoder = StreamDecoder::<64>::new();
    let mut segments: Vec<&[u8]> = Vec::new();
    let mut verified = None;
    let mut rest = &frame[..];
    while !rest.is_empty() {
        let (used, event) = decoder.decode(&rest[..rest.len().min(5)]).unwrap();
        rest = &rest[used..];
        match event {
            Some(Event::Payload(segment)) => segments.push(segment),
            Some(Event::End { .. }) => verified = Some(segments.concat()),
            _ => {}
        }
    }
    assert_eq!(verified.unwrap(), b"kept until the frame is verified");
    assert!(segments.len() > 1);
}

/// A frame that arrives whole is hashed once, at its prelude: its rest may
/// then come from a copy of the same bytes, anywhere. A corrupted frame
/// still fails at its CRC, whichever way its rest arrives.
#[test]
fn a_whole_frame_is_verified_when_its_rest_comes_from_a_copy() {
    let headers = [Header::new("n", HeaderValue::Int32(7))];
    let frame = encode_to_vec(&headers, b"payload").unwrap();
    let mut corrupt = frame.clone();
    let last_payload_byte = frame.len() - 5;
    corrupt[last_payload_byte] ^= 1;
    for (input, verified) in [(&frame, true), (&corrupt, false)] {
        let mut decoder = StreamDecoder::<64>::new();
        let (used, event) = decoder.decode(input).unwrap();
        assert!(matches!(event, Some(Event::Prelude(_))));
        let copy = input[used..].to_vec();
        let mut rest = &copy[..];
        let end = loop {
            match decoder.decode(rest) {
                Ok((_, Some(Event::End { .. }))) => break Ok(()),
                Ok((n, _)) => rest = &rest[n..],
                Err(error) => break Err(error),
            }
        };
        match end {
            Ok(()) => assert!(verified),
            Err(error) => {
                assert!(!verified);
                assert!(matches!(error, Error::MessageChecksum { .. }), "{error}");
            }
        }
    }
}

#[test]
fn state_is_small_for_the_default_capacity() {
    let size = size_of::<StreamDecoder>();
    assert!(size < 4096, "StreamDecoder is {size} bytes");
    eprintln!("size_of::<StreamDecoder>() = {size} (default HEADER_CAPACITY)");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn stream_and_whole_frame_decoders_agree_on_any_frames_and_chunking(
        messages in proptest::collection::vec(strategy::message(), 1..4),
        corrupt in proptest::option::of((any::<prop::sample::Index>(), any::<u8>(), any::<bool>())),
        truncate in proptest::option::of(any::<prop::sample::Index>()),
        chunks in proptest::collection::vec(1usize..2000, 1..8),
    ) {
        let mut stream: Vec<u8> = messages.iter().flat_map(|m| m.encode().unwrap()).collect();
        if let Some((at, byte, recompute)) = corrupt {
            let at = at.index(stream.len());
            stream[at] ^= byte | 1;
            if recompute {
                // Re-sign the frame containing `at` so the fault reaches the header logic.
                let mut start = 0;
                for m in &messages {
                    let len = m.encode().unwrap().len();
                    if at < start + len {
                        fix_crcs(&mut stream[start..start + len]);
                        break;
                    }
                    start += len;
                }
            }
        }
        if let Some(cut) = truncate {
            stream.truncate(cut.index(stream.len() + 1));
        }
        assert_equivalent(&stream, &chunks);
    }
}
