//! What the decoders keep between calls: the whole-frame decoder's checked
//! prelude, and both decoders' memo of the last header block they proved.
//! Whatever they keep, the answers are a fresh decoder's.

mod common;

use common::fix_crcs;
use eventstream_core::{Decoder, Error, Event, Header, HeaderValue, Status, StreamDecoder};

fn frame(event_type: &str, payload: &[u8]) -> Vec<u8> {
    let headers = [Header::new(":event-type", HeaderValue::String(event_type))];
    eventstream_core::encode_to_vec(&headers, payload).unwrap()
}

#[test]
fn the_decoder_keeps_a_checked_prelude_until_its_frame_is_in() {
    let whole = frame("Chunk", b"hello");
    let mut decoder = Decoder::new();
    assert_eq!(
        decoder.decode(&whole[..5]),
        Ok(Status::Incomplete { needed: 7 })
    );
    assert_eq!(
        decoder.pending(),
        None,
        "a prelude is checked only once its 12 bytes are in"
    );
    let Status::Incomplete { needed } = decoder.decode(&whole[..14]).unwrap() else {
        panic!("a partial frame decoded");
    };
    assert_eq!(needed, whole.len() - 14);
    assert_eq!(decoder.pending().unwrap().total_len() as usize, whole.len());
    let message = decoder.decode(&whole).unwrap().complete().unwrap();
    assert_eq!(message.payload(), b"hello");
    assert_eq!(
        decoder.pending(),
        None,
        "a complete frame leaves nothing pending"
    );
}

#[test]
fn needed_is_what_decode_would_say_and_keeps_the_prelude_it_checked() {
    let whole = frame("Chunk", b"hello, needed");
    for cut in 0..=whole.len() {
        let part = &whole[..cut];
        let mut asked = Decoder::new();
        let needed = asked.needed(part).unwrap();
        let decoded = Decoder::new().decode(part).unwrap();
        match decoded {
            Status::Incomplete { needed: said } => assert_eq!(needed, said, "at {cut} bytes"),
            Status::Complete(_) => assert_eq!(needed, 0, "at {cut} bytes"),
        }
        assert_eq!(
            asked.pending().is_some(),
            cut >= 12,
            "the prelude is kept once its 12 bytes are in ({cut} bytes)"
        );
        // The decode that follows gives what a fresh decoder gives.
        assert_eq!(
            asked.decode(part),
            Decoder::new().decode(part),
            "at {cut} bytes"
        );
    }
}

#[test]
fn needed_refuses_a_hostile_prelude_at_its_twelfth_byte() {
    let mut whole = frame("Chunk", b"hello");
    whole[..4].copy_from_slice(&u32::MAX.to_be_bytes()); // a 4 GiB frame, CRC now wrong
    let mut decoder = Decoder::new();
    assert_eq!(decoder.needed(&whole[..11]), Ok(1));
    assert!(matches!(
        decoder.needed(&whole[..12]),
        Err(Error::PreludeChecksum { .. })
    ));
    fix_crcs(&mut whole);
    assert!(matches!(
        Decoder::new().needed(&whole[..12]),
        Err(Error::MessageTooLong { .. })
    ));
}

#[test]
fn input_that_no_longer_starts_with_the_kept_prelude_is_decoded_in_full() {
    let first = frame("Chunk", b"a long payload that arrives later");
    let other = frame("Other", b"x");
    let mut decoder = Decoder::new();
    assert!(decoder.decode(&first[..20]).unwrap().complete().is_none());
    // A caller that starts over with another stream gets that stream's frame.
    let message = decoder.decode(&other).unwrap().complete().unwrap();
    assert_eq!(
        message.header(":event-type"),
        Some(HeaderValue::String("Other"))
    );
    // And a corrupt prelude in its place is an error, not the kept one's frame.
    let mut corrupt = first.clone();
    assert!(decoder.decode(&first[..20]).unwrap().complete().is_none());
    corrupt[3] ^= 1;
    assert!(matches!(
        decoder.decode(&corrupt),
        Err(Error::PreludeChecksum { .. })
    ));
    assert_eq!(decoder.pending(), None);
}

/// Two frames whose header blocks have the same length and differ in one
/// byte that makes the second's text invalid: neither decoder may carry the
/// first block's proof over to the second.
#[test]
fn a_remembered_proof_never_covers_a_block_that_differs() {
    let good = frame("Chunk", b"p");
    let mut bad = good.clone();
    let value_at = good.len() - 4 - 1 - "Chunk".len();
    bad[value_at] = 0xff;
    fix_crcs(&mut bad);

    let mut decoder = Decoder::new();
    for _ in 0..2 {
        assert!(decoder.decode(&good).is_ok());
        assert!(matches!(
            decoder.decode(&bad),
            Err(Error::HeaderStringNotUtf8 { .. })
        ));
    }

    let mut streaming = StreamDecoder::<64>::new();
    for _ in 0..2 {
        let mut rest = &good[..];
        while let (used, Some(event)) = streaming.decode(rest).unwrap() {
            rest = &rest[used..];
            if event == Event::Headers {
                let value = common::value_of(streaming.headers().unwrap(), ":event-type");
                assert_eq!(value, Some(HeaderValue::String("Chunk")));
            }
        }
        // The bad block arrives byte by byte over the buffer that holds the good one.
        let failed = bad.chunks(1).find_map(|byte| streaming.decode(byte).err());
        assert!(
            matches!(failed, Some(Error::HeaderStringNotUtf8 { .. })),
            "{failed:?}"
        );
        streaming = StreamDecoder::new();
    }
}
