//! What the SDK's generated unmarshallers read from a message's headers:
//! the Smithy type it stands for, and typed header values.

use crate::error::Error;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use aws_smithy_types::str_bytes::StrBytes;
use aws_smithy_types::{Blob, DateTime};

/// The header `header`'s value, or an unmarshalling error naming it and the type expected.
fn expect<'a, T>(
    header: &'a Header,
    expected: &str,
    get: impl FnOnce(&'a HeaderValue) -> Option<T>,
) -> Result<T, Error> {
    get(header.value()).ok_or_else(|| {
        Error::unmarshalling(format!(
            "expected '{}' header value to be {expected}",
            header.name().as_str()
        ))
    })
}

/// `header`'s value as a `bool`, or an unmarshalling error.
///
/// ```
/// use aws_smithy_types::event_stream::{Header, HeaderValue};
/// let header = Header::new("done", HeaderValue::Bool(true));
/// assert!(aws_smithy_eventstream::smithy::expect_bool(&header).unwrap());
/// assert!(aws_smithy_eventstream::smithy::expect_int32(&header).is_err());
/// ```
pub fn expect_bool(header: &Header) -> Result<bool, Error> {
    expect(header, "Bool", |v| v.as_bool().ok())
}

/// `header`'s value as an `i8`, or an unmarshalling error.
///
/// ```
/// use aws_smithy_types::event_stream::{Header, HeaderValue};
/// let header = Header::new("n", HeaderValue::Byte(-1));
/// assert_eq!(aws_smithy_eventstream::smithy::expect_byte(&header).unwrap(), -1);
/// ```
pub fn expect_byte(header: &Header) -> Result<i8, Error> {
    expect(header, "Byte", |v| v.as_byte().ok())
}

/// `header`'s value as an `i16`, or an unmarshalling error.
///
/// ```
/// use aws_smithy_types::event_stream::{Header, HeaderValue};
/// let header = Header::new("n", HeaderValue::Int16(300));
/// assert_eq!(aws_smithy_eventstream::smithy::expect_int16(&header).unwrap(), 300);
/// ```
pub fn expect_int16(header: &Header) -> Result<i16, Error> {
    expect(header, "Int16", |v| v.as_int16().ok())
}

/// `header`'s value as an `i32`, or an unmarshalling error.
///
/// ```
/// use aws_smithy_types::event_stream::{Header, HeaderValue};
/// let header = Header::new("n", HeaderValue::Int32(7));
/// assert_eq!(aws_smithy_eventstream::smithy::expect_int32(&header).unwrap(), 7);
/// ```
pub fn expect_int32(header: &Header) -> Result<i32, Error> {
    expect(header, "Int32", |v| v.as_int32().ok())
}

/// `header`'s value as an `i64`, or an unmarshalling error.
///
/// ```
/// use aws_smithy_types::event_stream::{Header, HeaderValue};
/// let header = Header::new("n", HeaderValue::Int64(1 << 40));
/// assert_eq!(aws_smithy_eventstream::smithy::expect_int64(&header).unwrap(), 1 << 40);
/// ```
pub fn expect_int64(header: &Header) -> Result<i64, Error> {
    expect(header, "Int64", |v| v.as_int64().ok())
}

/// `header`'s value as a `Blob` (sharing its bytes), or an unmarshalling error.
///
/// ```
/// use aws_smithy_types::event_stream::{Header, HeaderValue};
/// let header = Header::new("b", HeaderValue::ByteArray(bytes::Bytes::from_static(b"\x01")));
/// assert_eq!(aws_smithy_eventstream::smithy::expect_byte_array(&header).unwrap().as_ref(), b"\x01");
/// ```
pub fn expect_byte_array(header: &Header) -> Result<Blob, Error> {
    expect(header, "ByteArray", |v| {
        v.as_byte_array()
            .ok()
            .map(|bytes| Blob::from_maybe_shared(bytes.clone()))
    })
}

/// `header`'s value as a `String`, or an unmarshalling error.
///
/// ```
/// use aws_smithy_types::event_stream::{Header, HeaderValue};
/// let header = Header::new("s", HeaderValue::String("text".into()));
/// assert_eq!(aws_smithy_eventstream::smithy::expect_string(&header).unwrap(), "text");
/// ```
pub fn expect_string(header: &Header) -> Result<String, Error> {
    expect(header, "String", |v| {
        v.as_string().ok().map(|s| s.as_str().into())
    })
}

/// `header`'s value as a `DateTime`, or an unmarshalling error.
///
/// ```
/// use aws_smithy_types::{DateTime, event_stream::{Header, HeaderValue}};
/// let header = Header::new("t", HeaderValue::Timestamp(DateTime::from_millis(5)));
/// assert_eq!(aws_smithy_eventstream::smithy::expect_timestamp(&header).unwrap(), DateTime::from_millis(5));
/// ```
pub fn expect_timestamp(header: &Header) -> Result<DateTime, Error> {
    expect(header, "Timestamp", |v| v.as_timestamp().ok())
}

/// The headers that say what a message is, for the SDK's unmarshallers.
///
/// ```
/// use aws_smithy_eventstream::smithy::parse_response_headers;
/// use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
/// let message = Message::new(&b""[..])
///     .add_header(Header::new(":message-type", HeaderValue::String("event".into())))
///     .add_header(Header::new(":event-type", HeaderValue::String("Chunk".into())));
/// let headers = parse_response_headers(&message).unwrap();
/// assert_eq!((headers.message_type.as_str(), headers.smithy_type.as_str()), ("event", "Chunk"));
/// assert_eq!(headers.content_type(), None);
/// ```
#[derive(Debug)]
pub struct ResponseHeaders<'a> {
    /// `:content-type`: the payload's media type, when the message has one
    /// (`application/json`, `application/octet-stream`, `text/plain`...).
    pub content_type: Option<&'a StrBytes>,
    /// `:message-type`: `event` or `exception`.
    pub message_type: &'a StrBytes,
    /// `:event-type` of an event, `:exception-type` of an exception: which
    /// member of the stream's union the message is.
    pub smithy_type: &'a StrBytes,
}

impl ResponseHeaders<'_> {
    /// `:content-type`, as text.
    ///
    /// ```
    /// # use aws_smithy_eventstream::smithy::parse_response_headers;
    /// # use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
    /// # let message = Message::new(&b""[..])
    /// #     .add_header(Header::new(":message-type", HeaderValue::String("event".into())))
    /// #     .add_header(Header::new(":event-type", HeaderValue::String("Chunk".into())))
    /// #     .add_header(Header::new(":content-type", HeaderValue::String("text/plain".into())));
    /// assert_eq!(parse_response_headers(&message).unwrap().content_type(), Some("text/plain"));
    /// ```
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.map(StrBytes::as_str)
    }
}

/// Reads `:message-type` (required: `event` or `exception`), then
/// `:event-type` or `:exception-type` by it, and `:content-type` when
/// present; each must be a string. Anything missing or of another type is
/// an unmarshalling error that names it. When a name repeats, the last one
/// counts, as in the real crate.
///
/// ```
/// use aws_smithy_eventstream::smithy::parse_response_headers;
/// use aws_smithy_types::event_stream::Message;
/// let error = parse_response_headers(&Message::new(&b""[..])).unwrap_err();
/// assert!(error.to_string().contains(":message-type"));
/// ```
pub fn parse_response_headers(message: &Message) -> Result<ResponseHeaders<'_>, Error> {
    let message_type =
        string_header(message, ":message-type")?.ok_or_else(|| missing(":message-type"))?;
    let content_type = string_header(message, ":content-type")?;
    let smithy_type_header = match message_type.as_str() {
        "event" => ":event-type",
        "exception" => ":exception-type",
        other => {
            return Err(Error::unmarshalling(format!(
                "unrecognized `:message-type`: {other}"
            )));
        }
    };
    Ok(ResponseHeaders {
        content_type,
        message_type,
        smithy_type: string_header(message, smithy_type_header)?
            .ok_or_else(|| missing(smithy_type_header))?,
    })
}

/// The string value of the last header `name` (the real crate's choice
/// when a name repeats): `None` when there is none.
fn string_header<'a>(message: &'a Message, name: &str) -> Result<Option<&'a StrBytes>, Error> {
    let headers = message.headers().iter();
    let Some(header) = headers.rev().find(|h| h.name().as_str() == name) else {
        return Ok(None);
    };
    header.value().as_string().map(Some).map_err(|value| {
        Error::unmarshalling(format!(
            "expected response {name} header to be string, received {value:?}"
        ))
    })
}

fn missing(name: &str) -> Error {
    Error::unmarshalling(format!(
        "expected response to include {name} header, but it was missing"
    ))
}
