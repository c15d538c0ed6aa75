//! Signed event streams: `EventSigner` against aws-sigv4's `sign_message`
//! and `sign_empty_message` (the AWS SDK for Rust's signer), byte for byte,
//! over random messages and chains; and `EventVerifier` refusing every
//! changed, swapped, dropped and replayed frame.

use aws_credential_types::Credentials;
use aws_sigv4::event_stream::{sign_empty_message, sign_message};
use aws_sigv4::sign::v4::SigningParams;
use aws_smithy_eventstream::frame::write_message_to;
use aws_smithy_types::DateTime;
use aws_smithy_types::event_stream::{
    Header as SHeader, HeaderValue as SValue, Message as SMessage,
};
use eventstream::sigv4::{Error, EventSigner, EventVerifier};
use eventstream::{Decoder, Header, HeaderValue, OwnedHeader, OwnedHeaderValue, OwnedMessage};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SEED: &str = "example298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// A small deterministic generator (xorshift64*), so that failures repeat.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    fn text(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b' ' + self.below(95) as u8))
            .collect()
    }

    /// A message with any of the ten header types and a payload up to 64 KiB
    /// (mostly small, as events are).
    fn message(&mut self, max_payload: usize) -> OwnedMessage {
        let payload_len = match self.below(4) {
            0 => self.below(max_payload + 1),
            _ => self.below(max_payload.min(512) + 1),
        };
        let mut message = OwnedMessage {
            headers: Vec::new(),
            payload: self.bytes(payload_len),
        };
        for _ in 0..self.below(8) {
            let name_len = 1 + self.below(20);
            let name = self.text(name_len);
            let value = match self.below(10) {
                0 => OwnedHeaderValue::Bool(true),
                1 => OwnedHeaderValue::Bool(false),
                2 => OwnedHeaderValue::Byte(self.next() as i8),
                3 => OwnedHeaderValue::Int16(self.next() as i16),
                4 => OwnedHeaderValue::Int32(self.next() as i32),
                5 => OwnedHeaderValue::Int64(self.next() as i64),
                6 => {
                    let n = self.below(64);
                    OwnedHeaderValue::ByteArray(self.bytes(n))
                }
                7 => {
                    let n = self.below(64);
                    OwnedHeaderValue::String(self.text(n))
                }
                8 => OwnedHeaderValue::Timestamp((self.next() % 4_000_000_000_000) as i64),
                _ => OwnedHeaderValue::Uuid(self.bytes(16).try_into().unwrap()),
            };
            message.headers.push(OwnedHeader { name, value });
        }
        message
    }

    /// A time between 1970 and 2100, with a fraction of a second to drop.
    fn time(&mut self) -> SystemTime {
        UNIX_EPOCH
            + Duration::new(
                self.next() % 4_102_444_800,
                (self.next() % 1_000_000_000) as u32,
            )
    }
}

/// The same message as aws-smithy-types has it.
fn smithy(message: &OwnedMessage) -> SMessage {
    let headers = message.headers.iter().map(|h| {
        let value = match &h.value {
            OwnedHeaderValue::Bool(v) => SValue::Bool(*v),
            OwnedHeaderValue::Byte(v) => SValue::Byte(*v),
            OwnedHeaderValue::Int16(v) => SValue::Int16(*v),
            OwnedHeaderValue::Int32(v) => SValue::Int32(*v),
            OwnedHeaderValue::Int64(v) => SValue::Int64(*v),
            OwnedHeaderValue::ByteArray(v) => SValue::ByteArray(v.clone().into()),
            OwnedHeaderValue::String(v) => SValue::String(v.clone().into()),
            OwnedHeaderValue::Timestamp(v) => SValue::Timestamp(DateTime::from_millis(*v)),
            OwnedHeaderValue::Uuid(v) => SValue::Uuid(u128::from_be_bytes(*v)),
        };
        SHeader::new(h.name.clone(), value)
    });
    SMessage::new_from_parts(headers.collect(), message.payload.clone())
}

/// aws-sigv4's signed frame, as bytes, and its signature.
fn reference(
    message: Option<&OwnedMessage>,
    last_signature: &str,
    time: SystemTime,
    region: &str,
    service: &str,
) -> (Vec<u8>, String) {
    let identity = Credentials::new(ACCESS_KEY, SECRET, None, None, "test").into();
    let params = SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(())
        .build()
        .unwrap();
    let output = match message {
        Some(message) => sign_message(&smithy(message), last_signature, &params),
        None => sign_empty_message(last_signature, &params),
    };
    let (signed, signature) = output.unwrap().into_parts();
    let mut bytes = Vec::new();
    write_message_to(&signed, &mut bytes).unwrap();
    (bytes, signature)
}

#[test]
fn signed_frames_are_byte_identical_to_aws_sigv4_over_random_chains() {
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let (mut frames, mut chains) = (0, 0);
    while frames < 1000 {
        let (region, service) = [
            ("us-east-1", "transcribe"),
            ("eu-west-1", "bedrock"),
            ("ap-southeast-2", "lex"),
        ][rng.below(3)];
        let mut signer = EventSigner::new(ACCESS_KEY, SECRET, Some("token"), region, service, SEED);
        let mut last = SEED.to_string();
        let length = 1 + rng.below(50);
        for index in 0..length {
            let time = rng.time();
            let message = (index + 1 < length).then(|| rng.message(64 * 1024));
            let ours = match &message {
                Some(message) => signer.sign(&views(message), &message.payload, time),
                None => signer.sign_empty(time),
            }
            .unwrap();
            let (theirs, signature) = reference(message.as_ref(), &last, time, region, service);
            assert_eq!(ours, theirs, "chain {chains}, frame {index}"); // `:chunk-signature` included
            last = signature;
            frames += 1;
        }
        chains += 1;
    }
    eprintln!("{frames} signed frames in {chains} chains, byte-identical to aws-sigv4");
}

/// The AWS example credentials and seed from aws-sigv4's documentation, at
/// a fixed time: the signature is the one aws-sigv4 computes, and our own
/// verifier accepts it.
#[test]
fn the_documented_example_reproduces() {
    let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let message = OwnedMessage {
        headers: vec![OwnedHeader {
            name: "some-header".into(),
            value: OwnedHeaderValue::String("value".into()),
        }],
        payload: b"example".to_vec(),
    };
    let mut signer = EventSigner::new(
        ACCESS_KEY,
        SECRET,
        None,
        "us-east-1",
        "exampleservice",
        SEED,
    );
    let ours = signer
        .sign(&views(&message), &message.payload, time)
        .unwrap();
    let (theirs, signature) = reference(Some(&message), SEED, time, "us-east-1", "exampleservice");
    assert_eq!(ours, theirs); // `:chunk-signature` included
    // Pinned: computed by aws-sigv4 1.3.6 for these inputs.
    assert_eq!(
        signature,
        "91d0eac3f83bdad6870db966cc16dbd8d2023d44306b094c46a4a9661482e7ac"
    );
    let mut verifier = EventVerifier::new(SECRET, "us-east-1", "exampleservice", SEED);
    let outer = Decoder::new().decode(&ours).unwrap().complete().unwrap();
    let inner = verifier.verify(outer).unwrap().unwrap();
    assert_eq!(inner.payload(), b"example");
}

/// A signed chain: the frames, and the messages inside them.
fn chain(rng: &mut Rng, length: usize) -> (Vec<Vec<u8>>, Vec<OwnedMessage>) {
    let mut signer = EventSigner::new(ACCESS_KEY, SECRET, None, "us-east-1", "transcribe", SEED);
    let time = rng.time();
    let messages: Vec<OwnedMessage> = (0..length).map(|_| rng.message(128)).collect();
    let mut frames: Vec<Vec<u8>> = messages
        .iter()
        .map(|m| signer.sign(&views(m), &m.payload, time).unwrap())
        .collect();
    frames.push(signer.sign_empty(time).unwrap());
    (frames, messages)
}

/// Feeds frames to a fresh verifier; the first refusal and where, or the messages.
fn verify_all(frames: &[Vec<u8>]) -> Result<Vec<OwnedMessage>, (usize, String)> {
    let mut verifier = EventVerifier::new(SECRET, "us-east-1", "transcribe", SEED);
    let mut messages = Vec::new();
    for (index, frame) in frames.iter().enumerate() {
        let outer = match Decoder::new().decode(frame) {
            Ok(status) => match status.complete() {
                Some(outer) if outer.len() == frame.len() => outer,
                _ => return Err((index, "not one frame".into())),
            },
            Err(error) => return Err((index, error.to_string())),
        };
        match verifier.verify(outer) {
            Ok(Some(inner)) => messages.push(OwnedMessage::from(inner)),
            Ok(None) => {}
            Err(error) => return Err((index, error.to_string())),
        }
    }
    Ok(messages)
}

/// Rewrites a frame's CRCs after a change, as an attacker who can write
/// valid frames would, so that only the signature stands in the way.
fn fix_crcs(frame: &mut [u8]) {
    let prelude_crc = crc32fast::hash(&frame[..8]);
    frame[8..12].copy_from_slice(&prelude_crc.to_be_bytes());
    let end = frame.len() - 4;
    let message_crc = crc32fast::hash(&frame[..end]);
    frame[end..].copy_from_slice(&message_crc.to_be_bytes());
}

#[test]
fn a_thousand_chains_verify_and_give_back_their_messages() {
    let mut rng = Rng(0xabad_1dea_0000_0001);
    for _ in 0..1000 {
        let length = 1 + rng.below(6);
        let (frames, messages) = chain(&mut rng, length);
        assert_eq!(verify_all(&frames), Ok(messages));
    }
}

#[test]
fn every_flipped_bit_swapped_pair_dropped_and_replayed_frame_is_refused() {
    let mut rng = Rng(0x0ddb_a115_0000_0002);
    let mut refused = 0;
    for _ in 0..12 {
        let (frames, _) = chain(&mut rng, 3);
        // Every bit of every frame but the CRCs, the CRCs then made right again.
        for index in 0..frames.len() {
            for byte in (0..frames[index].len() - 4).filter(|b| !(8..12).contains(b)) {
                for bit in 0..8 {
                    let mut changed = frames.clone();
                    changed[index][byte] ^= 1 << bit;
                    fix_crcs(&mut changed[index]);
                    let refusal = verify_all(&changed).expect_err("a changed frame was accepted");
                    assert!(refusal.0 <= index, "refused late: {refusal:?}");
                    refused += 1;
                }
            }
        }
        for first in 0..frames.len() - 1 {
            let mut swapped = frames.clone();
            swapped.swap(first, first + 1);
            assert_eq!(
                verify_all(&swapped).unwrap_err().0,
                first,
                "swap at {first}"
            );
            let mut dropped = frames.clone();
            dropped.remove(first);
            assert_eq!(
                verify_all(&dropped).unwrap_err().0,
                first,
                "drop at {first}"
            );
            let mut replayed = frames.clone();
            replayed.insert(first + 1, frames[first].clone());
            assert_eq!(
                verify_all(&replayed).unwrap_err(),
                (first + 1, Error::Replayed.to_string())
            );
            refused += 3;
        }
    }
    eprintln!("{refused} changed, swapped, dropped and replayed chains refused");
}

#[test]
fn unsigned_and_malformed_frames_are_refused_by_name_without_panicking() {
    let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let verify = |headers: &[Header<'_>]| {
        let frame = eventstream::encode_to_vec(headers, b"").unwrap();
        let outer = Decoder::new().decode(&frame).unwrap().complete().unwrap();
        EventVerifier::new(SECRET, "us-east-1", "transcribe", SEED)
            .verify(outer)
            .map(|inner| inner.map(|m| m.len()))
    };
    let signature = [7u8; 32];
    let date = Header::new(":date", HeaderValue::Timestamp(1_700_000_000_000));
    let sig = Header::new(":chunk-signature", HeaderValue::ByteArray(&signature));
    assert_eq!(
        verify(&[date]),
        Err(Error::Unsigned {
            missing: ":chunk-signature"
        })
    );
    assert_eq!(verify(&[sig]), Err(Error::Unsigned { missing: ":date" }));
    let short = Header::new(":chunk-signature", HeaderValue::ByteArray(&signature[..31]));
    assert_eq!(
        verify(&[short, date]),
        Err(Error::Malformed {
            header: ":chunk-signature"
        })
    );
    let text = Header::new(":chunk-signature", HeaderValue::String("abc"));
    assert_eq!(
        verify(&[text, date]),
        Err(Error::Malformed {
            header: ":chunk-signature"
        })
    );
    let late = Header::new(":date", HeaderValue::Int64(1));
    assert_eq!(
        verify(&[sig, late]),
        Err(Error::Malformed { header: ":date" })
    );
    let fraction = Header::new(":date", HeaderValue::Timestamp(1_700_000_000_001));
    assert_eq!(
        verify(&[sig, fraction]),
        Err(Error::Malformed { header: ":date" })
    );
    let far = Header::new(":date", HeaderValue::Timestamp(i64::MAX - 807));
    assert_eq!(verify(&[sig, far]), Err(Error::Time));
    let extra = Header::new(":event-type", HeaderValue::String("injected"));
    assert_eq!(
        verify(&[sig, date, extra]),
        Err(Error::UnsignedHeader {
            name: ":event-type".into()
        })
    );
    assert_eq!(verify(&[sig, date]), Err(Error::Mismatch));

    // After the end frame, nothing more is accepted.
    let mut signer = EventSigner::new(ACCESS_KEY, SECRET, None, "us-east-1", "transcribe", SEED);
    let end = signer.sign_empty(time).unwrap();
    let after = signer.sign(&[], b"late", time).unwrap();
    let mut verifier = EventVerifier::new(SECRET, "us-east-1", "transcribe", SEED);
    fn decode(bytes: &[u8]) -> eventstream::MessageRef<'_> {
        Decoder::new().decode(bytes).unwrap().complete().unwrap()
    }
    assert_eq!(verifier.verify(decode(&end)), Ok(None));
    assert_eq!(verifier.verify(decode(&after)), Err(Error::AfterEnd));

    // A signer refuses times it cannot write.
    let before_1970 = UNIX_EPOCH - Duration::from_secs(1);
    assert_eq!(signer.sign(&[], b"", before_1970), Err(Error::Time));
}

/// The borrowed headers of `message`, as the signer takes them.
fn views(message: &OwnedMessage) -> Vec<Header<'_>> {
    message.headers.iter().map(Header::from).collect()
}
