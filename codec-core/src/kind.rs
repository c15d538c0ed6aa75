//! What kind of message a frame is, by its `:message-type` header, for any
//! AWS service: an event, a modelled exception, or an unmodelled error.
//!
//! ```text
//! :message-type  event (or absent)  + :event-type                        -> Event
//!                exception          + :exception-type                    -> Exception
//!                error              + :error-code [+ :error-message]     -> Error
//! ```

use crate::PRELUDE_LEN;
use crate::header::{self, ValidBlock, type_byte};
use crate::{Error, HeaderValue, MessageRef};
use core::fmt;

/// The header that says what kind of message a frame is.
pub const MESSAGE_TYPE: &str = ":message-type";
/// The header that names an event's type.
pub const EVENT_TYPE: &str = ":event-type";
/// The header that names an exception's type.
pub const EXCEPTION_TYPE: &str = ":exception-type";
/// The header that carries an error's code.
pub const ERROR_CODE: &str = ":error-code";
/// The header that carries an error's message.
pub const ERROR_MESSAGE: &str = ":error-message";

/// What kind of message a frame is; see [`MessageRef::kind`].
///
/// ```
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

impl<'a> MessageRef<'a> {
    /// What kind of message this frame is: an [`Event`](MessageKind::Event)
    /// by its `:event-type`, an [`Exception`](MessageKind::Exception) by its
    /// `:exception-type`, an [`Error`](MessageKind::Error) by its
    /// `:error-code`. A frame that fits none of them is an error naming the
    /// header that is missing or of the wrong type, or the `:message-type`
    /// that is unknown.
    ///
    /// ```
    /// use eventstream_core::{Decoder, Error, Header, HeaderValue, MessageKind};
    /// let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("chunk"))], b"{}").unwrap();
    /// let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    /// assert_eq!(message.kind(), Ok(MessageKind::Event { event_type: "chunk" }));
    ///
    /// let frame = eventstream_core::encode_to_vec(&[Header::new(":message-type", HeaderValue::String("error"))], b"").unwrap();
    /// let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    /// assert_eq!(message.kind(), Err(Error::MissingHeader { name: ":error-code" }));
    /// ```
    pub fn kind(&self) -> Result<MessageKind<'a>, Error> {
        match self.kind_bytes()? {
            KindBytes::Event(event_type) => Ok(MessageKind::Event {
                event_type: header::valid_text(event_type, self.offset_of(event_type))?,
            }),
            KindBytes::Other(kind) => Ok(kind),
        }
    }

    /// [`kind`](Self::kind) with an event's type left as bytes, for a
    /// dispatch that compares it with the types it knows and needs no `&str`
    /// for them.
    #[inline]
    pub(crate) fn kind_bytes(&self) -> Result<KindBytes<'a>, Error> {
        kind_of(self.valid_block())
    }
}

/// The rules of the table above, over a header block: `:message-type` and
/// `:event-type` are found in one walk, unless the decoder remembered where
/// the event type is (the block is byte for byte one it saw before).
#[inline]
fn kind_of(block: ValidBlock<'_>) -> Result<KindBytes<'_>, Error> {
    if let Some(event_type) = block.remembered_event_type() {
        return Ok(KindBytes::Event(event_type));
    }
    let [message_type, event_type] = block.find_raw_each([MESSAGE_TYPE, EVENT_TYPE]);
    // `:message-type` is compared as bytes, never made a `&str`: it is
    // one of three words, or wrong.
    let message_type = match message_type {
        None => b"event".as_slice(),
        Some((type_byte::STRING, value)) => value,
        Some((found, _)) => return Err(wrong_type(MESSAGE_TYPE, found)),
    };
    match message_type {
        b"event" => match event_type {
            Some((type_byte::STRING, value)) => Ok(KindBytes::Event(value)),
            Some((found, _)) => Err(wrong_type(EVENT_TYPE, found)),
            None => Err(Error::MissingHeader { name: EVENT_TYPE }),
        },
        b"exception" => Ok(KindBytes::Other(MessageKind::Exception {
            exception_type: required(EXCEPTION_TYPE, block.find(EXCEPTION_TYPE))?,
        })),
        b"error" => {
            let [code, message] = block.find_each([ERROR_CODE, ERROR_MESSAGE]);
            Ok(KindBytes::Other(MessageKind::Error {
                code: required(ERROR_CODE, code)?,
                message: string(ERROR_MESSAGE, message)?,
            }))
        }
        other => Err(Error::UnknownMessageType {
            len: other.len(),
            offset: PRELUDE_LEN + block.offset_of(other),
        }),
    }
}

/// Where in `block` the value of its `:event-type` is (start, length),
/// when the block is an event's and it fits in a byte's range: what a
/// decoder remembers with a block, so that [`kind_of`] need not walk an
/// identical one again.
pub(crate) fn event_type_at(block: ValidBlock<'_>) -> Option<(u8, u8)> {
    let Ok(KindBytes::Event(event_type)) = kind_of(block) else {
        return None;
    };
    let start = u8::try_from(block.offset_of(event_type)).ok()?;
    Some((start, u8::try_from(event_type.len()).ok()?))
}

/// What [`MessageRef::kind_bytes`] found: an event's type as the bytes of a
/// string header (valid UTF-8, as the block was validated), or any other kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KindBytes<'a> {
    /// An event, with the bytes of its `:event-type`.
    Event(&'a [u8]),
    /// An exception or an error.
    Other(MessageKind<'a>),
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
    /// ```
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
