//! Encoders for the response events, for servers, emulators and tests.

#[cfg(feature = "alloc")]
use crate::{EncodeError, Header, HeaderValue, encode_head, encoded_len};

/// The headers of a `PayloadChunk` frame.
#[cfg(feature = "alloc")]
pub(crate) const PAYLOAD_CHUNK_HEADERS: [Header<'static>; 3] = [
    Header::new(":event-type", HeaderValue::String("PayloadChunk")),
    Header::new(
        ":content-type",
        HeaderValue::String("application/octet-stream"),
    ),
    Header::new(":message-type", HeaderValue::String("event")),
];

/// The headers of an `InvokeComplete` frame.
#[cfg(feature = "alloc")]
pub(crate) const INVOKE_COMPLETE_HEADERS: [Header<'static>; 3] = [
    Header::new(":event-type", HeaderValue::String("InvokeComplete")),
    Header::new(":content-type", HeaderValue::String("application/json")),
    Header::new(":message-type", HeaderValue::String("event")),
];

/// Encodes a `PayloadChunk` into a new `Vec`.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// assert!(eventstream_core::lambda::encode_payload_chunk_to_vec(b"hi").is_ok());
/// ```
#[cfg(feature = "alloc")]
pub fn encode_payload_chunk_to_vec(payload: &[u8]) -> Result<alloc::vec::Vec<u8>, EncodeError> {
    crate::encode_to_vec(&PAYLOAD_CHUNK_HEADERS, payload)
}

/// The members of an `InvokeComplete` event to encode.
///
/// ```
/// let fields = eventstream_core::lambda::InvokeCompleteFields::default();
/// assert!(fields.error_code.is_none());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InvokeCompleteFields<'a> {
    /// `ErrorCode`.
    pub error_code: Option<&'a str>,
    /// `ErrorDetails`.
    pub error_details: Option<&'a str>,
    /// `LogResult` (base64 text, as Lambda sends it).
    pub log_result: Option<&'a str>,
}

#[cfg(feature = "alloc")]
impl InvokeCompleteFields<'_> {
    /// Bytes of the JSON body.
    pub(crate) fn json_len(&self) -> usize {
        self.members()
            .map(|(key, value)| key.len() + 5 + escaped_len(value))
            .sum::<usize>()
            + self.members().count().saturating_sub(1)
            + 2
    }

    /// Writes the JSON body into `out` (at least [`json_len`](Self::json_len) bytes).
    pub(crate) fn write_json(&self, out: &mut [u8]) -> Result<usize, EncodeError> {
        let needed = self.json_len();
        let Some(out) = out.get_mut(..needed) else {
            return Err(EncodeError::BufferTooSmall {
                needed,
                available: out.len(),
            });
        };
        let mut at = 0;
        let mut put = |bytes: &[u8]| {
            if let Some(slot) = out.get_mut(at..at + bytes.len()) {
                slot.copy_from_slice(bytes);
            }
            at += bytes.len();
        };
        put(b"{");
        for (i, (key, value)) in self.members().enumerate() {
            if i > 0 {
                put(b",");
            }
            put(b"\"");
            put(key.as_bytes());
            put(b"\":\"");
            write_escaped(value, &mut put);
            put(b"\"");
        }
        put(b"}");
        Ok(needed)
    }

    fn members(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("ErrorCode", self.error_code),
            ("ErrorDetails", self.error_details),
            ("LogResult", self.log_result),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some((key, value?)))
    }
}

/// Encodes an `InvokeComplete` into `out`, writing the JSON body in place.
///
#[cfg(feature = "alloc")]
pub(crate) fn encode_invoke_complete(
    fields: &InvokeCompleteFields<'_>,
    out: &mut [u8],
) -> Result<usize, EncodeError> {
    let json_len = fields.json_len();
    let len = encoded_len(&INVOKE_COMPLETE_HEADERS, json_len)?;
    let available = out.len();
    let Some(out) = out.get_mut(..len) else {
        return Err(EncodeError::BufferTooSmall {
            needed: len,
            available,
        });
    };
    let head_len = len - json_len - crate::TRAILER_LEN;
    let (head, rest) = out.split_at_mut(head_len);
    let (payload, trailer) = rest.split_at_mut(json_len);
    fields.write_json(payload)?;
    let encoded = encode_head(&INVOKE_COMPLETE_HEADERS, payload, head)?;
    trailer.copy_from_slice(&encoded.trailer);
    Ok(len)
}

/// Encodes an `InvokeComplete` into a new `Vec`.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::lambda::{encode_invoke_complete_to_vec, InvokeCompleteFields};
/// assert!(encode_invoke_complete_to_vec(&InvokeCompleteFields::default()).is_ok());
/// ```
#[cfg(feature = "alloc")]
pub fn encode_invoke_complete_to_vec(
    fields: &InvokeCompleteFields<'_>,
) -> Result<alloc::vec::Vec<u8>, EncodeError> {
    let len = encoded_len(&INVOKE_COMPLETE_HEADERS, fields.json_len())?;
    let mut out = alloc::vec![0; len];
    encode_invoke_complete(fields, &mut out)?;
    Ok(out)
}

/// Encodes an `exception` frame (`:exception-type`, JSON body `{"message": ...}`), as
/// Lambda sends modelled errors mid-stream.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// assert!(eventstream_core::lambda::encode_exception_to_vec("ServiceException", "x").is_ok());
/// ```
#[cfg(feature = "alloc")]
pub fn encode_exception_to_vec(
    exception_type: &str,
    message: &str,
) -> Result<alloc::vec::Vec<u8>, EncodeError> {
    let mut body = alloc::vec::Vec::with_capacity(message.len() + 16);
    body.extend_from_slice(b"{\"message\":\"");
    write_escaped(message, &mut |bytes: &[u8]| body.extend_from_slice(bytes));
    body.extend_from_slice(b"\"}");
    let headers = [
        Header::new(":exception-type", HeaderValue::String(exception_type)),
        Header::new(":content-type", HeaderValue::String("application/json")),
        Header::new(":message-type", HeaderValue::String("exception")),
    ];
    crate::encode_to_vec(&headers, &body)
}

/// Encodes an `error` frame (`:error-code`, `:error-message`, no body).
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// assert!(eventstream_core::lambda::encode_error_to_vec("InternalFailure", "x").is_ok());
/// ```
#[cfg(feature = "alloc")]
pub fn encode_error_to_vec(code: &str, message: &str) -> Result<alloc::vec::Vec<u8>, EncodeError> {
    let headers = [
        Header::new(":error-code", HeaderValue::String(code)),
        Header::new(":error-message", HeaderValue::String(message)),
        Header::new(":message-type", HeaderValue::String("error")),
    ];
    crate::encode_to_vec(&headers, b"")
}

/// Bytes of `text` as a JSON string body (without quotes): what
/// [`write_escaped`] writes, counted.
#[cfg(feature = "alloc")]
fn escaped_len(text: &str) -> usize {
    let mut len = 0;
    write_escaped(text, &mut |bytes: &[u8]| len += bytes.len());
    len
}

/// Writes `text` as a JSON string body (without quotes), in runs.
#[cfg(feature = "alloc")]
fn write_escaped(text: &str, put: &mut impl FnMut(&[u8])) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut rest = text.as_bytes();
    while let Some(at) = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
    {
        let (run, tail) = rest.split_at(at);
        put(run);
        let Some((&b, tail)) = tail.split_first() else {
            break;
        };
        match b {
            b'"' => put(b"\\\""),
            b'\\' => put(b"\\\\"),
            b'\n' => put(b"\\n"),
            b'\r' => put(b"\\r"),
            b'\t' => put(b"\\t"),
            0x08 => put(b"\\b"),
            0x0c => put(b"\\f"),
            _ => put(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]),
        }
        rest = tail;
    }
    put(rest);
}
