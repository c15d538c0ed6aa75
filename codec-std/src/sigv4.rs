//! SigV4-signed event streams (feature `sigv4`): what a client sends to
//! Transcribe `StartStreamTranscription`, Bedrock
//! `InvokeModelWithBidirectionalStream`, Lex and the other services that
//! take a signed input stream.
//!
//! Each signed frame wraps one message: an outer frame whose headers are
//! `:chunk-signature` (32 bytes) and `:date` (timestamp, whole seconds), and
//! whose payload is the encoded inner message. Each signature chains from
//! the one before, starting at the HTTP request's own signature (the seed);
//! an empty frame signed the same way ends the stream. [`EventSigner`]
//! writes exactly what aws-sigv4's `event_stream::sign_message` does (the
//! AWS SDK for Rust's signer; the tests check it byte for byte), with
//! RustCrypto's `hmac` and `sha2`, so the feature adds a handful of small
//! crates rather than the SDK's HTTP stack; [`EventVerifier`] checks such a
//! stream, for servers and emulators.
//!
//! ```
//! use eventstream::sigv4::{EventSigner, EventVerifier};
//! use eventstream::{Decoder, Header, HeaderValue};
//! use std::time::{Duration, UNIX_EPOCH};
//!
//! let seed = "b6d2a9a7c1e6a3f1d0a5e8b2c4d6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e2";
//! let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
//! let mut signer = EventSigner::new("AKIDEXAMPLE", "secret", None, "us-east-1", "transcribe", seed);
//! let audio = [Header::new(":event-type", HeaderValue::String("AudioEvent"))];
//! let first = signer.sign(&audio, &[0u8; 320], time)?;
//! let end = signer.sign_empty(time)?;
//!
//! let mut verifier = EventVerifier::new("secret", "us-east-1", "transcribe", seed);
//! let frame = Decoder::new().decode(&first).unwrap().complete().unwrap();
//! let inner = verifier.verify(frame)?.expect("a message");
//! assert_eq!(inner.header(":event-type"), Some("AudioEvent".into()));
//! let frame = Decoder::new().decode(&end).unwrap().complete().unwrap();
//! assert!(verifier.verify(frame)?.is_none()); // the end of the stream
//! # Ok::<(), eventstream::sigv4::Error>(())
//! ```

use crate::{DecodeError, EncodeError, Header, HeaderValue, MessageRef, Status};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// The outer frame's header carrying the 32-byte signature.
const CHUNK_SIGNATURE: &str = ":chunk-signature";
/// The outer frame's header carrying the signing time.
const DATE: &str = ":date";
/// Bytes in a signature.
const SIGNATURE_LEN: usize = 32;

/// Signs event-stream messages for a service that takes a signed input stream.
///
/// Built from the same credentials, region and service as the HTTP request
/// that opened the stream, and that request's signature as the seed. The
/// session token and access key id are not part of an event's signature (the
/// request carried them); they are accepted so that a signer is made from
/// one set of credentials.
///
/// ```
/// use eventstream::sigv4::EventSigner;
/// use std::time::SystemTime;
/// let mut signer = EventSigner::new("AKID", "secret", Some("token"), "eu-west-1", "bedrock", "00");
/// let frame = signer.sign(&[], b"{}", SystemTime::now()).unwrap();
/// let outer = eventstream::Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// assert!(matches!(outer.header(":chunk-signature"), Some(eventstream::HeaderValue::ByteArray(s)) if s.len() == 32));
/// ```
#[derive(Clone)]
pub struct EventSigner {
    keys: Keys,
    last_signature: String,
}

impl EventSigner {
    /// A signer whose first signature chains from `seed_signature` (the HTTP
    /// request's signature, hex).
    pub fn new(
        access_key: &str,
        secret_key: &str,
        session_token: Option<&str>,
        region: &str,
        service: &str,
        seed_signature: &str,
    ) -> EventSigner {
        let _ = (access_key, session_token); // carried by the HTTP request, not by events
        EventSigner {
            keys: Keys::new(secret_key, region, service),
            last_signature: seed_signature.to_string(),
        }
    }

    /// One signed frame: an outer message with `:chunk-signature` and
    /// `:date` whose payload is the encoded inner message. Byte-identical to
    /// aws-sigv4's `sign_message` for the same input; the time's fraction of
    /// a second is dropped, as there.
    ///
    /// ```
    /// use eventstream::sigv4::EventSigner;
    /// use eventstream::{Decoder, Header, HeaderValue};
    /// let mut signer = EventSigner::new("AKID", "secret", None, "us-east-1", "transcribe", "00");
    /// let frame = signer.sign(&[Header::new(":event-type", HeaderValue::String("AudioEvent"))], b"pcm", std::time::SystemTime::now()).unwrap();
    /// let outer = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    /// assert!(outer.header(":chunk-signature").is_some() && outer.header(":date").is_some());
    /// ```
    pub fn sign(
        &mut self,
        headers: &[Header<'_>],
        payload: &[u8],
        time: SystemTime,
    ) -> Result<Vec<u8>, Error> {
        self.sign_frame(Some((headers, payload)), time)
    }

    /// The empty frame that ends a signed stream, as aws-sigv4's
    /// `sign_empty_message`.
    ///
    /// ```
    /// use eventstream::sigv4::EventSigner;
    /// let mut signer = EventSigner::new("AKID", "secret", None, "us-east-1", "transcribe", "00");
    /// let end = signer.sign_empty(std::time::SystemTime::now()).unwrap();
    /// let outer = eventstream::Decoder::new().decode(&end).unwrap().complete().unwrap();
    /// assert!(outer.payload().is_empty());
    /// ```
    pub fn sign_empty(&mut self, time: SystemTime) -> Result<Vec<u8>, Error> {
        self.sign_frame(None, time)
    }

    /// Encodes the inner message straight into the outer frame's payload
    /// (its only copy), signs that, then writes the outer head and CRC.
    fn sign_frame(
        &mut self,
        inner: Option<(&[Header<'_>], &[u8])>,
        time: SystemTime,
    ) -> Result<Vec<u8>, Error> {
        let when = Seconds::of(time)?;
        let inner_len = match inner {
            Some((headers, payload)) => crate::encoded_len(headers, payload.len())?,
            None => 0,
        };
        let unsigned = outer_headers(&[0; SIGNATURE_LEN], when.millis);
        let mut frame = vec![0; crate::encoded_len(&unsigned, inner_len)?];
        let (head, rest) = frame.split_at_mut(crate::head_len(&unsigned)?);
        let (payload, trailer) = rest.split_at_mut(inner_len);
        if let Some((headers, inner_payload)) = inner {
            crate::encode(headers, inner_payload, payload)?;
        }
        let signature = self.keys.signature(&self.last_signature, &when, payload)?;
        let encoded = crate::encode_head(&outer_headers(&signature, when.millis), payload, head)?;
        trailer.copy_from_slice(&encoded.trailer);
        self.last_signature = hex::encode(signature);
        Ok(frame)
    }
}

impl fmt::Debug for EventSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventSigner")
            .field("keys", &self.keys)
            .field("last_signature", &self.last_signature)
            .finish()
    }
}

/// Checks a signed event stream, frame by frame, and hands out the message
/// inside each: for servers and emulators that receive one.
///
/// A frame is refused when it is unsigned (no `:chunk-signature` or
/// `:date`, or another header beside them), when its signature does not
/// match (the frame was changed, or frames before it were dropped or
/// reordered: the chain says only that this one does not follow), when it
/// repeats a recent frame (replayed), and after the end frame.
///
/// ```
/// use eventstream::sigv4::{Error, EventSigner, EventVerifier};
/// use eventstream::Decoder;
/// let time = std::time::SystemTime::now();
/// let mut signer = EventSigner::new("AKID", "secret", None, "us-east-1", "transcribe", "00");
/// let frame = signer.sign(&[], b"audio", time).unwrap();
/// let outer = Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// let mut verifier = EventVerifier::new("secret", "us-east-1", "transcribe", "00");
/// assert!(verifier.verify(outer).is_ok());
/// assert_eq!(verifier.verify(outer).unwrap_err(), Error::Replayed);
/// ```
#[derive(Clone)]
pub struct EventVerifier {
    keys: Keys,
    last_signature: String,
    /// Signatures of the frames accepted most recently, to name a replay.
    recent: VecDeque<[u8; SIGNATURE_LEN]>,
    ended: bool,
}

/// Accepted signatures remembered to name a replayed frame as one (an older
/// replay is still refused, as a mismatch).
const RECENT: usize = 64;

impl EventVerifier {
    /// A verifier for the stream whose HTTP request had `seed_signature`.
    ///
    /// ```
    /// let _verifier = eventstream::sigv4::EventVerifier::new("secret", "us-east-1", "transcribe", "00");
    /// ```
    pub fn new(secret_key: &str, region: &str, service: &str, seed_signature: &str) -> Self {
        EventVerifier {
            keys: Keys::new(secret_key, region, service),
            last_signature: seed_signature.to_string(),
            recent: VecDeque::with_capacity(RECENT),
            ended: false,
        }
    }

    /// Checks one signed frame and returns the message inside it, borrowed
    /// from the frame; `Ok(None)` for the empty frame that ends the stream.
    /// A refused frame changes nothing: the next frame must follow the last
    /// one accepted.
    ///
    /// ```
    /// use eventstream::sigv4::{Error, EventVerifier};
    /// let frame = eventstream::encode_to_vec(&[], b"not signed").unwrap();
    /// let message = eventstream::Decoder::new().decode(&frame).unwrap().complete().unwrap();
    /// let mut verifier = EventVerifier::new("secret", "us-east-1", "transcribe", "00");
    /// assert_eq!(verifier.verify(message).unwrap_err(), Error::Unsigned { missing: ":chunk-signature" });
    /// ```
    pub fn verify<'a>(&mut self, frame: MessageRef<'a>) -> Result<Option<MessageRef<'a>>, Error> {
        if self.ended {
            return Err(Error::AfterEnd);
        }
        let (signature, millis) = signed_headers(frame)?;
        if self.recent.contains(&signature) {
            return Err(Error::Replayed);
        }
        let when = Seconds::from_millis(millis)?;
        let expected = self
            .keys
            .signature(&self.last_signature, &when, frame.payload())?;
        let differs = expected
            .iter()
            .zip(&signature)
            .fold(0, |acc, (a, b)| acc | (a ^ b));
        if differs != 0 {
            return Err(Error::Mismatch);
        }
        let inner = match frame.payload() {
            [] => None,
            payload => Some(inner_message(payload)?),
        };
        self.last_signature = hex::encode(signature);
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(signature);
        self.ended = inner.is_none();
        Ok(inner)
    }
}

impl fmt::Debug for EventVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventVerifier")
            .field("keys", &self.keys)
            .field("last_signature", &self.last_signature)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

/// The outer frame's headers, in the order aws-sigv4 writes them.
fn outer_headers(signature: &[u8; SIGNATURE_LEN], millis: i64) -> [Header<'_>; 2] {
    [
        Header::new(CHUNK_SIGNATURE, HeaderValue::ByteArray(signature)),
        Header::new(DATE, HeaderValue::Timestamp(millis)),
    ]
}

/// The signature and time of a signed frame, which must carry those two
/// headers and no other.
fn signed_headers(frame: MessageRef<'_>) -> Result<([u8; SIGNATURE_LEN], i64), Error> {
    if let Some(header) = frame
        .headers()
        .find(|h| h.name != CHUNK_SIGNATURE && h.name != DATE)
    {
        return Err(Error::UnsignedHeader {
            name: header.name.to_string(),
        });
    }
    let (signature, date) = (frame.header(CHUNK_SIGNATURE), frame.header(DATE));
    let signature = match signature {
        None => {
            return Err(Error::Unsigned {
                missing: CHUNK_SIGNATURE,
            });
        }
        Some(HeaderValue::ByteArray(bytes)) => {
            <[u8; SIGNATURE_LEN]>::try_from(bytes).map_err(|_| Error::Malformed {
                header: CHUNK_SIGNATURE,
            })?
        }
        Some(_) => {
            return Err(Error::Malformed {
                header: CHUNK_SIGNATURE,
            });
        }
    };
    match date {
        None => Err(Error::Unsigned { missing: DATE }),
        Some(HeaderValue::Timestamp(millis)) => Ok((signature, millis)),
        Some(_) => Err(Error::Malformed { header: DATE }),
    }
}

/// The message a signed frame carries: exactly one frame.
fn inner_message(payload: &[u8]) -> Result<MessageRef<'_>, Error> {
    match crate::Decoder::new().decode(payload) {
        Ok(Status::Complete(message)) if message.len() == payload.len() => Ok(message),
        Ok(Status::Complete(message)) => Err(Error::Inner(DecodeError::TrailingBytes {
            frame_len: message.len(),
            extra: payload.len() - message.len(),
        })),
        Ok(Status::Incomplete { needed }) => Err(Error::Inner(DecodeError::Truncated {
            available: payload.len(),
            needed,
        })),
        Err(error) => Err(Error::Inner(error)),
    }
}

/// What a signature is made with: the secret and the credential scope.
#[derive(Clone)]
struct Keys {
    secret_key: String,
    region: String,
    service: String,
}

impl Keys {
    fn new(secret_key: &str, region: &str, service: &str) -> Self {
        Keys {
            secret_key: secret_key.to_string(),
            region: region.to_string(),
            service: service.to_string(),
        }
    }

    /// The signature of a frame whose payload is `payload`, signed at
    /// `when`, following `last_signature`: the string to sign is the
    /// event-stream form of SigV4's, its hashes those of the `:date` header
    /// as encoded and of the payload.
    fn signature(
        &self,
        last_signature: &str,
        when: &Seconds,
        payload: &[u8],
    ) -> Result<[u8; SIGNATURE_LEN], Error> {
        let date_header = [Header::new(DATE, HeaderValue::Timestamp(when.millis))];
        let mut head = vec![0; crate::head_len(&date_header)?];
        crate::encode_head(&date_header, b"", &mut head)?;
        let (_, encoded_date) = head.split_at(crate::PRELUDE_LEN);
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{}\n{}/{}/{}/aws4_request\n{last_signature}\n{}\n{}",
            when.date_time,
            when.date,
            self.region,
            self.service,
            hex::encode(Sha256::digest(encoded_date)),
            hex::encode(Sha256::digest(payload)),
        );
        // SigV4's signing key: the secret, then the date, region, service
        // and the word `aws4_request`, each HMAC'd into the next key.
        let mut key = hmac(
            format!("AWS4{}", self.secret_key).as_bytes(),
            when.date.as_bytes(),
        )?;
        for part in [&self.region, &self.service, "aws4_request"] {
            key = hmac(&key, part.as_bytes())?;
        }
        hmac(&key, string_to_sign.as_bytes())
    }
}

/// HMAC-SHA256 of `data` under `key`.
fn hmac(key: &[u8], data: &[u8]) -> Result<[u8; SIGNATURE_LEN], Error> {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        debug_assert!(false, "HMAC refused a {}-byte key", key.len());
        return Err(Error::Malformed {
            header: CHUNK_SIGNATURE,
        });
    };
    mac.update(data);
    Ok(mac.finalize().into_bytes().into())
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keys")
            .field("secret_key", &"(redacted)")
            .field("region", &self.region)
            .field("service", &self.service)
            .finish()
    }
}

/// A signing time in whole seconds, in the forms the signature uses.
struct Seconds {
    millis: i64,
    /// `YYYYMMDD`.
    date: String,
    /// `YYYYMMDDTHHMMSSZ`.
    date_time: String,
}

impl Seconds {
    /// `time` without its fraction of a second.
    fn of(time: SystemTime) -> Result<Self, Error> {
        let seconds = time
            .duration_since(UNIX_EPOCH)
            .map_err(|_| Error::Time)?
            .as_secs();
        Seconds::from_secs(i64::try_from(seconds).map_err(|_| Error::Time)?)
    }

    /// A `:date` value: whole seconds as the signer wrote them.
    fn from_millis(millis: i64) -> Result<Self, Error> {
        if millis % 1000 != 0 {
            return Err(Error::Malformed { header: DATE });
        }
        Seconds::from_secs(millis / 1000)
    }

    /// Whole seconds since 1970, up to the last second of year 9999.
    fn from_secs(seconds: i64) -> Result<Self, Error> {
        if !(0..=LAST_SECOND_OF_9999).contains(&seconds) {
            return Err(Error::Time);
        }
        let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
        let of_day = seconds.rem_euclid(86_400);
        let date = format!("{year:04}{month:02}{day:02}");
        Ok(Seconds {
            millis: seconds * 1000,
            date_time: format!(
                "{date}T{:02}{:02}{:02}Z",
                of_day / 3600,
                of_day / 60 % 60,
                of_day % 60
            ),
            date,
        })
    }
}

/// 9999-12-31T23:59:59Z: SigV4 dates have four-digit years.
const LAST_SECOND_OF_9999: i64 = 253_402_300_799;

/// The Gregorian (year, month, day) of a count of days since 1970-01-01:
/// Howard Hinnant's `civil_from_days`, so that the signer needs no date
/// crate (the `time` crate alone brought five into the `sigv4` feature).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468; // from 0000-03-01, so leap days end a year
    let era = days.div_euclid(146_097);
    let of_era = days.rem_euclid(146_097);
    let year_of_era = (of_era - of_era / 1460 + of_era / 36_524 - of_era / 146_096) / 365;
    let of_year = of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * of_year + 2) / 153;
    let day = of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Why a frame could not be signed, or a signed frame was refused.
///
/// ```
/// use eventstream::sigv4::Error;
/// assert_eq!(Error::Mismatch.to_string(), "the frame's signature does not match: the frame was changed, or frames before it were dropped or reordered");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The message could not be encoded.
    Encode(EncodeError),
    /// The signing time is before 1970 or beyond year 9999.
    Time,
    /// A header a signed frame needs is missing.
    Unsigned {
        /// `:chunk-signature` or `:date`.
        missing: &'static str,
    },
    /// A signed frame carries a header beside `:chunk-signature` and
    /// `:date`, which no signature covers.
    UnsignedHeader {
        /// Its name.
        name: String,
    },
    /// `:chunk-signature` is not 32 bytes, or `:date` not a timestamp in
    /// whole seconds.
    Malformed {
        /// The header.
        header: &'static str,
    },
    /// The signature does not follow the last frame accepted.
    Mismatch,
    /// The frame repeats one accepted recently.
    Replayed,
    /// A frame after the end frame.
    AfterEnd,
    /// The signed payload is not exactly one valid frame.
    Inner(DecodeError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Encode(error) => write!(f, "cannot encode the frame: {error}"),
            Error::Time => f.write_str("the signing time is before 1970 or after 9999"),
            Error::Unsigned { missing } => write!(f, "the frame is not signed: no {missing}"),
            Error::UnsignedHeader { name } => write!(
                f,
                "the frame carries header {name:?}, which no signature covers"
            ),
            Error::Malformed { header } => write!(
                f,
                "{header} is malformed: a signature is 32 bytes, a date a timestamp in whole seconds"
            ),
            Error::Mismatch => f.write_str(
                "the frame's signature does not match: the frame was changed, or frames before it were dropped or reordered",
            ),
            Error::Replayed => f.write_str("the frame repeats one already accepted"),
            Error::AfterEnd => f.write_str("a frame after the end of the signed stream"),
            Error::Inner(error) => write!(f, "the signed payload is not one frame: {error}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<EncodeError> for Error {
    fn from(error: EncodeError) -> Self {
        Error::Encode(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::Duration;

    proptest! {
        /// The dates and times the signer writes are the `time` crate's.
        #[test]
        fn dates_are_the_time_crates(seconds in 0..=LAST_SECOND_OF_9999) {
            let when = Seconds::from_secs(seconds).unwrap();
            let utc = time::OffsetDateTime::from_unix_timestamp(seconds).unwrap();
            let expected = format!(
                "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
                utc.year(), u8::from(utc.month()), utc.day(), utc.hour(), utc.minute(), utc.second()
            );
            prop_assert_eq!(&when.date_time, &expected);
            prop_assert_eq!(&when.date, &expected[..8]);
        }
    }

    #[test]
    fn dates_at_the_edges() {
        for (seconds, expected) in [
            (0, "19700101T000000Z"),
            (951_782_400, "20000229T000000Z"),
            (4_107_542_399, "21000228T235959Z"),
            (4_107_542_400, "21000301T000000Z"),
            (LAST_SECOND_OF_9999, "99991231T235959Z"),
        ] {
            assert_eq!(Seconds::from_secs(seconds).unwrap().date_time, expected);
        }
        assert!(matches!(Seconds::from_secs(-1), Err(Error::Time)));
        assert!(matches!(
            Seconds::from_secs(LAST_SECOND_OF_9999 + 1),
            Err(Error::Time)
        ));
    }

    /// aws-sigv4's own test of the event-stream string to sign
    /// (`event_stream::tests::string_to_sign`): the same input gives the
    /// same six lines.
    #[test]
    fn string_to_sign_matches_aws_sigv4s_expected_value() {
        let when = Seconds::of(UNIX_EPOCH + Duration::new(123_456_789, 1234)).unwrap();
        assert_eq!(
            (when.date.as_str(), when.date_time.as_str()),
            ("19731129", "19731129T213309Z")
        );
        let date_header = [Header::new(DATE, HeaderValue::Timestamp(when.millis))];
        let mut head = vec![0; crate::head_len(&date_header).unwrap()];
        crate::encode_head(&date_header, b"", &mut head).unwrap();
        assert_eq!(
            hex::encode(Sha256::digest(&head[12..])),
            "0c0e3b3bf66b59b976181bd7d401927bbd624107303c713fd1e5f3d3c8dd1b1e"
        );
        let message = crate::encode_to_vec(
            &[Header::new("some-header", HeaderValue::String("value"))],
            b"test payload",
        )
        .unwrap();
        assert_eq!(
            hex::encode(Sha256::digest(&message)),
            "f2eba0f2e95967ee9fbc6db5e678d2fd599229c0d04b11e4fc8e0f2a02a806c6"
        );
    }
}
