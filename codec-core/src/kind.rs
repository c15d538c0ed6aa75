//! What kind of message a frame is, by its `:message-type` header, for any
//! AWS service: an event, a modelled exception, or an unmodelled error.
//!
//! ```text
//! :message-type  event (or absent)  + :event-type                        -> Event
//!                exception          + :exception-type                    -> Exception
//!                error              + :error-code [+ :error-message]     -> Error
//! ```

use crate::PRELUDE_LEN;
use crate::json::{JsonObject, JsonStr};
use crate::wire::type_byte;
use crate::{Error, HeaderValue, Headers};
use core::fmt;

/// The header that says what kind of message a frame is.
pub(crate) const MESSAGE_TYPE: &str = ":message-type";
/// The header that names an event's type.
pub(crate) const EVENT_TYPE: &str = ":event-type";
/// The header that names an exception's type.
pub(crate) const EXCEPTION_TYPE: &str = ":exception-type";
/// The header that carries an error's code.
pub(crate) const ERROR_CODE: &str = ":error-code";
/// The header that carries an error's message.
pub(crate) const ERROR_MESSAGE: &str = ":error-message";

/// What kind of message a frame is; see [`MessageRef::kind`](crate::MessageRef::kind).
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Decoder, Header, HeaderValue, MessageKind};
/// let frame = eventstream_core::encode_to_vec(&[
///     Header::new(":message-type", HeaderValue::String("exception")),
///     Header::new(":exception-type", HeaderValue::String("ThrottlingException")),
/// ], b"{\"message\":\"slow down\"}").unwrap();
/// let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// assert_eq!(message.kind(), Ok(MessageKind::Exception { exception_type: "ThrottlingException" }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind<'a> {
    /// `:message-type` `event`, or absent (as the SDKs tolerate), with its `:event-type`.
    Event {
        /// The `:event-type` header: `chunk`, `PayloadChunk`, `Records`, ...
        event_type: &'a str,
    },
    /// `:message-type` `exception`: an error the service's model declares.
    Exception {
        /// The `:exception-type` header: `ThrottlingException`, ...
        exception_type: &'a str,
    },
    /// `:message-type` `error`: an error outside the model.
    Error {
        /// The `:error-code` header.
        code: &'a str,
        /// The `:error-message` header, when there is one.
        message: Option<&'a str>,
    },
}

/// Where a header block's `:event-type` value is, when the block is an
/// event's: what a decoder keeps with a block it remembers, so that the
/// kind of a frame with the same block needs no walk (every event of one
/// type in a stream carries the same block). A cache: it takes no part in
/// comparing views, which compare their frames' bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KindHint(Option<(u8, u8)>);

impl KindHint {
    /// No hint: the kind is found by a walk.
    pub(crate) const NONE: KindHint = KindHint(None);

    /// The hint for a block, from one walk.
    pub(crate) fn of(headers: Headers<'_>) -> Self {
        let Ok((MessageKind::Event { event_type }, Some(start))) = kind_of(headers) else {
            return KindHint::NONE;
        };
        match (u8::try_from(start), u8::try_from(event_type.len())) {
            (Ok(start), Ok(len)) => KindHint(Some((start, len))),
            _ => KindHint::NONE,
        }
    }

    /// The event type's bytes in `block`, the block the hint was found in.
    #[inline]
    pub(crate) fn event_type(self, block: &[u8]) -> Option<&[u8]> {
        let (start, len) = self.0?;
        let start = usize::from(start);
        block.get(start..start + usize::from(len))
    }
}

/// The rules of the table above, over a frame's headers: `:message-type`
/// and `:event-type` are found in one walk. With an event, where its type's
/// value starts in the block.
#[inline]
pub(crate) fn kind_of(headers: Headers<'_>) -> Result<(MessageKind<'_>, Option<usize>), Error> {
    let [message_type, event_type] = headers.find_each([MESSAGE_TYPE, EVENT_TYPE]);
    let (message_type, at) = match message_type {
        None => ("event", 0),
        Some(header) => match header.value() {
            HeaderValue::String(text) => (text, header.raw().value_start),
            other => return Err(wrong_type(MESSAGE_TYPE, other.type_byte())),
        },
    };
    let kind = match message_type {
        "event" => {
            let start = event_type.map(|h| h.raw().value_start);
            let event_type = required(EVENT_TYPE, event_type.map(|h| h.value()))?;
            return Ok((MessageKind::Event { event_type }, start));
        }
        "exception" => MessageKind::Exception {
            exception_type: required(EXCEPTION_TYPE, headers.get(EXCEPTION_TYPE))?,
        },
        "error" => {
            let [code, message] = headers.get_each([ERROR_CODE, ERROR_MESSAGE]);
            MessageKind::Error {
                code: required(ERROR_CODE, code)?,
                message: string(ERROR_MESSAGE, message)?,
            }
        }
        other => {
            return Err(Error::UnknownMessageType {
                len: other.len(),
                offset: PRELUDE_LEN + at,
            });
        }
    };
    Ok((kind, None))
}

/// The error for a kind header that is not a string.
fn wrong_type(name: &'static str, found: u8) -> Error {
    Error::HeaderWrongType {
        name,
        expected: type_byte::STRING,
        found,
    }
}

/// The text of a header that must be a string when present.
fn string<'a>(
    name: &'static str,
    value: Option<HeaderValue<'a>>,
) -> Result<Option<&'a str>, Error> {
    match value {
        None => Ok(None),
        Some(HeaderValue::String(text)) => Ok(Some(text)),
        Some(other) => Err(wrong_type(name, other.type_byte())),
    }
}

/// The text of a header that must be there, a string.
fn required<'a>(name: &'static str, value: Option<HeaderValue<'a>>) -> Result<&'a str, Error> {
    string(name, value)?.ok_or(Error::MissingHeader { name })
}

impl fmt::Display for MessageKind<'_> {
    /// `event PayloadChunk`, `exception ThrottlingException`, `error InternalFailure: message`.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::MessageKind;
    /// assert_eq!(MessageKind::Error { code: "E", message: Some("m") }.to_string(), "error E: m");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageKind::Event { event_type } => write!(f, "event {event_type}"),
            MessageKind::Exception { exception_type } => write!(f, "exception {exception_type}"),
            MessageKind::Error {
                code,
                message: Some(message),
            } => write!(f, "error {code}: {message}"),
            MessageKind::Error {
                code,
                message: None,
            } => write!(f, "error {code}"),
        }
    }
}

/// The `message` (or `Message`) member of an exception's JSON body, as the
/// AWS SDKs read it; `None` when the body is not a JSON object or has neither.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::exception_message;
/// assert_eq!(exception_message(br#"{"Message":"slow down"}"#).unwrap().to_string(), "slow down");
/// assert!(exception_message(b"not json").is_none());
/// ```
pub fn exception_message(payload: &[u8]) -> Option<JsonStr<'_>> {
    let body = JsonObject::parse_bytes(payload).ok()?;
    body.get("message")
        .or_else(|| body.get("Message"))?
        .as_str()
}
